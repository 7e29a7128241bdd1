#include "rill/zkvm/stages/ram_val_check.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

RamValCheckKernel::RamValCheckKernel(std::span<const Fr> r_a2, std::span<const Fr> r_c2,
                                     const Fr& gamma)
    : address_eq_(std::make_shared<HalvedEqTable>(r_a2)),
      lt_(std::make_shared<HalvedLtTable>(r_c2)),
      gamma_(gamma) {}

void RamValCheckKernel::factors(const CycleRecord& r, const CycleRecord&, u64 j, Fr* out) const {
  const bool access = r.ram_word != kNoAccess;
  out[0] = access ? Fr::from_i64(r.ram_inc) : Fr::zero();
  out[1] = access ? (*address_eq_)(r.ram_word) : Fr::zero();
  out[2] = (*lt_)(j) + gamma_;
}

RamValCheckProver::RamValCheckProver(const Fr& gamma, std::span<const Fr> r_a2,
                                     std::span<const Fr> r_c2, unsigned log_t, Schedule schedule,
                                     const Fr& claim)
    : KernelStageProver<RamValCheckKernel>(RamValCheckKernel(r_a2, r_c2, gamma), log_t,
                                           ProductShape::product(3), Weight::none(),
                                           std::move(schedule), claim) {}

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
