// Bit interleaving of lookup operands (reference jolt-protocol.md §5.1): the 2·XLEN-bit lookup
// index of operands (x, y) is x_{XLEN−1} y_{XLEN−1} … x_0 y_0 read most significant first, i.e.
// bit j of x sits at index bit 2j+1 and bit j of y at index bit 2j.
#pragma once

#include <utility>

#include "rill/util/int.hpp"

namespace rill::zkvm::lookups {

namespace detail {

// Spreads the low 32 bits of v to the even bit positions 0, 2, …, 62 (classic binary
// magic-number spreading: each step moves the upper half of every block up by the block size).
constexpr u64 spread_even(u64 v) {
  v &= 0xFFFFFFFFull;
  v = (v | (v << 16)) & 0x0000FFFF0000FFFFull;
  v = (v | (v << 8)) & 0x00FF00FF00FF00FFull;
  v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0Full;
  v = (v | (v << 2)) & 0x3333333333333333ull;
  v = (v | (v << 1)) & 0x5555555555555555ull;
  return v;
}

// Inverse of spread_even: gathers the even bits of v into the low 32 bits.
constexpr u64 gather_even(u64 v) {
  v &= 0x5555555555555555ull;
  v = (v | (v >> 1)) & 0x3333333333333333ull;
  v = (v | (v >> 2)) & 0x0F0F0F0F0F0F0F0Full;
  v = (v | (v >> 4)) & 0x00FF00FF00FF00FFull;
  v = (v | (v >> 8)) & 0x0000FFFF0000FFFFull;
  v = (v | (v >> 16)) & 0x00000000FFFFFFFFull;
  return v;
}

}  // namespace detail

// All-ones mask of the low `bits` bits (bits <= 64).
constexpr u64 low_mask(unsigned bits) { return bits >= 64 ? ~u64{0} : (u64{1} << bits) - 1; }

// Index of operands (x, y), each taken modulo 2^XLEN.
template <unsigned XLEN>
constexpr u64 interleave(u64 x, u64 y) {
  static_assert(XLEN <= 32, "lookup indices are 64-bit words");
  return (detail::spread_even(x & low_mask(XLEN)) << 1) | detail::spread_even(y & low_mask(XLEN));
}

// The operands (x, y) of an interleaved index.
template <unsigned XLEN>
constexpr std::pair<u64, u64> uninterleave(u64 index) {
  static_assert(XLEN <= 32, "lookup indices are 64-bit words");
  return {detail::gather_even(index >> 1), detail::gather_even(index)};
}

}  // namespace rill::zkvm::lookups
