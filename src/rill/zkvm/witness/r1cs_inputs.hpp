// The R1CS inputs of one cycle (reference jolt-protocol.md §4.1, adapted to RV32IM).
//
// Every input is a pure function of the trace row, the next row (the lookahead) and the
// expanded bytecode row it executed (ARCHITECTURE.md §2): both proving modes call the same
// functions. The canonical order below is the index in z; z also has a constant 1, which the
// constraint table writes as a constant term instead of an input.
//
// Adaptation to RV32IM: the reference's IsCompressed flag is dropped (no C extension, it would
// be identically zero), so there are 34 inputs instead of 35.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "rill/util/int.hpp"

namespace rill::zkvm {

enum class Input : u8 {
  kLeftInstructionInput,
  kRightInstructionInput,
  kProduct,
  kShouldBranch,
  kPc,
  kUnexpandedPc,
  kImm,
  kRamAddress,
  kRs1Value,
  kRs2Value,
  kRdWriteValue,
  kRamReadValue,
  kRamWriteValue,
  kLeftLookupOperand,
  kRightLookupOperand,
  kNextUnexpandedPc,
  kNextPc,
  kNextIsVirtual,
  kNextIsFirstInSequence,
  kLookupOutput,
  kShouldJump,
  // Circuit flags (OpFlags), in the reference's order without IsCompressed.
  kFlagAddOperands,
  kFlagSubtractOperands,
  kFlagMultiplyOperands,
  kFlagLoad,
  kFlagStore,
  kFlagJump,
  kFlagWriteLookupOutputToRd,
  kFlagVirtualInstruction,
  kFlagAssert,
  kFlagDoNotUpdateUnexpandedPc,
  kFlagAdvice,
  kFlagIsFirstInSequence,
  kFlagIsLastInSequence,
};

inline constexpr std::size_t kNumInputs =
    static_cast<std::size_t>(Input::kFlagIsLastInSequence) + 1;

constexpr std::size_t index_of(Input input) { return static_cast<std::size_t>(input); }

// "LeftInstructionInput", "OpFlags(Load)", … (the reference's names).
std::string_view input_name(Input input);

// The values of one cycle's inputs as exact integers: every input is an integer of at most 65
// bits (Imm and the Sub lookup operand are the widest), so i128 holds it without loss and the
// constraint checker can work over the integers. The field element is Fr::from_i128(value).
struct R1csInputs {
  std::array<i128, kNumInputs> values{};

  i128 operator[](Input input) const { return values[index_of(input)]; }
  i128& operator[](Input input) { return values[index_of(input)]; }
};

}  // namespace rill::zkvm
