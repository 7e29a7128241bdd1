// Stage 6b: Inc claim reduction (reference jolt-protocol.md §3 stage 6b, §9.4):
//
//   RamInc(r_c^2) + γ·RamInc(r_c^4) + γ²·RdInc(r_c^4) + γ³·RdInc(r_c^5)
//     = Σ_j RamInc(j)·(eq(r_c^2, j) + γ·eq(r_c^4, j)) + γ²·RdInc(j)·(eq(r_c^4, j) + γ·eq(r_c^5, j))
//
// log T rounds, degree 2: factors RamInc, RdInc, W1 = eq(r_c^2, j) + γ·eq(r_c^4, j) and
// W2 = γ²·(eq(r_c^4, j) + γ·eq(r_c^5, j)) (√T eq tables each), terms RamInc·W1 + RdInc·W2, no
// weight. Outputs: RamInc, RdInc @ r_c^6 (the final opening's dense claims).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kIncClaimReductionDegree = 2;

class IncReductionKernel {
 public:
  using Record = CycleRecord;
  // RamInc and RdInc stay i64 (compact in linear mode until r_0 is bound); the weights are field.
  using Value = i64;
  u32 field_factors() const { return 0b1100; }
  IncReductionKernel(const Fr& gamma, std::span<const Fr> r_c2, std::span<const Fr> r_c4,
                     std::span<const Fr> r_c5);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64 j, i64* small, Fr* field) const;

 private:
  Fr gamma_, gamma2_;
  std::shared_ptr<const HalvedEqTable> eq2_, eq4_, eq5_;
};

class IncClaimReductionProver final : public KernelStageProver<IncReductionKernel> {
 public:
  IncClaimReductionProver(const Fr& gamma, std::span<const Fr> r_c2, std::span<const Fr> r_c4,
                          std::span<const Fr> r_c5, Schedule schedule, const Fr& claim);
  // RamInc @ r_c^6, RdInc @ r_c^6.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class IncClaimReductionVerifier final : public SumcheckVerifierInstance {
 public:
  // inputs: RamInc @2, RamInc @4, RdInc @4, RdInc @5; outputs: RamInc, RdInc @6.
  IncClaimReductionVerifier(const Fr& gamma, std::vector<Fr> r_c2, std::vector<Fr> r_c4,
                            std::vector<Fr> r_c5, std::array<Fr, 4> inputs,
                            std::array<Fr, 2> outputs);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c2_.size()); }
  unsigned degree() const override { return kIncClaimReductionDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  std::vector<Fr> r_c2_, r_c4_, r_c5_;
  Fr claim_;
  std::array<Fr, 2> out_;
};

}  // namespace rill::zkvm
