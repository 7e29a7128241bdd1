// Multilinear polynomials over small integers (u8 … u128, i8 … i128), as Jolt's increments and
// flags are: coefficients stay small integers until a challenge meets them. Binding a variable
// gives a dense polynomial over Fr; evaluating maps each coefficient once.
//
// Index and point conventions as in dense.hpp. A negative integer v is the field element p − |v|.
#pragma once

#include <span>
#include <type_traits>

#include "rill/field/fr.hpp"
#include "rill/poly/dense.hpp"
#include "rill/poly/eq.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/util/parallel.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

template <class T>
concept SmallInt = std::is_same_v<T, u8> || std::is_same_v<T, u16> || std::is_same_v<T, u32> ||
    std::is_same_v<T, u64> || std::is_same_v<T, u128> || std::is_same_v<T, i8> ||
    std::is_same_v<T, i16> || std::is_same_v<T, i32> || std::is_same_v<T, i64> ||
    std::is_same_v<T, i128>;

template <SmallInt T>
Fr small_to_field(T v) {
  if constexpr (std::is_same_v<T, u128>) {
    return Fr::from_u128(v);
  } else if constexpr (std::is_same_v<T, i128>) {
    return Fr::from_i128(v);
  } else if constexpr (std::is_signed_v<T>) {
    return Fr::from_i64(v);
  } else {
    return Fr::from_u64(v);
  }
}

template <SmallInt T>
class CompactPoly {
 public:
  explicit CompactPoly(tracked_vector<T> coeffs) : coeffs_(std::move(coeffs)) {
    RILL_CHECK(is_pow2(coeffs_.size()), "a multilinear needs 2^n coefficients");
    num_vars_ = log2_exact(coeffs_.size());
  }

  unsigned num_vars() const { return num_vars_; }
  std::span<const T> coeffs() const { return coeffs_; }
  Fr operator[](std::size_t i) const { return small_to_field(coeffs_[i]); }

  // P(r, x_1, …) as a dense polynomial: out[x'] = c[2x'] + r·(c[2x'+1] − c[2x']).
  DensePoly bind_low(const Fr& r) const {
    return bind([&](std::size_t i) { return std::pair{2 * i, 2 * i + 1}; }, r);
  }
  // P(…, x_{n−2}, r): out[x'] = c[x'] + r·(c[x' + 2^{n−1}] − c[x']).
  DensePoly bind_high(const Fr& r) const {
    const std::size_t half = coeffs_.size() / 2;
    return bind([&](std::size_t i) { return std::pair{i, i + half}; }, r);
  }

  // P(point) = Σ_x eq(point, x)·c[x] for a big-endian point.
  Fr evaluate(std::span<const Fr> point) const {
    RILL_CHECK_EQ(point.size(), static_cast<std::size_t>(num_vars_), "point has wrong length");
    const tracked_vector<Fr> eq = eq_table(point);
    return parallel_reduce(
        0, coeffs_.size(), 1 << 12, Fr::zero(),
        [&](u64 b, u64 e) {
          Fr acc = Fr::zero();
          for (u64 i = b; i < e; ++i)
            if (coeffs_[i] != T{0}) acc += eq[i] * small_to_field(coeffs_[i]);
          return acc;
        },
        [](Fr a, const Fr& b) { return a + b; });
  }

  DensePoly to_dense() const {
    tracked_vector<Fr> out(coeffs_.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = small_to_field(coeffs_[i]);
    return DensePoly(std::move(out));
  }

 private:
  template <class Pair>
  DensePoly bind(const Pair& pair, const Fr& r) const {
    RILL_CHECK(num_vars_ > 0, "no variable left to bind");
    tracked_vector<Fr> out(coeffs_.size() / 2);
    parallel_for(0, out.size(), 1 << 12, [&](u64 b, u64 e) {
      for (u64 i = b; i < e; ++i) {
        const auto [lo, hi] = pair(i);
        const T a = coeffs_[lo], c = coeffs_[hi];
        // Equal neighbours (common for flags and increments) need no multiplication.
        out[i] = a == c ? small_to_field(a)
                        : small_to_field(a) + r * (small_to_field(c) - small_to_field(a));
      }
    });
    return DensePoly(std::move(out));
  }

  tracked_vector<T> coeffs_;
  unsigned num_vars_;
};

}  // namespace rill
