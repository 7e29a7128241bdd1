// Stage 2c: instruction claim reduction (reference jolt-protocol.md §3 stage 2c, §9.4): the five
// instruction-lookup claims of stage 1 at r_c^1 moved to r_c^2, the point of the product
// virtualization (both are log T instances at offset log K_ram in stage 2), with one γ
// (γ_instruction_cr):
//
//   LookupOutput(r_c^1) + γ·LeftLookupOperand(r_c^1) + γ²·RightLookupOperand(r_c^1)
//     + γ³·LeftInstructionInput(r_c^1) + γ⁴·RightInstructionInput(r_c^1)
//   = Σ_j eq(r_c^1, j)·(LookupOutput + γ·LeftLookupOperand + γ²·RightLookupOperand
//                       + γ³·LeftInstructionInput + γ⁴·RightInstructionInput)(j)
//
// log T rounds, degree 2; factors = the five polynomials (single-factor terms, coefficients γ^i).
// Outputs @ r_c^2 in that order; LookupOutput and the two instruction inputs repeat the product
// virtualization's claims (same polynomial, same point: not re-serialized).
// Verifier: eq(r_c^1, r_c^2)·Σ_i γ^i·claim_i(r_c^2).
#pragma once

#include <array>

#include "rill/zkvm/stages/cycle_product.hpp"

namespace rill::zkvm {

inline constexpr unsigned kInstructionClaimReductionDegree = 2;

class InstructionClaimReductionProver final : public TypedCycleProductProver<u64> {
 public:
  // inputs: the five polynomials @ r_c^1, in factor order.
  InstructionClaimReductionProver(const Fr& gamma, std::vector<Fr> r_c1, const StageConfig& config,
                                  const std::array<Fr, 5>& inputs);
};

class InstructionClaimReductionVerifier final : public CycleProductVerifier {
 public:
  InstructionClaimReductionVerifier(const Fr& gamma, std::vector<Fr> r_c1,
                                    const std::array<Fr, 5>& inputs,
                                    const std::array<Fr, 5>& outputs);
};

std::vector<CycleFactor> instruction_claim_reduction_factors();

}  // namespace rill::zkvm
