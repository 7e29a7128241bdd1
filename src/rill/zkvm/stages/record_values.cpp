#include "rill/zkvm/stages/record_values.hpp"

namespace rill::zkvm {

bool is_per_cycle(PolyFamily family) {
  switch (family) {
    case PolyFamily::kR1csInput:
    case PolyFamily::kInstructionFlag:
    case PolyFamily::kLookupTableFlag:
    case PolyFamily::kNextIsNoop:
    case PolyFamily::kInstructionRafFlag:
    case PolyFamily::kRamHammingWeight:
    case PolyFamily::kRdInc:
    case PolyFamily::kRamInc:
      return true;
    default:
      return false;
  }
}

bool instruction_flag(InstructionFlag flag, riscv::Kind kind) {
  const riscv::OperandSources sources = riscv::operand_sources(kind);
  switch (flag) {
    case InstructionFlag::kLeftOperandIsPc:
      return sources.left == riscv::LeftOperand::Pc;
    case InstructionFlag::kRightOperandIsImm:
      return sources.right == riscv::RightOperand::Imm;
    case InstructionFlag::kLeftOperandIsRs1Value:
      return sources.left == riscv::LeftOperand::Rs1;
    case InstructionFlag::kRightOperandIsRs2Value:
      return sources.right == riscv::RightOperand::Rs2;
    case InstructionFlag::kBranch:
      return riscv::is_branch(kind);
    case InstructionFlag::kIsNoop:
      return kind == riscv::Kind::NoOp;
  }
  return false;
}

i128 record_value(PolyId id, const CycleRecord& r) {
  switch (id.family) {
    case PolyFamily::kR1csInput:
      return r.z.values[id.index];
    case PolyFamily::kInstructionFlag:
      return instruction_flag(static_cast<InstructionFlag>(id.index), r.row.kind) ? 1 : 0;
    case PolyFamily::kLookupTableFlag:
      return r.table == id.index ? 1 : 0;
    case PolyFamily::kNextIsNoop:
      return r.next_is_noop ? 1 : 0;
    case PolyFamily::kInstructionRafFlag:
      return r.interleaved ? 0 : 1;
    case PolyFamily::kRamHammingWeight:
      return r.ram_word == kNoAccess ? 0 : 1;
    case PolyFamily::kRdInc:
      return r.rd_inc;
    case PolyFamily::kRamInc:
      return r.ram_inc;
    default:
      RILL_CHECK(false, "not a per-cycle polynomial");
      return 0;
  }
}

}  // namespace rill::zkvm
