// The prover orchestrator (ARCHITECTURE.md §2): owns the transcript and the opening-claim
// accumulator, runs the stages in order over a RowSource, and reports per stage its time,
// tracked-memory high-water mark, peak RSS and the transcript state after it (the digest that
// pins down where two runs first diverge).
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/util/parallel.hpp"
#include "rill/util/progress.hpp"
#include "rill/util/rss.hpp"
#include "rill/util/timer.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/prover/dory_setup.hpp"
#include "rill/zkvm/prover/options.hpp"
#include "rill/zkvm/prover/proof.hpp"
#include "rill/zkvm/prover/stage0.hpp"
#include "rill/zkvm/prover/stage8.hpp"
#include "rill/zkvm/prover/statement.hpp"
#include "rill/zkvm/shout/bytecode_values.hpp"
#include "rill/zkvm/stages/stage1.hpp"
#include "rill/zkvm/stages/stage2.hpp"
#include "rill/zkvm/stages/stage3.hpp"
#include "rill/zkvm/stages/stage4.hpp"
#include "rill/zkvm/stages/stage5.hpp"
#include "rill/zkvm/stages/stage6.hpp"
#include "rill/zkvm/stages/stage7.hpp"
#include "rill/zkvm/stages/stage_context.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"

namespace rill::zkvm {

struct StageReport {
  std::string name;
  double seconds = 0;
  std::size_t tracked_high_water_bytes = 0;
  std::size_t peak_rss_bytes = 0;  // of the process, at the end of the stage
  unsigned passes = 0;             // passes over the trace
  unsigned planned_passes = 0;     // of those, the rounds of the batch plan (PassDriver::plan)
  Transcript::Digest transcript_digest{};
};

struct ProveResult {
  Proof proof;
  ProvingMode mode = ProvingMode::kLinear;
  std::vector<StageReport> stages;
};

// Sets the worker-thread limit for its lifetime (0 leaves the default).
class ThreadLimit {
 public:
  explicit ThreadLimit(unsigned threads) : active_(threads != 0) {
    if (active_) set_thread_count(threads);
  }
  ~ThreadLimit() {
    if (active_) set_thread_count(0);
  }
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

 private:
  bool active_;
};

StageConfig stage_config(const ProverOptions& options, ProvingMode mode);

// Each stage's share of prove time, stages 0, 1, 2, 3, 4, 5, 6a, 6b, 7, 8 in run order, for the
// one progress bar of a proof (measured: sha2_chain 2^20, linear mode, docs/benchmarks.md, "Whole
// proof"). Only the display depends on them.
inline constexpr std::array<double, 10> kStageTimeShares = {0.198, 0.038, 0.108, 0.075, 0.111,
                                                            0.131, 0.014, 0.178, 0.010, 0.137};

// Proves the whole statement from per-row records: the commitments (stage 0), the sumcheck
// stages 1–7 and the batched opening (stage 8). `summary` states the run (T, K_ram, output, panic
// flag); `setup` must serve opening_log_columns(shape) (shared_dory_setup does). prove() calls
// this with the trace's records; tests hand it altered records to check what the verifier catches.
template <RecordSource R>
ProveResult prove_records(const riscv::Machine& machine, std::span<const u8> input,
                          const riscv::ExecutionSummary& summary, const R& records,
                          const StageConfig& config, const DorySetup& setup) {
  RILL_CHECK_EQ(records.padded_len(), summary.padded_len, "the records are the summarized run");
  ProveResult result;
  result.mode = config.streaming ? ProvingMode::kStreaming : ProvingMode::kLinear;
  result.proof.trace_length = summary.padded_len;
  result.proof.ram_k = summary.k_ram;
  result.proof.bytecode_k = machine.bytecode().padded_size();
  result.proof.output = summary.output;
  result.proof.panicked = summary.panicked;
  const ProtocolShape shape = result.proof.shape();
  const unsigned sigma = opening_log_columns(shape);
  RILL_CHECK(sigma <= setup.max_log_columns(), "the Dory setup is too small for this trace");
  Statement statement = make_statement(machine, input, summary.output, summary.panicked,
                                       summary.padded_len, summary.k_ram);
  statement.setup_digest = setup.verifier().digest(sigma);
  Transcript transcript = start_transcript(statement);
  OpeningAccumulator accumulator;
  ProverContext<R> ctx{records, shape, config, transcript, accumulator};

  // One bar for the whole proof on a terminal, each stage weighted by its share of time.
  ProgressBar bar("proving");
  double progress_begin = 0;
  double progress_total = 0;
  for (const double share : kStageTimeShares) progress_total += share;
  // Runs one stage and records its time, memory, passes and the transcript state after it.
  const auto run_stage = [&](std::string name, auto&& prove_one) {
    const double share = kStageTimeShares.at(result.stages.size()) / progress_total;
    bar.step(name.substr(0, name.find(':')), progress_begin, share);
    progress_begin += share;
    StageReport report{std::move(name)};
    const Stopwatch watch;
    const MemoryScope scope;
    report.passes = prove_one();
    report.seconds = watch.seconds();
    report.tracked_high_water_bytes = scope.high_water_bytes();
    report.peak_rss_bytes = peak_rss_bytes();
    report.transcript_digest = transcript.state();
    result.stages.push_back(std::move(report));
  };
  const auto sumcheck_stage = [&](std::string name, auto&& prove_one) {
    unsigned planned_passes = 0;
    run_stage(std::move(name), [&] {
      StageOutput out = prove_one();
      result.proof.stages.push_back(std::move(out.proof));
      planned_passes = out.planned_passes;
      return out.passes;
    });
    result.stages.back().planned_passes = planned_passes;
  };
  const std::size_t max_span = config.pass.max_span;
  WitnessCommitments commitments;
  run_stage("stage 0: commitments", [&] {
    commitments = commit_stage0(records, setup, shape.one_hot, transcript, max_span);
    result.proof.commitments = commitment_values(commitments);
    return 1u;
  });
  sumcheck_stage("stage 1: Spartan outer", [&] { return prove_stage1(ctx); });
  // The statement's RAM: the initial image (program and inputs) and the I/O words, whose
  // termination word is !panicked (the statement a proof proves).
  const std::vector<u32> initial =
      riscv::initial_memory(machine.program(), machine.layout(), input);
  const std::vector<riscv::MemoryWord> io =
      riscv::io_words(machine.layout(), input, summary.output, summary.panicked, !summary.panicked);
  const Stage2ProverInputs stage2_inputs{initial, machine.layout().lowest(),
                                         machine.layout().io_words(), io};
  sumcheck_stage("stage 2: product virtualization, RAM read-write, RAF, output check",
                 [&] { return prove_stage2(ctx, stage2_inputs); });
  sumcheck_stage("stage 3: shift, instruction input, registers claim reduction",
                 [&] { return prove_stage3(ctx); });
  // Init(r_a^2) from the program image and the input, as the verifier computes it.
  const Fr init_at_r_a2 = initial_ram_mle(machine.program(), machine.layout(), input,
                                          *accumulator.points().find(PointName::kRamAddress2));
  sumcheck_stage("stage 4: registers read-write, RAM value check",
                 [&] { return prove_stage4(ctx, init_at_r_a2); });
  sumcheck_stage("stage 5: instruction read-RAF, RAM RA reduction, registers value evaluation",
                 [&] { return prove_stage5(ctx); });
  const shout::BytecodeValues bytecode(machine.bytecode());
  Stage6aCarry carry;
  sumcheck_stage("stage 6a: bytecode read-RAF and booleanity, address rounds", [&] {
    Stage6aOutput out = prove_stage6a(ctx, bytecode);
    carry = out.carry;
    return std::move(out.out);
  });
  sumcheck_stage("stage 6b: bytecode read-RAF, booleanity, RA virtualization, Inc reduction",
                 [&] { return prove_stage6b(ctx, bytecode, carry); });
  sumcheck_stage("stage 7: Hamming-weight claim reduction", [&] { return prove_stage7(ctx); });
  run_stage("stage 8: batched Dory opening", [&] {
    result.proof.opening =
        prove_stage8(records, setup, shape, commitments, accumulator, transcript, max_span);
    return 1u;
  });
  return result;
}

// Proves the run of `machine` on `input` that `source` replays (or holds), in the mode the
// options choose. Every stage reads the trace as per-row records, each computed once per row per
// pass.
template <RowSource S>
ProveResult prove(const riscv::Machine& machine, std::span<const u8> input,
                  const riscv::ExecutionSummary& summary, const S& source,
                  const ProverOptions& options, const DorySetup& setup) {
  RILL_CHECK_EQ(source.padded_len(), summary.padded_len, "the source is the summarized run");
  const ThreadLimit threads(options.threads);
  const ProvingMode mode = options.resolved_mode(summary.padded_len);
  const CycleSource records(source, RecordContext{&machine.bytecode(), &machine.layout(),
                                                  run_shape(machine, summary).one_hot});
  return prove_records(machine, input, summary, records, stage_config(options, mode), setup);
}

// The one instantiation over the type-erased trace (the API and `rill bench`), compiled once in
// api.cpp: it instantiates every stage's prover, the heaviest code to compile.
extern template ProveResult prove<riscv::TraceSource>(const riscv::Machine&, std::span<const u8>,
                                                      const riscv::ExecutionSummary&,
                                                      const riscv::TraceSource&,
                                                      const ProverOptions&, const DorySetup&);

struct VerifyResult {
  bool ok = false;
  std::string reason;  // why the proof was rejected
  std::vector<Transcript::Digest> stage_digests;
};

// Checks the whole proof (stages 0–8) against the statement. `setup` must serve the proof's σ
// (opening_log_columns(proof.shape())); a smaller one rejects. Never aborts or throws on a
// malformed proof.
VerifyResult verify(const riscv::Machine& machine, std::span<const u8> input,
                    std::span<const u8> output, bool panicked, const Proof& proof,
                    const DoryVerifierSetup& setup);

}  // namespace rill::zkvm
