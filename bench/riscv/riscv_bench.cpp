// Machine throughput (issue 5 targets): plain execution ≥ 100 M instructions/s, trace-row
// generation ≥ 30 M rows/s on one thread, ReplayTrace of 2^24 rows of sha2_chain with 2 threads
// ≤ 0.6 s, checkpoint memory for 2^24 rows ≤ 64 MB. Guests come from the build's guests/ folder.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "rill/riscv/execution.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/parallel.hpp"

namespace rill::riscv {
namespace {

std::vector<u8> le32(u32 v) {
  return {static_cast<u8>(v), static_cast<u8>(v >> 8), static_cast<u8>(v >> 16),
          static_cast<u8>(v >> 24)};
}

const Machine& guest(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Machine>> machines;
  auto& m = machines[name];
  if (!m) {
    m = std::make_unique<Machine>(load_elf(std::string(RILL_GUEST_DIR) + "/" + name + ".elf"),
                                  MemoryConfig{});
  }
  return *m;
}

// sha2_chain iterations giving just under 2^24 rows (about 6,170 rows per SHA-256).
constexpr u32 kSha2ChainFor2To24 = 2700;

void BM_Execute(benchmark::State& state, const char* name, u32 size) {
  const Machine& m = guest(name);
  u64 instructions = 0, rows = 0;
  for (auto _ : state) {
    const ExecutionSummary s = execute(m, le32(size));
    instructions += s.instructions;
    rows += s.rows;
  }
  state.counters["instr/s"] =
      benchmark::Counter(static_cast<double>(instructions), benchmark::Counter::kIsRate);
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_Execute, sha2_chain, "sha2_chain", 300)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Execute, fibonacci, "fibonacci", 1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Execute, muldiv, "muldiv", 20000)->Unit(benchmark::kMillisecond);

// Rows generated into a preallocated buffer, one thread.
void BM_TraceRows(benchmark::State& state, const char* name, u32 size) {
  const Machine& m = guest(name);
  const u64 expected = execute(m, le32(size)).rows;
  tracked_vector<Row> rows;
  rows.reserve(expected);
  u64 total = 0;
  for (auto _ : state) {
    rows.clear();
    Execution run(m, le32(size));
    RowCollector collect{&rows};
    while (!run.step(u64{1} << 40, collect)) {
    }
    total += rows.size();
    benchmark::DoNotOptimize(rows.data());
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_TraceRows, sha2_chain, "sha2_chain", 300)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TraceRows, fibonacci, "fibonacci", 1000000)->Unit(benchmark::kMillisecond);

// The first (serial) run that records checkpoints, for 2^24 rows of sha2_chain.
void BM_ReplayCheckpointing(benchmark::State& state) {
  const Machine& m = guest("sha2_chain");
  // Arg 0: the automatic interval (about √rows); k > 0: a fixed interval of 2^k rows.
  const ReplayOptions options{state.range(0) == 0 ? 0 : u64{1} << state.range(0)};
  std::size_t bytes = 0;
  u64 rows = 0, interval = 0;
  for (auto _ : state) {
    const ReplayTrace trace(m, le32(kSha2ChainFor2To24), options);
    bytes = trace.checkpoint_bytes();
    rows = trace.unpadded_len();
    interval = trace.checkpoint_interval();
  }
  state.counters["checkpoint_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["interval"] = static_cast<double>(interval);
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ReplayCheckpointing)->Arg(0)->Arg(10)->Arg(12)->Arg(14)->Unit(benchmark::kMillisecond);

// One full parallel pass over the replayed 2^24-row trace (automatic interval): 2 threads, segments
// of 2^18 rows, spans of 1024 rows; the visitor folds a checksum so nothing is optimized away.
void BM_ReplayPass(benchmark::State& state) {
  const Machine& m = guest("sha2_chain");
  const ReplayTrace trace(m, le32(kSha2ChainFor2To24), ReplayOptions{});
  set_thread_count(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const u64 sum = parallel_pass(
        trace, u64{1} << 18, 1024, [] { return u64{0}; },
        [](u64& acc, std::span<const Row> rows, const Row& next, u64) {
          for (const Row& r : rows) acc += r.rd_post ^ r.bytecode_index;
          acc += next.ram_post;
        },
        [](u64& acc, u64 other) { acc += other; });
    benchmark::DoNotOptimize(sum);
  }
  set_thread_count(0);
  state.counters["T"] = static_cast<double>(trace.padded_len());
  state.counters["rows/s"] = benchmark::Counter(
      static_cast<double>(trace.padded_len()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReplayPass)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace rill::riscv
