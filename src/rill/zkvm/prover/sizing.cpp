#include "rill/zkvm/prover/sizing.hpp"

namespace rill::zkvm {

std::vector<u8> guest_input(u32 n) {
  return {static_cast<u8>(n), static_cast<u8>(n >> 8), static_cast<u8>(n >> 16),
          static_cast<u8>(n >> 24)};
}

u32 guest_size_for_rows(const riscv::Machine& machine, u64 target_rows) {
  const u64 one = riscv::execute(machine, guest_input(1)).rows;
  const u64 two = riscv::execute(machine, guest_input(2)).rows;
  if (two <= one || target_rows <= one) return 1;
  const u64 per_step = two - one;
  return static_cast<u32>(std::max<u64>(1, 1 + (target_rows - one) / per_step));
}

}  // namespace rill::zkvm
