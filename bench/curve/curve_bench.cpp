// Micro-benchmarks of the curve layer: MSM scaling, subset sums, pairings and GT exponentiation.
// The second argument of each benchmark is the thread count. Figures go to docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "rill/curve/hash_to_curve.hpp"
#include "rill/curve/msm.hpp"
#include "rill/curve/pairing.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

// 2^log_n distinct bases P, P + G, P + 2G, … (cheap to make; MSM cost does not depend on them).
const std::vector<G1Affine>& bases(unsigned log_n) {
  static std::vector<G1Affine> cache;
  const std::size_t n = std::size_t(1) << log_n;
  if (cache.size() < n) {
    std::mt19937_64 rng(42);
    std::vector<G1> pts(n);
    G1 p = G1::generator() * Fr::random(rng);
    for (std::size_t i = 0; i < n; ++i, p = p.add_mixed(G1Affine::generator())) pts[i] = p;
    cache = batch_normalize(pts);
  }
  return cache;
}

std::vector<Fr> random_scalars(std::size_t n) {
  std::mt19937_64 rng(7);
  std::vector<Fr> s(n);
  for (Fr& x : s) x = Fr::random(rng);
  return s;
}

void BM_G1Msm(benchmark::State& state) {
  const unsigned log_n = static_cast<unsigned>(state.range(0));
  set_thread_count(static_cast<std::size_t>(state.range(1)));
  const std::span<const G1Affine> b = std::span(bases(log_n)).first(std::size_t(1) << log_n);
  const std::vector<Fr> s = random_scalars(b.size());
  for (auto _ : state) benchmark::DoNotOptimize(msm(b, s));
  set_thread_count(0);
}
BENCHMARK(BM_G1Msm)
    ->ArgsProduct({{10, 12, 14, 16, 18, 20}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_G1MsmU64(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(1)));
  const std::span<const G1Affine> b = std::span(bases(16)).first(std::size_t(1) << state.range(0));
  std::mt19937_64 rng(3);
  std::vector<u64> s(b.size());
  for (u64& x : s) x = rng();
  for (auto _ : state) benchmark::DoNotOptimize(msm_u64(b, s));
  set_thread_count(0);
}
BENCHMARK(BM_G1MsmU64)->ArgsProduct({{16}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_G1SumSelected(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(1)));
  const std::span<const G1Affine> b = std::span(bases(16)).first(std::size_t(1) << state.range(0));
  std::mt19937_64 rng(5);
  std::vector<u8> bits(b.size());
  for (u8& x : bits) x = rng() & 1;
  for (auto _ : state) benchmark::DoNotOptimize(sum_selected(b, bits));
  set_thread_count(0);
}
BENCHMARK(BM_G1SumSelected)
    ->ArgsProduct({{16}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Pairing(benchmark::State& state) {
  set_thread_count(1);
  const G1Affine p = (G1::generator() * Fr::from_u64(12345)).to_affine();
  const G2Affine q = (G2::generator() * Fr::from_u64(67890)).to_affine();
  for (auto _ : state) benchmark::DoNotOptimize(pairing(p, q));
  set_thread_count(0);
}
BENCHMARK(BM_Pairing)->Unit(benchmark::kMicrosecond);

void BM_MillerLoopPrepared(benchmark::State& state) {
  set_thread_count(1);
  const G1Affine p = (G1::generator() * Fr::from_u64(12345)).to_affine();
  const G2Prepared q((G2::generator() * Fr::from_u64(67890)).to_affine());
  const G2Prepared* qp = &q;
  for (auto _ : state)
    benchmark::DoNotOptimize(miller_loop_prepared(std::span(&p, 1), std::span(&qp, 1)));
  state.counters["prepared_bytes"] = static_cast<double>(q.memory_bytes());
  set_thread_count(0);
}
BENCHMARK(BM_MillerLoopPrepared)->Unit(benchmark::kMicrosecond);

void BM_FinalExponentiation(benchmark::State& state) {
  const G1Affine p = G1Affine::generator();
  const Fq12 f = miller_loop(std::span(&p, 1), std::vector{G2Affine::generator()});
  for (auto _ : state) benchmark::DoNotOptimize(final_exponentiation(f));
}
BENCHMARK(BM_FinalExponentiation)->Unit(benchmark::kMicrosecond);

// Multi-pairing of n pairs, single thread: the slope over n is the cost of an extra pair.
void BM_MultiPairing(benchmark::State& state) {
  set_thread_count(1);
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(9);
  std::vector<G1Affine> ps;
  std::vector<G2Affine> qs;
  for (std::size_t i = 0; i < n; ++i) {
    ps.push_back((G1::generator() * Fr::random(rng)).to_affine());
    qs.push_back((G2::generator() * Fr::random(rng)).to_affine());
  }
  for (auto _ : state) benchmark::DoNotOptimize(multi_pairing(ps, qs));
  set_thread_count(0);
}
BENCHMARK(BM_MultiPairing)->Arg(1)->Arg(9)->Unit(benchmark::kMicrosecond);

void BM_GTPow(benchmark::State& state) {
  const GT e = pairing(G1Affine::generator(), G2Affine::generator());
  std::mt19937_64 rng(1);
  const Fr k = Fr::random(rng);
  for (auto _ : state) benchmark::DoNotOptimize(e.pow(k));
}
BENCHMARK(BM_GTPow)->Unit(benchmark::kMicrosecond);

// Decoding with the subgroup check, as a verifier does for every GT element of a proof.
void BM_GTFromBytes(benchmark::State& state) {
  const std::array<u8, 384> bytes =
      pairing(G1Affine::generator(), G2Affine::generator()).to_bytes();
  for (auto _ : state) benchmark::DoNotOptimize(GT::from_bytes(bytes));
}
BENCHMARK(BM_GTFromBytes)->Unit(benchmark::kMicrosecond);

void BM_G2Msm(benchmark::State& state) {
  set_thread_count(1);
  const std::size_t n = std::size_t(1) << state.range(0);
  std::mt19937_64 rng(2);
  std::vector<G2> pts(n);
  G2 p = G2::generator() * Fr::random(rng);
  for (std::size_t i = 0; i < n; ++i, p = p.add_mixed(G2Affine::generator())) pts[i] = p;
  const std::vector<G2Affine> b = batch_normalize(pts);
  const std::vector<Fr> s = random_scalars(n);
  for (auto _ : state) benchmark::DoNotOptimize(msm(b, s));
  set_thread_count(0);
}
BENCHMARK(BM_G2Msm)->Arg(10)->Unit(benchmark::kMillisecond);

// Dory's transparent setup hashes 2^K points into each group.
void BM_HashToG1(benchmark::State& state) {
  const std::vector<u8> seed = {1, 2, 3};
  u64 index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(hash_to_g1(seed, index++));
}
BENCHMARK(BM_HashToG1)->Unit(benchmark::kMicrosecond);

void BM_HashToG2(benchmark::State& state) {
  const std::vector<u8> seed = {1, 2, 3};
  u64 index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(hash_to_g2(seed, index++));
}
BENCHMARK(BM_HashToG2)->Unit(benchmark::kMicrosecond);

void BM_G2SubgroupCheck(benchmark::State& state) {
  const G2Affine q = (G2::generator() * Fr::from_u64(987654321)).to_affine();
  for (auto _ : state) benchmark::DoNotOptimize(q.in_subgroup());
}
BENCHMARK(BM_G2SubgroupCheck)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rill
