// Stage 3c: registers claim reduction (reference jolt-protocol.md §3 stage 3c, §9.4): the three
// register values of stage 1 at r_c^1 moved to r_c^3, the point of stage 3, with one γ
// (γ_registers_cr):
//
//   RdWriteValue(r_c^1) + γ·Rs1Value(r_c^1) + γ²·Rs2Value(r_c^1)
//     = Σ_j eq(r_c^1, j)·(RdWriteValue + γ·Rs1Value + γ²·Rs2Value)(j)
//
// log T rounds, degree 2, offset 0. Outputs @ r_c^3: RdWriteValue, Rs1Value, Rs2Value (the last
// two repeat the instruction-input virtualization's claims). They feed the registers read-write
// checking of stage 4.
// Verifier: eq(r_c^1, r_c^3)·(Rd + γ·Rs1 + γ²·Rs2)(r_c^3).
#pragma once

#include <array>

#include "rill/zkvm/stages/cycle_product.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRegistersClaimReductionDegree = 2;

class RegistersClaimReductionProver final : public TypedCycleProductProver<u64> {
 public:
  // inputs: RdWriteValue, Rs1Value, Rs2Value @ r_c^1.
  RegistersClaimReductionProver(const Fr& gamma, std::vector<Fr> r_c1, const StageConfig& config,
                                const std::array<Fr, 3>& inputs);
};

class RegistersClaimReductionVerifier final : public CycleProductVerifier {
 public:
  RegistersClaimReductionVerifier(const Fr& gamma, std::vector<Fr> r_c1,
                                  const std::array<Fr, 3>& inputs,
                                  const std::array<Fr, 3>& outputs);
};

std::vector<CycleFactor> registers_claim_reduction_factors();

}  // namespace rill::zkvm
