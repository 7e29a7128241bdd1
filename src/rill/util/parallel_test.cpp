#include "rill/util/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

namespace rill {
namespace {

TEST(Parallel, ForCoversRangeExactlyOnce) {
  std::vector<std::atomic<int>> hits(10007);
  parallel_for(0, hits.size(), 13, [&](std::uint64_t lo, std::uint64_t hi) {
    for (std::uint64_t i = lo; i < hi; ++i) hits[i].fetch_add(1);
  });
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
}

TEST(Parallel, ReduceJoinsInOrder) {
  // String concatenation is associative but not commutative: the result shows the join order.
  const std::string joined = parallel_reduce(
      0, 200, 3, std::string{},
      [](std::uint64_t lo, std::uint64_t hi) {
        std::string s;
        for (std::uint64_t i = lo; i < hi; ++i) s += static_cast<char>('a' + i % 26);
        return s;
      },
      [](std::string a, std::string b) { return a + b; });
  std::string expected;
  for (int i = 0; i < 200; ++i) expected += static_cast<char>('a' + i % 26);
  EXPECT_EQ(joined, expected);
}

TEST(Parallel, ThreadCountSetting) {
  set_thread_count(1);
  EXPECT_EQ(thread_count(), 1u);
  set_thread_count(2);
  EXPECT_EQ(thread_count(), 2u);
  set_thread_count(0);
  EXPECT_GE(thread_count(), 1u);
}

}  // namespace
}  // namespace rill
