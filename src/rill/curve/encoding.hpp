// Byte-level helpers shared by the G1, G2 and GT encodings (internal to the curve layer).
//
// Format (arkworks-like, little-endian): each Fq coordinate is its canonical 32-byte
// little-endian value. p < 2^254, so the two top bits of a coordinate's last byte are free and
// carry the flags of the encoding's last coordinate: 0x80 = "y is negative" (compressed forms
// only), 0x40 = point at infinity (every other bit zero). An Fq element is negative when it is
// greater than (p − 1)/2; an Fq2 element when its c1 is negative, or c1 = 0 and c0 is negative.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>

#include "rill/curve/bn254_constants.hpp"
#include "rill/field/fq.hpp"
#include "rill/util/int.hpp"

namespace rill::detail {

inline constexpr u8 kNegativeFlag = 0x80;
inline constexpr u8 kInfinityFlag = 0x40;
inline constexpr u8 kFlagMask = kNegativeFlag | kInfinityFlag;

inline bool fq_is_negative(const Fq& v) {
  const std::array<u64, 4> limbs = v.to_limbs();
  for (int i = 3; i >= 0; --i) {
    if (limbs[i] != kFqHalf[i]) return limbs[i] > kFqHalf[i];
  }
  return false;
}

// (A template so that this header does not need Fq2; it is only instantiated with Fq2.)
template <class Fq2Like>
bool fq2_is_negative(const Fq2Like& v) {
  return v.c1.is_zero() ? fq_is_negative(v.c0) : fq_is_negative(v.c1);
}

inline void write_fq(std::span<u8> out, const Fq& v) {
  const std::array<u8, 32> bytes = v.to_bytes();
  std::copy(bytes.begin(), bytes.end(), out.begin());
}

// The canonical Fq in 32 bytes, or nothing when the value is ≥ p.
inline std::optional<Fq> read_fq(std::span<const u8> in) { return Fq::from_bytes(in.first(32)); }

// True when all bytes are zero.
inline bool all_zero(std::span<const u8> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](u8 b) { return b == 0; });
}

// Checks the flag bits of an encoding (they sit in its last byte). Returns the reason for a
// rejection, or an empty string. The infinity flag requires every other bit to be zero; the sign
// flag is only allowed in compressed encodings.
inline std::string check_flag_bits(std::span<const u8> bytes, bool compressed) {
  const u8 flags = bytes.back() & kFlagMask;
  if (flags & kInfinityFlag) {
    if (flags & kNegativeFlag || !all_zero(bytes.first(bytes.size() - 1)) ||
        (bytes.back() & ~kFlagMask) != 0)
      return "infinity flag set but other bits are not zero";
    return {};
  }
  if ((flags & kNegativeFlag) && !compressed) return "sign flag set in an uncompressed encoding";
  return {};
}

}  // namespace rill::detail
