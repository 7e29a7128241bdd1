#include "rill/zkvm/stages/registers_val_evaluation.hpp"

#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {

RegistersValEvaluationKernel::RegistersValEvaluationKernel(std::span<const Fr> r_a4)
    : register_eq_(std::make_shared<const tracked_vector<Fr>>(eq_table(r_a4))) {
  RILL_CHECK_EQ(r_a4.size(), std::size_t{kLogKRegisters}, "r_a^4 has log K_reg coordinates");
}

RegistersValEvaluationProver::RegistersValEvaluationProver(std::span<const Fr> r_a4,
                                                           std::span<const Fr> r_c4, unsigned log_t,
                                                           Schedule schedule, const Fr& claim)
    : KernelStageProver<RegistersValEvaluationKernel>(
          RegistersValEvaluationKernel(r_a4), log_t, ProductShape::product(2),
          Weight::less_than(std::vector<Fr>(r_c4.begin(), r_c4.end())), std::move(schedule),
          claim) {}

void RegistersValEvaluationProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  using PN = PointName;
  claims.set({poly(PolyFamily::kRdInc), at(PN::kCycle5)}, f[0]);
  claims.set({poly(PolyFamily::kRdWa), at(PN::kRegisterAddress4, PN::kCycle5)}, f[1]);
}

RegistersValEvaluationVerifier::RegistersValEvaluationVerifier(std::vector<Fr> r_c4,
                                                               const Fr& registers_val,
                                                               const Fr& rd_inc, const Fr& rd_wa)
    : r_c4_(std::move(r_c4)), claim_(registers_val), inc_(rd_inc), wa_(rd_wa) {}

Fr RegistersValEvaluationVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c4_.size(), "one challenge per round");
  const std::vector<Fr> r_c5(challenges.rbegin(), challenges.rend());
  return inc_ * wa_ * lt_eval(r_c5, r_c4_);
}

}  // namespace rill::zkvm
