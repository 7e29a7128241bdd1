// Stage 5 (instruction read-RAF, RAM RA claim reduction, registers value evaluation) on
// sha2_chain sized to fill T = 2^n (about 0.9·T rows), both modes, on a materialized trace. The
// accumulator is seeded with random points and claims (proving does not check its inputs; the
// tests do): only the stage's own time, passes and tracked bytes are measured.
//   zkvm_stage5_bench --benchmark_filter='Stage5/.*/18/.*'
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <random>

#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/parallel.hpp"
#include "rill/util/timer.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/prover/sizing.hpp"
#include "rill/zkvm/stages/stage5.hpp"

namespace rill::zkvm {
namespace {

struct Prepared {
  std::unique_ptr<riscv::Machine> machine;
  std::vector<u8> input;
  std::unique_ptr<riscv::MaterializedTrace> trace;
};

const Prepared& prepared(unsigned log_t) {
  static std::map<unsigned, Prepared> cache;
  auto it = cache.find(log_t);
  if (it != cache.end()) return it->second;
  Prepared p;
  p.machine = std::make_unique<riscv::Machine>(
      riscv::load_elf(std::string(RILL_GUEST_DIR) + "/sha2_chain.elf"), riscv::MemoryConfig{});
  const u64 target = (u64{1} << log_t) * 9 / 10;
  p.input = guest_input(guest_size_for_rows(*p.machine, target));
  p.trace = std::make_unique<riscv::MaterializedTrace>(*p.machine, p.input);
  return cache.emplace(log_t, std::move(p)).first->second;
}

void seed(const ProtocolShape& shape, OpeningAccumulator& acc) {
  std::mt19937_64 rng(5);
  const auto point = [&](unsigned n) {
    std::vector<Fr> r;
    for (unsigned i = 0; i < n; ++i) r.push_back(Fr::random(rng));
    return r;
  };
  using PN = PointName;
  for (PN name : {PN::kCycle1, PN::kCycle2, PN::kCycle4})
    acc.points().set(name, point(shape.log_t));
  acc.points().set(PN::kRamAddress2, point(shape.log_k_ram));
  acc.points().set(PN::kRegisterAddress4, point(kLogKRegisters));
  for (const InstanceSpec& instance : stage_spec(StageId::k5, shape).instances)
    for (const ClaimKey& key : instance.inputs) acc.add(key, Fr::random(rng));
}

void Stage5(benchmark::State& state, bool streaming) {
  const Prepared& p = prepared(static_cast<unsigned>(state.range(0)));
  const ThreadLimit threads(static_cast<unsigned>(state.range(1)));
  const riscv::ExecutionSummary& summary = p.trace->summary();
  const ProtocolShape shape = ProtocolShape::from_sizes(summary.padded_len, summary.k_ram,
                                                        p.machine->bytecode().padded_size());
  const CycleSource records(
      *p.trace, RecordContext{&p.machine->bytecode(), &p.machine->layout(), shape.one_hot});
  double seconds = 0;
  std::size_t tracked = 0;
  unsigned passes = 0;
  // The random input claims are not the sums: the prover's self-check must not stop it.
  const ScopedSelfCheckOff random_claims;
  for (auto _ : state) {
    OpeningAccumulator acc;
    seed(shape, acc);
    Transcript transcript("stage 5 bench");
    StageConfig config;
    config.streaming = streaming;
    ProverContext<CycleSource<riscv::MaterializedTrace>> ctx{records, shape, config, transcript,
                                                             acc};
    const Stopwatch watch;
    const MemoryScope scope;
    const StageOutput out = prove_stage5(ctx);
    seconds = watch.seconds();
    tracked = scope.high_water_bytes();
    passes = out.passes;
    state.SetIterationTime(seconds);
  }
  state.counters["T"] = static_cast<double>(summary.padded_len);
  state.counters["tracked_MiB"] = static_cast<double>(tracked) / (1 << 20);
  state.counters["passes"] = passes;
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int log_t : {16, 18, 20})
    for (int threads : {1, 2}) b->Args({log_t, threads});
  b->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1)->Repetitions(1);
}

BENCHMARK_CAPTURE(Stage5, linear, false)->Apply(sizes);
BENCHMARK_CAPTURE(Stage5, streaming, true)->Apply(sizes);

}  // namespace
}  // namespace rill::zkvm
