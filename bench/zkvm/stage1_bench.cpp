// Stage 1 on sha2_chain sized to fill T = 2^n (about 0.9·T rows), in both modes, one thread.
// Reports the stage's seconds, the tracked high-water bytes and the process's peak RSS as counters;
// the figures in docs/benchmarks.md ("Stage 1") come from this benchmark and bench/peak_rss.sh.
//   stage1_bench --benchmark_filter='Stage1/.*/16'
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/prover/sizing.hpp"

namespace rill::zkvm {
namespace {

struct Prepared {
  std::unique_ptr<riscv::Machine> machine;
  std::vector<u8> input;
};

// The sha2_chain run of about 0.9·2^log_t rows (sized once per size).
const Prepared& prepared(unsigned log_t) {
  static std::map<unsigned, Prepared> cache;
  auto it = cache.find(log_t);
  if (it != cache.end()) return it->second;
  Prepared p;
  p.machine = std::make_unique<riscv::Machine>(
      riscv::load_elf(std::string(RILL_GUEST_DIR) + "/sha2_chain.elf"), riscv::MemoryConfig{});
  const u64 target = (u64{1} << log_t) * 9 / 10;
  p.input = guest_input(guest_size_for_rows(*p.machine, target));
  return cache.emplace(log_t, std::move(p)).first->second;
}

// The trace is built outside the timed region (its tracked bytes are outside the stage's
// scope). Streaming mode normally reads a replayed trace, whose replay buffers count as the
// stage's tracked bytes; on a materialized trace the tracked bytes are the stage's own
// structures alone.
void Stage1(benchmark::State& state, ProvingMode mode, bool replay) {
  const Prepared& p = prepared(static_cast<unsigned>(state.range(0)));
  ProverOptions options;
  options.mode = mode;
  options.threads = static_cast<unsigned>(state.range(1));
  std::unique_ptr<riscv::TraceSource> source;
  if (replay) {
    source = std::make_unique<riscv::ReplayTrace>(*p.machine, p.input);
  } else {
    source = std::make_unique<riscv::MaterializedTrace>(*p.machine, p.input);
  }
  const riscv::ExecutionSummary& summary = source->summary();
  const DorySetup& setup = shared_dory_setup(run_shape(*p.machine, summary));
  StageReport report;
  for (auto _ : state) {
    const ProveResult result = prove(*p.machine, p.input, summary, *source, options, setup);
    report = result.stages.at(1);  // stage 1 (after stage 0, the commitments)
    state.SetIterationTime(report.seconds);
  }
  state.counters["T"] = static_cast<double>(summary.padded_len);
  state.counters["cycles"] = static_cast<double>(summary.rows);
  state.counters["tracked_MiB"] = static_cast<double>(report.tracked_high_water_bytes) / (1 << 20);
  state.counters["peak_rss_MiB"] = static_cast<double>(report.peak_rss_bytes) / (1 << 20);
  state.counters["passes"] = report.passes;
  state.counters["kHz"] = static_cast<double>(summary.rows) / report.seconds / 1e3;
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int log_t : {16, 18, 20, 22}) b->Args({log_t, 1});
  b->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1)->Repetitions(3);
}

BENCHMARK_CAPTURE(Stage1, linear, ProvingMode::kLinear, false)->Apply(sizes);
BENCHMARK_CAPTURE(Stage1, streaming, ProvingMode::kStreaming, true)->Apply(sizes);
BENCHMARK_CAPTURE(Stage1, streaming_materialized, ProvingMode::kStreaming, false)->Apply(sizes);

}  // namespace
}  // namespace rill::zkvm
