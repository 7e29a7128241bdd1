// Stage 4b: RAM value check (reference jolt-protocol.md §3 stage 4b), at offset log K_reg in stage
// 4 so it shares the registers' cycle rounds (r_c^{4'} = r_c^4):
//
//   (RamVal(r_a^2, r_c^2) − Init(r_a^2)) + γ·(RamValFinal(r_a^2) − Init(r_a^2))
//     = Σ_j RamInc(j)·ra(r_a^2, j)·(LT(j, r_c^2) + γ)
//
// log T rounds, degree 3: factors RamInc, ra(r_a^2, j) = eq(r_a^2, word of row j) (zero without an
// access) and LT(j, r_c^2) + γ (√T tables), no weight. Outputs: RamRa @ (r_a^2 ‖ r_c^4),
// RamInc @ r_c^4. Verifier: RamInc·RamRa·(LT(r_c^4, r_c^2) + γ).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRamValCheckDegree = 3;

// Per row: RamInc, eq(r_a, word), LT(j, r_c) + γ.
class RamValCheckKernel {
 public:
  using Record = CycleRecord;
  RamValCheckKernel(std::span<const Fr> r_a2, std::span<const Fr> r_c2, const Fr& gamma);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64 j, Fr* out) const;

 private:
  std::shared_ptr<const HalvedEqTable> address_eq_;
  std::shared_ptr<const HalvedLtTable> lt_;
  Fr gamma_;
};

class RamValCheckProver final : public KernelStageProver<RamValCheckKernel> {
 public:
  // claim: (RamVal − Init(r_a^2)) + γ·(RamValFinal − Init(r_a^2)).
  RamValCheckProver(const Fr& gamma, std::span<const Fr> r_a2, std::span<const Fr> r_c2,
                    unsigned log_t, Schedule schedule, const Fr& claim);
  // RamRa @ (r_a^2 ‖ r_c^4), RamInc @ r_c^4.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class RamValCheckVerifier final : public SumcheckVerifierInstance {
 public:
  RamValCheckVerifier(const Fr& gamma, std::vector<Fr> r_c2, const Fr& ram_val,
                      const Fr& ram_val_final, const Fr& init_at_r_a2, const Fr& ra, const Fr& inc);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c2_.size()); }
  unsigned degree() const override { return kRamValCheckDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  std::vector<Fr> r_c2_;
  Fr claim_, ra_, inc_;
};

}  // namespace rill::zkvm
