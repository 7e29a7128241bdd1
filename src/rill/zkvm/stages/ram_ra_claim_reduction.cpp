#include "rill/zkvm/stages/ram_ra_claim_reduction.hpp"

namespace rill::zkvm {

RamRaKernel::RamRaKernel(std::span<const Fr> r_a2, bool one_hot)
    : address_eq_(std::make_shared<const HalvedEqTable>(r_a2)) {
  if (one_hot) table_ = std::make_shared<const tracked_vector<Fr>>(eq_table(r_a2));
}

bool one_hot_ram_ra(unsigned log_k_ram, unsigned log_t, const Schedule& schedule) {
  return schedule.is_linear() && log_k_ram < 16 && log_k_ram <= log_t;
}

RamRaClaimReductionProver::RamRaClaimReductionProver(const Fr& gamma, std::span<const Fr> r_a2,
                                                     std::vector<Fr> r_c1, std::vector<Fr> r_c2,
                                                     std::vector<Fr> r_c4, Schedule schedule,
                                                     const Fr& claim)
    : KernelStageProver<RamRaKernel>(
          // The schedule is copied, not moved: the kernel's argument reads it.
          RamRaKernel(r_a2, one_hot_ram_ra(static_cast<unsigned>(r_a2.size()),
                                           static_cast<unsigned>(r_c1.size()), schedule)),
          static_cast<unsigned>(r_c1.size()), ProductShape::product(1),
          Weight::eq_combination({r_c1, r_c2, r_c4}, {Fr::one(), gamma, gamma * gamma}),
          Schedule(schedule), claim) {}

void RamRaClaimReductionProver::output_claims(const PointTable&, StageClaims& claims) const {
  claims.set({poly(PolyFamily::kRamRa), at(PointName::kRamAddress2, PointName::kCycle5)},
             factor_evals()[0]);
}

RamRaClaimReductionVerifier::RamRaClaimReductionVerifier(const Fr& gamma, std::vector<Fr> r_c1,
                                                         std::vector<Fr> r_c2, std::vector<Fr> r_c4,
                                                         std::array<Fr, 3> ra_claims,
                                                         const Fr& reduced)
    : gamma_(gamma),
      r_c1_(std::move(r_c1)),
      r_c2_(std::move(r_c2)),
      r_c4_(std::move(r_c4)),
      claim_(ra_claims[0] + gamma * ra_claims[1] + gamma * gamma * ra_claims[2]),
      reduced_(reduced) {}

Fr RamRaClaimReductionVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c1_.size(), "one challenge per round");
  const std::vector<Fr> r(challenges.rbegin(), challenges.rend());
  return reduced_ *
         (eq_eval(r_c1_, r) + gamma_ * eq_eval(r_c2_, r) + gamma_ * gamma_ * eq_eval(r_c4_, r));
}

}  // namespace rill::zkvm
