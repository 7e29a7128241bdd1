#include "rill/zkvm/stages/instruction_claim_reduction.hpp"

namespace rill::zkvm {

namespace {

ProductShape reduction_shape(const Fr& gamma) {
  const std::vector<Fr> g = gamma_powers(gamma, 5);
  std::vector<ProductTerm> terms;
  for (unsigned i = 0; i < 5; ++i) terms.push_back({{i}, g[i], 0});
  return ProductShape::from_terms(5, std::move(terms));
}

}  // namespace

std::vector<CycleFactor> instruction_claim_reduction_factors() {
  return {{poly(Input::kLookupOutput)},
          {poly(Input::kLeftLookupOperand)},
          {poly(Input::kRightLookupOperand)},
          {poly(Input::kLeftInstructionInput)},
          {poly(Input::kRightInstructionInput)}};
}

InstructionClaimReductionProver::InstructionClaimReductionProver(const Fr& gamma,
                                                                 std::vector<Fr> r_c1,
                                                                 const StageConfig& config,
                                                                 const std::array<Fr, 5>& inputs)
    : TypedCycleProductProver<u64>(instruction_claim_reduction_factors(), reduction_shape(gamma),
                                   one_weight(Weight::eq(r_c1)), static_cast<unsigned>(r_c1.size()),
                                   config, gamma_combination(gamma, inputs),
                                   at(PointName::kCycle2)) {}

InstructionClaimReductionVerifier::InstructionClaimReductionVerifier(
    const Fr& gamma, std::vector<Fr> r_c1, const std::array<Fr, 5>& inputs,
    const std::array<Fr, 5>& outputs)
    : CycleProductVerifier(instruction_claim_reduction_factors(), reduction_shape(gamma),
                           one_weight(Weight::eq(r_c1)), static_cast<unsigned>(r_c1.size()),
                           gamma_combination(gamma, inputs), outputs) {}

}  // namespace rill::zkvm
