// Stage 4 on the stage contract (docs/protocol.md, "Stage table" and "Twist"): draw γ_reg and
// γ_val, then one batch of
//   4a registers read-write checking (offset 0: 6 address rounds, then log T cycle rounds),
//      input RdWriteValue + γ_reg·Rs1Value + γ_reg²·Rs2Value at r_c^3;
//   4b RAM value check (offset log K_reg, so its log T rounds are 4a's cycle rounds and
//      r_c^{4'} = r_c^4), input (RamVal − Init(r_a^2)) + γ_val·(RamValFinal − Init(r_a^2)) at
//      (r_a^2, r_c^2);
// then the claims of the table's schedule. Init(r_a^2) comes from the program image and the
// statement's input (witness/ram_mles.hpp): the orchestrator evaluates it once and hands it to
// both sides, so neither reads it from the proof.
#pragma once

#include "rill/util/check.hpp"
#include "rill/zkvm/stages/ram_val_check.hpp"
#include "rill/zkvm/stages/registers_read_write.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

template <RecordSource S>
StageOutput prove_stage4(ProverContext<S>& ctx, const Fr& init_at_r_a2) {
  using PN = PointName;
  const StageSpec spec = stage_spec(StageId::k4, ctx.shape);
  const unsigned log_t = ctx.shape.log_t;
  const StageChallenges challenges = draw_stage_challenges(spec, ctx.transcript);
  const Fr gamma_reg = challenges.scalar("gamma_registers_rw");
  const Fr gamma_val = challenges.scalar("gamma_ram_val_check");
  const OpeningAccumulator& acc = ctx.accumulator;
  const auto claim = [&](const ClaimKey& key) { return earlier_claim(acc, key); };

  const Fr registers_claim =
      claim({poly(Input::kRdWriteValue), at(PN::kCycle3)}) +
      gamma_reg * claim({poly(Input::kRs1Value), at(PN::kCycle3)}) +
      gamma_reg * gamma_reg * claim({poly(Input::kRs2Value), at(PN::kCycle3)});
  RegistersReadWriteProver registers(gamma_reg, log_t, earlier_point(acc, PN::kCycle3),
                                     cycle_schedule(log_t, ctx.config), registers_claim);

  const Fr val = claim({poly(PolyFamily::kRamVal), at(PN::kRamAddress2, PN::kCycle2)});
  const Fr val_final = claim({poly(PolyFamily::kRamValFinal), at(PN::kRamAddress2)});
  const Fr value_claim = (val - init_at_r_a2) + gamma_val * (val_final - init_at_r_a2);
  RamValCheckProver value_check(gamma_val, earlier_point(acc, PN::kRamAddress2),
                                earlier_point(acc, PN::kCycle2), log_t,
                                cycle_schedule(log_t, ctx.config), value_claim);

  StageProver* const provers[] = {&registers, &value_check};
  return prove_stage(ctx, spec, provers);
}

// Never aborts on a malformed proof.
StageVerification verify_stage4(const ProtocolShape& shape, const StageProof& proof,
                                const Fr& init_at_r_a2, Transcript& transcript,
                                OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
