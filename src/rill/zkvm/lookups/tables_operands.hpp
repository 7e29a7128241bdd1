// Lookup tables of two interleaved XLEN-bit operands (x, y) (reference jolt-protocol.md §5.2):
// bitwise operations, equality, signed and unsigned comparisons, the division checks, and the
// virtual right shifts.
//
// Each is a linear automaton over the operand bit pairs (see table_automaton.hpp): pair i holds
// (x_j, y_j) for bit j = XLEN−1−i, so pair 0 holds the sign bits.
#pragma once

#include <algorithm>
#include <bit>
#include <string_view>

#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/interleave.hpp"
#include "rill/zkvm/lookups/scalar.hpp"

namespace rill::zkvm::lookups {

// The XLEN-bit two's-complement value of the low XLEN bits of v.
template <unsigned XLEN>
constexpr i64 to_signed(u64 v) {
  v &= low_mask(XLEN);
  return ((v >> (XLEN - 1)) & 1) != 0 ? static_cast<i64>(v) - (i64{1} << XLEN)
                                      : static_cast<i64>(v);
}

enum class BitOp { kAnd, kOr, kXor };

// And / Or / Xor: x op y. State (one, acc): acc ← 2·acc + (x_j op y_j)·one.
template <unsigned XLEN, BitOp kOp>
struct BitwiseTable {
  static constexpr std::string_view kName = kOp == BitOp::kAnd  ? "And"
                                            : kOp == BitOp::kOr ? "Or"
                                                                : "Xor";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 2;
  enum : unsigned { kOne, kAcc };

  static constexpr bool apply(bool x, bool y) {
    return kOp == BitOp::kAnd ? (x && y) : kOp == BitOp::kOr ? (x || y) : (x != y);
  }

  static u64 entry(u64 index) {
    const auto [x, y] = uninterleave<XLEN>(index);
    return kOp == BitOp::kAnd ? (x & y) : kOp == BitOp::kOr ? (x | y) : (x ^ y);
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kAcc] = scalar_zero<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned, bool x, bool y, const V* in, V* out) {
    out[kOne] = in[kOne];
    out[kAcc] = in[kAcc] + in[kAcc];
    if (apply(x, y)) out[kAcc] = out[kAcc] + in[kOne];
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kAcc];
  }
};

template <unsigned XLEN>
using AndTable = BitwiseTable<XLEN, BitOp::kAnd>;
template <unsigned XLEN>
using OrTable = BitwiseTable<XLEN, BitOp::kOr>;
template <unsigned XLEN>
using XorTable = BitwiseTable<XLEN, BitOp::kXor>;

// Equal: [x == y]. State (eq): eq ← [x_j = y_j]·eq.
template <unsigned XLEN>
struct EqualTable {
  static constexpr std::string_view kName = "Equal";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 1;

  static u64 entry(u64 index) {
    const auto [x, y] = uninterleave<XLEN>(index);
    return x == y ? 1 : 0;
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[0] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned, bool x, bool y, const V* in, V* out) {
    out[0] = x == y ? in[0] : scalar_zero<V>();
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[0];
  }
};

// NotEqual: [x != y] = one − eq. State (one, eq).
template <unsigned XLEN>
struct NotEqualTable {
  static constexpr std::string_view kName = "NotEqual";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 2;
  enum : unsigned { kOne, kEq };

  static u64 entry(u64 index) { return 1 - EqualTable<XLEN>::entry(index); }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kEq] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned, bool x, bool y, const V* in, V* out) {
    out[kOne] = in[kOne];
    out[kEq] = x == y ? in[kEq] : scalar_zero<V>();
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kOne] - s[kEq];
  }
};

enum class Relation { kLess, kLessEqual, kGreaterEqual };

// x < y, x <= y or x >= y, on unsigned or two's-complement operands. State (one, lt, eq), read
// most significant pair first: lt ← lt + [x_j < y_j]·eq, eq ← [x_j = y_j]·eq, where for signed
// operands the sign pair compares the other way (a set sign bit means smaller). Read-out: lt,
// lt + eq, or one − lt.
template <unsigned XLEN, bool kSigned, Relation kRelation>
struct ComparisonTable {
  static constexpr std::string_view kName =
      kRelation == Relation::kLess ? (kSigned ? "SignedLessThan" : "UnsignedLessThan")
      : kRelation == Relation::kLessEqual
          ? (kSigned ? "SignedLessThanEqual" : "UnsignedLessThanEqual")
          : (kSigned ? "SignedGreaterThanEqual" : "UnsignedGreaterThanEqual");
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 3;
  enum : unsigned { kOne, kLt, kEq };

  static u64 entry(u64 index) {
    const auto [ux, uy] = uninterleave<XLEN>(index);
    const i64 x = kSigned ? to_signed<XLEN>(ux) : static_cast<i64>(ux);
    const i64 y = kSigned ? to_signed<XLEN>(uy) : static_cast<i64>(uy);
    const bool holds = kRelation == Relation::kLess        ? x < y
                       : kRelation == Relation::kLessEqual ? x <= y
                                                           : x >= y;
    return holds ? 1 : 0;
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kLt] = scalar_zero<V>();
    s[kEq] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool x, bool y, const V* in, V* out) {
    const bool sign_pair = kSigned && pair == 0;
    const bool x_smaller = sign_pair ? (x && !y) : (!x && y);
    out[kOne] = in[kOne];
    out[kLt] = x_smaller ? in[kLt] + in[kEq] : in[kLt];
    out[kEq] = x == y ? in[kEq] : scalar_zero<V>();
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return kRelation == Relation::kLess        ? s[kLt]
           : kRelation == Relation::kLessEqual ? s[kLt] + s[kEq]
                                               : s[kOne] - s[kLt];
  }
};

template <unsigned XLEN>
using UnsignedLessThanTable = ComparisonTable<XLEN, false, Relation::kLess>;
template <unsigned XLEN>
using UnsignedLessThanEqualTable = ComparisonTable<XLEN, false, Relation::kLessEqual>;
template <unsigned XLEN>
using UnsignedGreaterThanEqualTable = ComparisonTable<XLEN, false, Relation::kGreaterEqual>;
template <unsigned XLEN>
using SignedLessThanTable = ComparisonTable<XLEN, true, Relation::kLess>;
template <unsigned XLEN>
using SignedGreaterThanEqualTable = ComparisonTable<XLEN, true, Relation::kGreaterEqual>;

// ValidUnsignedRemainder: [y == 0 or x < y] for x = remainder, y = divisor (unsigned). The two
// cases exclude each other, so the value is zero_y + lt. State (zero_y, lt, eq).
template <unsigned XLEN>
struct ValidUnsignedRemainderTable {
  static constexpr std::string_view kName = "ValidUnsignedRemainder";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 3;
  enum : unsigned { kZeroY, kLt, kEq };

  static u64 entry(u64 index) {
    const auto [remainder, divisor] = uninterleave<XLEN>(index);
    return divisor == 0 || remainder < divisor ? 1 : 0;
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[kZeroY] = scalar_one<V>();
    s[kLt] = scalar_zero<V>();
    s[kEq] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned, bool x, bool y, const V* in, V* out) {
    out[kZeroY] = y ? scalar_zero<V>() : in[kZeroY];
    out[kLt] = (!x && y) ? in[kLt] + in[kEq] : in[kLt];
    out[kEq] = x == y ? in[kEq] : scalar_zero<V>();
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kZeroY] + s[kLt];
  }
};

// ValidDiv0: for x = divisor, y = quotient: [y == 2^XLEN − 1] if x == 0, else 1 (RISC-V's
// division by zero returns all ones). Value = one − zero_x + zero_x_and_ones_y.
template <unsigned XLEN>
struct ValidDiv0Table {
  static constexpr std::string_view kName = "ValidDiv0";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 3;
  enum : unsigned { kOne, kZeroX, kZeroXOnesY };

  static u64 entry(u64 index) {
    const auto [divisor, quotient] = uninterleave<XLEN>(index);
    if (divisor != 0) return 1;
    return quotient == low_mask(XLEN) ? 1 : 0;
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kZeroX] = scalar_one<V>();
    s[kZeroXOnesY] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned, bool x, bool y, const V* in, V* out) {
    out[kOne] = in[kOne];
    out[kZeroX] = x ? scalar_zero<V>() : in[kZeroX];
    out[kZeroXOnesY] = (!x && y) ? in[kZeroXOnesY] : scalar_zero<V>();
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kOne] - s[kZeroX] + s[kZeroXOnesY];
  }
};

// VirtualChangeDivisor: y, except 1 when (x, y) = (INT_MIN, −1) (signed division's one overflow
// case). State (one, y_value, special) with special = [x = INT_MIN and y = −1]; read-out
// y_value − special·(2^XLEN − 2), since the special case replaces 2^XLEN − 1 by 1.
template <unsigned XLEN>
struct ChangeDivisorTable {
  static constexpr std::string_view kName = "ChangeDivisor";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 3;
  enum : unsigned { kOne, kY, kSpecial };

  static u64 entry(u64 index) {
    const auto [dividend, divisor] = uninterleave<XLEN>(index);
    const bool overflow_case = dividend == (u64{1} << (XLEN - 1)) && divisor == low_mask(XLEN);
    return overflow_case ? 1 : divisor;
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kY] = scalar_zero<V>();
    s[kSpecial] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool x, bool y, const V* in, V* out) {
    const bool x_matches_int_min = pair == 0 ? x : !x;
    out[kOne] = in[kOne];
    out[kY] = y ? in[kY] + in[kY] + in[kOne] : in[kY] + in[kY];
    out[kSpecial] = (x_matches_int_min && y) ? in[kSpecial] : scalar_zero<V>();
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kY] - scaled(s[kSpecial], low_mask(XLEN) - 1);
  }
};

// The shift amount a virtual shift's second operand encodes: the position of its lowest set bit
// (y = ShiftRightBitmask(s) has ones in bits [s, XLEN), so this is s), or XLEN for y = 0. This is
// the riscv layer's specification (riscv::bitmask_shift), which defines the result for every y,
// not only for masks.
template <unsigned XLEN>
constexpr unsigned encoded_shift(u64 y) {
  y &= low_mask(XLEN);
  return y == 0 ? XLEN : static_cast<unsigned>(std::countr_zero(y));
}

// VirtualSRL: x >> s (logical) for s = encoded_shift(y); 0 when s = XLEN. State (one, high, res):
// high = the x bits read so far as a number, i.e. x >> j after the pair of bit j, and res = high
// as it was after the last pair whose y bit was set:
//   high ← 2·high + x_j·one,   res ← y_j ? (2·high + x_j·one) : res.
template <unsigned XLEN>
struct VirtualSrlTable {
  static constexpr std::string_view kName = "VirtualSRL";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 3;
  enum : unsigned { kOne, kHigh, kRes };

  static u64 entry(u64 index) {
    const auto [x, y] = uninterleave<XLEN>(index);
    const unsigned s = encoded_shift<XLEN>(y);
    return s == XLEN ? 0 : x >> s;
  }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kHigh] = scalar_zero<V>();
    s[kRes] = scalar_zero<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned, bool x, bool y, const V* in, V* out) {
    out[kOne] = in[kOne];
    out[kHigh] = x ? in[kHigh] + in[kHigh] + in[kOne] : in[kHigh] + in[kHigh];
    out[kRes] = y ? out[kHigh] : in[kRes];
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kRes];
  }
};

// VirtualSRA: x >> s (arithmetic) for s = encoded_shift(y), with s = XLEN giving all sign bits.
// It is the logical shift plus sign·(2^XLEN − 2^(XLEN−s)), the top s bits. State (one, high, res,
// sign, sign_pow) with sign = x's sign bit and sign_pow = sign·2^(XLEN−s) for the s of the y bits
// read so far: the pair of bit j = XLEN−1−i with y_j set makes it sign·2^(i+1); before any set y
// bit it is sign·1. Read-out res + 2^XLEN·sign − sign_pow.
template <unsigned XLEN>
struct VirtualSraTable {
  static constexpr std::string_view kName = "VirtualSRA";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 5;
  using Logical = VirtualSrlTable<XLEN>;
  enum : unsigned { kOne, kHigh, kRes, kSign, kSignPow };

  static u64 entry(u64 index) {
    const auto [x, y] = uninterleave<XLEN>(index);
    const unsigned s = std::min(encoded_shift<XLEN>(y), XLEN - 1);
    return static_cast<u64>(to_signed<XLEN>(x) >> s) & low_mask(XLEN);
  }

  template <LookupScalar V>
  static void init(V* s) {
    Logical::init(s);
    s[kSign] = scalar_zero<V>();
    s[kSignPow] = scalar_zero<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool x, bool y, const V* in, V* out) {
    Logical::pair_step(pair, x, y, in, out);
    if (pair == 0) {
      out[kSign] = x ? in[kOne] : scalar_zero<V>();
      out[kSignPow] = y ? out[kSign] + out[kSign] : out[kSign];
    } else {
      out[kSign] = in[kSign];
      out[kSignPow] = y ? scaled(in[kSign], u64{2} << pair) : in[kSignPow];
    }
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kRes] + scaled(s[kSign], u64{1} << XLEN) - s[kSignPow];
  }
};

}  // namespace rill::zkvm::lookups
