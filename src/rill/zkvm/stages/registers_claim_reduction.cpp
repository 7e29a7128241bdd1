#include "rill/zkvm/stages/registers_claim_reduction.hpp"

namespace rill::zkvm {

namespace {

ProductShape reduction_shape(const Fr& gamma) {
  return ProductShape::from_terms(3,
                                  {{{0}, Fr::one(), 0}, {{1}, gamma, 0}, {{2}, gamma * gamma, 0}});
}

}  // namespace

std::vector<CycleFactor> registers_claim_reduction_factors() {
  return {{poly(Input::kRdWriteValue)}, {poly(Input::kRs1Value)}, {poly(Input::kRs2Value)}};
}

RegistersClaimReductionProver::RegistersClaimReductionProver(const Fr& gamma, std::vector<Fr> r_c1,
                                                             const StageConfig& config,
                                                             const std::array<Fr, 3>& inputs)
    : TypedCycleProductProver<u64>(registers_claim_reduction_factors(), reduction_shape(gamma),
                                   one_weight(Weight::eq(r_c1)), static_cast<unsigned>(r_c1.size()),
                                   config, gamma_combination(gamma, inputs),
                                   at(PointName::kCycle3)) {}

RegistersClaimReductionVerifier::RegistersClaimReductionVerifier(const Fr& gamma,
                                                                 std::vector<Fr> r_c1,
                                                                 const std::array<Fr, 3>& inputs,
                                                                 const std::array<Fr, 3>& outputs)
    : CycleProductVerifier(registers_claim_reduction_factors(), reduction_shape(gamma),
                           one_weight(Weight::eq(r_c1)), static_cast<unsigned>(r_c1.size()),
                           gamma_combination(gamma, inputs), outputs) {}

}  // namespace rill::zkvm
