// Instruction kinds of the Rill machine and their specified results.
//
// FOR THE LOOKUP-TABLE / WITNESS ENGINEERS:
//   * `kTraceKinds` lists every kind that can appear in an expanded bytecode row, hence in a trace
//     row: the RV32IM kinds that stay native after expansion plus every virtual kind the
//     expansion emits (jolt-protocol.md §4.3, §6). Kinds outside it (LB, SLL, DIV, ECALL, …) are
//     decoded from the ELF but never reach the prover.
//   * `lookup_output(kind, left, right)` is the specified result of a trace kind: the value its
//     instruction lookup returns (what an instruction's table must produce), with
//       left  = LeftInstructionInput  (rs1 value, the unexpanded PC, or 0: see operand_sources()),
//       right = RightInstructionInput (rs2 value, the immediate as a 32-bit word, or 0).
//     Branches and asserts return 0/1, jumps return their target, kinds without a lookup (loads,
//     stores, FENCE, NoOp) return 0. The emulator itself computes every ALU result through this
//     function, so the qemu differential tests exercise it.
//   * Virtual kinds, with x = left, y = right (all 32-bit, two's complement where signed):
//       VirtualAdvice                      y (the advice value the emulator supplies as `right`)
//       VirtualMovsign                     0xFFFFFFFF if x < 0 (signed) else 0
//       VirtualMuli                        x·y mod 2^32            (SLLI by y = 2^shamt)
//       VirtualPow2                        1 << ((x + y) mod 32)
//       VirtualShiftRightBitmask           ones in bits [(x + y) mod 32, 32)
//       VirtualSrl / VirtualSrli           x >> s (logical),    s = ctz(y), or 32 if y = 0
//       VirtualSra / VirtualSrai           x >> s (arithmetic), s = ctz(y), or 32 if y = 0
//       VirtualChangeDivisor               1 if (x, y) = (INT_MIN, −1) else y
//       VirtualAssertEq                    x == y
//       VirtualAssertLte                   x <= y (unsigned)
//       VirtualAssertValidDiv0             y == 0xFFFFFFFF if x == 0 else 1  (x divisor, y
//       quotient) VirtualAssertValidUnsignedRemainder  y == 0 || x < y       (x remainder, y
//       divisor) VirtualAssertMulUNoOverflow        (x·y) >> 32 == 0 VirtualAssertHalfwordAlignment
//       (x + y) mod 2 == 0
#pragma once

#include <array>
#include <string_view>

#include "rill/util/int.hpp"

namespace rill::riscv {

enum class Kind : u8 {
  // Padding and bytecode row 0.
  NoOp,
  // RV32I kinds that stay native after expansion.
  Add,
  Addi,
  Sub,
  Lui,
  Auipc,
  And,
  Andi,
  Or,
  Ori,
  Xor,
  Xori,
  Slt,
  Slti,
  Sltu,
  Sltiu,
  Beq,
  Bne,
  Blt,
  Bge,
  Bltu,
  Bgeu,
  Jal,
  Jalr,
  Lw,
  Sw,
  Fence,
  // RV32M kinds that stay native.
  Mul,
  Mulhu,
  // Virtual kinds (only inside expansion sequences).
  VirtualAdvice,
  VirtualMovsign,
  VirtualMuli,
  VirtualPow2,
  VirtualShiftRightBitmask,
  VirtualSrl,
  VirtualSrli,
  VirtualSra,
  VirtualSrai,
  VirtualChangeDivisor,
  VirtualAssertEq,
  VirtualAssertLte,
  VirtualAssertValidDiv0,
  VirtualAssertValidUnsignedRemainder,
  VirtualAssertMulUNoOverflow,
  VirtualAssertHalfwordAlignment,
  // Decoded RV32IM kinds that are always expanded (never in a bytecode or trace row).
  Lb,
  Lbu,
  Lh,
  Lhu,
  Sb,
  Sh,
  Sll,
  Slli,
  Srl,
  Srli,
  Sra,
  Srai,
  Mulh,
  Mulhsu,
  Div,
  Divu,
  Rem,
  Remu,
  // System kinds: decoded, but outside the protocol (an error when a zkVM guest executes one).
  Ecall,
  Ebreak,
};

inline constexpr std::size_t kNumKinds = static_cast<std::size_t>(Kind::Ebreak) + 1;

// Every kind that can appear in an expanded bytecode row or a trace row, in enum order.
inline constexpr std::array kTraceKinds = {
    Kind::NoOp,
    Kind::Add,
    Kind::Addi,
    Kind::Sub,
    Kind::Lui,
    Kind::Auipc,
    Kind::And,
    Kind::Andi,
    Kind::Or,
    Kind::Ori,
    Kind::Xor,
    Kind::Xori,
    Kind::Slt,
    Kind::Slti,
    Kind::Sltu,
    Kind::Sltiu,
    Kind::Beq,
    Kind::Bne,
    Kind::Blt,
    Kind::Bge,
    Kind::Bltu,
    Kind::Bgeu,
    Kind::Jal,
    Kind::Jalr,
    Kind::Lw,
    Kind::Sw,
    Kind::Fence,
    Kind::Mul,
    Kind::Mulhu,
    Kind::VirtualAdvice,
    Kind::VirtualMovsign,
    Kind::VirtualMuli,
    Kind::VirtualPow2,
    Kind::VirtualShiftRightBitmask,
    Kind::VirtualSrl,
    Kind::VirtualSrli,
    Kind::VirtualSra,
    Kind::VirtualSrai,
    Kind::VirtualChangeDivisor,
    Kind::VirtualAssertEq,
    Kind::VirtualAssertLte,
    Kind::VirtualAssertValidDiv0,
    Kind::VirtualAssertValidUnsignedRemainder,
    Kind::VirtualAssertMulUNoOverflow,
    Kind::VirtualAssertHalfwordAlignment,
};

// Every kind, in enum order.
inline constexpr std::array<Kind, kNumKinds> kAllKinds = [] {
  std::array<Kind, kNumKinds> all{};
  for (std::size_t i = 0; i < kNumKinds; ++i) all[i] = static_cast<Kind>(i);
  return all;
}();

// Lower-case mnemonic ("add", "virtual_movsign", "noop").
std::string_view kind_name(Kind kind);

constexpr bool is_trace_kind(Kind kind) { return kind <= Kind::VirtualAssertHalfwordAlignment; }
constexpr bool is_virtual(Kind kind) {
  return kind >= Kind::VirtualAdvice && kind <= Kind::VirtualAssertHalfwordAlignment;
}
constexpr bool is_branch(Kind kind) { return kind >= Kind::Beq && kind <= Kind::Bgeu; }
constexpr bool is_jump(Kind kind) { return kind == Kind::Jal || kind == Kind::Jalr; }
constexpr bool is_assert(Kind kind) {
  return kind >= Kind::VirtualAssertEq && kind <= Kind::VirtualAssertHalfwordAlignment;
}
// Kinds whose lookup output is written to rd (every trace kind that has an rd except jumps and
// loads, which write pc + 4 and the loaded word).
bool writes_lookup_output_to_rd(Kind kind);

// Which values a trace kind feeds into its instruction inputs (jolt-protocol.md §4.3 instruction
// flags LeftOperandIsRs1Value / LeftOperandIsPC / RightOperandIsRs2Value / RightOperandIsImm).
enum class LeftOperand : u8 { None, Rs1, Pc };
enum class RightOperand : u8 { None, Rs2, Imm };
struct OperandSources {
  LeftOperand left;
  RightOperand right;
};
OperandSources operand_sources(Kind kind);

// Shift amount encoded by a ShiftRightBitmask-style word: the index of its lowest set bit, or 32
// for 0.
constexpr u32 bitmask_shift(u32 mask) {
  return mask == 0 ? 32u : static_cast<u32>(__builtin_ctz(mask));
}
// The bitmask form of a shift amount s < 32: ones in bits [s, 32).
constexpr u32 shift_bitmask(u32 s) { return ~0u << (s & 31u); }

// The specified result of a trace kind (see the header comment). Inline so the emulator's hot
// loop can use it directly.
constexpr u32 lookup_output(Kind kind, u32 x, u32 y) {
  const i32 sx = static_cast<i32>(x), sy = static_cast<i32>(y);
  switch (kind) {
    case Kind::Add:
    case Kind::Addi:
    case Kind::Lui:
    case Kind::Auipc:
    case Kind::Jal:
      return x + y;
    case Kind::Jalr:
      return (x + y) & ~1u;
    case Kind::Sub:
      return x - y;
    case Kind::And:
    case Kind::Andi:
      return x & y;
    case Kind::Or:
    case Kind::Ori:
      return x | y;
    case Kind::Xor:
    case Kind::Xori:
      return x ^ y;
    case Kind::Slt:
    case Kind::Slti:
    case Kind::Blt:
      return sx < sy;
    case Kind::Sltu:
    case Kind::Sltiu:
    case Kind::Bltu:
      return x < y;
    case Kind::Beq:
    case Kind::VirtualAssertEq:
      return x == y;
    case Kind::Bne:
      return x != y;
    case Kind::Bge:
      return sx >= sy;
    case Kind::Bgeu:
      return x >= y;
    case Kind::Mul:
    case Kind::VirtualMuli:
      return x * y;
    case Kind::Mulhu:
      return static_cast<u32>((static_cast<u64>(x) * y) >> 32);
    case Kind::VirtualAdvice:
      return y;
    case Kind::VirtualMovsign:
      return sx < 0 ? ~0u : 0u;
    case Kind::VirtualPow2:
      return 1u << ((x + y) & 31u);
    case Kind::VirtualShiftRightBitmask:
      return shift_bitmask(x + y);
    case Kind::VirtualSrl:
    case Kind::VirtualSrli: {
      const u32 s = bitmask_shift(y);
      return s >= 32 ? 0u : x >> s;
    }
    case Kind::VirtualSra:
    case Kind::VirtualSrai: {
      const u32 s = bitmask_shift(y);
      return static_cast<u32>(sx >> (s >= 32 ? 31 : s));
    }
    case Kind::VirtualChangeDivisor:
      return (x == 0x80000000u && y == ~0u) ? 1u : y;
    case Kind::VirtualAssertLte:
      return x <= y;
    case Kind::VirtualAssertValidDiv0:
      return x == 0 ? (y == ~0u) : 1u;
    case Kind::VirtualAssertValidUnsignedRemainder:
      return y == 0 || x < y;
    case Kind::VirtualAssertMulUNoOverflow:
      return ((static_cast<u64>(x) * y) >> 32) == 0;
    case Kind::VirtualAssertHalfwordAlignment:
      return ((x + y) & 1u) == 0;
    default:
      return 0;  // NoOp, Lw, Sw, Fence: no lookup
  }
}

// Native RV32IM semantics of a decoded register/immediate ALU kind (the ISA manual's definition,
// independent of the expansion): the reference the virtual-sequence equivalence tests compare
// against. Covers the expanded ALU kinds (Sll…Srai with y the shift amount or rs2, Mulh, Mulhsu,
// Div, Divu, Rem, Remu) and every native ALU kind.
u32 native_alu(Kind kind, u32 x, u32 y);

}  // namespace rill::riscv
