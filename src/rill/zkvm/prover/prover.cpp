#include "rill/zkvm/prover/prover.hpp"

#include <bit>

namespace rill::zkvm {

namespace {
// Bounds on the sizes a proof may claim (T = 2^40 cycles is far beyond any run we prove).
constexpr u64 kMinTraceLength = 256;
constexpr u64 kMaxTraceLength = u64{1} << 40;
constexpr u64 kMaxRamK = u64{1} << 32;
}  // namespace

Stage1Config stage1_config(const ProverOptions& options, ProvingMode mode) {
  Stage1Config config;
  config.streaming = mode == ProvingMode::kStreaming;
  config.max_window = options.max_window;
  config.pass.segment_records = options.chunk_size;
  config.pass.max_span = options.max_span;
  return config;
}

VerifyResult verify(const riscv::Machine& machine, std::span<const u8> input,
                    std::span<const u8> output, bool panicked, const Proof& proof) {
  VerifyResult result;
  if (!std::has_single_bit(proof.trace_length) || proof.trace_length < kMinTraceLength ||
      proof.trace_length > kMaxTraceLength) {
    result.reason = "trace length is not a power of two in [256, 2^40]";
    return result;
  }
  if (!std::has_single_bit(proof.ram_k) || proof.ram_k > kMaxRamK) {
    result.reason = "K_ram is not a power of two up to 2^32";
    return result;
  }
  const Statement statement =
      make_statement(machine, input, output, panicked, proof.trace_length, proof.ram_k);
  Transcript transcript = start_transcript(statement);
  OpeningAccumulator accumulator;
  const Stage1Verification stage1 =
      verify_stage1(proof.trace_length, proof.stage1, transcript, accumulator);
  if (!stage1.ok()) {
    result.reason = *stage1.failure;
    return result;
  }
  result.stage_digests.push_back(transcript.state());
  result.ok = true;
  return result;
}

}  // namespace rill::zkvm
