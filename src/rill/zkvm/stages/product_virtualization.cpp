#include "rill/zkvm/stages/product_virtualization.hpp"

namespace rill::zkvm {

namespace {

// Left·Right + γ·LookupOutput·Branch + γ²·Jump·(1 − NextIsNoop), the last term written as
// −γ²·Jump·(NextIsNoop − 1): one term of two multiplications (ProductTerm::offsets).
ProductShape product_shape(const Fr& gamma) {
  const Fr g2 = gamma * gamma;
  return ProductShape::from_terms(
      6, {{{0, 1}, Fr::one(), 0}, {{3, 4}, gamma, 0}, {{2, 5}, -g2, 0, {Fr::zero(), -Fr::one()}}});
}

}  // namespace

std::vector<CycleFactor> product_virtualization_factors() {
  return {{poly(Input::kLeftInstructionInput)},
          {poly(Input::kRightInstructionInput)},
          {poly(Input::kFlagJump)},
          {poly(Input::kLookupOutput)},
          {poly(InstructionFlag::kBranch)},
          {poly(PolyFamily::kNextIsNoop)}};
}

std::vector<ClaimKey> product_virtualization_sidecars() {
  return {{poly(Input::kFlagWriteLookupOutputToRd), at(PointName::kCycle2)},
          {poly(Input::kFlagVirtualInstruction), at(PointName::kCycle2)}};
}

ProductVirtualizationProver::ProductVirtualizationProver(const Fr& gamma, std::vector<Fr> r_c1,
                                                         const StageConfig& config,
                                                         const std::array<Fr, 3>& inputs)
    : TypedCycleProductProver<u64>(product_virtualization_factors(), product_shape(gamma),
                                   one_weight(Weight::eq(r_c1)), static_cast<unsigned>(r_c1.size()),
                                   config, gamma_combination(gamma, inputs), at(PointName::kCycle2),
                                   product_virtualization_sidecars()) {}

ProductVirtualizationVerifier::ProductVirtualizationVerifier(const Fr& gamma, std::vector<Fr> r_c1,
                                                             const std::array<Fr, 3>& inputs,
                                                             const std::array<Fr, 6>& outputs)
    : CycleProductVerifier(product_virtualization_factors(), product_shape(gamma),
                           one_weight(Weight::eq(r_c1)), static_cast<unsigned>(r_c1.size()),
                           gamma_combination(gamma, inputs), outputs) {}

}  // namespace rill::zkvm
