#include "rill/zkvm/stages/ram_val_check.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

RamValCheckKernel::RamValCheckKernel(std::span<const Fr> r_a2, bool one_hot)
    : address_eq_(std::make_shared<HalvedEqTable>(r_a2)),
      table_(one_hot ? std::make_shared<const tracked_vector<Fr>>(eq_table(r_a2)) : nullptr) {}

namespace {
// Inc·ra·LT(j, r_c^2) (group 0, weight LT) + γ·Inc·ra (group 1, no weight).
ProductShape val_check_shape(const Fr& gamma) {
  return ProductShape::from_terms(
      2, {ProductTerm{{0, 1}, Fr::one(), 0}, ProductTerm{{0, 1}, gamma, 1}});
}
std::vector<Weight> val_check_weights(std::span<const Fr> r_c2) {
  std::vector<Weight> w;
  w.push_back(Weight::less_than(std::vector<Fr>(r_c2.begin(), r_c2.end())));
  w.push_back(Weight::none());
  return w;
}
}  // namespace

RamValCheckProver::RamValCheckProver(const Fr& gamma, std::span<const Fr> r_a2,
                                     std::span<const Fr> r_c2, unsigned log_t, Schedule schedule,
                                     const Fr& claim)
    : KernelStageProver<RamValCheckKernel>(RamValCheckKernel(r_a2, schedule.is_linear()), log_t,
                                           val_check_shape(gamma), val_check_weights(r_c2),
                                           schedule, claim) {}

void RamValCheckProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  using PN = PointName;
  claims.set({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle4)}, f[1]);
  claims.set({poly(PolyFamily::kRamInc), at(PN::kCycle4)}, f[0]);
}

RamValCheckVerifier::RamValCheckVerifier(const Fr& gamma, std::vector<Fr> r_c2, const Fr& ram_val,
                                         const Fr& ram_val_final, const Fr& init_at_r_a2,
                                         const Fr& ra, const Fr& inc)
    : gamma_(gamma),
      r_c2_(std::move(r_c2)),
      claim_((ram_val - init_at_r_a2) + gamma * (ram_val_final - init_at_r_a2)),
      ra_(ra),
      inc_(inc) {}

Fr RamValCheckVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c2_.size(), "one challenge per round");
  const std::vector<Fr> r_c4(challenges.rbegin(), challenges.rend());
  return inc_ * ra_ * (lt_eval(r_c4, r_c2_) + gamma_);
}

}  // namespace rill::zkvm
