// Lookup tables that read the index v as one 2·XLEN-bit number (reference jolt-protocol.md §5.2):
// range checks, word/half-word extraction, sign extension, overflow and alignment checks, powers
// of two and shift masks, and the operand-sign table Movsign.
//
// Each is a linear automaton over the index bits (see table_automaton.hpp); `pair` i covers the
// index bits of weight 2·XLEN−1−2i (read first) and 2·XLEN−2−2i. Bit weights count from the least
// significant bit, v = Σ_w v_w·2^w.
#pragma once

#include <bit>
#include <string_view>

#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/interleave.hpp"
#include "rill/zkvm/lookups/scalar.hpp"

namespace rill::zkvm::lookups {

namespace detail {

// Weight of the first (more significant) index bit of pair i.
template <unsigned XLEN>
constexpr unsigned first_weight(unsigned pair) {
  return 2 * XLEN - 1 - 2 * pair;
}

// State (one, acc) holding acc = the value of the index bits of weight in [kLo, kHi) read so far:
// every such bit b does acc ← 2·acc + b·one.
template <unsigned XLEN, unsigned kLo, unsigned kHi>
struct WindowValue {
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 2;
  enum : unsigned { kOne, kAcc };

  static u64 entry(u64 index) { return (index >> kLo) & low_mask(kHi - kLo); }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kAcc] = scalar_zero<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool first, bool second, const V* in, V* out) {
    out[kOne] = in[kOne];
    out[kAcc] = in[kAcc];
    shift_in(first_weight<XLEN>(pair), first, in[kOne], out[kAcc]);
    shift_in(first_weight<XLEN>(pair) - 1, second, in[kOne], out[kAcc]);
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kAcc];
  }

 private:
  template <LookupScalar V>
  static void shift_in(unsigned weight, bool bit, const V& one, V& acc) {
    if (weight < kLo || weight >= kHi) return;
    acc = acc + acc;
    if (bit) acc = acc + one;
  }
};

// State (c) = [every index bit of weight in [kLo, kHi) read so far is 0].
template <unsigned XLEN, unsigned kLo, unsigned kHi>
struct WindowIsZero {
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 1;

  static u64 entry(u64 index) { return ((index >> kLo) & low_mask(kHi - kLo)) == 0 ? 1 : 0; }

  template <LookupScalar V>
  static void init(V* s) {
    s[0] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool first, bool second, const V* in, V* out) {
    const unsigned w = first_weight<XLEN>(pair);
    const bool nonzero = (first && in_window(w)) || (second && in_window(w - 1));
    out[0] = nonzero ? scalar_zero<V>() : in[0];
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[0];
  }

 private:
  static constexpr bool in_window(unsigned weight) { return weight >= kLo && weight < kHi; }
};

// State (p) = Π over the bits v_w with w < log2(XLEN) read so far of 2^(v_w·2^w): after all
// bits, p = 2^(v mod XLEN). Each factor is 1 + v_w·(2^(2^w) − 1), affine in v_w.
template <unsigned XLEN>
struct PowerOfTwo {
  static constexpr unsigned kShiftBits = std::countr_zero(XLEN);
  static_assert((XLEN & (XLEN - 1)) == 0, "XLEN is a power of two");

  template <LookupScalar V>
  static V times_factor(unsigned weight, bool bit, const V& p) {
    if (!bit || weight >= kShiftBits) return p;
    return scaled(p, u64{1} << (u64{1} << weight));
  }

  template <LookupScalar V>
  static V step(unsigned pair, bool first, bool second, const V& p) {
    const unsigned w = first_weight<XLEN>(pair);
    return times_factor(w - 1, second, times_factor(w, first, p));
  }
};

}  // namespace detail

// RangeCheck: v mod 2^XLEN (ADD, SUB, MUL, LUI, AUIPC, JAL, advice, …).
template <unsigned XLEN>
struct RangeCheckTable : detail::WindowValue<XLEN, 0, XLEN> {
  static constexpr std::string_view kName = "RangeCheck";
};

// RangeCheckAligned: (v mod 2^XLEN) with bit 0 cleared (JALR). The window [1, XLEN) is read as a
// number and doubled by the read-out.
template <unsigned XLEN>
struct RangeCheckAlignedTable : detail::WindowValue<XLEN, 1, XLEN> {
  static constexpr std::string_view kName = "RangeCheckAligned";
  using Base = detail::WindowValue<XLEN, 1, XLEN>;

  static u64 entry(u64 index) { return index & low_mask(XLEN) & ~u64{1}; }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[Base::kAcc] + s[Base::kAcc];
  }
};

// UpperWord: v >> XLEN (MULHU: the high word of the full product).
template <unsigned XLEN>
struct UpperWordTable : detail::WindowValue<XLEN, XLEN, 2 * XLEN> {
  static constexpr std::string_view kName = "UpperWord";
};

// LowerHalfWord: v mod 2^(XLEN/2), zero-extended.
template <unsigned XLEN>
struct LowerHalfWordTable : detail::WindowValue<XLEN, 0, XLEN / 2> {
  static constexpr std::string_view kName = "LowerHalfWord";
};

// SignExtendHalfWord: the low XLEN/2 bits of v, sign-extended to XLEN bits. State (one, acc,
// sign) with sign = bit XLEN/2 − 1 of v; read-out acc + sign·(2^XLEN − 2^(XLEN/2)).
template <unsigned XLEN>
struct SignExtendHalfWordTable {
  static constexpr std::string_view kName = "SignExtendHalfWord";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 3;
  static constexpr unsigned kHalf = XLEN / 2;
  using Low = detail::WindowValue<XLEN, 0, kHalf>;
  enum : unsigned { kOne, kAcc, kSign };

  static u64 entry(u64 index) {
    const u64 low = index & low_mask(kHalf);
    const bool negative = ((low >> (kHalf - 1)) & 1) != 0;
    return negative ? low | (low_mask(XLEN) & ~low_mask(kHalf)) : low;
  }

  template <LookupScalar V>
  static void init(V* s) {
    Low::init(s);
    s[kSign] = scalar_zero<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool first, bool second, const V* in, V* out) {
    Low::pair_step(pair, first, second, in, out);
    // The sign bit has weight kHalf − 1, which is odd, so it is the first bit of its pair.
    const bool sign_pair = detail::first_weight<XLEN>(pair) == kHalf - 1;
    out[kSign] = sign_pair ? (first ? in[kOne] : scalar_zero<V>()) : in[kSign];
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[kAcc] + scaled(s[kSign], low_mask(XLEN) & ~low_mask(kHalf));
  }
};

// MulUNoOverflow: [v >> XLEN == 0] (the product of two words fits in a word).
template <unsigned XLEN>
struct MulUNoOverflowTable : detail::WindowIsZero<XLEN, XLEN, 2 * XLEN> {
  static constexpr std::string_view kName = "MulUNoOverflow";
};

// WordAlignment: [v mod 4 == 0].
template <unsigned XLEN>
struct WordAlignmentTable : detail::WindowIsZero<XLEN, 0, 2> {
  static constexpr std::string_view kName = "WordAlignment";
};

// HalfwordAlignment: [v mod 2 == 0].
template <unsigned XLEN>
struct HalfwordAlignmentTable : detail::WindowIsZero<XLEN, 0, 1> {
  static constexpr std::string_view kName = "HalfwordAlignment";
};

// Pow2: 2^(v mod XLEN) (SLL's multiplier). State (p), see detail::PowerOfTwo.
template <unsigned XLEN>
struct Pow2Table {
  static constexpr std::string_view kName = "Pow2";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 1;

  static u64 entry(u64 index) { return u64{1} << (index % XLEN); }

  template <LookupScalar V>
  static void init(V* s) {
    s[0] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool first, bool second, const V* in, V* out) {
    out[0] = detail::PowerOfTwo<XLEN>::step(pair, first, second, in[0]);
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return s[0];
  }
};

// ShiftRightBitmask: ones in bits [s, XLEN) for s = v mod XLEN, i.e. 2^XLEN − 2^s (SRL/SRA's
// shift amount in mask form). State (one, p = 2^s).
template <unsigned XLEN>
struct ShiftRightBitmaskTable {
  static constexpr std::string_view kName = "ShiftRightBitmask";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 2;
  enum : unsigned { kOne, kPow };

  static u64 entry(u64 index) { return low_mask(XLEN) & ~low_mask(index % XLEN); }

  template <LookupScalar V>
  static void init(V* s) {
    s[kOne] = scalar_one<V>();
    s[kPow] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool first, bool second, const V* in, V* out) {
    out[kOne] = in[kOne];
    out[kPow] = detail::PowerOfTwo<XLEN>::step(pair, first, second, in[kPow]);
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return scaled(s[kOne], u64{1} << XLEN) - s[kPow];
  }
};

// Movsign: all ones (2^XLEN − 1) if the top index bit (the sign of the first operand) is set, else
// 0 (MULH/MULHSU sequences). State (c) = that top bit.
template <unsigned XLEN>
struct MovsignTable {
  static constexpr std::string_view kName = "Movsign";
  static constexpr unsigned kXlen = XLEN;
  static constexpr unsigned kDim = 1;

  static u64 entry(u64 index) { return ((index >> (2 * XLEN - 1)) & 1) != 0 ? low_mask(XLEN) : 0; }

  template <LookupScalar V>
  static void init(V* s) {
    s[0] = scalar_one<V>();
  }

  template <LookupScalar V>
  static void pair_step(unsigned pair, bool first, bool, const V* in, V* out) {
    out[0] = (pair == 0 && !first) ? scalar_zero<V>() : in[0];
  }

  template <LookupScalar V>
  static V output(const V* s) {
    return scaled(s[0], low_mask(XLEN));
  }
};

}  // namespace rill::zkvm::lookups
