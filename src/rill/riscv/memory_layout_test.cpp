// Memory layout and I/O words, with addresses computed by hand from the layout description.
#include "rill/riscv/memory_layout.hpp"

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

TEST(MemoryLayout, DefaultAddresses) {
  const Program p = one_segment(kRamStart, {0x13, 0, 0, 0}, 0x100);
  const MemoryLayout l(MemoryConfig{}, p);
  // 16 + 4096 + 4096 = 8208 bytes of I/O -> a 16 KiB block below 0x80000000.
  EXPECT_EQ(l.lowest(), 0x7FFFC000u);
  EXPECT_EQ(l.input_length_address(), 0x7FFFC000u);
  EXPECT_EQ(l.input_address(), 0x7FFFC004u);
  EXPECT_EQ(l.output_length_address(), 0x7FFFD004u);
  EXPECT_EQ(l.output_address(), 0x7FFFD008u);
  EXPECT_EQ(l.panic_address(), 0x7FFFE008u);
  EXPECT_EQ(l.termination_address(), 0x7FFFE00Cu);
  EXPECT_EQ(l.program_end(), 0x80000100u);
  EXPECT_EQ(l.memory_end(), 0x80100100u);
  EXPECT_EQ(l.io_words(), 4096u);
  EXPECT_EQ(l.word_index(kRamStart), 4096u);
  EXPECT_EQ(l.num_words(), 4096u + 0x40u + (1u << 18));
  EXPECT_TRUE(l.contains_word(0x7FFFC000u));
  EXPECT_FALSE(l.contains_word(0x7FFFBFFCu));
  EXPECT_FALSE(l.contains_word(0x80100100u));
}

TEST(MemoryLayout, ImageAndIoWords) {
  // Bytes 0x80000001..0x80000006 = 11 22 33 44 55 66: merged little-endian into two words.
  const Program p = one_segment(kRamStart + 1, {0x11, 0x22, 0x33, 0x44, 0x55, 0x66}, 6);
  const MemoryLayout l(MemoryConfig{8, 8, 16}, p);
  // I/O: 16 + 8 + 8 = 32 bytes -> lowest = 0x7FFFFFE0 (8 words).
  EXPECT_EQ(l.lowest(), 0x7FFFFFE0u);
  const auto image = program_image_words(p, l);
  ASSERT_EQ(image.size(), 2u);
  EXPECT_EQ(image[0], (MemoryWord{8, 0x33221100u}));
  EXPECT_EQ(image[1], (MemoryWord{9, 0x00665544u}));
  const std::vector<u8> in = {1, 2, 3, 4, 5};
  const std::vector<u8> out = {9};
  const auto io = io_words(l, in, out, false, true);
  const std::vector<MemoryWord> want = {{0, 5}, {1, 0x04030201u}, {2, 5}, {3, 1}, {4, 9}, {7, 1}};
  EXPECT_EQ(io, want);
  EXPECT_EQ(io_words(l, {}, {}, true, false), (std::vector<MemoryWord>{{6, 1}}));
  const auto memory = initial_memory(p, l, in);
  EXPECT_EQ(memory.size(), l.num_words());
  EXPECT_EQ(memory[1], 0x04030201u);
  EXPECT_EQ(memory[9], 0x00665544u);
}

TEST(MemoryLayout, RejectsBadConfigsAndOversizedInput) {
  const Program p = one_segment(kRamStart, {0x13, 0, 0, 0}, 4);
  EXPECT_THROW(MemoryLayout(MemoryConfig{3, 8, 8}, p), InputError);
  EXPECT_THROW(MemoryLayout(MemoryConfig{8, 8, 0xFFFFFFF0u}, p), InputError);
  EXPECT_THROW(MemoryLayout(MemoryConfig{}, one_segment(0x1000, {0x13, 0, 0, 0}, 4)), InputError);
  const MemoryLayout l(MemoryConfig{8, 8, 8}, p);
  const std::vector<u8> too_long(9, 1);
  EXPECT_THROW(io_words(l, too_long, {}, false, false), InputError);
}

// Finding 3 of issue 13: program_end + heap_size == 2^32 used to store memory_end = 0 in a u32,
// and the word count wrapped (the emulator asked for ~15 GiB).
TEST(MemoryLayout, LayoutEndingAtTwoToThe32IsATypedError) {
  const Program p = one_segment(kRamStart, {0x13, 0, 0, 0}, 4);
  const u32 heap = 0x80000000u - 4;  // program_end 0x80000004 + heap = 2^32 exactly
  EXPECT_THROW(MemoryLayout(MemoryConfig{4096, 4096, heap}, p), LayoutError);
  // A bss that ends at 2^32 with the default heap.
  EXPECT_THROW(MemoryLayout(MemoryConfig{}, one_segment(0xFFF00000u, {0x13, 0, 0, 0}, 0x100000)),
               LayoutError);
  // Fits the address space but not kMaxLayoutBytes.
  EXPECT_THROW(MemoryLayout(MemoryConfig{4096, 4096, 0x7FF00000u}, p), LayoutError);
  try {
    MemoryLayout(MemoryConfig{4096, 4096, heap}, p);
  } catch (const LayoutError& e) {
    EXPECT_NE(std::string(e.what()).find("does not fit"), std::string::npos) << e.what();
  }
  // The largest accepted layout still has a consistent, non-wrapping word count.
  const MemoryLayout l(MemoryConfig{4096, 4096, (1u << 29)}, p);
  EXPECT_EQ(u64{l.num_words()} * 4, u64{l.memory_end()} - l.lowest());
  EXPECT_GT(l.memory_end(), l.program_end());
}

}  // namespace
}  // namespace rill::riscv
