// Stage 5b: RAM RA claim reduction (reference jolt-protocol.md §3 stage 5b), at offset LOG_K in
// stage 5 (cycle point r_c^5):
//
//   RamRa(r_a^2, r_c^1) + γ·RamRa(r_a^2, r_c^2) + γ²·RamRa(r_a^2, r_c^4)
//     = Σ_j (eq(r_c^1, j) + γ·eq(r_c^2, j) + γ²·eq(r_c^4, j))·ra(r_a^2, j)
//
// log T rounds, degree 2: one factor ra(r_a^2, j) = eq(r_a^2, word of row j) (zero without an
// access), weight the eq combination. Output: RamRa @ (r_a^2 ‖ r_c^5).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRamRaClaimReductionDegree = 2;

// Per row: eq(r_a, RAM word), zero without an access. With `one_hot` also a OneHotKernel
// (sumcheck/product_pass.hpp) whose index is the word: the linear schedule then keeps u16 indices
// and one K_ram-entry table eq(r_a, ·) instead of a field array (one_hot_ram_ra says when).
class RamRaKernel {
 public:
  using Record = CycleRecord;
  RamRaKernel(std::span<const Fr> r_a2, bool one_hot);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, Fr* out) const {
    out[0] = r.ram_word == kNoAccess ? Fr::zero() : (*address_eq_)(r.ram_word);
  }
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    return f == 0 ? table_.get() : nullptr;
  }
  void one_hot_indices(const CycleRecord& r, u32* out) const {
    out[0] = r.ram_word == kNoAccess ? kOneHotZero : r.ram_word;
  }

 private:
  std::shared_ptr<const HalvedEqTable> address_eq_;
  std::shared_ptr<const tracked_vector<Fr>> table_;  // eq(r_a, ·) over K_ram words, or null
};

// Whether 5b's ra is kept as word indices: only under the linear schedule (round 0 materializes)
// and when K_ram fits u16 indices with the zero index and its table (32·K_ram bytes) is at most
// the T-entry field array it replaces.
bool one_hot_ram_ra(unsigned log_k_ram, unsigned log_t, const Schedule& schedule);

class RamRaClaimReductionProver final : public KernelStageProver<RamRaKernel> {
 public:
  // claim: RamRa @ (a2‖1) + γ·RamRa @ (a2‖2) + γ²·RamRa @ (a2‖4).
  RamRaClaimReductionProver(const Fr& gamma, std::span<const Fr> r_a2, std::vector<Fr> r_c1,
                            std::vector<Fr> r_c2, std::vector<Fr> r_c4, Schedule schedule,
                            const Fr& claim);
  // RamRa @ (r_a^2 ‖ r_c^5).
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class RamRaClaimReductionVerifier final : public SumcheckVerifierInstance {
 public:
  // ra_claims: RamRa at (r_a^2 ‖ r_c^1), (‖ r_c^2), (‖ r_c^4); reduced: RamRa @ (r_a^2 ‖ r_c^5).
  RamRaClaimReductionVerifier(const Fr& gamma, std::vector<Fr> r_c1, std::vector<Fr> r_c2,
                              std::vector<Fr> r_c4, std::array<Fr, 3> ra_claims, const Fr& reduced);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c1_.size()); }
  unsigned degree() const override { return kRamRaClaimReductionDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  Fr gamma_;
  std::vector<Fr> r_c1_, r_c2_, r_c4_;
  Fr claim_, reduced_;
};

}  // namespace rill::zkvm
