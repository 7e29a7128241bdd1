#include "rill/zkvm/stages/stage1.hpp"

#include <fmt/format.h>

namespace rill::zkvm {

Schedule stage1_cycle_schedule(unsigned log_t, const Stage1Config& config) {
  constexpr unsigned kFirstWindow = 4;
  if (!config.streaming) return Schedule::linear_only(log_t);
  const unsigned switch_round = log_t / 2;
  std::vector<unsigned> windows;
  for (unsigned covered = 0; covered < switch_round;) {
    const unsigned wanted = windows.empty() ? kFirstWindow : config.max_window;
    const unsigned size = std::min({wanted, config.max_window, switch_round - covered});
    windows.push_back(size);
    covered += size;
  }
  return Schedule::from_windows(log_t, std::move(windows));
}

Stage1Verification verify_stage1(u64 padded_len, const Stage1Proof& proof, Transcript& transcript,
                                 OpeningAccumulator& accumulator) {
  Stage1Verification result;
  if (padded_len < 2 || (padded_len & (padded_len - 1)) != 0) {
    result.failure = "trace length is not a power of two";
    return result;
  }
  if (proof.input_claims.size() != kNumInputs) {
    result.failure = fmt::format("stage 1 has {} input claims, expected {}",
                                 proof.input_claims.size(), kNumInputs);
    return result;
  }
  const unsigned log_t = static_cast<unsigned>(__builtin_ctzll(padded_len));
  std::vector<Fr> tau = transcript.challenge_scalars(log_t + kConstraintVars);
  const SpartanOuterVerifier outer(std::move(tau), log_t, proof.input_claims);
  const VerifierItem items[] = {{&outer, 0}};
  // The final check reads the input claims; the transcript absorbs them after the rounds, in
  // the prover's order.
  const SumcheckVerification sumcheck = verify_batched(items, proof.sumcheck, transcript);
  if (!sumcheck.ok()) {
    result.failure = fmt::format("stage 1 sumcheck: {}", to_string(*sumcheck.failure));
    return result;
  }
  result.cycle_point = spartan_outer_cycle_point(sumcheck.challenges);
  for (std::size_t i = 0; i < kNumInputs; ++i) {
    const PolyId id = r1cs_input_id(static_cast<Input>(i));
    if (!accumulator.add_and_absorb(id, result.cycle_point, proof.input_claims[i], transcript)) {
      result.failure =
          fmt::format("stage 1 claim on {} conflicts with an earlier claim", poly_name(id));
      return result;
    }
  }
  return result;
}

}  // namespace rill::zkvm
