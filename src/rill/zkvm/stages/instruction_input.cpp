#include "rill/zkvm/stages/instruction_input.hpp"

namespace rill::zkvm {

namespace {

ProductShape input_shape(const Fr& gamma) {
  return ProductShape::from_terms(
      8, {{{4, 5}, Fr::one(), 0}, {{6, 7}, Fr::one(), 0}, {{0, 1}, gamma, 0}, {{2, 3}, gamma, 0}});
}

}  // namespace

std::vector<CycleFactor> instruction_input_factors() {
  using IF = InstructionFlag;
  return {{poly(IF::kLeftOperandIsRs1Value)},  {poly(Input::kRs1Value)},
          {poly(IF::kLeftOperandIsPc)},        {poly(Input::kUnexpandedPc)},
          {poly(IF::kRightOperandIsRs2Value)}, {poly(Input::kRs2Value)},
          {poly(IF::kRightOperandIsImm)},      {poly(Input::kImm)}};
}

InstructionInputProver::InstructionInputProver(const Fr& gamma, std::vector<Fr> r_c2,
                                               const StageConfig& config,
                                               const std::array<Fr, 2>& inputs)
    : TypedCycleProductProver<i64>(instruction_input_factors(), input_shape(gamma),
                                   one_weight(Weight::eq(r_c2)), static_cast<unsigned>(r_c2.size()),
                                   config, gamma_combination(gamma, inputs),
                                   at(PointName::kCycle3)) {}

InstructionInputVerifier::InstructionInputVerifier(const Fr& gamma, std::vector<Fr> r_c2,
                                                   const std::array<Fr, 2>& inputs,
                                                   const std::array<Fr, 8>& outputs)
    : CycleProductVerifier(instruction_input_factors(), input_shape(gamma),
                           one_weight(Weight::eq(r_c2)), static_cast<unsigned>(r_c2.size()),
                           gamma_combination(gamma, inputs), outputs) {}

}  // namespace rill::zkvm
