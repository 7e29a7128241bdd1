// Stage 3 on the stage contract (stage_proof.hpp, prove_stage), following the stage table:
// draws γ_shift, γ_instruction_input, γ_registers_cr, then one batch of three log T instances at
// offset 0 (so one point r_c^3):
//   3a shift (eq+1 at r_c^1 and r_c^2), 3b instruction-input virtualization (eq at r_c^2),
//   3c registers claim reduction (eq at r_c^1),
// then the output claims in schedule order (UnexpandedPC, Rs1Value and Rs2Value repeat within the
// stage and are serialized once).
#pragma once

#include "rill/zkvm/stages/instruction_input.hpp"
#include "rill/zkvm/stages/registers_claim_reduction.hpp"
#include "rill/zkvm/stages/spartan_shift.hpp"
#include "rill/zkvm/stages/stage2.hpp"

namespace rill::zkvm {

template <RecordSource S>
StageOutput prove_stage3(ProverContext<S>& ctx) {
  const auto c = stage2_detail::claim_at;
  const StageSpec spec = stage_spec(StageId::k3, ctx.shape);
  RILL_CHECK_EQ(ctx.source.padded_len(), u64{1} << ctx.shape.log_t, "the source has T records");
  const StageChallenges ch = draw_stage_challenges(spec, ctx.transcript);
  const OpeningAccumulator& acc = ctx.accumulator;
  using I = Input;
  using PN = PointName;
  const std::vector<Fr> r_c1 = *acc.points().find(PN::kCycle1);
  const std::vector<Fr> r_c2 = *acc.points().find(PN::kCycle2);
  const ClaimLookup next_is_noop = acc.find({poly(PolyFamily::kNextIsNoop), at(PN::kCycle2)});
  RILL_CHECK(next_is_noop.ok(), "NextIsNoop @ r_c^2 is stage 2's");
  ShiftProver shift(ch.scalar("gamma_shift"), r_c1, r_c2, ctx.config,
                    {c(acc, I::kNextUnexpandedPc, PN::kCycle1), c(acc, I::kNextPc, PN::kCycle1),
                     c(acc, I::kNextIsVirtual, PN::kCycle1),
                     c(acc, I::kNextIsFirstInSequence, PN::kCycle1), *next_is_noop.value});
  InstructionInputProver input(ch.scalar("gamma_instruction_input"), r_c2, ctx.config,
                               {c(acc, I::kRightInstructionInput, PN::kCycle2),
                                c(acc, I::kLeftInstructionInput, PN::kCycle2)});
  RegistersClaimReductionProver registers(
      ch.scalar("gamma_registers_cr"), r_c1, ctx.config,
      {c(acc, I::kRdWriteValue, PN::kCycle1), c(acc, I::kRs1Value, PN::kCycle1),
       c(acc, I::kRs2Value, PN::kCycle1)});
  StageProver* const provers[] = {&shift, &input, &registers};
  return prove_stage(ctx, spec, provers);
}

// Never aborts on a malformed proof.
StageVerification verify_stage3(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
