// The few scalar operations the lookup tables need, uniform over the two kinds of value they are
// evaluated on: signed 64-bit integers (table entries and suffix values at boolean points) and a
// prime field F (multilinear extensions at random points). A field type only needs zero(), one(),
// from_u64, + - *; Rill's Fr additionally has mul_u64, which is used when present.
#pragma once

#include <concepts>
#include <type_traits>

#include "rill/util/int.hpp"

namespace rill::zkvm::lookups {

// What the tables ask of a field: the operations of the field layer's public API that they use.
template <class F>
concept LookupField = requires(F a, F b, u64 k) {
  { F::zero() } -> std::convertible_to<F>;
  { F::one() } -> std::convertible_to<F>;
  { F::from_u64(k) } -> std::convertible_to<F>;
  { a + b } -> std::convertible_to<F>;
  { a - b } -> std::convertible_to<F>;
  { a* b } -> std::convertible_to<F>;
};

// A value a table step can work on: an exact integer (i64) or a field element.
template <class V>
concept LookupScalar = std::same_as<V, i64> || LookupField<V>;

template <LookupScalar V>
V scalar_zero() {
  if constexpr (std::is_same_v<V, i64>) {
    return 0;
  } else {
    return V::zero();
  }
}

template <LookupScalar V>
V scalar_one() {
  if constexpr (std::is_same_v<V, i64>) {
    return 1;
  } else {
    return V::one();
  }
}

// k·v for a small non-negative constant k (the integer path assumes no overflow: every table value
// and suffix value fits well inside 63 bits for XLEN <= 32).
template <LookupScalar V>
V scaled(const V& v, u64 k) {
  if constexpr (std::is_same_v<V, i64>) {
    return v * static_cast<i64>(k);
  } else if constexpr (requires { v.mul_u64(k); }) {
    return v.mul_u64(k);
  } else {
    return v * V::from_u64(k);
  }
}

// The field element of a signed integer: v ≥ 0 ↦ v, v < 0 ↦ p − |v|.
template <LookupField F>
F field_from_i64(i64 v) {
  if (v >= 0) return F::from_u64(static_cast<u64>(v));
  return F::zero() - F::from_u64(static_cast<u64>(0) - static_cast<u64>(v));
}

}  // namespace rill::zkvm::lookups
