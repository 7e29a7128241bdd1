#include "rill/util/byte_io.hpp"

#include <gtest/gtest.h>

namespace rill {
namespace {

TEST(ByteIo, WritesLittleEndianAndReadsBack) {
  ByteWriter w;
  w.uint(0x0102030405060708ull, 8);
  w.uint(0xA1B2, 2);
  const u8 tail[] = {7, 8, 9};
  w.bytes(tail);
  const std::vector<u8> bytes = w.take();
  const std::vector<u8> expected = {8, 7, 6, 5, 4, 3, 2, 1, 0xB2, 0xA1, 7, 8, 9};
  EXPECT_EQ(bytes, expected);

  ByteReader r(bytes);
  EXPECT_EQ(r.uint(8, "a"), 0x0102030405060708ull);
  EXPECT_EQ(r.uint(2, "b"), 0xA1B2u);
  EXPECT_EQ(r.remaining(), 3u);
  const auto rest = r.bytes(3, "c");
  EXPECT_EQ(std::vector<u8>(rest.begin(), rest.end()), (std::vector<u8>{7, 8, 9}));
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.at_end());
}

TEST(ByteIo, FirstFailureSticksAndLaterReadsAreEmpty) {
  const std::vector<u8> bytes = {1, 2, 3};
  ByteReader r(bytes);
  EXPECT_EQ(r.uint(4, "length"), 0u);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "truncated: length needs 4 bytes, 3 left");
  EXPECT_TRUE(r.bytes(1, "next").empty());  // bytes remain, but the reader has failed
  r.fail("a later problem");
  EXPECT_EQ(r.error(), "truncated: length needs 4 bytes, 3 left");
}

}  // namespace
}  // namespace rill
