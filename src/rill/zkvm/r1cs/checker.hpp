// The constraint checker: evaluates every constraint on every cycle of a trace, over the
// integers, and names the first one that fails. A debugging tool and the honest-trace test of
// the witness functions; the proof does not depend on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rill/riscv/bytecode.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/zkvm/r1cs/constraints.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"
#include "rill/zkvm/witness/row_source.hpp"

namespace rill::zkvm {

struct Violation {
  std::uint64_t cycle = 0;
  std::size_t constraint = 0;  // index into constraints()
  i128 guard = 0, left = 0, right = 0;

  std::string_view label() const { return constraints()[constraint].label; }
  std::string describe() const;
};

// The first violated constraint of one cycle, if any.
std::optional<Violation> check_cycle(const R1csInputs& z, std::uint64_t cycle);

// The violation with the lowest cycle index (then the lowest constraint index) of the trace.
template <RowSource S>
std::optional<Violation> check_constraints(const S& source, const riscv::Bytecode& bytecode,
                                           std::uint64_t segment_len = 1 << 14) {
  segment_len =
      std::max<std::uint64_t>(source.align(), (segment_len / source.align()) * source.align());
  return parallel_pass(
      source, segment_len, 1 << 12, [] { return std::optional<Violation>(); },
      [&](std::optional<Violation>& first, RowChunk rows, const riscv::Row& next,
          std::uint64_t begin) {
        if (first) return;
        for (std::size_t j = 0; j < rows.size() && !first; ++j) {
          const riscv::Row& after = j + 1 < rows.size() ? rows[j + 1] : next;
          first = check_cycle(r1cs_inputs(bytecode, rows[j], after), begin + j);
        }
      },
      [](std::optional<Violation>& earlier, std::optional<Violation>&& later) {
        if (!earlier) earlier = later;
      });
}

}  // namespace rill::zkvm
