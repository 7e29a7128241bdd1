// Stage 6b: instruction RA virtualization (reference jolt-protocol.md §3 stage 6b, §9.3):
//
//   Σ_v γ^v·InstructionRaVirtual_v(chunk_v(r_a^5, w_v), r_c^5)
//     = Σ_j eq(r_c^5, j)·Σ_v γ^v·Π_{m<M} InstructionRa_{vM+m}(chunk_{vM+m}(r_a^5), j)
//
// v < n_virtual virtual chunks of w_v bits, M = w_v / log_k_chunk committed chunks each; r_a^5
// is the 64-coordinate instruction address point (round order = big-endian), so virtual chunk v
// is exactly committed chunks vM … vM+M−1 and InstructionRaVirtual_v(r, j) = Π_m eq(chunk, k_m(j)).
// log T rounds, degree M + 1: factors f_i(j) = eq(chunk_i(r_a^5), k_i(j)), one term per virtual
// chunk with coefficient γ^v, weight eq(r_c^5, ·). Outputs: InstructionRa(i) @
// (chunk_i(r_a^5) ‖ r_c^6). Verifier: eq(r_c^5, r_c^6)·Σ_v γ^v·Π_m claim_{vM+m}.
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"
#include "rill/zkvm/stages/one_hot_columns.hpp"

namespace rill::zkvm {

// The input claim Σ_v γ^v·virtual_v.
Fr instruction_ra_virtualization_claim(std::span<const Fr> virtual_claims, const Fr& gamma);

class InstructionRaVirtualizationProver final : public KernelStageProver<OneHotEqKernel> {
 public:
  // chunks_per_virtual: M; claim: Σ_v γ^v·InstructionRaVirtual_v.
  InstructionRaVirtualizationProver(std::span<const Fr> r_a5, std::vector<Fr> r_c5, const Fr& gamma,
                                    const OneHotParams& one_hot, unsigned chunks_per_virtual,
                                    Schedule schedule, const Fr& claim);
  // InstructionRa(i) @ (chunk_i(r_a^5) ‖ r_c^6), i < d_I.
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  static ProductShape shape(unsigned chunks, unsigned chunks_per_virtual, const Fr& gamma);

 private:
  OneHotParams one_hot_;
};

class InstructionRaVirtualizationVerifier final : public SumcheckVerifierInstance {
 public:
  InstructionRaVirtualizationVerifier(std::vector<Fr> r_c5, const Fr& gamma,
                                      unsigned chunks_per_virtual, const Fr& claim,
                                      std::vector<Fr> chunk_claims);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c5_.size()); }
  unsigned degree() const override { return m_ + 1; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> r_c5_;
  Fr gamma_;
  unsigned m_;
  Fr claim_;
  std::vector<Fr> chunk_claims_;
};

}  // namespace rill::zkvm
