// Stage 2 on the stage contract (stage_proof.hpp, prove_stage), following the stage table:
// draws γ_product, γ_ram_rw, γ_instruction_cr, r_output (log K_ram), then one batch of
//   2b RAM read-write checking   (offset 0; log K_ram address rounds, then log T cycle rounds)
//   2a product virtualization    (offset log K_ram; log T rounds)
//   2c instruction claim reduction (offset log K_ram; log T rounds)
//   2d RAM RAF evaluation        (offset 0; log K_ram rounds, reads 2b's round-0 tables)
//   2e RAM output check          (offset 0; log K_ram rounds, reads 2b's round-0 tables)
// then r_a^2 (rounds 0..log K_ram) and r_c^2 (the rest), the output claims (2a's two sidecar
// flags by one sidecar pass) in schedule order. The verifier evaluates io_mask and ValIO from the
// statement (witness/ram_mles.hpp), never from the proof.
#pragma once

#include <array>
#include <span>

#include "rill/riscv/memory_layout.hpp"
#include "rill/zkvm/stages/instruction_claim_reduction.hpp"
#include "rill/zkvm/stages/product_virtualization.hpp"
#include "rill/zkvm/stages/ram_output_check.hpp"
#include "rill/zkvm/stages/ram_raf.hpp"
#include "rill/zkvm/stages/ram_read_write.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

// What the prover's stage 2 reads besides the trace: the initial RAM (one u32 per word, K_ram ≥
// its nonzero words), the layout's lowest address and I/O block, the statement's I/O words.
struct Stage2ProverInputs {
  std::span<const u32> initial_memory;
  u32 lowest_address = 0;
  u64 io_words = 0;
  std::span<const riscv::MemoryWord> io;
};

// What the verifier's stage 2 reads besides the proof: the lowest address and the evaluators of
// io_mask and ValIO at a big-endian RAM address point.
struct Stage2VerifierInputs {
  u32 lowest_address = 0;
  AddressMle io_mask;
  AddressMle val_io;
};

namespace stage2_detail {
Fr claim_at(const OpeningAccumulator& acc, Input input, PointName point);
}

template <RecordSource S>
StageOutput prove_stage2(ProverContext<S>& ctx, const Stage2ProverInputs& in) {
  const auto c = stage2_detail::claim_at;
  const StageSpec spec = stage_spec(StageId::k2, ctx.shape);
  const unsigned log_t = ctx.shape.log_t, log_k = ctx.shape.log_k_ram;
  RILL_CHECK_EQ(ctx.source.padded_len(), u64{1} << log_t, "the source has T records");
  const StageChallenges ch = draw_stage_challenges(spec, ctx.transcript);
  const OpeningAccumulator& acc = ctx.accumulator;
  const std::vector<Fr> r_c1 = *acc.points().find(PointName::kCycle1);
  using I = Input;
  using PN = PointName;
  const Fr gamma_rw = ch.scalar("gamma_ram_rw");
  RamReadWriteProver rw(
      gamma_rw, log_k, log_t, r_c1, ram_init_table(in.initial_memory, u64{1} << log_k),
      cycle_schedule(log_t, ctx.config),
      c(acc, I::kRamReadValue, PN::kCycle1) + gamma_rw * c(acc, I::kRamWriteValue, PN::kCycle1));
  ProductVirtualizationProver product(
      ch.scalar("gamma_product"), r_c1, ctx.config,
      {c(acc, I::kProduct, PN::kCycle1), c(acc, I::kShouldBranch, PN::kCycle1),
       c(acc, I::kShouldJump, PN::kCycle1)});
  InstructionClaimReductionProver instruction(
      ch.scalar("gamma_instruction_cr"), r_c1, ctx.config,
      {c(acc, I::kLookupOutput, PN::kCycle1), c(acc, I::kLeftLookupOperand, PN::kCycle1),
       c(acc, I::kRightLookupOperand, PN::kCycle1), c(acc, I::kLeftInstructionInput, PN::kCycle1),
       c(acc, I::kRightInstructionInput, PN::kCycle1)});
  RamRafProver raf(rw, in.lowest_address, c(acc, I::kRamAddress, PN::kCycle1));
  RamOutputCheckProver output(rw, ch["r_output"], in.io_words, in.io);
  StageProver* const provers[] = {&rw, &product, &instruction, &raf, &output};
  return prove_stage(ctx, spec, provers);
}

// Never aborts on a malformed proof.
StageVerification verify_stage2(const ProtocolShape& shape, const StageProof& proof,
                                const Stage2VerifierInputs& in, Transcript& transcript,
                                OpeningAccumulator& accumulator);

}  // namespace rill::zkvm
