// The map from an expanded instruction kind to its lookup (reference jolt-protocol.md §4.3, §5.1):
// which table it reads, whether its operands are interleaved, and how the lookup index and the
// lookup operands are formed from the instruction inputs.
#pragma once

#include <optional>

#include "rill/riscv/instruction.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"

namespace rill::zkvm::lookups {

// The protocol's word size for instruction lookups (ARCHITECTURE.md §3).
inline constexpr unsigned kLookupXlen = 32;

// How the two instruction inputs (x = LeftInstructionInput, y = RightInstructionInput) become the
// lookup index. Interleaved: the index interleaves x and y. The others are the circuit flags
// Add/Subtract/Multiply/Advice: the index is one 2·XLEN-bit number, the RightLookupOperand.
enum class OperandCombination : u8 {
  kInterleave,  // index = interleave(x, y)
  kAdd,         // index = x + y
  kSubtract,    // index = x + 2^XLEN − y
  kMultiply,    // index = x·y (full 2·XLEN-bit product)
  kAdvice,      // index = y, the advice value
};

struct InstructionLookup {
  std::optional<TableKind> table;  // none for NoOp, LW, SW, FENCE: index and output are 0
  OperandCombination combination = OperandCombination::kInterleave;

  bool interleaved() const { return combination == OperandCombination::kInterleave; }
};

// The lookup of a trace kind (riscv::kTraceKinds); a kind that never reaches a trace is a bug.
InstructionLookup instruction_lookup(riscv::Kind kind);

// What the R1CS and the Shout instance see of one cycle's lookup.
struct LookupQuery {
  u64 index = 0;          // the 2·XLEN-bit lookup index
  u64 left_operand = 0;   // LeftLookupOperand: x if interleaved, else 0
  u64 right_operand = 0;  // RightLookupOperand: y if interleaved, else the index
};

// The lookup index and operands of `kind` for instruction inputs (x, y) (XLEN-bit words).
LookupQuery lookup_query(riscv::Kind kind, u32 x, u32 y);

// The lookup output: the table's entry at the query's index (0 for kinds without a table).
u32 table_lookup_output(riscv::Kind kind, u32 x, u32 y);

}  // namespace rill::zkvm::lookups
