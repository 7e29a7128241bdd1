// Instruction lookup tables at XLEN = 32 over Fr, one benchmark per table:
//   Mle/<table>           evaluate_mle at a random point (the verifier's cost per table);
//   BindPhase8/<table>    one prefix/suffix phase update: binding 8 index bits into the checkpoint;
//   ExpandPhase8/<table>  the prefix terms of a whole 8-bit phase (2^8 term vectors);
//   SuffixTerms/<table>   the suffix terms of one cycle's remaining index bits at split 8 (the
//                         prover's per-cycle work in the first phase's pass; integers only).
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"

namespace rill::zkvm::lookups {
namespace {

constexpr unsigned kXlen = 32;
constexpr unsigned kBits = 2 * kXlen;
constexpr unsigned kPhase = 8;

template <class Table>
void bench_mle(benchmark::State& state) {
  std::mt19937_64 rng(1);
  std::vector<Fr> r(kBits);
  for (auto& v : r) v = Fr::random(rng);
  for (auto _ : state) {
    benchmark::DoNotOptimize(TableAutomaton<Table>::evaluate_mle(std::span<const Fr>(r)));
  }
}

template <class Table>
void bench_bind_phase(benchmark::State& state) {
  std::mt19937_64 rng(2);
  std::vector<Fr> r(kPhase);
  for (auto& v : r) v = Fr::random(rng);
  for (auto _ : state) {
    PrefixCheckpoint<Table, Fr> checkpoint;
    for (const Fr& challenge : r) checkpoint.bind(challenge);
    benchmark::DoNotOptimize(checkpoint.terms().data());
  }
}

template <class Table>
void bench_expand_phase(benchmark::State& state) {
  std::mt19937_64 rng(3);
  PrefixCheckpoint<Table, Fr> checkpoint;
  for (unsigned j = 0; j < kPhase; ++j) checkpoint.bind(Fr::random(rng));
  std::vector<Fr> out((std::size_t{1} << kPhase) * TableAutomaton<Table>::num_terms(2 * kPhase));
  for (auto _ : state) {
    checkpoint.expand(kPhase, out);
    benchmark::DoNotOptimize(out.data());
  }
}

template <class Table>
void bench_suffix_terms(benchmark::State& state) {
  std::mt19937_64 rng(4);
  std::vector<u64> suffixes(1024);
  for (auto& s : suffixes) s = rng() & low_mask(kBits - kPhase);
  std::vector<i64> out(TableAutomaton<Table>::num_terms(kPhase));
  std::size_t i = 0;
  for (auto _ : state) {
    TableAutomaton<Table>::suffix_terms(kPhase, suffixes[i++ & 1023], out);
    benchmark::DoNotOptimize(out.data());
  }
}

// Reference for the figures above: one Fr multiplication on this machine.
void bench_fr_mul(benchmark::State& state) {
  std::mt19937_64 rng(5);
  Fr a = Fr::random(rng);
  const Fr b = Fr::random(rng);
  for (auto _ : state) {
    a = a * b;
    benchmark::DoNotOptimize(a);
  }
}
BENCHMARK(bench_fr_mul)->Name("FrMul");

const bool kRegistered = [] {
  for_each_table<kXlen>([](auto table) {
    using Table = decltype(table);
    const std::string name(Table::kName);
    benchmark::RegisterBenchmark(("Mle/" + name).c_str(), bench_mle<Table>);
    benchmark::RegisterBenchmark(("BindPhase8/" + name).c_str(), bench_bind_phase<Table>);
    benchmark::RegisterBenchmark(("ExpandPhase8/" + name).c_str(), bench_expand_phase<Table>);
    benchmark::RegisterBenchmark(("SuffixTerms/" + name).c_str(), bench_suffix_terms<Table>);
  });
  return true;
}();

}  // namespace
}  // namespace rill::zkvm::lookups
