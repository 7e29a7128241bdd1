// The range of K_ram a statement allows (jolt-protocol.md §1.5, adapted to 4-byte RAM words):
// the verifier accepts a proof's K_ram only inside it, because K_ram fixes how many address
// variables the RAM sumchecks bind and how far the initial image and the I/O MLEs reach.
//
//   min = nextpow2(max(io_words, 1 + the highest index of a nonzero word of the program image
//                      or of the statement's I/O block))
//   max = nextpow2(num_words), num_words = the layout's words [lowest, memory_end)
//
// Why: the output check's io_mask covers the whole I/O block [0, io_words), and Init / ValIO are
// evaluated over K_ram words, so every word they set must have an index below K_ram. An honest
// prover's K_ram = nextpow2(h + 1), h the highest word the run touched or the initial image set
// (ExecutionSummary::k_ram), is at least min: the image and the inputs are in the initial memory,
// the guest wrote its outputs and its panic or termination word, and the image's first word (the
// entry instruction, nonzero) has index io_words. It is at most max, every access lying inside
// the layout (the emulator rejects the rest as a typed error; the RAF check forces each proven
// address to be lowest + 4k with k < K_ram).
#pragma once

#include <span>

#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

struct KRamBounds {
  u64 min = 0;
  u64 max = 0;
  // True for a power of two in [min, max].
  bool allows(u64 k_ram) const;
};

// From the layout, the program image's nonzero words and the statement's final I/O words
// (io_words(layout, input, output, panicked, !panicked)); indices as in memory_layout.hpp.
KRamBounds k_ram_bounds(const MemoryLayout& layout, std::span<const MemoryWord> image,
                        std::span<const MemoryWord> io);

// The same from the program and the statement (input and output bytes, panic flag). Throws
// InputError when the input or output exceeds its region.
KRamBounds k_ram_bounds(const Program& program, const MemoryLayout& layout,
                        std::span<const u8> input, std::span<const u8> output, bool panicked);

}  // namespace rill::riscv
