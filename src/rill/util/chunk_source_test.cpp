#include "rill/util/chunk_source.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>

#include "rill/util/tracked_alloc.hpp"

namespace rill {
namespace {

static_assert(ChunkSource<SyntheticSource<std::uint64_t>>);

SyntheticSource<std::uint64_t> squares(std::uint64_t len, std::uint64_t padded) {
  return SyntheticSource<std::uint64_t>(
      len, padded, 4, [](std::uint64_t i) { return i * i; }, /*padding=*/7);
}

TEST(ChunkSource, VisitGivesRecordsSpansAndLookahead) {
  const auto src = squares(10, 16);
  std::vector<std::uint64_t> seen;
  std::vector<std::uint64_t> lookaheads;
  src.visit(
      4, 16, 5,
      [&](std::span<const std::uint64_t> rows, const std::uint64_t& next, std::uint64_t first) {
        EXPECT_LE(rows.size(), 5u);
        EXPECT_EQ(first, 4 + seen.size());
        seen.insert(seen.end(), rows.begin(), rows.end());
        lookaheads.push_back(next);
      });
  const std::vector<std::uint64_t> expected = {16, 25, 36, 49, 64, 81, 7, 7, 7, 7, 7, 7};
  EXPECT_EQ(seen, expected);
  // Spans [4,9), [9,14), [14,16): lookaheads are records 9, 14 and the padding past the end.
  EXPECT_EQ(lookaheads, (std::vector<std::uint64_t>{81, 7, 7}));
}

TEST(ChunkSource, ParallelPassIsDeterministicAndCounted) {
  const auto src = squares(1000, 1024);
  auto run = [&](std::uint64_t segment) {
    // An order-sensitive fold (polynomial hash) checks that segments merge in order.
    struct Acc {
      std::uint64_t hash = 0, count = 0;
    };
    constexpr std::uint64_t kBase = 1000003;
    return parallel_pass(
        src, segment, 37, [] { return Acc{}; },
        [&](Acc& acc, std::span<const std::uint64_t> rows, const std::uint64_t&, std::uint64_t) {
          for (auto r : rows) {
            acc.hash = acc.hash * kBase + r;
            ++acc.count;
          }
        },
        [&](Acc& acc, Acc other) {
          std::uint64_t pow = 1;
          for (std::uint64_t i = 0; i < other.count; ++i) pow *= kBase;
          acc.hash = acc.hash * pow + other.hash;
          acc.count += other.count;
        });
  };
  const auto whole = run(1024);
  for (std::uint64_t segment : {4u, 64u, 128u, 1000u}) {
    const auto split = run(segment);
    EXPECT_EQ(split.hash, whole.hash) << "segment " << segment;
    EXPECT_EQ(split.count, 1024u);
  }
  const SourceStats stats = src.stats();
  EXPECT_EQ(stats.passes, 5u);
  EXPECT_EQ(stats.records_visited, 5u * 1024);
}

TEST(ChunkSourceDeathTest, MisalignedVisitIsABug) {
  const auto src = squares(10, 16);
  EXPECT_DEATH(
      src.visit(3, 8, 4,
                [](std::span<const std::uint64_t>, const std::uint64_t&, std::uint64_t) {}),
      "not aligned");
}

// Issue 13, finding 7: a segment length of 1 used to make one accumulator per record (tens of
// KB each for a stage, 3.9 GB at T = 2^16). The pass keeps one accumulator per worker, raises
// tiny segments to at most max_pass_segments() of them, and the result is unchanged.
TEST(ChunkSource, TinySegmentsAreRaisedToBoundTheAccumulators) {
  const std::uint64_t n = std::uint64_t{1} << 14;
  const auto src = squares(n - 3, n);
  std::atomic<std::uint64_t> made{0};
  auto sum_with = [&](std::uint64_t segment) {
    made = 0;
    return parallel_pass(
        src, segment, 64,
        [&] {
          ++made;
          return std::uint64_t{0};
        },
        [](std::uint64_t& acc, std::span<const std::uint64_t> rows, const std::uint64_t&,
           std::uint64_t) {
          for (std::uint64_t r : rows) acc += r;
        },
        [](std::uint64_t& acc, std::uint64_t&& later) { acc += later; });
  };
  const std::uint64_t reference = sum_with(n);
  EXPECT_EQ(made.load(), 1u);
  EXPECT_EQ(sum_with(4), reference);
  EXPECT_LE(made.load(), std::max<std::uint64_t>(1, thread_count()));
  EXPECT_GE(made.load(), 1u);
  EXPECT_EQ(pass_segment_len(n, 4), n / max_pass_segments());
}

// The order-sensitive hash of ParallelPassIsDeterministicAndCounted with 1, 2 and 3 threads and
// segment lengths that do and do not divide among the workers: merges stay in index order.
TEST(ChunkSource, PerWorkerPassesMergeInIndexOrder) {
  const auto src = squares(1000, 1024);
  constexpr std::uint64_t kBase = 1000003;
  struct Acc {
    std::uint64_t hash = 0, count = 0, next = 0;
    bool contiguous = true;
  };
  auto run = [&](std::uint64_t segment) {
    return parallel_pass(
        src, segment, 13, [] { return Acc{}; },
        [&](Acc& acc, std::span<const std::uint64_t> rows, const std::uint64_t&,
            std::uint64_t first) {
          // A worker folds one contiguous range, in order.
          if (acc.count != 0 && first != acc.next) acc.contiguous = false;
          for (auto r : rows) acc.hash = acc.hash * kBase + r;
          acc.count += rows.size();
          acc.next = first + rows.size();
        },
        [&](Acc& acc, Acc other) {
          std::uint64_t pow = 1;
          for (std::uint64_t i = 0; i < other.count; ++i) pow *= kBase;
          acc.hash = acc.hash * pow + other.hash;
          acc.count += other.count;
          acc.contiguous = acc.contiguous && other.contiguous;
        });
  };
  // The dense reference: the hash of all records in order.
  std::uint64_t expected = 0;
  for (std::uint64_t i = 0; i < 1024; ++i) expected = expected * kBase + src.record(i);
  for (std::size_t threads : {1u, 2u, 3u}) {
    set_thread_count(threads);
    for (std::uint64_t segment : {4u, 12u, 64u, 100u, 1024u}) {
      const Acc acc = run(segment);
      EXPECT_EQ(acc.hash, expected) << threads << " threads, segment " << segment;
      EXPECT_EQ(acc.count, 1024u);
      EXPECT_TRUE(acc.contiguous);
    }
  }
  set_thread_count(0);
}

// Pass memory is workers × accumulator, not segments × accumulator: 16 segments, each
// accumulator a tracked 8 KiB table, with 1, 2 and 16 threads.
TEST(ChunkSource, PassMemoryIsThreadsTimesAccumulator) {
  const std::uint64_t n = 1 << 12, segments = 16;
  const auto src = squares(n, n);
  using Acc = tracked_vector<std::uint64_t>;
  const std::size_t acc_bytes = 1024 * sizeof(std::uint64_t);
  for (std::size_t threads : {1u, 2u, 16u}) {
    set_thread_count(threads);
    std::atomic<std::uint64_t> made{0};
    MemoryScope scope;
    const Acc total = parallel_pass(
        src, n / segments, 64,
        [&] {
          ++made;
          return Acc(1024, 0);
        },
        [](Acc& acc, std::span<const std::uint64_t> rows, const std::uint64_t&,
           std::uint64_t first) {
          for (std::size_t i = 0; i < rows.size(); ++i) acc[(first + i) % 1024] += rows[i];
        },
        [](Acc& acc, Acc&& later) {
          for (std::size_t k = 0; k < acc.size(); ++k) acc[k] += later[k];
        });
    const std::uint64_t workers = std::min<std::uint64_t>(segments, thread_count());
    EXPECT_EQ(made.load(), workers) << threads << " threads";
    EXPECT_LE(scope.high_water_bytes(), workers * acc_bytes) << threads << " threads";
    EXPECT_LE(scope.high_water_bytes(), threads * acc_bytes) << threads << " threads";
    std::uint64_t expected = 0, got = 0;
    for (std::uint64_t i = 0; i < n; ++i)
      if (i % 1024 == 5) expected += src.record(i);
    got = total[5];
    EXPECT_EQ(got, expected);
  }
  set_thread_count(0);
}

}  // namespace
}  // namespace rill
