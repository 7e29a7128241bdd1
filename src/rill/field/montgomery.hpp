// Montgomery multiplication entry point: picks the fastest implementation available.
#pragma once

#include <type_traits>

#include "rill/field/limbs.hpp"

namespace rill::field_detail {

// a·b·2^-256 mod p for a, b < p. Usable in constant expressions.
constexpr Limbs mont_mul(const Limbs& a, const Limbs& b, const Limbs& p, u64 p_inv_neg) {
  return mont_mul_portable(a, b, p, p_inv_neg);
}

}  // namespace rill::field_detail
