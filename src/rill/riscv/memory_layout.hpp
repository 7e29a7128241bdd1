// Guest memory layout and I/O (jolt-protocol.md §7.3–7.4, with 4-byte RAM words).
//
// From low to high address (every boundary 4-byte aligned):
//
//   lowest = kRamStart − io_bytes                         RAM word index 0
//     input length word | input bytes [max_input]
//     output length word | output bytes [max_output]
//     panic word | termination word | zero pad up to kRamStart
//   kRamStart = 0x8000_0000
//     program image (every PT_LOAD segment: text, data, bss and the guest's stack, which the
//     linker script reserves as a NOLOAD section of the image) up to program_end
//     heap [heap_size bytes] up to memory_end
//
// io_bytes = nextpow2(16 + max_input + max_output), so the I/O block is an aligned power-of-two
// block of words that ends exactly at kRamStart. RAM word index of byte address a:
// (a − lowest) / 4. The guest header guests/include/rill/guest.h computes the same addresses
// from RILL_MAX_INPUT / RILL_MAX_OUTPUT (both 4096 by default); a guest built for other sizes
// must be run with the matching --max-input / --max-output.
//
// The statement's public I/O is the I/O block: the input length and bytes as given, the output
// length and bytes the guest wrote, the panic word (1 after rill_panic) and the termination word
// (1 after a normal exit, 0 after a panic).
#pragma once

#include <span>
#include <vector>

#include "rill/riscv/elf_loader.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

inline constexpr u32 kRamStart = 0x80000000u;

// The largest layout [lowest, memory_end) Rill accepts: the emulator and the replay trace each
// hold one word per layout word, so this bounds what a hostile ELF or --heap-size can make them
// allocate (1 GiB each).
inline constexpr u64 kMaxLayoutBytes = u64{1} << 30;

// A memory configuration or program image that does not fit the 32-bit address space or
// kMaxLayoutBytes.
class LayoutError : public InputError {
 public:
  using InputError::InputError;
};

struct MemoryConfig {
  u32 max_input = 4096;      // bytes; a multiple of 4
  u32 max_output = 4096;     // bytes; a multiple of 4
  u32 heap_size = 1u << 20;  // bytes after the program image; a multiple of 4
};

class MemoryLayout {
 public:
  // Checks the configuration and that the program fits: every segment inside
  // [kRamStart, memory_end), memory_end = program_end + heap_size < 2^32 and the whole layout at
  // most kMaxLayoutBytes, all computed in 64 bits. Throws LayoutError otherwise (InputError for
  // a bad configuration).
  MemoryLayout(const MemoryConfig& config, const Program& program);

  const MemoryConfig& config() const { return config_; }
  u32 lowest() const { return lowest_; }
  u32 input_length_address() const { return lowest_; }
  u32 input_address() const { return lowest_ + 4; }
  u32 output_length_address() const { return input_address() + config_.max_input; }
  u32 output_address() const { return output_length_address() + 4; }
  u32 panic_address() const { return output_address() + config_.max_output; }
  u32 termination_address() const { return panic_address() + 4; }
  u32 program_end() const { return program_end_; }
  u32 memory_end() const { return memory_end_; }  // exclusive; program_end + heap_size

  // Number of 4-byte words in [lowest, memory_end).
  u32 num_words() const { return static_cast<u32>((u64{memory_end_} - lowest_) / 4); }
  // Number of words in the I/O block [lowest, kRamStart).
  u32 io_words() const { return (kRamStart - lowest_) / 4; }
  u32 word_index(u32 address) const { return (address - lowest_) / 4; }
  u32 word_address(u32 index) const { return lowest_ + 4 * index; }
  // True when [address, address + 4) lies inside the layout (address may be unaligned).
  bool contains_word(u32 address) const {
    return address >= lowest_ && u64{address} + 4 <= memory_end_;
  }

 private:
  MemoryConfig config_;
  u32 lowest_ = 0;
  u32 program_end_ = 0;
  u32 memory_end_ = 0;
};

// A word of memory with a non-zero value: (RAM word index, value).
struct MemoryWord {
  u32 index = 0;
  u32 value = 0;
  bool operator==(const MemoryWord&) const = default;
};

// The program image as words (little-endian), sorted by index, zeros omitted: what the initial
// RAM holds above kRamStart. The verifier evaluates the initial-RAM MLE from this list.
std::vector<MemoryWord> program_image_words(const Program& program, const MemoryLayout& layout);

// The public I/O block, sorted by index, zeros omitted: input length and bytes, output length and
// bytes, panic and termination words. With empty outputs and panicked = terminated = false this is
// the I/O part of the initial RAM; with the run's results it is the final I/O the verifier checks.
// Throws InputError when input or output exceeds its region.
std::vector<MemoryWord> io_words(const MemoryLayout& layout, std::span<const u8> input,
                                 std::span<const u8> output, bool panicked, bool terminated);

// The whole initial RAM, one entry per word of the layout (program image plus inputs).
std::vector<u32> initial_memory(const Program& program, const MemoryLayout& layout,
                                std::span<const u8> input);

}  // namespace rill::riscv
