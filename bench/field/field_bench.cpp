// Single-thread throughput and latency of the field operations (issue 3 targets: Fr mul ≤ 20 ns,
// Fr add ≤ 3 ns, Fr × u64 ≤ 8 ns, batch inversion ≤ 3.5 muls/element, Fq12 mul ≤ 2 µs).
// "Throughput" runs independent operations over arrays of kBatch elements; "latency" chains each
// result into the next operation.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/batch_inverse.hpp"
#include "rill/field/fq12.hpp"
#include "rill/field/fr.hpp"

namespace rill {
namespace {

constexpr std::size_t kBatch = 1024;

template <class F>
std::vector<F> random_elements(std::size_t n, u64 seed) {
  std::mt19937_64 rng(seed);
  std::vector<F> v(n);
  for (auto& x : v) x = F::random(rng);
  return v;
}

// out[i] = op(a[i], b[i]) over the batch; reports one item per operation.
template <class F, class Op>
void run_binary(benchmark::State& state, Op op) {
  const auto a = random_elements<F>(kBatch, 1);
  const auto b = random_elements<F>(kBatch, 2);
  std::vector<F> out(kBatch);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kBatch; ++i) out[i] = op(a[i], b[i]);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}

void BM_FrMul(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) { return x * y; });
}
void BM_FrMulPortable(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) {
    return Fr::from_montgomery_unchecked(field_detail::mont_mul_portable(
        x.montgomery_limbs(), y.montgomery_limbs(), Fr::kModulus, Fr::kInvNeg));
  });
}
void BM_FrSquare(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr&) { return x.square(); });
}
void BM_FrAdd(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) { return x + y; });
}
void BM_FrSub(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) { return x - y; });
}
void BM_FrMulU64(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) { return x.mul_u64(y.montgomery_limbs()[0]); });
}
void BM_FrMulI64(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) {
    return x.mul_i64(static_cast<i64>(y.montgomery_limbs()[0]));
  });
}
void BM_FrMulU128Challenge(benchmark::State& s) {
  run_binary<Fr>(s, [](const Fr& x, const Fr& y) {
    const auto& l = y.montgomery_limbs();
    return x.mul_u128((static_cast<u128>(l[1]) << 64) | l[0]);
  });
}
void BM_FqMul(benchmark::State& s) {
  run_binary<Fq>(s, [](const Fq& x, const Fq& y) { return x * y; });
}
BENCHMARK(BM_FrMul);
BENCHMARK(BM_FrMulPortable);
BENCHMARK(BM_FrSquare);
BENCHMARK(BM_FrAdd);
BENCHMARK(BM_FrSub);
BENCHMARK(BM_FrMulU64);
BENCHMARK(BM_FrMulI64);
BENCHMARK(BM_FrMulU128Challenge);
BENCHMARK(BM_FqMul);

// x ← x·y repeatedly: the latency of one multiplication.
void BM_FrMulLatency(benchmark::State& state) {
  Fr x = Fr::from_u64(3);
  const Fr y = random_elements<Fr>(1, 3)[0];
  for (auto _ : state) {
    for (int i = 0; i < 1000; ++i) x *= y;
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 1000));
}
BENCHMARK(BM_FrMulLatency);

// Σ a_i·b_i over the batch: unreduced accumulator versus multiply-and-add.
void BM_FrDotAccumulator(benchmark::State& state) {
  const auto a = random_elements<Fr>(kBatch, 4);
  const auto b = random_elements<Fr>(kBatch, 5);
  for (auto _ : state) {
    FrAccumulator acc;
    for (std::size_t i = 0; i < kBatch; ++i) acc.add_product(a[i], b[i]);
    benchmark::DoNotOptimize(acc.reduce());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}
void BM_FrDotMulAdd(benchmark::State& state) {
  const auto a = random_elements<Fr>(kBatch, 4);
  const auto b = random_elements<Fr>(kBatch, 5);
  for (auto _ : state) {
    Fr sum;
    for (std::size_t i = 0; i < kBatch; ++i) sum += a[i] * b[i];
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}
void BM_FrDotAccumulatorU64(benchmark::State& state) {
  const auto a = random_elements<Fr>(kBatch, 4);
  std::vector<u64> k(kBatch);
  std::mt19937_64 rng(6);
  for (auto& x : k) x = rng();
  for (auto _ : state) {
    FrAccumulator acc;
    for (std::size_t i = 0; i < kBatch; ++i) acc.add_product_u64(a[i], k[i]);
    benchmark::DoNotOptimize(acc.reduce());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}
BENCHMARK(BM_FrDotAccumulator);
BENCHMARK(BM_FrDotMulAdd);
BENCHMARK(BM_FrDotAccumulatorU64);

void BM_FrInverse(benchmark::State& state) {
  Fr x = random_elements<Fr>(1, 7)[0];
  for (auto _ : state) {
    x = x.inverse() + Fr::one();
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_FrInverse);

// Per element; divide by BM_FrMul's time for "multiplications per element".
void BM_FrBatchInverse(benchmark::State& state) {
  const auto values = random_elements<Fr>(static_cast<std::size_t>(state.range(0)), 8);
  std::vector<Fr> work(values.size());
  for (auto _ : state) {
    state.PauseTiming();
    work = values;
    state.ResumeTiming();
    batch_inverse(std::span<Fr>(work));
    benchmark::DoNotOptimize(work.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * state.range(0)));
}
BENCHMARK(BM_FrBatchInverse)->Arg(1 << 12)->Arg(1 << 16);

void BM_FqSqrt(benchmark::State& state) {
  const Fq x = random_elements<Fq>(1, 9)[0].square();
  for (auto _ : state) benchmark::DoNotOptimize(x.sqrt());
}
void BM_Fq2Mul(benchmark::State& state) {
  const Fq2 a = {Fq::from_u64(5), Fq::from_u64(7)};
  Fq2 x = {random_elements<Fq>(1, 10)[0], random_elements<Fq>(1, 11)[0]};
  for (auto _ : state) {
    x = x * a;
    benchmark::DoNotOptimize(x);
  }
}
void BM_Fq2Sqrt(benchmark::State& state) {
  const Fq2 x = Fq2{random_elements<Fq>(1, 12)[0], random_elements<Fq>(1, 13)[0]}.square();
  for (auto _ : state) benchmark::DoNotOptimize(x.sqrt());
}
BENCHMARK(BM_FqSqrt);
BENCHMARK(BM_Fq2Mul);
BENCHMARK(BM_Fq2Sqrt);

Fq12 random_fq12(u64 seed) {
  std::mt19937_64 rng(seed);
  return Fq12::random(rng);
}
void BM_Fq12Mul(benchmark::State& state) {
  Fq12 x = random_fq12(14);
  const Fq12 y = random_fq12(15);
  for (auto _ : state) {
    x = x * y;
    benchmark::DoNotOptimize(x);
  }
}
void BM_Fq12Square(benchmark::State& state) {
  Fq12 x = random_fq12(16);
  for (auto _ : state) {
    x = x.square();
    benchmark::DoNotOptimize(x);
  }
}
void BM_Fq12CyclotomicSquare(benchmark::State& state) {
  Fq12 x = random_fq12(17);
  for (auto _ : state) {
    x = x.cyclotomic_square();  // timing only: the formula's cost does not depend on membership
    benchmark::DoNotOptimize(x);
  }
}
void BM_Fq12Inverse(benchmark::State& state) {
  Fq12 x = random_fq12(18);
  for (auto _ : state) {
    x = x.inverse();
    benchmark::DoNotOptimize(x);
  }
}
void BM_Fq12Frobenius(benchmark::State& state) {
  Fq12 x = random_fq12(19);
  for (auto _ : state) {
    x = x.frobenius_map(1);
    benchmark::DoNotOptimize(x);
  }
}
BENCHMARK(BM_Fq12Mul);
BENCHMARK(BM_Fq12Square);
BENCHMARK(BM_Fq12CyclotomicSquare);
BENCHMARK(BM_Fq12Inverse);
BENCHMARK(BM_Fq12Frobenius);

}  // namespace
}  // namespace rill
