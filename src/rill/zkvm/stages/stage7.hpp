// Stage 7 on the stage contract: draw γ_hamming_weight, then the Hamming-weight claim reduction
// (hamming_weight_reduction.hpp; log_k_chunk rounds) over every committed chunk's booleanity and
// virtualization claims (and RamHammingWeight @ r_c^6), all read from the accumulator; outputs
// every chunk @ (r_a^7 ‖ r_c^6).
#pragma once

#include "rill/zkvm/stages/hamming_weight_reduction.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

// The reduction's points and input claim for this shape, from the accumulator.
struct Stage7Inputs {
  std::vector<Fr> r_c6, r_bool;
  std::vector<std::vector<Fr>> r_virt;  // per chunk, protocol order
  Fr claim;                             // needs γ: filled by stage7_inputs
};
Stage7Inputs stage7_inputs(const ProtocolShape& shape, const OpeningAccumulator& accumulator,
                           const Fr& gamma);

template <RecordSource S>
StageOutput prove_stage7(ProverContext<S>& ctx) {
  const StageSpec spec = stage_spec(StageId::k7, ctx.shape);
  const StageChallenges challenges = draw_stage_challenges(spec, ctx.transcript);
  const Fr gamma = challenges.scalar("gamma_hamming_weight");
  Stage7Inputs in = stage7_inputs(ctx.shape, ctx.accumulator, gamma);
  HammingWeightReductionProver prover(std::move(in.r_c6), gamma, ctx.shape.one_hot,
                                      std::move(in.r_bool), std::move(in.r_virt), in.claim);
  StageProver* const provers[] = {&prover};
  return prove_stage(ctx, spec, provers);
}

// Never aborts on a malformed proof.
StageVerification verify_stage7(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
