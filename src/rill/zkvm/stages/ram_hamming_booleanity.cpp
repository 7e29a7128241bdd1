#include "rill/zkvm/stages/ram_hamming_booleanity.hpp"

namespace rill::zkvm {

RamHammingBooleanityProver::RamHammingBooleanityProver(std::vector<Fr> r_c1, Schedule schedule)
    : KernelStageProver<RamHammingKernel>(RamHammingKernel{}, static_cast<unsigned>(r_c1.size()),
                                          ProductShape::product(2), Weight::eq(r_c1),
                                          std::move(schedule), Fr::zero()) {}

void RamHammingBooleanityProver::output_claims(const PointTable&, StageClaims& claims) const {
  claims.set({poly(PolyFamily::kRamHammingWeight), at(PointName::kCycle6)}, factor_evals()[0]);
}

RamHammingBooleanityVerifier::RamHammingBooleanityVerifier(std::vector<Fr> r_c1,
                                                           const Fr& hamming_weight)
    : r_c1_(std::move(r_c1)), h_(hamming_weight) {}

Fr RamHammingBooleanityVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c1_.size(), "one challenge per round");
  const std::vector<Fr> r_c6(challenges.rbegin(), challenges.rend());
  return eq_eval(r_c1_, r_c6) * (h_ * h_ - h_);
}

}  // namespace rill::zkvm
