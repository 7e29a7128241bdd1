#include "rill/zkvm/lookups/instruction_lookup.hpp"

#include "rill/util/check.hpp"

namespace rill::zkvm::lookups {

InstructionLookup instruction_lookup(riscv::Kind kind) {
  using riscv::Kind;
  using C = OperandCombination;
  using T = TableKind;
  switch (kind) {
    case Kind::NoOp:
    case Kind::Lw:
    case Kind::Sw:
    case Kind::Fence:
      return {std::nullopt, C::kInterleave};
    case Kind::Add:
    case Kind::Addi:
    case Kind::Lui:
    case Kind::Auipc:
    case Kind::Jal:
      return {T::kRangeCheck, C::kAdd};
    case Kind::Jalr:
      return {T::kRangeCheckAligned, C::kAdd};
    case Kind::Sub:
      return {T::kRangeCheck, C::kSubtract};
    case Kind::Mul:
    case Kind::VirtualMuli:
      return {T::kRangeCheck, C::kMultiply};
    case Kind::Mulhu:
      return {T::kUpperWord, C::kMultiply};
    case Kind::VirtualAdvice:
      return {T::kRangeCheck, C::kAdvice};
    case Kind::And:
    case Kind::Andi:
      return {T::kAnd, C::kInterleave};
    case Kind::Or:
    case Kind::Ori:
      return {T::kOr, C::kInterleave};
    case Kind::Xor:
    case Kind::Xori:
      return {T::kXor, C::kInterleave};
    case Kind::Slt:
    case Kind::Slti:
    case Kind::Blt:
      return {T::kSignedLessThan, C::kInterleave};
    case Kind::Sltu:
    case Kind::Sltiu:
    case Kind::Bltu:
      return {T::kUnsignedLessThan, C::kInterleave};
    case Kind::Beq:
    case Kind::VirtualAssertEq:
      return {T::kEqual, C::kInterleave};
    case Kind::Bne:
      return {T::kNotEqual, C::kInterleave};
    case Kind::Bge:
      return {T::kSignedGreaterThanEqual, C::kInterleave};
    case Kind::Bgeu:
      return {T::kUnsignedGreaterThanEqual, C::kInterleave};
    case Kind::VirtualMovsign:
      return {T::kMovsign, C::kInterleave};
    case Kind::VirtualPow2:
      return {T::kPow2, C::kAdd};
    case Kind::VirtualShiftRightBitmask:
      return {T::kShiftRightBitmask, C::kAdd};
    case Kind::VirtualSrl:
    case Kind::VirtualSrli:
      return {T::kVirtualSrl, C::kInterleave};
    case Kind::VirtualSra:
    case Kind::VirtualSrai:
      return {T::kVirtualSra, C::kInterleave};
    case Kind::VirtualChangeDivisor:
      return {T::kChangeDivisor, C::kInterleave};
    case Kind::VirtualAssertLte:
      return {T::kUnsignedLessThanEqual, C::kInterleave};
    case Kind::VirtualAssertValidDiv0:
      return {T::kValidDiv0, C::kInterleave};
    case Kind::VirtualAssertValidUnsignedRemainder:
      return {T::kValidUnsignedRemainder, C::kInterleave};
    case Kind::VirtualAssertMulUNoOverflow:
      return {T::kMulUNoOverflow, C::kMultiply};
    case Kind::VirtualAssertHalfwordAlignment:
      return {T::kHalfwordAlignment, C::kAdd};
    // Expanded into virtual sequences or outside the protocol: never in a trace row.
    case Kind::Lb:
    case Kind::Lbu:
    case Kind::Lh:
    case Kind::Lhu:
    case Kind::Sb:
    case Kind::Sh:
    case Kind::Sll:
    case Kind::Slli:
    case Kind::Srl:
    case Kind::Srli:
    case Kind::Sra:
    case Kind::Srai:
    case Kind::Mulh:
    case Kind::Mulhsu:
    case Kind::Div:
    case Kind::Divu:
    case Kind::Rem:
    case Kind::Remu:
    case Kind::Ecall:
    case Kind::Ebreak:
      break;
  }
  RILL_CHECK(false, "instruction_lookup: not a trace kind");
  return {};
}

LookupQuery lookup_query(riscv::Kind kind, u32 x, u32 y) {
  const InstructionLookup lookup = instruction_lookup(kind);
  if (!lookup.table) return {};
  u64 index = 0;
  switch (lookup.combination) {
    case OperandCombination::kInterleave:
      return {interleave<kLookupXlen>(x, y), x, y};
    case OperandCombination::kAdd:
      index = u64{x} + y;
      break;
    case OperandCombination::kSubtract:
      index = u64{x} + (u64{1} << kLookupXlen) - y;
      break;
    case OperandCombination::kMultiply:
      index = u64{x} * y;
      break;
    case OperandCombination::kAdvice:
      index = y;
      break;
  }
  return {index, 0, index};
}

u32 table_lookup_output(riscv::Kind kind, u32 x, u32 y) {
  const InstructionLookup lookup = instruction_lookup(kind);
  if (!lookup.table) return 0;
  return static_cast<u32>(table_entry<kLookupXlen>(*lookup.table, lookup_query(kind, x, y).index));
}

}  // namespace rill::zkvm::lookups
