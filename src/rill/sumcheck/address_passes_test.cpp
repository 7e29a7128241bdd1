// The pushforward and ordered pair passes (pushforward.hpp, ordered_pairs.hpp) against dense
// references (plain loops over the rows), over several segment lengths, spans and 1/2 threads;
// the pushforward's pass memory: threads × table, not segments × table; and the two-component
// ordered pair sums (Twist's address rounds) through their sparse and dense storage.
#include <gtest/gtest.h>

#include <array>
#include <initializer_list>
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
  auto row = [&](const u64& j, u64, OrderedPairSums<>& s) {
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
    const tracked_vector<Fr> f = sums.read_table(), g = sums.write_table();
    EXPECT_EQ(std::vector<Fr>(f.begin(), f.end()), reads);
    EXPECT_EQ(std::vector<Fr>(g.begin(), g.end()), writes);
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
    OrderedPairSums<> s(keys);
    for (std::size_t j = lo; j < hi; ++j) {
      if (r.read_key[j] != kNoAccess) s.read(r.read_key[j], r.f[j]);
      if (r.read_key2[j] != kNoAccess) s.read(r.read_key2[j], r.f2[j]);
      if (r.write_key[j] != kNoAccess) s.write(r.write_key[j], r.g[j]);
      s.end_row();
    }
    return s;
  };
  OrderedPairSums<> left = fold(0, 30);  // (A·B)·C
  left.merge(fold(30, 60));
  left.merge(fold(60, 90));
  OrderedPairSums<> bc = fold(30, 60);  // A·(B·C)
  bc.merge(fold(60, 90));
  OrderedPairSums<> right = fold(0, 30);
  right.merge(bc);
  EXPECT_EQ(left.pairs(), dense_pairs(r));
  EXPECT_EQ(right.pairs(), dense_pairs(r));
  OrderedPairSums<> swapped = fold(30, 60);
  swapped.merge(fold(0, 30));
  EXPECT_NE(swapped.pairs(), fold(0, 60).pairs());
}

// Two components (W = 2, as in Twist's address rounds): rows of up to two reads and two writes,
// each a (key, component, value), keys drawn from [lo, lo + span) so that a range touches few
// keys (sparse tables) or many (dense).
struct Access {
  u32 key;
  unsigned c;
  Fr v;
};
struct PairRow {
  std::vector<Access> reads, writes;
};
using PairRows = std::vector<PairRow>;

PairRows random_pair_rows(std::mt19937_64& rng, std::size_t n, u32 lo, u32 span) {
  PairRows out(n);
  auto access = [&] {
    return Access{lo + static_cast<u32>(rng() % span), static_cast<unsigned>(rng() % 2),
                  Fr::random(rng)};
  };
  for (PairRow& row : out) {
    for (u64 k = rng() % 3; k > 0; --k) row.reads.push_back(access());
    for (u64 k = rng() % 3; k > 0; --k) row.writes.push_back(access());
  }
  return out;
}

PairRows concat(std::initializer_list<const PairRows*> parts) {
  PairRows out;
  for (const PairRows* p : parts) out.insert(out.end(), p->begin(), p->end());
  return out;
}

// The definition, by plain loops: P[c][c'] over all (read of j, write of j' < j) at one key; F_c
// and G_c per key.
struct PairReference {
  std::array<Fr, 4> pairs{};
  std::array<std::vector<Fr>, 2> reads, writes;
};

PairReference pair_reference(const PairRows& rows, u32 keys) {
  PairReference ref;
  for (unsigned c = 0; c < 2; ++c) {
    ref.reads[c].assign(keys, Fr::zero());
    ref.writes[c].assign(keys, Fr::zero());
  }
  for (std::size_t j = 0; j < rows.size(); ++j) {
    for (const Access& r : rows[j].reads) {
      ref.reads[r.c][r.key] += r.v;
      for (std::size_t jp = 0; jp < j; ++jp)
        for (const Access& w : rows[jp].writes)
          if (w.key == r.key) ref.pairs[2 * r.c + w.c] += r.v * w.v;
    }
    for (const Access& w : rows[j].writes) ref.writes[w.c][w.key] += w.v;
  }
  return ref;
}

void expect_matches(const OrderedPairSums<2>& s, const PairReference& ref, const char* what) {
  for (unsigned c = 0; c < 2; ++c) {
    for (unsigned cp = 0; cp < 2; ++cp) EXPECT_EQ(s.pairs(c, cp), ref.pairs[2 * c + cp]) << what;
    const tracked_vector<Fr> f = s.read_table(c), g = s.write_table(c);
    EXPECT_EQ(std::vector<Fr>(f.begin(), f.end()), ref.reads[c]) << what;
    EXPECT_EQ(std::vector<Fr>(g.begin(), g.end()), ref.writes[c]) << what;
  }
}

// Folds rows into fresh sums. Buffered: each row writes first (write(), applied at end_row()),
// the row's writes still not pairing with its reads; otherwise it reads, then write_after_reads().
OrderedPairSums<2> fold_pairs(const PairRows& rows, u32 keys, bool buffered) {
  OrderedPairSums<2> s(keys);
  for (const PairRow& row : rows) {
    if (buffered)
      for (const Access& w : row.writes) s.write(w.key, w.c, w.v);
    for (const Access& r : row.reads) s.read(r.key, r.c, r.v);
    if (!buffered)
      for (const Access& w : row.writes) s.write_after_reads(w.key, w.c, w.v);
    s.end_row();
  }
  return s;
}

// 256 keys: sparse up to 256 / kDenseFraction = 16 touched keys. Rows over 8 keys, then over all
// 256: the sums turn dense in the middle of the range and match the reference throughout.
TEST(OrderedPairs, TwoComponentsSwitchToDenseMidRange) {
  static_assert(OrderedPairSums<2>::kDenseFraction == 16);
  std::mt19937_64 rng(54);
  const u32 keys = 256;
  const PairRows few = random_pair_rows(rng, 60, 40, 8), many = random_pair_rows(rng, 80, 0, keys);
  for (bool buffered : {false, true}) {
    const OrderedPairSums<2> sparse = fold_pairs(few, keys, buffered);
    EXPECT_TRUE(sparse.touched());
    EXPECT_FALSE(sparse.is_dense());
    expect_matches(sparse, pair_reference(few, keys), "sparse");
    const PairRows all = concat({&few, &many});
    const OrderedPairSums<2> switched = fold_pairs(all, keys, buffered);
    EXPECT_TRUE(switched.is_dense());
    expect_matches(switched, pair_reference(all, keys), "switched");
  }
  EXPECT_FALSE(OrderedPairSums<2>(keys).touched());
}

// Ranges A, A' (sparse, keys 100..111 together: still sparse), B (dense), C, D (sparse, 18 keys
// together: dense). Each merge kind against the reference of the concatenated rows.
TEST(OrderedPairs, TwoComponentsMergeSparseAndDense) {
  std::mt19937_64 rng(55);
  const u32 keys = 256;
  const PairRows a = random_pair_rows(rng, 30, 100, 8), a2 = random_pair_rows(rng, 30, 104, 8),
                 b = random_pair_rows(rng, 100, 0, keys), c = random_pair_rows(rng, 40, 100, 10),
                 d = random_pair_rows(rng, 40, 0, 8);
  auto fold = [&](const PairRows& rows) { return fold_pairs(rows, keys, false); };
  ASSERT_FALSE(fold(a).is_dense());
  ASSERT_TRUE(fold(b).is_dense());
  ASSERT_FALSE(fold(c).is_dense());
  ASSERT_FALSE(fold(d).is_dense());

  OrderedPairSums<2> aa = fold(a);  // sparse into sparse, staying sparse
  aa.merge(fold(a2));
  EXPECT_FALSE(aa.is_dense());
  expect_matches(aa, pair_reference(concat({&a, &a2}), keys), "A·A'");

  OrderedPairSums<2> cd = fold(c);  // sparse into sparse, turning dense
  cd.merge(fold(d));
  EXPECT_TRUE(cd.is_dense());
  expect_matches(cd, pair_reference(concat({&c, &d}), keys), "C·D");

  OrderedPairSums<2> ab = fold(a);  // dense into sparse
  ab.merge(fold(b));
  EXPECT_TRUE(ab.is_dense());
  expect_matches(ab, pair_reference(concat({&a, &b}), keys), "A·B");

  OrderedPairSums<2> bc = fold(b);  // sparse into dense
  bc.merge(fold(c));
  expect_matches(bc, pair_reference(concat({&b, &c}), keys), "B·C");

  // Brackets: ((A·A')·B)·(C·D) and A·(A'·(B·C))·D agree with the whole.
  const PairReference whole = pair_reference(concat({&a, &a2, &b, &c, &d}), keys);
  aa.merge(fold(b));
  aa.merge(cd);
  expect_matches(aa, whole, "((A·A')·B)·(C·D)");
  OrderedPairSums<2> right = fold(a2);
  right.merge(bc);
  OrderedPairSums<2> left = fold(a);
  left.merge(right);
  left.merge(fold(d));
  expect_matches(left, whole, "A·(A'·(B·C))·D");
}

// The two-component pass over 64 keys: segments of 1 or 7 rows stay sparse (at most 4 keys each)
// and merge into dense ones; the result does not depend on the segments or the threads.
TEST(OrderedPairs, TwoComponentPassMatchesTheDenseReference) {
  std::mt19937_64 rng(56);
  const std::size_t n = 200, padded = 256;
  const u32 keys = 64;
  const PairRows rows = random_pair_rows(rng, n, 0, keys);
  const PairReference ref = pair_reference(rows, keys);
  const auto source = index_source(n, padded);
  auto row = [&](const u64& j, u64, OrderedPairSums<2>& s) {
    if (j == ~u64{0}) return;
    for (const Access& w : rows[j].writes) s.write(w.key, w.c, w.v);
    for (const Access& r : rows[j].reads) s.read(r.key, r.c, r.v);
  };
  for (const Setting& s : settings()) {
    set_thread_count(s.threads);
    expect_matches(ordered_pairs<2>(source, keys, row, s.options), ref, "pass");
  }
  set_thread_count(0);
}

}  // namespace
}  // namespace rill
