// The pushforward and ordered pair passes (pushforward.hpp, ordered_pairs.hpp) against dense
// references (plain loops over the rows), over several segment lengths, spans and 1/2 threads;
// and their pass memory: threads × table, not segments × table.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/poly/test_util.hpp"
#include "rill/sumcheck/ordered_pairs.hpp"
#include "rill/sumcheck/pushforward.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

// Random rows over K keys: each row a read key, a write key (either may be kNoAccess, about one
// in five) and the field values f (read), g (write), w (pushforward weight).
struct Rows {
  std::vector<u32> read_key, write_key, read_key2;
  std::vector<Fr> f, g, f2;
};

Rows random_rows(std::mt19937_64& rng, std::size_t n, u32 keys) {
  Rows r;
  auto key = [&] { return rng() % 5 == 0 ? kNoAccess : static_cast<u32>(rng() % keys); };
  for (std::size_t j = 0; j < n; ++j) {
    r.read_key.push_back(key());
    r.write_key.push_back(key());
    r.read_key2.push_back(key());
    r.f.push_back(Fr::random(rng));
    r.g.push_back(Fr::random(rng));
    r.f2.push_back(Fr::random(rng));
  }
  return r;
}

// Records are row indices; rows past `len` are padding (index ~0: no reads, no writes).
SyntheticSource<u64> index_source(std::uint64_t len, std::uint64_t padded) {
  return SyntheticSource<u64>(
      len, padded, 1, [](u64 i) { return i; }, ~u64{0});
}

struct Setting {
  std::size_t threads;
  PassOptions options;
};

std::vector<Setting> settings() {
  std::vector<Setting> out;
  for (std::size_t threads : {1u, 2u})
    for (u64 segment : {1u, 7u, 64u, 0u})
      for (std::size_t span : {3u, 4096u}) out.push_back({threads, {segment, span, 0}});
  return out;
}

TEST(Pushforward, MatchesTheDenseReference) {
  std::mt19937_64 rng(51);
  const std::size_t n = 300, padded = 512;
  const u32 keys = 16;
  const Rows r = random_rows(rng, n, keys);
  std::vector<Fr> expected(keys, Fr::zero());
  for (std::size_t j = 0; j < n; ++j)
    if (r.read_key[j] != kNoAccess) expected[r.read_key[j]] += r.f[j];
  const auto source = index_source(n, padded);
  auto row = [&](const u64& j, u64 index) {
    EXPECT_TRUE(j == index || j == ~u64{0});
    if (j == ~u64{0}) return AddressWeight{};
    return AddressWeight{r.read_key[j], r.f[j]};
  };
  for (const Setting& s : settings()) {
    set_thread_count(s.threads);
    const u64 before = source.stats().passes;
    const tracked_vector<Fr> g = pushforward(source, keys, row, s.options);
    EXPECT_EQ(source.stats().passes, before + 1);
    EXPECT_EQ(std::vector<Fr>(g.begin(), g.end()), expected)
        << s.threads << " threads, segment " << s.options.segment_records;
  }
  set_thread_count(0);
}

// The pass memory of the benchmark: a 2^20-entry table, 16 segments, 2 and 16 threads.
TEST(Pushforward, MemoryIsThreadsTimesTable) {
  const std::size_t keys = std::size_t{1} << 20, n = 1 << 12;
  const auto source = index_source(n, n);
  auto row = [&](const u64& j, u64) {
    return AddressWeight{static_cast<u32>((j * 2654435761u) % keys), Fr::from_u64(j + 1)};
  };
  const std::size_t table_bytes = keys * sizeof(Fr);
  for (std::size_t threads : {2u, 16u}) {
    set_thread_count(threads);
    tracked_vector<Fr> g;
    std::size_t high_water = 0;
    {
      MemoryScope scope;
      g = pushforward(source, keys, row, PassOptions{n / 16, 1 << 12, 0});
      high_water = scope.high_water_bytes();
    }
    EXPECT_LE(high_water, threads * table_bytes) << threads << " threads";
    EXPECT_GE(high_water, table_bytes);
    // Spot-check against the definition (the map j -> key is injective on these rows).
    for (u64 j : {0u, 1u, 4095u}) EXPECT_EQ(g[row(j, j).address], Fr::from_u64(j + 1));
  }
  set_thread_count(0);
}

// Two reads (f at read_key, f2 at read_key2) and one write (g at write_key) per row.
Fr dense_pairs(const Rows& r) {
  Fr p = Fr::zero();
  for (std::size_t j = 0; j < r.f.size(); ++j)
    for (std::size_t jp = 0; jp < j; ++jp) {
      if (r.write_key[jp] == kNoAccess) continue;
      if (r.read_key[j] == r.write_key[jp]) p += r.f[j] * r.g[jp];
      if (r.read_key2[j] == r.write_key[jp]) p += r.f2[j] * r.g[jp];
    }
  return p;
}

TEST(OrderedPairs, MatchesTheDenseReference) {
  std::mt19937_64 rng(52);
  const std::size_t n = 200, padded = 256;
  const u32 keys = 8;
  const Rows r = random_rows(rng, n, keys);
  const Fr expected = dense_pairs(r);
  std::vector<Fr> reads(keys, Fr::zero()), writes(keys, Fr::zero());
  for (std::size_t j = 0; j < n; ++j) {
    if (r.read_key[j] != kNoAccess) reads[r.read_key[j]] += r.f[j];
    if (r.read_key2[j] != kNoAccess) reads[r.read_key2[j]] += r.f2[j];
    if (r.write_key[j] != kNoAccess) writes[r.write_key[j]] += r.g[j];
  }
  const auto source = index_source(n, padded);
  // The write comes first in the row: it must still not pair with the row's own reads.
  auto row = [&](const u64& j, u64, OrderedPairSums& s) {
    if (j == ~u64{0}) return;
    if (r.write_key[j] != kNoAccess) s.write(r.write_key[j], r.g[j]);
    if (r.read_key[j] != kNoAccess) s.read(r.read_key[j], r.f[j]);
    if (r.read_key2[j] != kNoAccess) s.read(r.read_key2[j], r.f2[j]);
  };
  for (const Setting& s : settings()) {
    set_thread_count(s.threads);
    const OrderedPairSums sums = ordered_pairs(source, keys, row, s.options);
    EXPECT_EQ(sums.pairs(), expected)
        << s.threads << " threads, segment " << s.options.segment_records;
    EXPECT_EQ(std::vector<Fr>(sums.reads().begin(), sums.reads().end()), reads);
    EXPECT_EQ(std::vector<Fr>(sums.writes().begin(), sums.writes().end()), writes);
  }
  set_thread_count(0);
}

// The merge is associative and not commutative: ranges A, B, C fold to the same sums however the
// merges are bracketed, and merging B before A gives a different (wrong) pair sum.
TEST(OrderedPairs, MergeIsAssociativeButNotCommutative) {
  std::mt19937_64 rng(53);
  const u32 keys = 4;
  const Rows r = random_rows(rng, 90, keys);
  auto fold = [&](std::size_t lo, std::size_t hi) {
    OrderedPairSums s(keys);
    for (std::size_t j = lo; j < hi; ++j) {
      if (r.read_key[j] != kNoAccess) s.read(r.read_key[j], r.f[j]);
      if (r.read_key2[j] != kNoAccess) s.read(r.read_key2[j], r.f2[j]);
      if (r.write_key[j] != kNoAccess) s.write(r.write_key[j], r.g[j]);
      s.end_row();
    }
    return s;
  };
  OrderedPairSums left = fold(0, 30);  // (A·B)·C
  left.merge(fold(30, 60));
  left.merge(fold(60, 90));
  OrderedPairSums bc = fold(30, 60);  // A·(B·C)
  bc.merge(fold(60, 90));
  OrderedPairSums right = fold(0, 30);
  right.merge(bc);
  EXPECT_EQ(left.pairs(), dense_pairs(r));
  EXPECT_EQ(right.pairs(), dense_pairs(r));
  OrderedPairSums swapped = fold(30, 60);
  swapped.merge(fold(0, 30));
  EXPECT_NE(swapped.pairs(), fold(0, 60).pairs());
}

}  // namespace
}  // namespace rill
