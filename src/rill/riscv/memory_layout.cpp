#include "rill/riscv/memory_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "rill/util/bits.hpp"
#include "rill/util/error.hpp"

namespace rill::riscv {

MemoryLayout::MemoryLayout(const MemoryConfig& config, const Program& program) : config_(config) {
  if (config.max_input % 4 != 0 || config.max_output % 4 != 0 || config.heap_size % 4 != 0) {
    throw InputError("memory config: max input, max output and heap size must be multiples of 4");
  }
  if (config.max_input > (1u << 28) || config.max_output > (1u << 28)) {
    throw InputError("memory config: input and output regions are limited to 256 MiB each");
  }
  const u64 io_bytes = next_pow2(16 + u64{config.max_input} + config.max_output);
  lowest_ = static_cast<u32>(kRamStart - io_bytes);
  u64 end = kRamStart;
  for (const Segment& s : program.segments) {
    if (s.vaddr < kRamStart) {
      throw InputError(fmt::format("program segment at {:#010x} lies below the RAM start {:#010x}",
                                   s.vaddr, kRamStart));
    }
    end = std::max(end, u64{s.vaddr} + s.mem_size);
  }
  end = (end + 3) & ~u64{3};
  // 64-bit arithmetic throughout: memory_end is stored in 32 bits, so it must stay below 2^32
  // (an end of exactly 2^32 would wrap to 0).
  const u64 memory_end = end + u64{config.heap_size};
  if (memory_end >= (u64{1} << 32)) {
    throw LayoutError(fmt::format(
        "memory layout does not fit: program image ends at {:#x} and the heap of {} bytes would "
        "end at {:#x}, past the 32-bit address space (lower --heap-size)",
        end, config.heap_size, memory_end));
  }
  if (memory_end - lowest_ > kMaxLayoutBytes) {
    throw LayoutError(fmt::format(
        "memory layout does not fit: [{:#010x}, {:#x}) is {} bytes, more than the {} MiB limit "
        "(program image {} bytes, heap {} bytes)",
        lowest_, memory_end, memory_end - lowest_, kMaxLayoutBytes >> 20, end - kRamStart,
        config.heap_size));
  }
  program_end_ = static_cast<u32>(end);
  memory_end_ = static_cast<u32>(memory_end);
}

std::vector<MemoryWord> program_image_words(const Program& program, const MemoryLayout& layout) {
  std::vector<MemoryWord> words;
  for (const Segment& s : program.segments) {
    // Segments may start or end mid-word; bytes are merged little-endian into their word.
    std::map<u32, u32> merged;
    for (std::size_t i = 0; i < s.bytes.size(); ++i) {
      const u32 a = s.vaddr + static_cast<u32>(i);
      merged[layout.word_index(a)] |= static_cast<u32>(s.bytes[i]) << (8 * (a % 4));
    }
    for (const auto& [index, value] : merged) {
      if (value != 0) words.push_back({index, value});
    }
  }
  std::sort(words.begin(), words.end(),
            [](const MemoryWord& a, const MemoryWord& b) { return a.index < b.index; });
  return words;
}

namespace {

// Appends `bytes` as little-endian words starting at `address`, preceded by a length word.
void push_length_prefixed(std::vector<MemoryWord>& words, const MemoryLayout& layout, u32 address,
                          std::span<const u8> bytes) {
  if (!bytes.empty()) words.push_back({layout.word_index(address), static_cast<u32>(bytes.size())});
  for (std::size_t i = 0; i < bytes.size(); i += 4) {
    u32 value = 0;
    for (std::size_t j = 0; j < 4 && i + j < bytes.size(); ++j)
      value |= u32{bytes[i + j]} << (8 * j);
    if (value != 0) words.push_back({layout.word_index(address + 4 + static_cast<u32>(i)), value});
  }
}

}  // namespace

std::vector<MemoryWord> io_words(const MemoryLayout& layout, std::span<const u8> input,
                                 std::span<const u8> output, bool panicked, bool terminated) {
  if (input.size() > layout.config().max_input) {
    throw InputError(fmt::format("input has {} bytes; the input region holds {} (--max-input)",
                                 input.size(), layout.config().max_input));
  }
  if (output.size() > layout.config().max_output) {
    throw InputError(fmt::format("output has {} bytes; the output region holds {}", output.size(),
                                 layout.config().max_output));
  }
  std::vector<MemoryWord> words;
  push_length_prefixed(words, layout, layout.input_length_address(), input);
  push_length_prefixed(words, layout, layout.output_length_address(), output);
  if (panicked) words.push_back({layout.word_index(layout.panic_address()), 1});
  if (terminated) words.push_back({layout.word_index(layout.termination_address()), 1});
  return words;
}

std::vector<u32> initial_memory(const Program& program, const MemoryLayout& layout,
                                std::span<const u8> input) {
  std::vector<u32> memory(layout.num_words(), 0);
  for (const MemoryWord& w : program_image_words(program, layout)) memory[w.index] = w.value;
  for (const MemoryWord& w : io_words(layout, input, {}, false, false)) memory[w.index] = w.value;
  return memory;
}

}  // namespace rill::riscv
