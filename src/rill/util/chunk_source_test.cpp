#include "rill/util/chunk_source.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>

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
// KB each for a stage, 3.9 GB at T = 2^16). The pass raises it to keep at most
// max_pass_segments() accumulators, and the result is unchanged.
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
  EXPECT_LE(made.load(), max_pass_segments());
  EXPECT_GE(made.load(), max_pass_segments() / 2);
}

}  // namespace
}  // namespace rill
