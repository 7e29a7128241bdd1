// Stage 6b: RAM RA virtualization (reference jolt-protocol.md §3 stage 6b, §9.3):
//
//   RamRa(r_a^2, r_c^5) = Σ_j eq(r_c^5, j)·Π_{i < d_R} RamRa_i(chunk_i(r_a^2), j)
//
// chunk_i(r_a^2) left-pads r_a^2 with zeros to d_R·log_k_chunk coordinates and takes the i-th
// log_k_chunk of them (chunk 0 most significant, claims.hpp), matching the committed chunk
// indices of the record. log T rounds, degree d_R + 1: factors eq(chunk_i(r_a^2), chunk i of the
// row's word) (zero without an access), weight eq(r_c^5, ·). Outputs: RamRaChunk(i) @
// (chunk_i(r_a^2) ‖ r_c^6). Verifier: eq(r_c^5, r_c^6)·Π_i claims_i.
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"
#include "rill/zkvm/stages/one_hot_columns.hpp"

namespace rill::zkvm {

class RamRaVirtualizationProver final : public KernelStageProver<OneHotEqKernel> {
 public:
  // claim: RamRa @ (r_a^2 ‖ r_c^5).
  RamRaVirtualizationProver(std::span<const Fr> r_a2, std::vector<Fr> r_c5,
                            const OneHotParams& one_hot, Schedule schedule, const Fr& claim);
  // RamRaChunk(i) @ (chunk_i(r_a^2) ‖ r_c^6), i < d_R.
  void output_claims(const PointTable& points, StageClaims& claims) const override;

 private:
  OneHotParams one_hot_;
};

class RamRaVirtualizationVerifier final : public SumcheckVerifierInstance {
 public:
  RamRaVirtualizationVerifier(std::vector<Fr> r_c5, const Fr& ram_ra, std::vector<Fr> chunks);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c5_.size()); }
  unsigned degree() const override { return static_cast<unsigned>(chunks_.size()) + 1; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> r_c5_;
  Fr claim_;
  std::vector<Fr> chunks_;
};

}  // namespace rill::zkvm
