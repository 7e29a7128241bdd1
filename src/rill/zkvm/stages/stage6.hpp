// Stages 6a and 6b on the stage contract (stage_proof.hpp, prove_stage), laid out by the stage
// table (docs/protocol.md, "Stage table"):
//   6a: draws γ_bytecode, β_bytecode (5), γ_booleanity; batch [bytecode read-RAF address phase
//       (offset N − log K_bc), booleanity address phase (offset N − log_k_chunk)];
//   6b: draws γ_instruction_ra_virtualization, γ_inc_cr; batch [bytecode read-RAF cycle phase,
//       booleanity cycle phase, RAM Hamming booleanity, RAM RA virtualization, instruction RA
//       virtualization, Inc claim reduction], all log T rounds at offset 0.
// 6b reads 6a's challenges (Stage6aCarry) besides the accumulator: the bytecode weights and γ_b.
// Input claims and points come from the accumulator (stages 1–5); the bytecode columns are the
// program's (the verifier recomputes them from the ELF).
#pragma once

#include <array>

#include "rill/zkvm/stages/booleanity.hpp"
#include "rill/zkvm/stages/bytecode_read_raf.hpp"
#include "rill/zkvm/stages/inc_claim_reduction.hpp"
#include "rill/zkvm/stages/instruction_ra_virtualization.hpp"
#include "rill/zkvm/stages/ram_hamming_booleanity.hpp"
#include "rill/zkvm/stages/ram_ra_virtualization.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

// What 6b needs of 6a's draws.
struct Stage6aCarry {
  BytecodeReadRafParams bytecode;
  Fr gamma_booleanity;
};

// From 6a's challenges and the points of stages 1–5.
Stage6aCarry stage6a_carry(const StageChallenges& challenges, const PointTable& points);
// r_a^b: the first log_k_chunk coordinates of r_a^5.
std::vector<Fr> booleanity_address_point(const ProtocolShape& shape, const PointTable& points);
// The bytecode read-RAF's input claim from the claims its table entry lists (stage 6a inputs).
Fr bytecode_input_claim(const ProtocolShape& shape, const BytecodeReadRafParams& params,
                        const OpeningAccumulator& accumulator);

struct Stage6aOutput {
  StageOutput out;
  Stage6aCarry carry;
};

template <RecordSource S>
Stage6aOutput prove_stage6a(ProverContext<S>& ctx, const shout::BytecodeValues& bytecode) {
  const StageSpec spec = stage_spec(StageId::k6a, ctx.shape);
  const StageChallenges challenges = draw_stage_challenges(spec, ctx.transcript);
  const PointTable& points = ctx.accumulator.points();
  Stage6aOutput result;
  result.carry = stage6a_carry(challenges, points);
  BytecodeAddressProver bytecode_prover(
      bytecode, result.carry.bytecode,
      bytecode_input_claim(ctx.shape, result.carry.bytecode, ctx.accumulator));
  BooleanityAddressProver booleanity(booleanity_address_point(ctx.shape, points),
                                     *points.find(PointName::kCycle5),
                                     result.carry.gamma_booleanity, ctx.shape.one_hot);
  StageProver* const provers[] = {&bytecode_prover, &booleanity};
  result.out = prove_stage(ctx, spec, provers);
  return result;
}

// The input claims of 6b's instances, read from the accumulator (6b's table inputs).
struct Stage6bInputs {
  Fr bytecode_address, booleanity_address, ram_ra;
  std::vector<Fr> instruction_virtual;  // n_virtual
  std::array<Fr, 4> inc;                // RamInc @2, @4, RdInc @4, @5
};
Stage6bInputs stage6b_inputs(const ProtocolShape& shape, const OpeningAccumulator& accumulator);

template <RecordSource S>
StageOutput prove_stage6b(ProverContext<S>& ctx, const shout::BytecodeValues& bytecode,
                          const Stage6aCarry& carry) {
  const StageSpec spec = stage_spec(StageId::k6b, ctx.shape);
  const StageChallenges challenges = draw_stage_challenges(spec, ctx.transcript);
  const PointTable& points = ctx.accumulator.points();
  const auto point = [&](PointName n) { return *points.find(n); };
  const ProtocolShape& shape = ctx.shape;
  const unsigned log_t = shape.log_t;
  const auto schedule = [&](unsigned) { return cycle_schedule(log_t, ctx.config); };
  const Stage6bInputs in = stage6b_inputs(shape, ctx.accumulator);
  const std::vector<Fr> r_bc = point(PointName::kBytecodeAddress);
  const std::vector<Fr> r_bool = point(PointName::kBooleanityAddress);
  const std::vector<Fr> r_c5 = point(PointName::kCycle5);

  BytecodeCycleProver bytecode_prover(r_bc, carry.bytecode,
                                      bytecode_point_values(bytecode, carry.bytecode, r_bc),
                                      shape.one_hot, schedule(0), in.bytecode_address);
  BooleanityCycleProver booleanity(booleanity_address_point(shape, points), r_c5, r_bool,
                                   carry.gamma_booleanity, shape.one_hot, schedule(1),
                                   in.booleanity_address);
  RamHammingBooleanityProver hamming(point(PointName::kCycle1), schedule(2));
  RamRaVirtualizationProver ram_ra(point(PointName::kRamAddress2), r_c5, shape.one_hot, schedule(3),
                                   in.ram_ra);
  const Fr gamma_irv = challenges.scalar("gamma_instruction_ra_virtualization");
  InstructionRaVirtualizationProver instruction_ra(
      point(PointName::kInstructionAddress5), r_c5, gamma_irv, shape.one_hot,
      shape.chunks_per_virtual(), schedule(4),
      instruction_ra_virtualization_claim(in.instruction_virtual, gamma_irv));
  const Fr gamma_inc = challenges.scalar("gamma_inc_cr");
  IncClaimReductionProver inc(
      gamma_inc, point(PointName::kCycle2), point(PointName::kCycle4), r_c5, schedule(5),
      in.inc[0] + gamma_inc * (in.inc[1] + gamma_inc * (in.inc[2] + gamma_inc * in.inc[3])));
  StageProver* const provers[] = {&bytecode_prover, &booleanity,     &hamming,
                                  &ram_ra,          &instruction_ra, &inc};
  return prove_stage(ctx, spec, provers);
}

// Never abort on a malformed proof. verify_stage6a fills `carry` (6a's challenges).
StageVerification verify_stage6a(const ProtocolShape& shape, const shout::BytecodeValues& bytecode,
                                 const StageProof& proof, Transcript& transcript,
                                 OpeningAccumulator& accumulator, Stage6aCarry& carry);
StageVerification verify_stage6b(const ProtocolShape& shape, const shout::BytecodeValues& bytecode,
                                 const Stage6aCarry& carry, const StageProof& proof,
                                 Transcript& transcript, OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
