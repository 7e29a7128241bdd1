// K_ram bounds on hand-built programs, the expected values worked out from the layout by hand.
#include "rill/riscv/ram_bounds.hpp"

#include <gtest/gtest.h>

#include "rill/util/error.hpp"

namespace rill::riscv {
namespace {

Program one_segment(u32 vaddr, std::vector<u8> bytes, u32 mem_size) {
  Program p;
  p.entry = vaddr;
  p.segments = {Segment{vaddr, mem_size, true, std::move(bytes)}};
  p.text = {{vaddr, vaddr + 4}};
  return p;
}

TEST(KRamBounds, DefaultLayoutSmallProgram) {
  // I/O block: 16 KiB = 4096 words (indices 0..4095); the image word at kRamStart is index 4096.
  // Heap 1 MiB: num_words = 4096 + 64 + 2^18.
  const Program p = one_segment(kRamStart, {0x13, 0, 0, 0}, 0x100);
  const MemoryLayout l(MemoryConfig{}, p);
  const KRamBounds b = k_ram_bounds(p, l, {}, {}, false);
  EXPECT_EQ(b.min, 8192u);         // nextpow2(4096 + 1)
  EXPECT_EQ(b.max, u64{1} << 19);  // nextpow2(266304)
  EXPECT_TRUE(b.allows(8192));
  EXPECT_TRUE(b.allows(u64{1} << 19));
  EXPECT_FALSE(b.allows(4096));  // the image word would fall outside
  EXPECT_FALSE(b.allows(u64{1} << 20));
  EXPECT_FALSE(b.allows(12288));  // not a power of two
}

TEST(KRamBounds, ImageWordsAndStatementSetTheMinimum) {
  // A nonzero word at kRamStart + 4·5000 (index 9096) pushes min to 16384; a zero word there
  // does not.
  std::vector<u8> bytes(4 * 5001, 0);
  bytes[0] = 0x13;
  const Program zero_tail = one_segment(kRamStart, bytes, 4 * 5001);
  const MemoryLayout lz(MemoryConfig{}, zero_tail);
  EXPECT_EQ(k_ram_bounds(zero_tail, lz, {}, {}, false).min, 8192u);
  bytes[4 * 5000] = 1;
  const Program tail = one_segment(kRamStart, bytes, 4 * 5001);
  const MemoryLayout lt(MemoryConfig{}, tail);
  EXPECT_EQ(k_ram_bounds(tail, lt, {}, {}, false).min, 16384u);
  // The I/O block alone: with no image words, min = io_words (the io_mask range).
  const MemoryConfig small{4, 4, 64};  // 16 + 4 + 4 -> 32 bytes = 8 words of I/O
  const Program tiny = one_segment(kRamStart, {0x13, 0, 0, 0}, 4);
  const MemoryLayout ls(small, tiny);
  ASSERT_EQ(ls.io_words(), 8u);
  EXPECT_EQ(k_ram_bounds(ls, {}, {}).min, 8u);
  EXPECT_EQ(k_ram_bounds(tiny, ls, {}, {}, false).min, 16u);  // image word index 8
  EXPECT_EQ(k_ram_bounds(tiny, ls, {}, {}, false).max, 32u);  // 8 + 1 + 16 = 25 words
}

TEST(KRamBounds, StatementOutsideItsRegionIsAnInputError) {
  const Program p = one_segment(kRamStart, {0x13, 0, 0, 0}, 4);
  const MemoryLayout l(MemoryConfig{4, 4, 64}, p);
  const std::vector<u8> five(5, 1);
  EXPECT_THROW(k_ram_bounds(p, l, five, {}, false), InputError);
  EXPECT_THROW(k_ram_bounds(p, l, {}, five, false), InputError);
}

}  // namespace
}  // namespace rill::riscv
