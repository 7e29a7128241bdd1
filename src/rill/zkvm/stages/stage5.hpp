// Stage 5 on the stage contract (docs/protocol.md, "Stage table", "Shout" and "Twist"): draw
// γ_instruction_read_raf and γ_ram_ra_cr, then one batch of
//   5a instruction read-RAF (offset 0: 64 address rounds, then log T cycle rounds), input
//      LookupOutput + γ·LeftLookupOperand + γ²·RightLookupOperand at r_c^2;
//   5b RAM RA claim reduction (offset 64), input RamRa at (r_a^2 ‖ r_c^1), (‖ r_c^2), (‖ r_c^4);
//   5c registers value evaluation (offset 64), input RegistersVal at (r_a^4 ‖ r_c^4);
// 5b and 5c share 5a's cycle rounds, so all three end at r_c^5. Then the claims of the table's
// schedule: the 27 flags at r_c^5 come from one sidecar pass.
#pragma once

#include "rill/zkvm/stages/instruction_read_raf.hpp"
#include "rill/zkvm/stages/ram_ra_claim_reduction.hpp"
#include "rill/zkvm/stages/registers_val_evaluation.hpp"
#include "rill/zkvm/stages/stage4.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

// The input claims of stage 5's instances, read from the accumulator (the table's inputs).
struct Stage5Inputs {
  std::array<Fr, 3> lookup;  // LookupOutput, LeftLookupOperand, RightLookupOperand @ r_c^2
  std::array<Fr, 3> ram_ra;  // RamRa @ (r_a^2 ‖ r_c^1), (‖ r_c^2), (‖ r_c^4)
  Fr registers_val;          // RegistersVal @ (r_a^4 ‖ r_c^4)
};
Stage5Inputs stage5_inputs(const ProtocolShape& shape, const OpeningAccumulator& accumulator);

template <RecordSource S>
StageOutput prove_stage5(ProverContext<S>& ctx) {
  using PN = PointName;
  const StageSpec spec = stage_spec(StageId::k5, ctx.shape);
  const unsigned log_t = ctx.shape.log_t;
  const StageChallenges challenges = draw_stage_challenges(spec, ctx.transcript);
  const Fr gamma_raf = challenges.scalar("gamma_instruction_read_raf");
  const Fr gamma_ra = challenges.scalar("gamma_ram_ra_cr");
  const OpeningAccumulator& acc = ctx.accumulator;
  const auto point = [&](PN name) { return earlier_point(acc, name); };
  // Linear: at round 0 the factors stay compact (5a's ra_v and cv, 5b's ra for a small K_ram
  // and 5c's wa as one-hot indices, RdInc as i64; 5b's and 5c's weights in split form), so no
  // T-entry field array is written (docs/benchmarks.md, "Stage 5").
  const auto schedule = [&](std::size_t) { return cycle_schedule(log_t, ctx.config); };
  const Stage5Inputs in = stage5_inputs(ctx.shape, acc);

  InstructionReadRafProver read_raf(
      gamma_raf, point(PN::kCycle2), ctx.shape.ra_virtual_log_k_chunk, schedule(0),
      shout::read_raf_input_claim(in.lookup[0], in.lookup[1], in.lookup[2], gamma_raf));
  RamRaClaimReductionProver ram_ra(
      gamma_ra, point(PN::kRamAddress2), point(PN::kCycle1), point(PN::kCycle2), point(PN::kCycle4),
      schedule(1), in.ram_ra[0] + gamma_ra * (in.ram_ra[1] + gamma_ra * in.ram_ra[2]));
  RegistersValEvaluationProver registers(point(PN::kRegisterAddress4), point(PN::kCycle4), log_t,
                                         schedule(2), in.registers_val);
  StageProver* const provers[] = {&read_raf, &ram_ra, &registers};
  return prove_stage(ctx, spec, provers);
}

// Never aborts on a malformed proof.
StageVerification verify_stage5(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
