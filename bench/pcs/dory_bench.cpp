// Dory benchmarks against the targets of issue 7 (figures in docs/benchmarks.md, section Dory):
// setup for N = 2^24, one-hot commit (K = 16, T = 2^20), dense 32-bit commit (2^20), batched
// opening of 20 polynomials at N = 2^24, its verification, and the proof size. The last argument
// of each benchmark is the thread count. Run one benchmark per process under /usr/bin/time -v to
// read its peak RSS; the `rss_mib` counter is getrusage's peak so far in this process.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <vector>

#include "rill/pcs/batch.hpp"
#include "rill/pcs/matrix_providers.hpp"
#include "rill/pcs/setup_cache.hpp"
#include "rill/poly/eq.hpp"
#include "rill/util/parallel.hpp"
#include "rill/util/rss.hpp"
#include "rill/util/timer.hpp"

namespace rill {
namespace {

constexpr unsigned kLogN = 24;
constexpr u32 kAddresses = 16;

const DorySetup& setup24() {
  static const DorySetup setup = load_or_generate_setup(kLogN);
  return setup;
}

std::vector<u32> random_one_hot(std::size_t cycles, u64 seed) {
  std::mt19937_64 rng(seed);
  std::vector<u32> hot(cycles);
  for (u32& k : hot) k = static_cast<u32>(rng() % kAddresses);
  return hot;
}

void report_rss(benchmark::State& state) {
  state.counters["rss_mib"] = static_cast<double>(peak_rss_bytes()) / (1 << 20);
}

void BM_SetupGenerate(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(DorySetup::generate(kLogN));
  state.counters["file_mib"] = static_cast<double>(encode_setup_file(setup24()).size()) / (1 << 20);
  report_rss(state);
}

void BM_SetupLoad(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(0)));
  setup24();  // make sure the cache file exists
  SetupLoadReport report;
  for (auto _ : state) benchmark::DoNotOptimize(load_or_generate_setup(kLogN, &report));
  if (!report.loaded_from_cache) state.SkipWithError("setup was not loaded from the cache");
  report_rss(state);
}

// One-hot, K = 16, T = 2^20: n = 24, σ = ν = 12; 2^20 generator additions + 4096 Miller loops.
void BM_CommitOneHot(benchmark::State& state) {
  const bool prepared_lines = state.range(0) != 0;
  set_thread_count(static_cast<std::size_t>(state.range(1)));
  const DorySetup& setup = setup24();
  const MatrixShape shape = MatrixShape::balanced(kLogN);
  const std::vector<u32> hot = random_one_hot(std::size_t{1} << 20, 1);
  std::unique_ptr<PreparedRowGenerators> prepared;
  if (prepared_lines) {
    prepared = std::make_unique<PreparedRowGenerators>(setup, shape.rows());
    state.counters["prepared_mib"] = static_cast<double>(prepared->memory_bytes()) / (1 << 20);
  }
  const OneHotMatrixProvider poly(hot, kAddresses, shape);
  for (auto _ : state) benchmark::DoNotOptimize(poly.commit(setup, prepared.get()));
  report_rss(state);
}

// Dense 2^20 polynomial of 32-bit integers: n = 20, 1024 rows of 1024 columns.
void BM_CommitDenseU32(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(0)));
  const DorySetup& setup = setup24();
  const MatrixShape shape = MatrixShape::balanced(20);
  std::mt19937_64 rng(2);
  std::vector<u64> values(std::size_t{1} << 20);
  for (u64& v : values) v = rng() & 0xffffffffu;
  for (auto _ : state) {
    CommitmentBuilder builder(setup, shape);
    parallel_for(0, shape.rows(), 1, [&](u64 lo, u64 hi) {
      for (u64 r = lo; r < hi; ++r) {
        builder.add_u64_row(
            r, std::span<const u64>(values).subspan(r * shape.columns(), shape.columns()));
      }
    });
    benchmark::DoNotOptimize(builder.finish());
  }
  report_rss(state);
}

// 20 one-hot polynomials (K = 16, T = 2^20) committed once, then opened together at one point.
struct Batch {
  MatrixShape shape = MatrixShape::balanced(kLogN);
  std::vector<std::vector<u32>> hot;
  std::vector<std::unique_ptr<OneHotMatrixProvider>> polys;
  std::vector<DoryCommitment> commitments;
  std::vector<Fr> point, values;
  DoryProof proof;
  double prove_seconds = 0;
};

constexpr std::size_t kBatch = 20;

Batch& batch() {
  static Batch b = [] {
    Batch out;
    const DorySetup& setup = setup24();
    std::mt19937_64 rng(3);
    for (std::size_t i = 0; i < kBatch; ++i) {
      out.hot.push_back(random_one_hot(std::size_t{1} << 20, 100 + i));
      out.polys.push_back(
          std::make_unique<OneHotMatrixProvider>(out.hot.back(), kAddresses, out.shape));
      out.commitments.push_back(out.polys.back()->commit(setup));
    }
    for (unsigned j = 0; j < kLogN; ++j) out.point.push_back(Fr::random(rng));
    // Claimed values through the provider: f(z) = ⟨Lᵀ·M, R⟩ (tested against dense evaluation
    // in the unit tests).
    const tracked_vector<Fr> left =
        eq_table(std::span<const Fr>(out.point).first(out.shape.log_rows));
    const tracked_vector<Fr> right =
        eq_table(std::span<const Fr>(out.point).subspan(out.shape.log_rows));
    std::vector<Fr> v(out.shape.columns());
    for (const auto& p : out.polys) {
      p->vector_matrix_product({}, left, v);
      Fr y = Fr::zero();
      for (std::size_t c = 0; c < v.size(); ++c) y += v[c] * right[c];
      out.values.push_back(y);
    }
    return out;
  }();
  return b;
}

DoryProof prove_batch(Batch& b) {
  std::vector<GT> coms;
  std::vector<std::span<const G1Affine>> hints;
  std::vector<const VectorMatrixProductProvider*> parts;
  for (std::size_t i = 0; i < kBatch; ++i) {
    coms.push_back(b.commitments[i].commitment);
    hints.emplace_back(b.commitments[i].row_commitments);
    parts.push_back(b.polys[i].get());
  }
  Transcript t("dory-bench");
  return prove_dory_batch(setup24(), b.shape, coms, b.point, b.values, hints,
                          CombinedVmvProvider(std::move(parts)), t);
}

void BM_BatchOpen20(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(0)));
  Batch& b = batch();
  for (auto _ : state) b.proof = prove_batch(b);
  state.counters["proof_bytes"] = static_cast<double>(encode_dory_proof(b.proof).size());
  report_rss(state);
}

void BM_BatchVerify20(benchmark::State& state) {
  set_thread_count(static_cast<std::size_t>(state.range(0)));
  Batch& b = batch();
  if (b.proof.first.empty()) b.proof = prove_batch(b);
  std::vector<GT> coms;
  for (const DoryCommitment& c : b.commitments) coms.push_back(c.commitment);
  const std::vector<u8> bytes = encode_dory_proof(b.proof);
  const DoryVerifierSetup& vs = setup24().verifier();
  for (auto _ : state) {
    // From bytes: decoding checks every element (GT membership included), then verification.
    const auto proof = decode_dory_proof(bytes, b.shape.rounds());
    Transcript t("dory-bench");
    if (!proof || !verify_dory_batch(vs, b.shape, coms, b.point, b.values, *proof, t).ok)
      state.SkipWithError("batch proof rejected");
  }
  state.counters["proof_bytes"] = static_cast<double>(bytes.size());
}

BENCHMARK(BM_SetupGenerate)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_SetupLoad)->Arg(2)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommitOneHot)
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 2})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CommitDenseU32)->Arg(1)->Arg(2)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchOpen20)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_BatchVerify20)->Arg(1)->Arg(2)->Iterations(5)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rill
