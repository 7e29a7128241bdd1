// The cost of one pass's per-row witness: the whole CycleRecord (what every stage reads since the
// backbone) against the R1CS inputs alone (what stage 1 computed before), per row, one thread,
// on a materialized sha2_chain trace of about 2^18 rows.
//   zkvm_record_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/zkvm/prover/sizing.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {
namespace {

struct Run {
  std::unique_ptr<riscv::Machine> machine;
  std::unique_ptr<riscv::MaterializedTrace> trace;
};

const Run& run() {
  static const Run r = [] {
    Run out;
    out.machine = std::make_unique<riscv::Machine>(
        riscv::load_elf(std::string(RILL_GUEST_DIR) + "/sha2_chain.elf"), riscv::MemoryConfig{});
    const std::vector<u8> input = guest_input(guest_size_for_rows(*out.machine, 1u << 18));
    out.trace = std::make_unique<riscv::MaterializedTrace>(*out.machine, input);
    return out;
  }();
  return r;
}

void RecordPass(benchmark::State& state) {
  const Run& r = run();
  const RecordContext ctx{
      &r.machine->bytecode(), &r.machine->layout(),
      OneHotParams::for_sizes(r.trace->padded_len(), r.machine->bytecode().padded_size(),
                              r.trace->summary().k_ram)};
  const CycleSource records(*r.trace, ctx);
  for (auto _ : state) {
    i128 sum = 0;
    records.visit(0, records.padded_len(), 4096,
                  [&](std::span<const CycleRecord> rows, const CycleRecord&, u64) {
                    for (const CycleRecord& c : rows) sum += c.z.values[0] + c.lookup_index;
                  });
    benchmark::DoNotOptimize(sum);
  }
  state.counters["ns_per_row"] = benchmark::Counter(
      static_cast<double>(records.padded_len()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void R1csInputsPass(benchmark::State& state) {
  const Run& r = run();
  const riscv::Bytecode& bytecode = r.machine->bytecode();
  for (auto _ : state) {
    i128 sum = 0;
    r.trace->visit(
        0, r.trace->padded_len(), 4096,
        [&](std::span<const riscv::Row> rows, const riscv::Row& next, u64) {
          for (std::size_t j = 0; j < rows.size(); ++j)
            sum +=
                r1cs_inputs(bytecode, rows[j], j + 1 < rows.size() ? rows[j + 1] : next).values[0];
        });
    benchmark::DoNotOptimize(sum);
  }
  state.counters["ns_per_row"] = benchmark::Counter(
      static_cast<double>(r.trace->padded_len()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(RecordPass)->Unit(benchmark::kMillisecond);
BENCHMARK(R1csInputsPass)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rill::zkvm
