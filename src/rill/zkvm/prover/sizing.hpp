// Sizing a canonical guest run for benchmarks: each canonical guest reads a u32 n and runs
// about a + b·n rows, so two short probe runs give the n that lands near a target row count.
#pragma once

#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/util/int.hpp"

namespace rill::zkvm {

// The little-endian encoding of n, the canonical guests' input.
std::vector<u8> guest_input(u32 n);

// The n whose run has at most `target_rows` rows and is closest to it (from the rows of probe
// runs at n = 1 and n = 2, assuming rows grow linearly in n); at least 1.
u32 guest_size_for_rows(const riscv::Machine& machine, u64 target_rows);

}  // namespace rill::zkvm
