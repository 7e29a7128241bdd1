// Stage 1 as the orchestrator runs it: draw τ, run the Spartan outer sumcheck through the
// batched prover (with the pass driver over the trace), then evaluate and absorb the opening
// claims of every R1CS input at the stage's cycle point. The verifier mirrors the transcript
// steps. Transcript order (docs/proof-format.md, "Proof container and stage 1"):
//   τ (log T + 5 challenges) → sumcheck (input claim, batching coefficient, rounds) →
//   one "opening_claim" per new (input, r_x) claim, in Input order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/progress_hook.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/zkvm/stages/opening_accumulator.hpp"
#include "rill/zkvm/stages/spartan_outer.hpp"

namespace rill::zkvm {

struct Stage1Proof {
  BatchedSumcheckProof sumcheck;
  std::vector<Fr> input_claims;  // kNumInputs values at r_x, in Input order
};

struct Stage1Output {
  Stage1Proof proof;
  std::vector<Fr> cycle_point;  // r_x, big-endian
  unsigned passes = 0;          // passes over the trace, the claims pass included
};

// How stage 1 reads the trace: the schedule of its cycle rounds and the pass shape.
struct Stage1Config {
  bool streaming = false;
  unsigned max_window = 10;
  PassOptions pass;
};

// Streaming: the half split (switch at m = ⌊log T / 2⌋, so the materialized arrays hold about
// √T entries) covered by two windows: 4 rounds, then the other m − 4 (at most max_window, more
// windows beyond). Every window pass re-evaluates Az, Bz on every row, the dominant cost, while
// its grid work per row is about 2ω·3^ω / 2^{i+ω} field additions (a window of ω rounds after i
// bound ones, grid degree 2 with the eq weight kept outside); two windows keep both small for
// log T ≤ 24 (measured: 4 passes, 1.4–1.5× the linear time; docs/benchmarks.md).
Schedule stage1_cycle_schedule(unsigned log_t, const Stage1Config& config);

template <RowSource S>
Stage1Output prove_stage1(const S& source, const riscv::Bytecode& bytecode,
                          const Stage1Config& config, Transcript& transcript,
                          OpeningAccumulator& accumulator) {
  const u64 t = source.padded_len();
  RILL_CHECK(t >= 2 && (t & (t - 1)) == 0, "the padded trace length is a power of two");
  const unsigned log_t = static_cast<unsigned>(__builtin_ctzll(t));
  std::vector<Fr> tau = transcript.challenge_scalars(log_t + kConstraintVars);
  SpartanOuterProver outer(bytecode, std::move(tau), log_t, stage1_cycle_schedule(log_t, config));
  PassDriver driver(source, config.pass);
  driver.add(outer, 0);
  const BatchItem items[] = {{&outer, 0}};
  BatchedProverOutput out = [&] {
    ProgressRoundHook progress(&driver, "stage 1: Spartan outer", outer.num_rounds());
    return prove_batched(items, transcript, &progress);
  }();

  Stage1Output result;
  result.cycle_point = spartan_outer_cycle_point(out.challenges);
  result.proof.sumcheck = std::move(out.proof);
  if (auto fused = outer.input_claims()) {
    result.proof.input_claims = std::move(*fused);
    result.passes = driver.passes();
  } else {
    result.proof.input_claims =
        r1cs_input_evaluations(source, bytecode, result.cycle_point, config.pass);
    result.passes = driver.passes() + 1;
  }
  for (std::size_t i = 0; i < kNumInputs; ++i) {
    const bool consistent =
        accumulator.add_and_absorb(r1cs_input_id(static_cast<Input>(i)), result.cycle_point,
                                   result.proof.input_claims[i], transcript);
    RILL_CHECK(consistent, "stage 1 emitted a claim that conflicts with an earlier one");
  }
  return result;
}

struct Stage1Verification {
  std::optional<std::string> failure;  // empty when stage 1 verifies
  std::vector<Fr> cycle_point;
  bool ok() const { return !failure.has_value(); }
};

// Never aborts on a malformed proof.
Stage1Verification verify_stage1(u64 padded_len, const Stage1Proof& proof, Transcript& transcript,
                                 OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
