// Stage 6b: RAM Hamming booleanity (reference jolt-protocol.md §3 stage 6b, §9.2):
//
//   0 = Σ_j eq(r_c^1, j)·(H(j)² − H(j)),   H(j) = 1 iff row j accesses RAM
//
// log T rounds, degree 3: factors H and H − 1, weight eq(r_c^1, ·). Output: RamHammingWeight @
// r_c^6 (stage 7 ties it to every committed RamRa chunk). Verifier: eq(r_c^1, r_c^6)·(h² − h).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRamHammingBooleanityDegree = 3;

struct RamHammingKernel {
  using Record = CycleRecord;
  using Value = i64;
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, i64* out) const {
    const i64 h = r.ram_word == kNoAccess ? 0 : 1;
    out[0] = h;
    out[1] = h - 1;
  }
};

class RamHammingBooleanityProver final : public KernelStageProver<RamHammingKernel> {
 public:
  RamHammingBooleanityProver(std::vector<Fr> r_c1, Schedule schedule);
  // RamHammingWeight @ r_c^6.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class RamHammingBooleanityVerifier final : public SumcheckVerifierInstance {
 public:
  RamHammingBooleanityVerifier(std::vector<Fr> r_c1, const Fr& hamming_weight);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c1_.size()); }
  unsigned degree() const override { return kRamHammingBooleanityDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> r_c1_;
  Fr h_;
};

}  // namespace rill::zkvm
