// Virtual sequences for RV32IM on 4-byte RAM words (jolt-protocol.md §6.3, adapted to RV32).
// Each sequence reads its source operands, works in the temporaries v0..v7 (registers 32–39) and
// writes the destination in its last row only, so rd may alias rs1 or rs2.
#include <algorithm>

#include "rill/riscv/bytecode.hpp"
#include "rill/util/check.hpp"

namespace rill::riscv {

namespace {

constexpr u8 v(unsigned i) { return static_cast<u8>(kFirstTemporary + i); }
constexpr u8 kX0 = 0;

bool has_signed_imm(Kind k) { return is_branch(k) || k == Kind::Lw || k == Kind::Sw; }

BytecodeRow make_row(Kind kind, u8 rd, u8 rs1, u8 rs2, i32 imm, u32 address) {
  BytecodeRow r;
  r.kind = kind;
  r.rd = rd;
  r.rs1 = rs1;
  r.rs2 = rs2;
  r.address = address;
  r.imm = has_signed_imm(kind) ? i64{imm} : i64{static_cast<u32>(imm)};
  return r;
}

// Collects the rows of one sequence; operands follow the assembler order (rd, rs1, rs2 / imm).
class Sequence {
 public:
  explicit Sequence(u32 address) : address_(address) {}
  void rr(Kind k, u8 rd, u8 rs1, u8 rs2) {
    rows_.push_back(make_row(k, rd, rs1, rs2, 0, address_));
  }
  void ri(Kind k, u8 rd, u8 rs1, i32 imm) {
    rows_.push_back(make_row(k, rd, rs1, kNoRegister, imm, address_));
  }
  void assert_rr(Kind k, u8 rs1, u8 rs2) { rr(k, kNoRegister, rs1, rs2); }
  void load_word(u8 rd, u8 base) { ri(Kind::Lw, rd, base, 0); }
  void store_word(u8 base, u8 value) {
    rows_.push_back(make_row(Kind::Sw, kNoRegister, base, value, 0, address_));
  }
  void advice(u8 rd, Advice a, const Decoded& src) {
    BytecodeRow r = make_row(Kind::VirtualAdvice, rd, kNoRegister, kNoRegister, 0, address_);
    r.advice = a;
    r.advice_rs1 = src.rs1;
    r.advice_rs2 = src.rs2;
    rows_.push_back(r);
  }
  // Stamps the sequence bookkeeping: remaining = n−1−i, first = (i == 0).
  std::vector<BytecodeRow> finish() {
    const std::size_t n = rows_.size();
    for (std::size_t i = 0; i < n; ++i) {
      rows_[i].sequence_remaining = static_cast<u16>(n - 1 - i);
      rows_[i].is_first_in_sequence = (i == 0);
    }
    return std::move(rows_);
  }

 private:
  u32 address_;
  std::vector<BytecodeRow> rows_;
};

// LB/LBU/LH/LHU: load the containing word, shift the wanted lane to the top (multiply by
// 2^(8·(3 − byte offset)) for bytes, 2^(8·(2 − offset)) for half-words), shift it back down.
void narrow_load(Sequence& s, const Decoded& d, bool half, bool is_signed) {
  if (half) s.ri(Kind::VirtualAssertHalfwordAlignment, kNoRegister, d.rs1, d.imm);
  s.ri(Kind::Addi, v(0), d.rs1, d.imm);
  s.ri(Kind::Andi, v(1), v(0), -4);
  s.load_word(v(2), v(1));
  s.ri(Kind::Xori, v(0), v(0), half ? 2 : 3);
  s.ri(Kind::VirtualMuli, v(0), v(0), 8);
  s.ri(Kind::VirtualPow2, v(3), v(0), 0);
  s.rr(Kind::Mul, v(2), v(2), v(3));
  const Kind down = is_signed ? Kind::VirtualSrai : Kind::VirtualSrli;
  s.ri(down, d.rd, v(2), static_cast<i32>(shift_bitmask(half ? 16 : 24)));
}

// SB/SH: read-modify-write of the containing word, new = old ^ ((old ^ (rs2 << o)) & (lane << o))
// with o = 8·(byte offset).
void narrow_store(Sequence& s, const Decoded& d, bool half) {
  if (half) s.ri(Kind::VirtualAssertHalfwordAlignment, kNoRegister, d.rs1, d.imm);
  s.ri(Kind::Addi, v(0), d.rs1, d.imm);
  s.ri(Kind::Andi, v(1), v(0), -4);
  s.load_word(v(2), v(1));
  s.ri(Kind::VirtualMuli, v(3), v(0), 8);
  s.ri(Kind::VirtualPow2, v(3), v(3), 0);
  if (half) {
    s.ri(Kind::Ori, v(4), kX0, -1);
    s.ri(Kind::VirtualSrli, v(4), v(4), static_cast<i32>(shift_bitmask(16)));
  } else {
    s.ri(Kind::Ori, v(4), kX0, 0xFF);
  }
  s.rr(Kind::Mul, v(4), v(4), v(3));
  s.rr(Kind::Mul, v(5), d.rs2, v(3));
  s.rr(Kind::Xor, v(5), v(5), v(2));
  s.rr(Kind::And, v(5), v(5), v(4));
  s.rr(Kind::Xor, v(2), v(2), v(5));
  s.store_word(v(1), v(2));
}

// MULH(a, b) = MULHU(a, b) − [a < 0]·b − [b < 0]·a (mod 2^32); Movsign gives −[x < 0].
void mulh(Sequence& s, u8 rd, u8 a, u8 b, unsigned t) {
  s.ri(Kind::VirtualMovsign, v(t), a, 0);
  s.ri(Kind::VirtualMovsign, v(t + 1), b, 0);
  s.rr(Kind::Mul, v(t), v(t), b);
  s.rr(Kind::Mul, v(t + 1), v(t + 1), a);
  s.rr(Kind::Mulhu, v(t + 2), a, b);
  s.rr(Kind::Add, v(t + 2), v(t + 2), v(t));
  s.rr(Kind::Add, rd, v(t + 2), v(t + 1));
}

// DIVU/REMU: advice q; r = rs1 − q·rs2 with q·rs2 ≤ rs1 and no overflow; r < rs2 unless rs2 = 0,
// and q = all-ones when rs2 = 0.
void unsigned_division(Sequence& s, const Decoded& d, bool remainder) {
  s.advice(v(0), Advice::UnsignedQuotient, d);
  s.assert_rr(Kind::VirtualAssertValidDiv0, d.rs2, v(0));
  s.assert_rr(Kind::VirtualAssertMulUNoOverflow, v(0), d.rs2);
  s.rr(Kind::Mul, v(1), v(0), d.rs2);
  s.assert_rr(Kind::VirtualAssertLte, v(1), d.rs1);
  s.rr(Kind::Sub, v(1), d.rs1, v(1));
  s.assert_rr(Kind::VirtualAssertValidUnsignedRemainder, v(1), d.rs2);
  s.ri(Kind::Addi, d.rd, remainder ? v(1) : v(0), 0);
}

// DIV/REM: advice q and |r|. With d' = ChangeDivisor(rs1, rs2) (rs2, or 1 for INT_MIN / −1):
// q·d' fits in 32 signed bits (MULH(q, d') equals the sign fill of the low word), r takes the
// sign of rs1, q·d' + r = rs1, |r| < |d'| unless d' = 0, and q = all-ones when rs2 = 0.
void signed_division(Sequence& s, const Decoded& d, bool remainder) {
  s.advice(v(0), Advice::SignedQuotient, d);
  s.advice(v(1), Advice::SignedRemainderMagnitude, d);
  s.assert_rr(Kind::VirtualAssertValidDiv0, d.rs2, v(0));
  s.rr(Kind::VirtualChangeDivisor, v(2), d.rs1, d.rs2);
  s.rr(Kind::Mul, v(3), v(0), v(2));
  mulh(s, v(6), v(0), v(2), 4);
  s.ri(Kind::VirtualSrai, v(4), v(3), static_cast<i32>(shift_bitmask(31)));
  s.assert_rr(Kind::VirtualAssertEq, v(6), v(4));
  // r = (|r| ^ m) − m with m = Movsign(rs1): negates |r| when rs1 < 0.
  s.ri(Kind::VirtualMovsign, v(4), d.rs1, 0);
  s.rr(Kind::Xor, v(5), v(1), v(4));
  s.rr(Kind::Sub, v(5), v(5), v(4));
  s.rr(Kind::Add, v(3), v(3), v(5));
  s.assert_rr(Kind::VirtualAssertEq, v(3), d.rs1);
  // |d'| = (d' ^ m) − m with m = Movsign(d').
  s.ri(Kind::VirtualMovsign, v(4), v(2), 0);
  s.rr(Kind::Xor, v(6), v(2), v(4));
  s.rr(Kind::Sub, v(6), v(6), v(4));
  s.assert_rr(Kind::VirtualAssertValidUnsignedRemainder, v(1), v(6));
  s.ri(Kind::Addi, d.rd, remainder ? v(5) : v(0), 0);
}

bool writes_rd(Kind k) {
  return !(is_branch(k) || k == Kind::Sw || k == Kind::Sb || k == Kind::Sh || k == Kind::Fence);
}
bool has_side_effect(Kind k) {
  return is_jump(k) || k == Kind::Lw || k == Kind::Lb || k == Kind::Lbu || k == Kind::Lh ||
         k == Kind::Lhu;
}

}  // namespace

std::vector<BytecodeRow> expand(const Decoded& instruction, u32 address) {
  Decoded d = instruction;
  RILL_CHECK(d.kind != Kind::Ecall && d.kind != Kind::Ebreak, "system instructions have no rows");
  // The rd = x0 rewrite (reference §4.2): a pure computation into x0 becomes ADDI x0, x0, 0; a
  // jump or load keeps its effect and writes the sink register instead.
  if (writes_rd(d.kind) && d.rd == 0) {
    if (!has_side_effect(d.kind)) return {make_row(Kind::Addi, kX0, kX0, kNoRegister, 0, address)};
    d.rd = kSinkRegister;
  }
  Sequence s(address);
  switch (d.kind) {
    case Kind::Lb:
      narrow_load(s, d, false, true);
      break;
    case Kind::Lbu:
      narrow_load(s, d, false, false);
      break;
    case Kind::Lh:
      narrow_load(s, d, true, true);
      break;
    case Kind::Lhu:
      narrow_load(s, d, true, false);
      break;
    case Kind::Sb:
      narrow_store(s, d, false);
      break;
    case Kind::Sh:
      narrow_store(s, d, true);
      break;
    case Kind::Sll:  // rs1 · 2^(rs2 mod 32)
      s.ri(Kind::VirtualPow2, v(0), d.rs2, 0);
      s.rr(Kind::Mul, d.rd, d.rs1, v(0));
      break;
    case Kind::Slli:
      s.ri(Kind::VirtualMuli, d.rd, d.rs1, static_cast<i32>(1u << d.imm));
      break;
    case Kind::Srl:
    case Kind::Sra:
      s.ri(Kind::VirtualShiftRightBitmask, v(0), d.rs2, 0);
      s.rr(d.kind == Kind::Srl ? Kind::VirtualSrl : Kind::VirtualSra, d.rd, d.rs1, v(0));
      break;
    case Kind::Srli:
    case Kind::Srai:
      s.ri(d.kind == Kind::Srli ? Kind::VirtualSrli : Kind::VirtualSrai, d.rd, d.rs1,
           static_cast<i32>(shift_bitmask(static_cast<u32>(d.imm))));
      break;
    case Kind::Mulh:
      mulh(s, d.rd, d.rs1, d.rs2, 0);
      break;
    case Kind::Mulhsu:  // MULHU(a, b) − [a < 0]·b
      s.ri(Kind::VirtualMovsign, v(0), d.rs1, 0);
      s.rr(Kind::Mul, v(0), v(0), d.rs2);
      s.rr(Kind::Mulhu, v(1), d.rs1, d.rs2);
      s.rr(Kind::Add, d.rd, v(1), v(0));
      break;
    case Kind::Divu:
      unsigned_division(s, d, false);
      break;
    case Kind::Remu:
      unsigned_division(s, d, true);
      break;
    case Kind::Div:
      signed_division(s, d, false);
      break;
    case Kind::Rem:
      signed_division(s, d, true);
      break;
    default: {
      RILL_CHECK(is_trace_kind(d.kind), "unexpanded kind without a sequence");
      BytecodeRow r = make_row(d.kind, d.rd, d.rs1, d.rs2, d.imm, address);
      if (d.kind == Kind::Fence) r.rd = r.rs1 = r.rs2 = kNoRegister;
      return {r};
    }
  }
  return s.finish();
}

}  // namespace rill::riscv
