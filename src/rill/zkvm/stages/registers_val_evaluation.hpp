// Stage 5c: registers value evaluation (reference jolt-protocol.md §3 stage 5c), at offset LOG_K in
// stage 5 (it shares the instruction read-RAF's cycle rounds, r_c^5):
//
//   RegistersVal(r_a^4, r_c^4) = Σ_j RdInc(j)·wa(r_a^4, j)·LT(j, r_c^4)     (registers start at 0)
//
// log T rounds, degree 3: factors RdInc, wa(r_a^4, j) = eq(r_a^4, rd of row j) (zero without rd),
// LT(j, r_c^4) (√T tables); no weight. Outputs: RdInc @ r_c^5, RdWa @ (r_a^4 ‖ r_c^5).
// Verifier: RdInc·RdWa·LT(r_c^5, r_c^4).
#pragma once

#include "rill/sumcheck/batched.hpp"
#include "rill/zkvm/stages/kernel_stage_prover.hpp"

namespace rill::zkvm {

inline constexpr unsigned kRegistersValEvaluationDegree = 3;

class RegistersValEvaluationKernel {
 public:
  using Record = CycleRecord;
  RegistersValEvaluationKernel(std::span<const Fr> r_a4, std::span<const Fr> r_c4);
  unsigned log_block() const { return 0; }
  void factors(const CycleRecord& r, const CycleRecord&, u64 j, Fr* out) const;

 private:
  std::shared_ptr<const tracked_vector<Fr>> register_eq_;  // eq(r_a^4, ·), 64 entries
  std::shared_ptr<const HalvedLtTable> lt_;
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
