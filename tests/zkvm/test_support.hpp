// Shared helpers of the zkvm integration tests: canonical guests run to a materialized row
// source, and small random-instruction programs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"
#include "row_vector_source.hpp"

namespace rill::zkvm::testing {

struct GuestRun {
  std::unique_ptr<riscv::Machine> machine;
  std::vector<u8> input;
  riscv::ExecutionSummary summary;
  RowVectorSource source;
};

// What the per-row records of a run are computed from (its bytecode, layout and chunking).
RecordContext record_context(const GuestRun& run);

// The guest <name>.elf from the build's guest directory, run on the little-endian u32 `n`.
GuestRun run_guest(const std::string& name, u32 n);

// A straight-line program of `length` random RV32IM instructions (ALU, M extension, loads and
// stores into a data buffer, forward branches), ending with the self-jump; seeded.
GuestRun run_random_program(u64 seed, unsigned length);

}  // namespace rill::zkvm::testing
