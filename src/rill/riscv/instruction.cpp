#include "rill/riscv/instruction.hpp"

#include "rill/util/check.hpp"

namespace rill::riscv {

namespace {

constexpr std::array<std::string_view, kNumKinds> kKindNames = {
    "noop",
    "add",
    "addi",
    "sub",
    "lui",
    "auipc",
    "and",
    "andi",
    "or",
    "ori",
    "xor",
    "xori",
    "slt",
    "slti",
    "sltu",
    "sltiu",
    "beq",
    "bne",
    "blt",
    "bge",
    "bltu",
    "bgeu",
    "jal",
    "jalr",
    "lw",
    "sw",
    "fence",
    "mul",
    "mulhu",
    "virtual_advice",
    "virtual_movsign",
    "virtual_muli",
    "virtual_pow2",
    "virtual_shift_right_bitmask",
    "virtual_srl",
    "virtual_srli",
    "virtual_sra",
    "virtual_srai",
    "virtual_change_divisor",
    "virtual_assert_eq",
    "virtual_assert_lte",
    "virtual_assert_valid_div0",
    "virtual_assert_valid_unsigned_remainder",
    "virtual_assert_mulu_no_overflow",
    "virtual_assert_halfword_alignment",
    "lb",
    "lbu",
    "lh",
    "lhu",
    "sb",
    "sh",
    "sll",
    "slli",
    "srl",
    "srli",
    "sra",
    "srai",
    "mulh",
    "mulhsu",
    "div",
    "divu",
    "rem",
    "remu",
    "ecall",
    "ebreak",
};

}  // namespace

std::string_view kind_name(Kind kind) {
  const auto i = static_cast<std::size_t>(kind);
  RILL_CHECK(i < kNumKinds, "kind out of range");
  return kKindNames[i];
}

bool writes_lookup_output_to_rd(Kind kind) {
  if (!is_trace_kind(kind)) return false;
  switch (kind) {
    case Kind::NoOp:
    case Kind::Beq:
    case Kind::Bne:
    case Kind::Blt:
    case Kind::Bge:
    case Kind::Bltu:
    case Kind::Bgeu:
    case Kind::Jal:
    case Kind::Jalr:
    case Kind::Lw:
    case Kind::Sw:
    case Kind::Fence:
      return false;
    default:
      return !is_assert(kind);
  }
}

OperandSources operand_sources(Kind kind) {
  using L = LeftOperand;
  using R = RightOperand;
  switch (kind) {
    case Kind::Add:
    case Kind::Sub:
    case Kind::And:
    case Kind::Or:
    case Kind::Xor:
    case Kind::Slt:
    case Kind::Sltu:
    case Kind::Beq:
    case Kind::Bne:
    case Kind::Blt:
    case Kind::Bge:
    case Kind::Bltu:
    case Kind::Bgeu:
    case Kind::Mul:
    case Kind::Mulhu:
    case Kind::VirtualSrl:
    case Kind::VirtualSra:
    case Kind::VirtualChangeDivisor:
    case Kind::VirtualAssertEq:
    case Kind::VirtualAssertLte:
    case Kind::VirtualAssertValidDiv0:
    case Kind::VirtualAssertValidUnsignedRemainder:
    case Kind::VirtualAssertMulUNoOverflow:
      return {L::Rs1, R::Rs2};
    case Kind::Addi:
    case Kind::Andi:
    case Kind::Ori:
    case Kind::Xori:
    case Kind::Slti:
    case Kind::Sltiu:
    case Kind::Jalr:
    case Kind::VirtualMovsign:
    case Kind::VirtualMuli:
    case Kind::VirtualSrli:
    case Kind::VirtualSrai:
    case Kind::VirtualAssertHalfwordAlignment:
      return {L::Rs1, R::Imm};
    case Kind::VirtualPow2:
    case Kind::VirtualShiftRightBitmask:
      return {L::Rs1, R::None};
    case Kind::Lui:
      return {L::None, R::Imm};
    case Kind::Auipc:
    case Kind::Jal:
      return {L::Pc, R::Imm};
    default:  // NoOp, Lw, Sw, Fence; VirtualAdvice, whose lookup operand is the advice value
              // itself (the row's rd_post), not an instruction input
      return {L::None, R::None};
  }
}

u32 native_alu(Kind kind, u32 x, u32 y) {
  const i32 sx = static_cast<i32>(x), sy = static_cast<i32>(y);
  const u32 shamt = y & 31u;
  constexpr u32 kIntMin = 0x80000000u;
  switch (kind) {
    case Kind::Sll:
    case Kind::Slli:
      return x << shamt;
    case Kind::Srl:
    case Kind::Srli:
      return x >> shamt;
    case Kind::Sra:
    case Kind::Srai:
      return static_cast<u32>(sx >> shamt);
    case Kind::Mulh:
      return static_cast<u32>(static_cast<u64>(static_cast<i64>(sx) * static_cast<i64>(sy)) >> 32);
    case Kind::Mulhsu:
      return static_cast<u32>(
          static_cast<u64>(static_cast<i64>(sx) * static_cast<i64>(static_cast<u64>(y))) >> 32);
    case Kind::Divu:
      return y == 0 ? ~0u : x / y;
    case Kind::Remu:
      return y == 0 ? x : x % y;
    case Kind::Div:
      if (y == 0) return ~0u;
      if (x == kIntMin && y == ~0u) return kIntMin;
      return static_cast<u32>(sx / sy);
    case Kind::Rem:
      if (y == 0) return x;
      if (x == kIntMin && y == ~0u) return 0;
      return static_cast<u32>(sx % sy);
    default:
      RILL_CHECK(is_trace_kind(kind) && !is_virtual(kind), "native_alu: not an ALU kind");
      return lookup_output(kind, x, y);
  }
}

}  // namespace rill::riscv
