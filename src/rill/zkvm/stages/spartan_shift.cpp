#include "rill/zkvm/stages/spartan_shift.hpp"

namespace rill::zkvm {

namespace {

ProductShape shift_shape(const Fr& gamma) {
  const std::vector<Fr> g = gamma_powers(gamma, 5);
  return ProductShape::from_terms(
      5, {{{0}, g[0], 0}, {{1}, g[1], 0}, {{2}, g[2], 0}, {{3}, g[3], 0}, {{4}, g[4], 1}});
}

std::vector<Weight> shift_weights(const std::vector<Fr>& r_c1, const std::vector<Fr>& r_c2) {
  return {Weight::eq_plus_one(r_c1), Weight::eq_plus_one(r_c2)};
}

}  // namespace

std::vector<CycleFactor> shift_factors() {
  return {{poly(Input::kUnexpandedPc)},
          {poly(Input::kPc)},
          {poly(Input::kFlagVirtualInstruction)},
          {poly(Input::kFlagIsFirstInSequence)},
          {poly(InstructionFlag::kIsNoop), true}};
}

Fr shift_input_claim(const Fr& gamma, const std::array<Fr, 5>& inputs) {
  const std::array<Fr, 5> terms = {inputs[0], inputs[1], inputs[2], inputs[3],
                                   Fr::one() - inputs[4]};
  return gamma_combination(gamma, terms);
}

ShiftProver::ShiftProver(const Fr& gamma, std::vector<Fr> r_c1, std::vector<Fr> r_c2,
                         const StageConfig& config, const std::array<Fr, 5>& inputs)
    : TypedCycleProductProver<u64>(shift_factors(), shift_shape(gamma), shift_weights(r_c1, r_c2),
                                   static_cast<unsigned>(r_c1.size()), config,
                                   shift_input_claim(gamma, inputs), at(PointName::kCycle3)) {}

ShiftVerifier::ShiftVerifier(const Fr& gamma, std::vector<Fr> r_c1, std::vector<Fr> r_c2,
                             const std::array<Fr, 5>& inputs, const std::array<Fr, 5>& outputs)
    : CycleProductVerifier(shift_factors(), shift_shape(gamma), shift_weights(r_c1, r_c2),
                           static_cast<unsigned>(r_c1.size()), shift_input_claim(gamma, inputs),
                           outputs) {}

}  // namespace rill::zkvm
