// Stage 7: the Hamming-weight claim reduction (reference jolt-protocol.md §3 stage 7, §9.4).
// After 6b every committed chunk ra_i (protocol order: instruction, bytecode, RAM) has a
// booleanity claim bool_i = ra_i(r_a^bool, r_c^6) and a virtualization claim
// virt_i = ra_i(r_virt_i, r_c^6) (r_virt_i = chunk_i of r_a^5, r_a^bc or r_a^2). With
// G_i(k) = Σ_j eq(r_c^6, j)·ra_i(k, j) (one pushforward pass) and one γ:
//
//   Σ_i [γ^{3i}·A_i + γ^{3i+1}·bool_i + γ^{3i+2}·virt_i]
//     = Σ_{k ∈ {0,1}^{log_k_chunk}} Σ_i G_i(k)·W_i(k),
//   W_i(k) = γ^{3i} + γ^{3i+1}·eq(r_a^bool, k) + γ^{3i+2}·eq(r_virt_i, k),
//
// A_i = 1 for instruction and bytecode chunks (each cycle has exactly one hot entry, so
// Σ_k G_i(k) = Σ_j eq(r_c^6, j) = 1), A_i = RamHammingWeight(r_c^6) for RAM chunks. A column with
// two hot entries (or none, for a non-RAM chunk) breaks Σ_k G_i(k) = A_i and is rejected here.
// log_k_chunk rounds, degree 2, address bits low to high (r_a^7 = the challenges reversed);
// every round binds all G_i and W_i (tables of K_chunk entries). Outputs: every chunk @
// (r_a^7 ‖ r_c^6) = G_i(r_a^7). Verifier: Σ_i v_i·W_i(r_a^7), W_i from its closed form.
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/one_hot_columns.hpp"
#include "rill/zkvm/stages/stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kHammingWeightDegree = 2;

// Σ_i γ^{3i}·A_i + γ^{3i+1}·bool_i + γ^{3i+2}·virt_i.
Fr hamming_weight_input_claim(std::span<const Fr> activation, std::span<const Fr> booleanity,
                              std::span<const Fr> virtualization, const Fr& gamma);
// A_i per chunk in protocol order: 1, or the RAM Hamming weight for RAM chunks.
std::vector<Fr> hamming_weight_activation(const OneHotParams& one_hot,
                                          const Fr& ram_hamming_weight);

class HammingWeightReductionProver final : public StageProver {
 public:
  // r_virt: one address point (log_k_chunk coordinates) per chunk, protocol order.
  HammingWeightReductionProver(std::vector<Fr> r_c6, const Fr& gamma, const OneHotParams& one_hot,
                               std::vector<Fr> r_bool, std::vector<std::vector<Fr>> r_virt,
                               const Fr& claim);

  unsigned num_rounds() const override { return one_hot_.log_k_chunk; }
  unsigned degree() const override { return kHammingWeightDegree; }
  Fr input_claim() const override { return claim_; }
  bool needs_pass(unsigned round) const override { return round == 0; }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override;
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& r) override;
  // Every chunk @ (r_a^7 ‖ r_c^6).
  void output_claims(const PointTable& points, StageClaims& claims) const override;
  // ra_i(r_a^7, r_c^6) per chunk, after the last round.
  std::vector<Fr> chunk_claims() const;

 private:
  std::vector<Fr> r_c6_;
  Fr gamma_;
  OneHotParams one_hot_;
  std::vector<Fr> r_bool_;
  std::vector<std::vector<Fr>> r_virt_;
  Fr claim_;
  std::vector<tracked_vector<Fr>> g_, w_;
  unsigned bound_ = 0;
};

class HammingWeightReductionVerifier final : public SumcheckVerifierInstance {
 public:
  HammingWeightReductionVerifier(const Fr& gamma, std::vector<Fr> r_bool,
                                 std::vector<std::vector<Fr>> r_virt, const Fr& claim,
                                 std::vector<Fr> chunk_claims);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_bool_.size()); }
  unsigned degree() const override { return kHammingWeightDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  std::vector<Fr> r_bool_;
  std::vector<std::vector<Fr>> r_virt_;
  Fr claim_;
  std::vector<Fr> chunk_claims_;
};

}  // namespace rill::zkvm
