#include "rill/zkvm/witness/bytecode_flags.hpp"

#include "rill/riscv/instruction.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"

namespace rill::zkvm {

using riscv::Kind;

std::string_view instruction_flag_name(InstructionFlag flag) {
  static constexpr std::array<std::string_view, kNumInstructionFlags> kNames = {
      "InstrFlags(LeftOperandIsPC)",
      "InstrFlags(RightOperandIsImm)",
      "InstrFlags(LeftOperandIsRs1Value)",
      "InstrFlags(RightOperandIsRs2Value)",
      "InstrFlags(Branch)",
      "InstrFlags(IsNoop)"};
  return kNames[static_cast<std::size_t>(flag)];
}

std::array<bool, kNumCircuitFlags> circuit_flags(const riscv::BytecodeRow& row) {
  using C = CircuitFlag;
  using lookups::OperandCombination;
  const OperandCombination combination = lookups::instruction_lookup(row.kind).combination;
  const bool in_sequence = row.in_sequence();
  std::array<bool, kNumCircuitFlags> f{};
  auto set = [&](C flag, bool value) { f[static_cast<std::size_t>(flag)] = value; };
  set(C::kAddOperands, combination == OperandCombination::kAdd);
  set(C::kSubtractOperands, combination == OperandCombination::kSubtract);
  set(C::kMultiplyOperands, combination == OperandCombination::kMultiply);
  set(C::kLoad, row.kind == Kind::Lw);
  set(C::kStore, row.kind == Kind::Sw);
  set(C::kJump, riscv::is_jump(row.kind));
  set(C::kWriteLookupOutputToRd, riscv::writes_lookup_output_to_rd(row.kind));
  set(C::kVirtualInstruction, in_sequence);
  set(C::kAssert, riscv::is_assert(row.kind));
  // Inside a sequence except on its last row, and on NoOp (padding does not advance).
  set(C::kDoNotUpdateUnexpandedPc,
      row.kind == Kind::NoOp || (in_sequence && row.sequence_remaining != 0));
  set(C::kAdvice, combination == OperandCombination::kAdvice);
  set(C::kIsFirstInSequence, row.is_first_in_sequence);
  set(C::kIsLastInSequence, in_sequence && row.sequence_remaining == 0);
  return f;
}

std::array<bool, kNumInstructionFlags> instruction_flags(const riscv::BytecodeRow& row) {
  using I = InstructionFlag;
  const riscv::OperandSources sources = riscv::operand_sources(row.kind);
  std::array<bool, kNumInstructionFlags> f{};
  f[static_cast<std::size_t>(I::kLeftOperandIsPc)] = sources.left == riscv::LeftOperand::Pc;
  f[static_cast<std::size_t>(I::kRightOperandIsImm)] = sources.right == riscv::RightOperand::Imm;
  f[static_cast<std::size_t>(I::kLeftOperandIsRs1Value)] = sources.left == riscv::LeftOperand::Rs1;
  f[static_cast<std::size_t>(I::kRightOperandIsRs2Value)] =
      sources.right == riscv::RightOperand::Rs2;
  f[static_cast<std::size_t>(I::kBranch)] = riscv::is_branch(row.kind);
  f[static_cast<std::size_t>(I::kIsNoop)] = row.kind == Kind::NoOp;
  return f;
}

bool instruction_raf_flag(const riscv::BytecodeRow& row) {
  return !lookups::instruction_lookup(row.kind).interleaved();
}

}  // namespace rill::zkvm
