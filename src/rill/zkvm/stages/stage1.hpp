// Stage 1 on the stage contract (stage_proof.hpp, prove_stage): draw τ (the table's "tau"), run
// the Spartan outer sumcheck through the batched prover with the pass driver over the trace, then
// evaluate the 34 R1CS-input claims at r_c^1 with the sidecar pass (the same code in both modes)
// and absorb them in schedule order. Transcript order (docs/proof-format.md):
//   τ (log T + 5 challenges) → sumcheck (input claim, batching coefficient, rounds) →
//   one "opening_claim" per new claim, in Input order.
#pragma once

#include <vector>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/progress_hook.hpp"
#include "rill/util/check.hpp"
#include "rill/zkvm/stages/spartan_outer.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

// Streaming: the half split (switch at m = ⌊log T / 2⌋, so the materialized arrays hold about
// √T entries) covered by two windows: 4 rounds, then the other m − 4 (at most max_window, more
// windows beyond). Every window pass re-evaluates Az, Bz on every row, the dominant cost, while
// its grid work per row is about 2ω·3^ω / 2^{i+ω} field additions (a window of ω rounds after i
// bound ones, grid degree 2 with the eq weight kept outside); two windows keep both small for
// log T ≤ 24 (docs/benchmarks.md).
Schedule stage1_cycle_schedule(unsigned log_t, const StageConfig& config);

template <RecordSource S>
StageOutput prove_stage1(ProverContext<S>& ctx) {
  const StageSpec spec = stage_spec(StageId::k1, ctx.shape);
  const unsigned log_t = ctx.shape.log_t;
  RILL_CHECK_EQ(ctx.source.padded_len(), u64{1} << log_t, "the source has T records");
  const StageChallenges challenges = draw_stage_challenges(spec, ctx.transcript);
  SpartanOuterProver outer(challenges["tau"], log_t, stage1_cycle_schedule(log_t, ctx.config));
  StageProver* const provers[] = {&outer};
  return prove_stage(ctx, spec, provers);
}

// Never aborts on a malformed proof.
StageVerification verify_stage1(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
