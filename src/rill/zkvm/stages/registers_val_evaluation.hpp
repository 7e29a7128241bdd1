// Stage 5c: registers value evaluation (reference jolt-protocol.md §3 stage 5c), at offset LOG_K in
// stage 5 (it shares the instruction read-RAF's cycle rounds, r_c^5):
//
//   RegistersVal(r_a^4, r_c^4) = Σ_j RdInc(j)·wa(r_a^4, j)·LT(j, r_c^4)     (registers start at 0)
//
// log T rounds, degree 3: factors RdInc and wa(r_a^4, j) = eq(r_a^4, rd of row j) (zero without
// rd), weight LT(j, r_c^4) (a Weight: split at n/2, √T tables, never a T-entry array). Outputs:
// RdInc @ r_c^5, RdWa @ (r_a^4 ‖ r_c^5). Verifier: RdInc·RdWa·LT(r_c^5, r_c^4).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRegistersValEvaluationDegree = 3;

// RdInc stays i64 and wa is a lookup in eq(r_a^4, ·) by rd (a OneHotKernel), so the linear
// schedule keeps them as integers and u8 indices through the first binds.
class RegistersValEvaluationKernel {
 public:
  using Record = CycleRecord;
  using Value = i64;
  u32 field_factors() const { return 0b10; }
  explicit RegistersValEvaluationKernel(std::span<const Fr> r_a4);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64, i64* small, Fr* field) const {
    const bool write = r.rd != kNoAccess;
    small[0] = write ? r.rd_inc : 0;
    field[1] = write ? (*register_eq_)[r.rd] : Fr::zero();
  }
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    return f == 1 ? register_eq_.get() : nullptr;
  }
  void one_hot_indices(const CycleRecord& r, u32* out) const {
    out[0] = kOneHotZero;  // RdInc is not one-hot
    out[1] = r.rd != kNoAccess ? r.rd : kOneHotZero;
  }

 private:
  std::shared_ptr<const tracked_vector<Fr>> register_eq_;  // eq(r_a^4, ·), 64 entries
};

class RegistersValEvaluationProver final : public KernelStageProver<RegistersValEvaluationKernel> {
 public:
  // claim: RegistersVal @ (r_a^4 ‖ r_c^4).
  RegistersValEvaluationProver(std::span<const Fr> r_a4, std::span<const Fr> r_c4, unsigned log_t,
                               Schedule schedule, const Fr& claim);
  // RdInc @ r_c^5, RdWa @ (r_a^4 ‖ r_c^5).
  void output_claims(const PointTable& points, StageClaims& claims) const override;
};

class RegistersValEvaluationVerifier final : public SumcheckVerifierInstance {
 public:
  RegistersValEvaluationVerifier(std::vector<Fr> r_c4, const Fr& registers_val, const Fr& rd_inc,
                                 const Fr& rd_wa);
  unsigned num_rounds() const override { return static_cast<unsigned>(r_c4_.size()); }
  unsigned degree() const override { return kRegistersValEvaluationDegree; }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  std::vector<Fr> r_c4_;
  Fr claim_, inc_, wa_;
};

}  // namespace rill::zkvm
