// Sumcheck engine benchmarks (figures in docs/benchmarks.md, section "sumcheck").
//
//   BM_Dense/<log N>/<factors>/<eq>/<threads>: a product of dense multilinears held in memory
//     (optionally times eq), proven with the linear schedule through prove_batched.
//   BM_Stream/<log N>/<factors>/<half split?>/<threads>: the same product times eq, its factors
//     streamed from a synthetic source through the pass driver, with the linear schedule
//     (materialize at round 0) or the half split; reports the passes made.
//   BM_StreamSmall/…: the same with factor values given as 32-bit integers.
#include <benchmark/benchmark.h>

#include <map>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 31;
  x *= 0x9e3779b97f4a7c15ULL;
  x ^= x >> 29;
  x *= 0xbf58476d1ce4e5b9ULL;
  return x ^ (x >> 32);
}

// Pseudo-random but fixed field elements (no RNG state, so tables are reproducible).
Fr value(std::uint64_t index, unsigned factor) {
  return Fr::from_u128((static_cast<u128>(mix(index * 4 + factor)) << 64) | mix(~index + factor));
}

std::vector<Fr> point(unsigned n) {
  std::vector<Fr> w;
  for (unsigned i = 0; i < n; ++i) w.push_back(value(1000 + i, 7));
  return w;
}

const tracked_vector<Fr>& table(unsigned log_n, unsigned factor) {
  static std::map<std::pair<unsigned, unsigned>, tracked_vector<Fr>> cache;
  auto& t = cache[{log_n, factor}];
  if (t.empty()) {
    t.resize(std::size_t{1} << log_n);
    parallel_for(0, t.size(), 1 << 14, [&](u64 b, u64 e) {
      for (u64 i = b; i < e; ++i) t[i] = value(i, factor);
    });
  }
  return t;
}

void BM_Dense(benchmark::State& state) {
  const auto log_n = static_cast<unsigned>(state.range(0));
  const auto factors = static_cast<unsigned>(state.range(1));
  const bool with_eq = state.range(2) != 0;
  set_thread_count(static_cast<std::size_t>(state.range(3)));
  for (unsigned f = 0; f < factors; ++f) table(log_n, f);
  const Weight weight = with_eq ? Weight::eq(point(log_n)) : Weight::none();
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<DensePoly> polys;
    for (unsigned f = 0; f < factors; ++f) polys.emplace_back(tracked_vector<Fr>(table(log_n, f)));
    // The claim only feeds h(1) = claim − h(0); its value does not change the work.
    DenseProductSumcheck inst(ProductShape::product(factors), std::move(polys), weight, Fr::zero());
    state.ResumeTiming();
    Transcript t("bench");
    SumcheckInstance* one[] = {&inst};
    benchmark::DoNotOptimize(prove_batched(back_aligned(one), t));
  }
  set_thread_count(0);
}

// Factor values looked up in small cache-resident tables, so that the figures measure the engine
// rather than the cost of deriving values (a trace kernel computes small integers per row).
struct ValueKernel {
  using Record = std::uint64_t;
  static constexpr std::uint64_t kTableSize = 4096;
  unsigned num_factors;
  const std::vector<Fr>* tables;  // num_factors × kTableSize
  unsigned log_block() const { return 0; }
  void factors(const Record& row, const Record&, std::uint64_t, Fr* out) const {
    const std::uint64_t slot = mix(row) & (kTableSize - 1);
    for (unsigned f = 0; f < num_factors; ++f) out[f] = (*tables)[f * kTableSize + slot];
  }
};

// The same lookups as 32-bit unsigned integers (as trace-derived values are): the passes then
// multiply them into eq(r, ·) with word multiplications.
struct SmallValueKernel {
  using Record = std::uint64_t;
  using Value = u64;
  unsigned num_factors;
  unsigned log_block() const { return 0; }
  void factors(const Record& row, const Record&, std::uint64_t, u64* out) const {
    const std::uint64_t h = mix(row);
    for (unsigned f = 0; f < num_factors; ++f) out[f] = (h >> (16 * f)) & 0xffffffffu;
  }
};

template <class Kernel>
void stream_bench(benchmark::State& state, const Kernel& kernel) {
  const auto log_n = static_cast<unsigned>(state.range(0));
  const auto factors = static_cast<unsigned>(state.range(1));
  const bool half_split = state.range(2) != 0;
  set_thread_count(static_cast<std::size_t>(state.range(3)));
  const SyntheticSource<std::uint64_t> source(std::uint64_t{1} << log_n, std::uint64_t{1} << log_n,
                                              1, [](std::uint64_t i) { return i; });
  const unsigned degree = factors;  // window grid degree: eq stays outside the grids
  unsigned passes = 0;
  for (auto _ : state) {
    const Schedule schedule =
        half_split ? Schedule::half_split(log_n, degree) : Schedule::linear_only(log_n);
    StreamingProductSumcheck<Kernel> inst(kernel, log_n, ProductShape::product(factors),
                                          Weight::eq(point(log_n)), schedule, Fr::zero());
    PassDriver driver(source);
    SumcheckInstance* one[] = {&inst};
    const auto items = back_aligned(one);
    driver.add(items);
    Transcript t("bench");
    benchmark::DoNotOptimize(prove_batched(items, t, &driver));
    passes = driver.passes();
  }
  state.counters["passes"] = passes;
  set_thread_count(0);
}

void BM_Stream(benchmark::State& state) {
  const auto factors = static_cast<unsigned>(state.range(1));
  std::vector<Fr> tables;
  for (std::uint64_t i = 0; i < factors * ValueKernel::kTableSize; ++i)
    tables.push_back(value(i, 5));
  stream_bench(state, ValueKernel{factors, &tables});
}

void BM_StreamSmall(benchmark::State& state) {
  stream_bench(state, SmallValueKernel{static_cast<unsigned>(state.range(1))});
}

void dense_args(benchmark::internal::Benchmark* b) {
  for (long log_n : {20, 24})
    for (long threads : {1, 2}) {
      b->Args({log_n, 2, 0, threads});
      b->Args({log_n, 2, 1, threads});
      b->Args({log_n, 3, 1, threads});
    }
}

void stream_args(benchmark::internal::Benchmark* b) {
  for (long log_n : {20, 24})
    for (long threads : {1, 2})
      for (long half : {0, 1}) b->Args({log_n, 2, half, threads});
}

BENCHMARK(BM_Dense)->Apply(dense_args)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_Stream)
    ->Apply(stream_args)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_StreamSmall)
    ->Apply(stream_args)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace rill
