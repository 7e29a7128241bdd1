// Width-w non-adjacent form of a multi-limb scalar, for exponentiation in groups where inversion
// is free (negation of a point, conjugation in GT).
//
// k = Σ_i d_i·2^i with every nonzero d_i odd, |d_i| < 2^(w−1), and at most one nonzero digit in any
// w consecutive positions, so a w-NAF exponentiation needs the odd multiples 1, 3, …, 2^(w−1) − 1
// and about len/(w + 1) group operations besides the doublings.
#pragma once

#include <span>
#include <vector>

#include "rill/util/int.hpp"

namespace rill::detail {

// Digits least significant first; empty for k = 0.
inline std::vector<i8> wnaf_digits(std::span<const u64> k, unsigned width) {
  std::vector<u64> n(k.begin(), k.end());
  n.push_back(0);  // room for the carry of k − d when d < 0
  const u64 window = u64(1) << width;
  auto is_zero = [&] {
    for (u64 limb : n) {
      if (limb != 0) return false;
    }
    return true;
  };
  std::vector<i8> digits;
  while (!is_zero()) {
    i64 d = 0;
    if (n[0] & 1) {
      d = static_cast<i64>(n[0] & (window - 1));
      if (d >= static_cast<i64>(window / 2)) d -= static_cast<i64>(window);
      // n ← n − d: subtract d ≥ 0 or add −d > 0, with carries through the limbs.
      if (d > 0) {
        u64 borrow = static_cast<u64>(d);
        for (u64& limb : n) {
          const u64 before = limb;
          limb -= borrow;
          borrow = limb > before ? 1 : 0;
          if (borrow == 0) break;
        }
      } else {
        u64 carry = static_cast<u64>(-d);
        for (u64& limb : n) {
          limb += carry;
          carry = limb < carry ? 1 : 0;
          if (carry == 0) break;
        }
      }
    }
    digits.push_back(static_cast<i8>(d));
    for (std::size_t i = 0; i + 1 < n.size(); ++i) n[i] = (n[i] >> 1) | (n[i + 1] << 63);
    n.back() >>= 1;
  }
  return digits;
}

}  // namespace rill::detail
