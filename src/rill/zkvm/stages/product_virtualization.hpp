// Stage 2a: Spartan product virtualization (reference jolt-protocol.md §3 stage 2a), without the
// univariate skip: the three product inputs of the R1CS, claimed at r_c^1 by stage 1, reduced to
// their factors at r_c^2 with one γ (γ_product) batching the three products:
//
//   Product(r_c^1) + γ·ShouldBranch(r_c^1) + γ²·ShouldJump(r_c^1)
//     = Σ_j eq(r_c^1, j)·[ LeftInstructionInput·RightInstructionInput
//                          + γ·LookupOutput·InstructionFlags(Branch)
//                          + γ²·OpFlags(Jump)·(1 − NextIsNoop) ](j)
//
// (per row: Product = Left·Right, ShouldBranch = Branch·LookupOutput, ShouldJump =
// Jump·(1 − NextIsNoop), witness/cycle_witness.cpp). log T rounds, degree 3, at offset log K_ram
// in stage 2 (so its point is r_c^2). Factors, in the table's claim order: LeftInstructionInput,
// RightInstructionInput, OpFlags(Jump), LookupOutput, InstructionFlags(Branch), NextIsNoop; the
// Jump term is written γ²·Jump − γ²·Jump·NextIsNoop so that NextIsNoop itself is the factor.
// Outputs @ r_c^2: the six factors, then the sidecar claims OpFlags(WriteLookupOutputToRD) and
// OpFlags(VirtualInstruction) (not factors; read by the bytecode's Val_2).
// Verifier: eq(r_c^1, r_c^2)·(L·R + γ·LO·Br + γ²·J·(1 − NIN)) from the six claims.
#pragma once

#include <array>

#include "rill/zkvm/stages/cycle_product.hpp"

namespace rill::zkvm {

inline constexpr unsigned kProductVirtualizationDegree = 3;

class ProductVirtualizationProver final : public TypedCycleProductProver<u64> {
 public:
  // inputs: Product, ShouldBranch, ShouldJump @ r_c^1.
  ProductVirtualizationProver(const Fr& gamma, std::vector<Fr> r_c1, const StageConfig& config,
                              const std::array<Fr, 3>& inputs);
};

class ProductVirtualizationVerifier final : public CycleProductVerifier {
 public:
  // outputs: the six factors @ r_c^2 in factor order.
  ProductVirtualizationVerifier(const Fr& gamma, std::vector<Fr> r_c1,
                                const std::array<Fr, 3>& inputs, const std::array<Fr, 6>& outputs);
};

// The factors and the sidecars, in the table's order (shared with the tests).
std::vector<CycleFactor> product_virtualization_factors();
std::vector<ClaimKey> product_virtualization_sidecars();

}  // namespace rill::zkvm
