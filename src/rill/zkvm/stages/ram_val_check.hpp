// Stage 4b: RAM value check (reference jolt-protocol.md §3 stage 4b), at offset log K_reg in stage
// 4 so it shares the registers' cycle rounds (r_c^{4'} = r_c^4):
//
//   (RamVal(r_a^2, r_c^2) − Init(r_a^2)) + γ·(RamValFinal(r_a^2) − Init(r_a^2))
//     = Σ_j RamInc(j)·ra(r_a^2, j)·(LT(j, r_c^2) + γ)
//
// log T rounds, degree 3: factors RamInc (an integer) and ra(r_a^2, j) = eq(r_a^2, word of row j)
// (zero without an access), two groups: LT(j, r_c^2)·RamInc·ra (weight LT, kept in its √T split)
// and γ·RamInc·ra (no weight). The linear schedule keeps RamInc as integers and ra as word
// indices into eq(r_a^2, ·) through the first binds. Outputs: RamRa @ (r_a^2 ‖ r_c^4), RamInc @
// r_c^4. Verifier: RamInc·RamRa·(LT(r_c^4, r_c^2) + γ).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRamValCheckDegree = 3;

// Per row: RamInc (i64) and eq(r_a, word) (a field value). A mixed kernel, and a one-hot one
// (sumcheck/product_pass.hpp) when built with the K_ram-entry table eq(r_a, ·).
class RamValCheckKernel {
 public:
  using Record = CycleRecord;
  using Value = i64;
  // one_hot: also hold eq(r_a^2, ·) over the K_ram words, for the linear schedule's indices.
  RamValCheckKernel(std::span<const Fr> r_a2, bool one_hot);
  unsigned log_block() const { return 0; }
  u32 field_factors() const { return 0b10; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, i64* small, Fr* field) const {
    const bool access = r.ram_word != kNoAccess;
    small[0] = access ? r.ram_inc : 0;
    field[1] = access ? (*address_eq_)(r.ram_word) : Fr::zero();
  }
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    return f == 1 ? table_.get() : nullptr;
  }
  void one_hot_indices(const CycleRecord& r, u32* out) const {
    out[0] = kOneHotZero;
    out[1] = r.ram_word == kNoAccess ? kOneHotZero : r.ram_word;
  }

 private:
  std::shared_ptr<const HalvedEqTable> address_eq_;
  std::shared_ptr<const tracked_vector<Fr>> table_;  // eq(r_a, ·), or null
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
