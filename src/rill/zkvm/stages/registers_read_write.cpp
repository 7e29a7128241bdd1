#include "rill/zkvm/stages/registers_read_write.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

RegistersReadWriteProver::RegistersReadWriteProver(const Fr& gamma, unsigned log_t,
                                                   std::vector<Fr> r_c3, Schedule cycle_schedule,
                                                   const Fr& claim)
    : TwistReadWriteProver<RegistersTwistPolicy>(RegistersTwistPolicy{gamma, gamma * gamma},
                                                 kLogKRegisters, log_t, std::move(r_c3), {},
                                                 std::move(cycle_schedule), claim) {}

void RegistersReadWriteProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  using PN = PointName;
  const ClaimPoint p = at(PN::kRegisterAddress4, PN::kCycle4);
  claims.set({poly(PolyFamily::kRegistersVal), p}, f[3]);
  claims.set({poly(PolyFamily::kRs1Ra), p}, f[1]);
  claims.set({poly(PolyFamily::kRs2Ra), p}, f[2]);
  claims.set({poly(PolyFamily::kRdWa), p}, f[0]);
  claims.set({poly(PolyFamily::kRdInc), at(PN::kCycle4)}, f[4]);
}

RegistersReadWriteVerifier::RegistersReadWriteVerifier(const Fr& gamma, unsigned log_t,
                                                       std::vector<Fr> r_c3,
                                                       std::array<Fr, 3> inputs,
                                                       std::array<Fr, 5> outputs)
    : gamma_(gamma),
      log_t_(log_t),
      r_c3_(std::move(r_c3)),
      claim_(inputs[0] + gamma * inputs[1] + gamma * gamma * inputs[2]),
      out_(outputs) {}

Fr RegistersReadWriteVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), std::size_t{num_rounds()}, "one challenge per round");
  const std::vector<Fr> r_c4(challenges.rbegin(), challenges.rbegin() + log_t_);
  const auto& [val, ra1, ra2, wa, inc] = out_;
  return eq_eval(r_c3_, r_c4) *
         (wa * (val + inc) + gamma_ * ra1 * val + gamma_ * gamma_ * ra2 * val);
}

}  // namespace rill::zkvm
