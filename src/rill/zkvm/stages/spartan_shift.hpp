// Stage 3a: Spartan shift (reference jolt-protocol.md §3 stage 3a): the "next row" inputs of the
// R1CS, claimed at r_c^1 by stage 1 (and NextIsNoop at r_c^2 by the product virtualization),
// reduced to the current-row polynomials at r_c^3 through eq+1, with one γ (γ_shift, powers
// 1…γ⁴):
//
//   NextUnexpandedPC(r_c^1) + γ·NextPC(r_c^1) + γ²·NextIsVirtual(r_c^1)
//     + γ³·NextIsFirstInSequence(r_c^1) + γ⁴·(1 − NextIsNoop(r_c^2))
//   = Σ_j eq+1(r_c^1, j)·(UnexpandedPC + γ·PC + γ²·OpFlags(VirtualInstruction)
//                         + γ³·OpFlags(IsFirstInSequence))(j)
//     + γ⁴·eq+1(r_c^2, j)·(1 − InstructionFlags(IsNoop))(j)
//
// eq+1(w, j) = [j = w + 1] with no wrap-around, so Σ_j eq+1(w, j)·f(j) is the MLE of
// g(i) = f(i + 1) for i < T − 1 and g(T − 1) = 0. The Next* inputs equal the next row's values
// and are 0 (NextIsNoop = 1) at the last cycle, which is always a padding no-op (T ≥ rows + 1),
// so both sides agree. log T rounds, degree 2, offset 0; two weight groups (eq+1 at r_c^1 and at
// r_c^2). Factors: UnexpandedPC, PC, OpFlags(VirtualInstruction), OpFlags(IsFirstInSequence) and
// 1 − IsNoop (complemented: the claim is IsNoop = 1 − factor). Outputs @ r_c^3: UnexpandedPC, PC,
// OpFlags(VirtualInstruction), OpFlags(IsFirstInSequence), InstructionFlags(IsNoop).
// Verifier: eq+1(r_c^1, r_c^3)·(UPC + γ·PC + γ²·V + γ³·F) + γ⁴·eq+1(r_c^2, r_c^3)·(1 − IsNoop).
#pragma once

#include <array>

#include "rill/zkvm/stages/cycle_product.hpp"

namespace rill::zkvm {

inline constexpr unsigned kShiftDegree = 2;

class ShiftProver final : public TypedCycleProductProver<u64> {
 public:
  // inputs: NextUnexpandedPC, NextPC, NextIsVirtual, NextIsFirstInSequence @ r_c^1,
  // NextIsNoop @ r_c^2.
  ShiftProver(const Fr& gamma, std::vector<Fr> r_c1, std::vector<Fr> r_c2,
              const StageConfig& config, const std::array<Fr, 5>& inputs);
};

class ShiftVerifier final : public CycleProductVerifier {
 public:
  // outputs: UnexpandedPC, PC, VirtualInstruction, IsFirstInSequence, IsNoop @ r_c^3.
  ShiftVerifier(const Fr& gamma, std::vector<Fr> r_c1, std::vector<Fr> r_c2,
                const std::array<Fr, 5>& inputs, const std::array<Fr, 5>& outputs);
};

std::vector<CycleFactor> shift_factors();
// The input claim above from the five input claims.
Fr shift_input_claim(const Fr& gamma, const std::array<Fr, 5>& inputs);

}  // namespace rill::zkvm
