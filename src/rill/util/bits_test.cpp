#include "rill/util/bits.hpp"

#include <gtest/gtest.h>

#include "rill/util/int.hpp"

namespace rill {
namespace {

TEST(Bits, PowersOfTwo) {
  EXPECT_FALSE(is_pow2(0));
  EXPECT_TRUE(is_pow2(1));
  EXPECT_TRUE(is_pow2(1ull << 63));
  EXPECT_FALSE(is_pow2(6));
  EXPECT_EQ(next_pow2(0), 1u);
  EXPECT_EQ(next_pow2(1), 1u);
  EXPECT_EQ(next_pow2(5), 8u);
  EXPECT_EQ(next_pow2(256), 256u);
  EXPECT_EQ(next_pow2(257), 512u);
  EXPECT_EQ(log2_exact(1), 0u);
  EXPECT_EQ(log2_exact(1ull << 40), 40u);
  EXPECT_EQ(ceil_log2(0), 0u);
  EXPECT_EQ(ceil_log2(1), 0u);
  EXPECT_EQ(ceil_log2(2), 1u);
  EXPECT_EQ(ceil_log2(3), 2u);
  EXPECT_EQ(ceil_log2(1025), 11u);
}

TEST(Bits, Int128TypesHoldFullWidth) {
  const u128 big = (static_cast<u128>(1) << 127) + 5;
  EXPECT_EQ(static_cast<u64>(big >> 64), 1ull << 63);
  EXPECT_EQ(static_cast<u64>(big), 5u);
  const i128 neg = -static_cast<i128>(big >> 1);
  EXPECT_LT(neg, 0);
}

}  // namespace
}  // namespace rill
