#include "rill/riscv/ram_bounds.hpp"

#include <algorithm>

#include "rill/util/bits.hpp"

namespace rill::riscv {

bool KRamBounds::allows(u64 k_ram) const { return is_pow2(k_ram) && k_ram >= min && k_ram <= max; }

KRamBounds k_ram_bounds(const MemoryLayout& layout, std::span<const MemoryWord> image,
                        std::span<const MemoryWord> io) {
  u64 needed = layout.io_words();  // words the K_ram cube must hold
  for (const MemoryWord& w : image) {
    if (w.value != 0) needed = std::max<u64>(needed, u64{w.index} + 1);
  }
  for (const MemoryWord& w : io) {
    if (w.value != 0) needed = std::max<u64>(needed, u64{w.index} + 1);
  }
  return {next_pow2(needed), next_pow2(u64{layout.num_words()})};
}

KRamBounds k_ram_bounds(const Program& program, const MemoryLayout& layout,
                        std::span<const u8> input, std::span<const u8> output, bool panicked) {
  const std::vector<MemoryWord> image = program_image_words(program, layout);
  const std::vector<MemoryWord> io = io_words(layout, input, output, panicked, !panicked);
  return k_ram_bounds(layout, image, io);
}

}  // namespace rill::riscv
