#include "rill/riscv/decoder.hpp"

#include <fmt/format.h>

namespace rill::riscv {

namespace {

// Instruction fields (RISC-V unprivileged ISA, chapter 2, "Base Instruction Formats").
constexpr u32 bits(u32 w, unsigned hi, unsigned lo) {
  return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}
constexpr i32 sign_extend(u32 value, unsigned width) {
  const u32 shift = 32 - width;
  return static_cast<i32>(value << shift) >> shift;
}
constexpr i32 imm_i(u32 w) { return sign_extend(bits(w, 31, 20), 12); }
constexpr i32 imm_s(u32 w) { return sign_extend(bits(w, 31, 25) << 5 | bits(w, 11, 7), 12); }
constexpr i32 imm_b(u32 w) {
  return sign_extend(
      bits(w, 31, 31) << 12 | bits(w, 7, 7) << 11 | bits(w, 30, 25) << 5 | bits(w, 11, 8) << 1, 13);
}
constexpr i32 imm_u(u32 w) { return static_cast<i32>(w & 0xFFFFF000u); }
constexpr i32 imm_j(u32 w) {
  return sign_extend(
      bits(w, 31, 31) << 20 | bits(w, 19, 12) << 12 | bits(w, 20, 20) << 11 | bits(w, 30, 21) << 1,
      21);
}

Decoded r_type(Kind k, u32 w) {
  return {k, static_cast<u8>(bits(w, 11, 7)), static_cast<u8>(bits(w, 19, 15)),
          static_cast<u8>(bits(w, 24, 20)), 0};
}
Decoded i_type(Kind k, u32 w, i32 imm) {
  return {k, static_cast<u8>(bits(w, 11, 7)), static_cast<u8>(bits(w, 19, 15)), kNoRegister, imm};
}
Decoded s_type(Kind k, u32 w, i32 imm) {
  return {k, kNoRegister, static_cast<u8>(bits(w, 19, 15)), static_cast<u8>(bits(w, 24, 20)), imm};
}

std::optional<Decoded> decode_op(u32 w) {
  const u32 f3 = bits(w, 14, 12), f7 = bits(w, 31, 25);
  static constexpr Kind kBase[8] = {Kind::Add, Kind::Sll, Kind::Slt, Kind::Sltu,
                                    Kind::Xor, Kind::Srl, Kind::Or,  Kind::And};
  static constexpr Kind kMul[8] = {Kind::Mul, Kind::Mulh, Kind::Mulhsu, Kind::Mulhu,
                                   Kind::Div, Kind::Divu, Kind::Rem,    Kind::Remu};
  if (f7 == 0x00) return r_type(kBase[f3], w);
  if (f7 == 0x01) return r_type(kMul[f3], w);
  if (f7 == 0x20 && f3 == 0) return r_type(Kind::Sub, w);
  if (f7 == 0x20 && f3 == 5) return r_type(Kind::Sra, w);
  return std::nullopt;
}

std::optional<Decoded> decode_op_imm(u32 w) {
  const u32 f3 = bits(w, 14, 12), f7 = bits(w, 31, 25);
  const i32 shamt = static_cast<i32>(bits(w, 24, 20));
  switch (f3) {
    case 0:
      return i_type(Kind::Addi, w, imm_i(w));
    case 2:
      return i_type(Kind::Slti, w, imm_i(w));
    case 3:
      return i_type(Kind::Sltiu, w, imm_i(w));
    case 4:
      return i_type(Kind::Xori, w, imm_i(w));
    case 6:
      return i_type(Kind::Ori, w, imm_i(w));
    case 7:
      return i_type(Kind::Andi, w, imm_i(w));
    case 1:
      if (f7 == 0x00) return i_type(Kind::Slli, w, shamt);
      return std::nullopt;
    default:  // 5
      if (f7 == 0x00) return i_type(Kind::Srli, w, shamt);
      if (f7 == 0x20) return i_type(Kind::Srai, w, shamt);
      return std::nullopt;
  }
}

}  // namespace

std::optional<Decoded> decode(u32 w) {
  if ((w & 3u) != 3u) return std::nullopt;  // compressed (RVC) encodings are not RV32IM
  const u32 f3 = bits(w, 14, 12);
  switch (bits(w, 6, 0)) {
    case 0x37:
      return Decoded{Kind::Lui, static_cast<u8>(bits(w, 11, 7)), kNoRegister, kNoRegister,
                     imm_u(w)};
    case 0x17:
      return Decoded{Kind::Auipc, static_cast<u8>(bits(w, 11, 7)), kNoRegister, kNoRegister,
                     imm_u(w)};
    case 0x6F:
      return Decoded{Kind::Jal, static_cast<u8>(bits(w, 11, 7)), kNoRegister, kNoRegister,
                     imm_j(w)};
    case 0x67:
      if (f3 != 0) return std::nullopt;
      return i_type(Kind::Jalr, w, imm_i(w));
    case 0x63: {
      static constexpr Kind kBranch[8] = {Kind::Beq, Kind::Bne, Kind::NoOp, Kind::NoOp,
                                          Kind::Blt, Kind::Bge, Kind::Bltu, Kind::Bgeu};
      if (f3 == 2 || f3 == 3) return std::nullopt;
      return Decoded{kBranch[f3], kNoRegister, static_cast<u8>(bits(w, 19, 15)),
                     static_cast<u8>(bits(w, 24, 20)), imm_b(w)};
    }
    case 0x03: {
      static constexpr Kind kLoad[8] = {Kind::Lb,  Kind::Lh,  Kind::Lw,   Kind::NoOp,
                                        Kind::Lbu, Kind::Lhu, Kind::NoOp, Kind::NoOp};
      if (kLoad[f3] == Kind::NoOp) return std::nullopt;
      return i_type(kLoad[f3], w, imm_i(w));
    }
    case 0x23: {
      static constexpr Kind kStore[3] = {Kind::Sb, Kind::Sh, Kind::Sw};
      if (f3 > 2) return std::nullopt;
      return s_type(kStore[f3], w, imm_s(w));
    }
    case 0x13:
      return decode_op_imm(w);
    case 0x33:
      return decode_op(w);
    case 0x0F:
      // FENCE (f3 = 0); its fm/pred/succ/rs1/rd fields do not change RV32IM semantics. FENCE.I
      // (f3 = 1, Zifencei) is not part of RV32IM.
      if (f3 != 0) return std::nullopt;
      return Decoded{Kind::Fence, kNoRegister, kNoRegister, kNoRegister, 0};
    case 0x73:
      if (w == 0x00000073u) return Decoded{Kind::Ecall, kNoRegister, kNoRegister, kNoRegister, 0};
      if (w == 0x00100073u) return Decoded{Kind::Ebreak, kNoRegister, kNoRegister, kNoRegister, 0};
      return std::nullopt;  // CSR instructions (Zicsr) and privileged ones
    default:
      return std::nullopt;
  }
}

std::string to_string(const Decoded& d) {
  std::string s(kind_name(d.kind));
  const char* sep = " ";
  auto reg = [&](u8 r) {
    if (r == kNoRegister) return;
    s += fmt::format("{}x{}", sep, r);
    sep = ", ";
  };
  reg(d.rd);
  reg(d.rs1);
  reg(d.rs2);
  if (d.imm != 0 || d.rs2 == kNoRegister) s += fmt::format("{}{}", sep, d.imm);
  return s;
}

}  // namespace rill::riscv
