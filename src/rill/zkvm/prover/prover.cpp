#include "rill/zkvm/prover/prover.hpp"

#include <bit>
#include <exception>

#include "rill/riscv/ram_bounds.hpp"
#include "rill/zkvm/prover/witness_commitment.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"

namespace rill::zkvm {

StageConfig stage_config(const ProverOptions& options, ProvingMode mode) {
  StageConfig config;
  config.streaming = mode == ProvingMode::kStreaming;
  config.max_window = options.max_window;
  if (options.switch_early) config.switch_early = *options.switch_early;
  config.pass.segment_records = options.chunk_size;
  config.pass.max_span = options.max_span;
  return config;
}

VerifyResult verify(const riscv::Machine& machine, std::span<const u8> input,
                    std::span<const u8> output, bool panicked, const Proof& proof,
                    const DoryVerifierSetup& setup) {
  VerifyResult result;
  result.reason = check_proof_sizes(proof.trace_length, proof.ram_k, proof.bytecode_k);
  if (!result.reason.empty()) return result;
  if (output.size() > machine.layout().config().max_output) {
    result.reason = "the claimed output is longer than the layout's output region";
    return result;
  }
  if (proof.bytecode_k != machine.bytecode().padded_size()) {
    result.reason = "K_bc differs from the program's expanded bytecode";
    return result;
  }
  const std::vector<StageId> sections = sumcheck_stages();
  if (proof.stages.size() != sections.size()) {
    result.reason = "the proof does not have one section per stage";
    return result;
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (proof.stages[i].id != sections[i]) {
      result.reason = "the proof's sections are not in stage order";
      return result;
    }
  }
  const unsigned sigma = opening_log_columns(proof.shape());
  if (sigma > setup.max_log_columns) {
    result.reason = "the Dory setup is too small for this proof's trace length";
    return result;
  }
  // K_ram must lie in the statement's range (riscv/ram_bounds.hpp): the RAM instances of stage
  // 2 evaluate the I/O words over log K_ram address variables.
  try {
    if (!riscv::k_ram_bounds(machine.program(), machine.layout(), input, output, panicked)
             .allows(proof.ram_k)) {
      result.reason = "K_ram lies outside the range the statement allows";
      return result;
    }
  } catch (const std::exception& e) {
    result.reason = e.what();
    return result;
  }
  Statement statement =
      make_statement(machine, input, output, panicked, proof.trace_length, proof.ram_k);
  statement.setup_digest = setup.digest(sigma);
  Transcript transcript = start_transcript(statement);
  OpeningAccumulator accumulator;
  const ProtocolShape shape = proof.shape();
  // Stage 0: the commitments, absorbed in commitment order (the decoder checked every element).
  if (proof.commitments.size() != committed_polys(shape.one_hot).size()) {
    result.reason = "stage 0: the proof does not have one commitment per committed polynomial";
    return result;
  }
  absorb_commitments(proof.commitments, transcript);
  result.stage_digests.push_back(transcript.state());
  // Records a verified stage's digest, or the reason it failed.
  const auto accept = [&](const StageVerification& verdict) {
    if (!verdict.ok()) {
      result.reason = *verdict.failure;
      return false;
    }
    result.stage_digests.push_back(transcript.state());
    return true;
  };
  if (!accept(verify_stage1(shape, proof.stage(StageId::k1), transcript, accumulator)))
    return result;
  // Stage 2 evaluates io_mask and ValIO from the statement over log K_ram variables: K_ram was
  // checked against the statement's bounds above, so the evaluators neither throw nor abort.
  const riscv::MemoryLayout& layout = machine.layout();
  const std::vector<u8> in_bytes(input.begin(), input.end()),
      out_bytes(output.begin(), output.end());
  const Stage2VerifierInputs stage2_inputs{
      layout.lowest(), [&layout](std::span<const Fr> r) { return io_mask_mle(layout, r); },
      [&](std::span<const Fr> r) { return io_mle(layout, in_bytes, out_bytes, panicked, r); }};
  if (!accept(
          verify_stage2(shape, proof.stage(StageId::k2), stage2_inputs, transcript, accumulator)))
    return result;
  if (!accept(verify_stage3(shape, proof.stage(StageId::k3), transcript, accumulator)))
    return result;
  // Init(r_a^2) from the program image and the input (never from the proof); K_ram was checked
  // against the statement, so every image word has an index below K_ram.
  Fr init_at_r_a2;
  try {
    init_at_r_a2 = initial_ram_mle(machine.program(), layout, input,
                                   *accumulator.points().find(PointName::kRamAddress2));
  } catch (const std::exception& e) {
    result.reason = e.what();
    return result;
  }
  const shout::BytecodeValues bytecode(machine.bytecode());  // recomputed from the ELF
  if (!accept(
          verify_stage4(shape, proof.stage(StageId::k4), init_at_r_a2, transcript, accumulator)))
    return result;
  if (!accept(verify_stage5(shape, proof.stage(StageId::k5), transcript, accumulator)))
    return result;
  Stage6aCarry carry;
  if (!accept(verify_stage6a(shape, bytecode, proof.stage(StageId::k6a), transcript, accumulator,
                             carry)))
    return result;
  if (!accept(verify_stage6b(shape, bytecode, carry, proof.stage(StageId::k6b), transcript,
                             accumulator)))
    return result;
  if (!accept(verify_stage7(shape, proof.stage(StageId::k7), transcript, accumulator)))
    return result;
  // Stage 8: every committed claim, opened at once against the stage-0 commitments.
  if (!accept(
          verify_stage8(setup, shape, proof.commitments, accumulator, proof.opening, transcript)))
    return result;
  result.ok = true;
  return result;
}

}  // namespace rill::zkvm
