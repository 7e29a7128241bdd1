// The flags of an expanded bytecode row (reference jolt-protocol.md §4.3) as pure functions of the
// row: the circuit flags (the R1CS OpFlags inputs, which r1cs_inputs() computes from a trace row
// copied from its bytecode row) and the instruction flags, which the R1CS does not see and which
// the bytecode read-RAF instance binds to the program (LeftOperandIsPC, RightOperandIsImm,
// LeftOperandIsRs1Value, RightOperandIsRs2Value, Branch, IsNoop). The verifier recomputes these
// from the ELF; the prover's per-cycle values are the same functions of the executed row.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "rill/riscv/bytecode.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/witness/r1cs_inputs.hpp"

namespace rill::zkvm {

// Circuit flags in the R1CS input order (Input::kFlagAddOperands … kFlagIsLastInSequence).
enum class CircuitFlag : u8 {
  kAddOperands,
  kSubtractOperands,
  kMultiplyOperands,
  kLoad,
  kStore,
  kJump,
  kWriteLookupOutputToRd,
  kVirtualInstruction,
  kAssert,
  kDoNotUpdateUnexpandedPc,
  kAdvice,
  kIsFirstInSequence,
  kIsLastInSequence,
};
inline constexpr std::size_t kNumCircuitFlags =
    static_cast<std::size_t>(CircuitFlag::kIsLastInSequence) + 1;
static_assert(index_of(Input::kFlagIsLastInSequence) - index_of(Input::kFlagAddOperands) + 1 ==
                  kNumCircuitFlags,
              "one circuit flag per R1CS flag input");

// The R1CS input that carries a circuit flag.
constexpr Input circuit_flag_input(CircuitFlag flag) {
  return static_cast<Input>(index_of(Input::kFlagAddOperands) + static_cast<std::size_t>(flag));
}

// Instruction flags, in the reference's order.
enum class InstructionFlag : u8 {
  kLeftOperandIsPc,
  kRightOperandIsImm,
  kLeftOperandIsRs1Value,
  kRightOperandIsRs2Value,
  kBranch,
  kIsNoop,
};
inline constexpr std::size_t kNumInstructionFlags =
    static_cast<std::size_t>(InstructionFlag::kIsNoop) + 1;

std::string_view instruction_flag_name(InstructionFlag flag);

std::array<bool, kNumCircuitFlags> circuit_flags(const riscv::BytecodeRow& row);
std::array<bool, kNumInstructionFlags> instruction_flags(const riscv::BytecodeRow& row);

inline bool circuit_flag(const riscv::BytecodeRow& row, CircuitFlag flag) {
  return circuit_flags(row)[static_cast<std::size_t>(flag)];
}
inline bool instruction_flag(const riscv::BytecodeRow& row, InstructionFlag flag) {
  return instruction_flags(row)[static_cast<std::size_t>(flag)];
}

// InstructionRafFlag: the lookup index is one number (Add/Subtract/Multiply/Advice), not the
// interleaving of two operands. 0 for rows without a lookup.
bool instruction_raf_flag(const riscv::BytecodeRow& row);

}  // namespace rill::zkvm
