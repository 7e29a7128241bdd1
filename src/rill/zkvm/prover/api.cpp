#include "rill/zkvm/prover/api.hpp"

#include <memory>
#include <string>

#include "rill/riscv/trace_source.hpp"
#include "rill/util/timer.hpp"
#include "rill/zkvm/prover/memory_model.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill {

namespace zkvm {
template ProveResult prove<riscv::TraceSource>(const riscv::Machine&, std::span<const u8>,
                                               const riscv::ExecutionSummary&,
                                               const riscv::TraceSource&, const ProverOptions&,
                                               const DorySetup&);
}  // namespace zkvm

std::unique_ptr<riscv::TraceSource> open_trace(const riscv::Machine& machine,
                                               std::span<const std::uint8_t> input,
                                               zkvm::ProverOptions& options,
                                               std::uint64_t max_cycles,
                                               const std::function<void(std::string_view)>& phase) {
  const auto tell = [&](std::string_view what) {
    if (phase) phase(what);
  };
  // The streaming source costs only checkpoints, so it also answers "how long is the trace"
  // when a memory budget must pick the mode first. Both sources enforce the cycle limit before
  // they store anything T-sized (MaterializedTrace counts the rows first).
  tell("executing the guest");
  std::unique_ptr<riscv::TraceSource> source;
  riscv::ReplayOptions replay;
  if (options.memory_budget != 0 || options.mode == zkvm::ProvingMode::kStreaming) {
    // Under a budget, checkpoints sized so that streaming fits it (or an InputError now, before
    // the guest runs, when nothing fits).
    if (options.memory_budget != 0) {
      replay = zkvm::streaming_replay_options(options.memory_budget, machine.layout(), max_cycles);
    }
    source = std::make_unique<riscv::ReplayTrace>(machine, input, replay, max_cycles);
  }
  if (options.memory_budget != 0) {
    const std::uint64_t padded_len = source->summary().padded_len;
    options.mode = options.resolved_mode(padded_len);
    // T is known now: switch as early as the budget allows (memory_model.hpp).
    if (options.mode == zkvm::ProvingMode::kStreaming && !options.switch_early) {
      options.switch_early =
          zkvm::streaming_switch_early(options.memory_budget, padded_len, machine.layout(), replay);
    }
    options.memory_budget = 0;
  }
  if (options.mode == zkvm::ProvingMode::kLinear) {
    source.reset();
    tell("storing the trace (linear mode)");
    source = std::make_unique<riscv::MaterializedTrace>(machine, input, max_cycles);
  }
  return source;
}

ProveReport prove(const riscv::Program& program, std::span<const std::uint8_t> input,
                  const ProveSettings& settings) {
  const auto phase = [&](std::string_view what) {
    if (settings.on_phase) settings.on_phase(what);
  };
  const riscv::Machine machine(program, settings.memory);
  zkvm::ProverOptions options = settings.prover;
  const std::unique_ptr<riscv::TraceSource> source =
      open_trace(machine, input, options, settings.max_cycles, settings.on_phase);
  const riscv::ExecutionSummary& summary = source->summary();
  phase("loading the Dory setup");
  const Stopwatch setup_watch;
  const DorySetup& setup = zkvm::shared_dory_setup(zkvm::run_shape(machine, summary));
  const double setup_seconds = setup_watch.seconds();
  phase(options.mode == zkvm::ProvingMode::kLinear ? "proving (linear mode)"
                                                   : "proving (streaming mode)");
  zkvm::ProveResult result = zkvm::prove(machine, input, summary, *source, options, setup);
  phase("serializing the proof");
  ProveReport report;
  report.proof = zkvm::serialize(result.proof);
  report.proof_sections = zkvm::proof_sections(result.proof);
  report.setup_seconds = setup_seconds;
  report.output = summary.output;
  report.panicked = summary.panicked;
  report.terminated = summary.terminated;
  report.cycles = summary.rows;
  report.instructions = summary.instructions;
  report.padded_t = summary.padded_len;
  report.mode = result.mode;
  if (result.mode == zkvm::ProvingMode::kStreaming)
    report.switch_early = options.switch_early.value_or(zkvm::kSwitchEarly);
  report.stages = std::move(result.stages);
  return report;
}

VerifyReport verify(const riscv::Program& program, std::span<const std::uint8_t> input,
                    std::span<const std::uint8_t> proof, const riscv::MemoryConfig& memory,
                    const std::vector<std::uint8_t>* expected_output, std::uint64_t max_cycles) {
  VerifyReport report;
  const riscv::Machine machine(program, memory);
  const zkvm::ProofDecoding decoded = zkvm::deserialize(proof);
  if (!decoded.proof) {
    report.reason = "malformed proof: " + decoded.error;
    return report;
  }
  const zkvm::Proof& p = *decoded.proof;
  report.output = p.output;
  report.panicked = p.panicked;
  report.padded_t = p.trace_length;
  if (expected_output != nullptr && *expected_output != p.output) {
    report.reason = "the proof states output " + to_hex(p.output) + ", not the expected " +
                    to_hex(*expected_output);
    return report;
  }
  // The verifier loads (or builds) a setup sized by the proof's T: a bound on T keeps a forged
  // header from making it build an enormous one.
  if (p.trace_length > riscv::padded_trace_length(max_cycles)) {
    report.reason = "the proof's trace length " + std::to_string(p.trace_length) +
                    " exceeds the verifier's limit (" + std::to_string(max_cycles) + " cycles)";
    return report;
  }
  const Stopwatch setup_watch;
  const DorySetup& setup = zkvm::shared_dory_setup(p.shape());
  report.setup_seconds = setup_watch.seconds();
  const zkvm::VerifyResult verdict =
      zkvm::verify(machine, input, p.output, p.panicked, p, setup.verifier());
  report.valid = verdict.ok;
  report.reason = verdict.reason;
  return report;
}

}  // namespace rill
