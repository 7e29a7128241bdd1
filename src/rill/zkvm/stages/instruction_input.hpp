// Stage 3b: instruction-input virtualization (reference jolt-protocol.md §3 stage 3b): the two
// instruction inputs claimed at r_c^2 (by the product virtualization and the instruction claim
// reduction) expressed through the operand selectors and the operand values at r_c^3, with one γ
// (γ_instruction_input):
//
//   RightInstructionInput(r_c^2) + γ·LeftInstructionInput(r_c^2)
//     = Σ_j eq(r_c^2, j)·[ RightOperandIsRs2Value·Rs2Value + RightOperandIsImm·Imm
//                          + γ·(LeftOperandIsRs1Value·Rs1Value + LeftOperandIsPC·UnexpandedPC) ](j)
//
// Per row Left = rs1 value, unexpanded PC or 0 and Right = rs2 value, the immediate or 0, as the
// InstructionFlags select (witness/cycle_witness.cpp; every kind whose right operand is the
// immediate stores it as an unsigned 32-bit value, so Imm equals the operand exactly). log T
// rounds, degree 3, offset 0. Factors, in the table's claim order: LeftOperandIsRs1Value,
// Rs1Value, LeftOperandIsPC, UnexpandedPC, RightOperandIsRs2Value, Rs2Value, RightOperandIsImm,
// Imm. Outputs @ r_c^3: the eight factors (UnexpandedPC repeats the shift's claim).
// Verifier: eq(r_c^2, r_c^3)·(R2·Rs2 + RI·Imm + γ·(L1·Rs1 + LP·UPC)).
#pragma once

#include <array>

#include "rill/zkvm/stages/cycle_product.hpp"

namespace rill::zkvm {

inline constexpr unsigned kInstructionInputDegree = 3;

class InstructionInputProver final : public TypedCycleProductProver<i64> {
 public:
  // inputs: RightInstructionInput, LeftInstructionInput @ r_c^2.
  InstructionInputProver(const Fr& gamma, std::vector<Fr> r_c2, const StageConfig& config,
                         const std::array<Fr, 2>& inputs);
};

class InstructionInputVerifier final : public CycleProductVerifier {
 public:
  InstructionInputVerifier(const Fr& gamma, std::vector<Fr> r_c2, const std::array<Fr, 2>& inputs,
                           const std::array<Fr, 8>& outputs);
};

std::vector<CycleFactor> instruction_input_factors();

}  // namespace rill::zkvm
