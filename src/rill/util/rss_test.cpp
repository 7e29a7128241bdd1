#include "rill/util/rss.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace rill {
namespace {

TEST(Rss, PeakGrowsWhenMemoryIsTouched) {
  const std::size_t before = peak_rss_bytes();
  EXPECT_GT(before, 0u);
  EXPECT_GT(current_rss_bytes(), 0u);
  constexpr std::size_t kBytes = 64u << 20;
  auto block = std::make_unique<char[]>(kBytes);
  std::memset(block.get(), 1, kBytes);  // touch every page so it becomes resident
  EXPECT_GE(peak_rss_bytes(), before + kBytes / 2);
  EXPECT_EQ(block[kBytes - 1], 1);
}

}  // namespace
}  // namespace rill
