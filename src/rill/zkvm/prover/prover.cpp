#include "rill/zkvm/prover/prover.hpp"

#include <bit>

namespace rill::zkvm {

StageConfig stage_config(const ProverOptions& options, ProvingMode mode) {
  StageConfig config;
  config.streaming = mode == ProvingMode::kStreaming;
  config.max_window = options.max_window;
  config.pass.segment_records = options.chunk_size;
  config.pass.max_span = options.max_span;
  return config;
}

VerifyResult verify(const riscv::Machine& machine, std::span<const u8> input,
                    std::span<const u8> output, bool panicked, const Proof& proof) {
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
  const std::vector<StageId> landed = landed_stages();
  if (proof.stages.size() != landed.size()) {
    result.reason = "the proof does not have one section per stage";
    return result;
  }
  for (std::size_t i = 0; i < landed.size(); ++i) {
    if (proof.stages[i].id != landed[i]) {
      result.reason = "the proof's sections are not in stage order";
      return result;
    }
  }
  const Statement statement =
      make_statement(machine, input, output, panicked, proof.trace_length, proof.ram_k);
  Transcript transcript = start_transcript(statement);
  OpeningAccumulator accumulator;
  const StageVerification stage1 =
      verify_stage1(proof.shape(), proof.stage(StageId::k1), transcript, accumulator);
  if (!stage1.ok()) {
    result.reason = *stage1.failure;
    return result;
  }
  result.stage_digests.push_back(transcript.state());
  result.ok = true;
  return result;
}

}  // namespace rill::zkvm
