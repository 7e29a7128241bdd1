// rill::Fq2 = Fq[u]/(u² + 1), the quadratic extension holding G2 coordinates. Same representation
// as @noble/curves bn254 Fp2: c0 + c1·u.
#pragma once

#include <optional>
#include <span>

#include "rill/field/fq.hpp"

namespace rill {

struct Fq2 {
  Fq c0;
  Fq c1;

  static constexpr Fq2 zero() { return {}; }
  static constexpr Fq2 one() { return {Fq::one(), Fq::zero()}; }

  // Uniform element: two uniform Fq coordinates.
  template <class Rng>
  static Fq2 random(Rng& rng) {
    const Fq a = Fq::random(rng);
    return {a, Fq::random(rng)};
  }

  constexpr bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  friend constexpr bool operator==(const Fq2&, const Fq2&) = default;

  friend constexpr Fq2 operator+(const Fq2& a, const Fq2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend constexpr Fq2 operator-(const Fq2& a, const Fq2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  constexpr Fq2 operator-() const { return {-c0, -c1}; }
  // (a0 + a1·u)(b0 + b1·u) = (a0b0 − a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)·u: 3 Fq muls.
  // The sums a0 + a1 and b0 + b1 enter the multiplication unreduced (below 2p, which Montgomery
  // multiplication accepts, see field_detail::mont_mul_portable).
  friend constexpr Fq2 operator*(const Fq2& a, const Fq2& b) {
    const Fq v0 = a.c0 * b.c0;
    const Fq v1 = a.c1 * b.c1;
    u64 carry = 0;
    const auto a_sum =
        field_detail::add_limbs(a.c0.montgomery_limbs(), a.c1.montgomery_limbs(), carry);
    const auto b_sum =
        field_detail::add_limbs(b.c0.montgomery_limbs(), b.c1.montgomery_limbs(), carry);
    const Fq cross = Fq::from_montgomery_unchecked(
        field_detail::mont_mul(a_sum, b_sum, Fq::kModulus, Fq::kInvNeg));
    return {v0 - v1, cross - v0 - v1};
  }
  constexpr Fq2& operator+=(const Fq2& b) { return *this = *this + b; }
  constexpr Fq2& operator-=(const Fq2& b) { return *this = *this - b; }
  constexpr Fq2& operator*=(const Fq2& b) { return *this = *this * b; }

  constexpr Fq2 doubled() const { return {c0.doubled(), c1.doubled()}; }
  // (c0 + c1·u)² = (c0 + c1)(c0 − c1) + 2·c0·c1·u: 2 Fq muls.
  // The sum c0 + c1 enters the multiplication unreduced, as in operator*.
  constexpr Fq2 square() const {
    u64 carry = 0;
    const auto sum = field_detail::add_limbs(c0.montgomery_limbs(), c1.montgomery_limbs(), carry);
    const Fq difference = c0 - c1;
    return {Fq::from_montgomery_unchecked(field_detail::mont_mul(sum, difference.montgomery_limbs(),
                                                                 Fq::kModulus, Fq::kInvNeg)),
            (c0 * c1).doubled()};
  }
  constexpr Fq2 mul_by_fq(const Fq& k) const { return {c0 * k, c1 * k}; }
  constexpr Fq2 conjugate() const { return {c0, -c1}; }
  // N(x) = x·x̄ = c0² + c1² ∈ Fq.
  constexpr Fq norm() const { return c0.square() + c1.square(); }
  // x^{-1} = x̄ / N(x). The inverse of zero is zero.
  constexpr Fq2 inverse() const { return conjugate().mul_by_fq(norm().inverse()); }

  // ×ξ with ξ = 9 + u, the non-residue defining Fq6: (c0 + c1·u)(9 + u) = (9c0 − c1) + (c0 +
  // 9c1)·u.
  constexpr Fq2 mul_by_nonresidue() const {
    const Fq c0_times_9 = c0.mul_u64(9);  // cheaper than three doublings and an addition
    const Fq c1_times_9 = c1.mul_u64(9);
    return {c0_times_9 - c1, c0 + c1_times_9};
  }

  // x ↦ x^(p^power). The p-power Frobenius is conjugation (u^p = −u since p ≡ 3 mod 4).
  constexpr Fq2 frobenius_map(unsigned power) const { return power % 2 == 0 ? *this : conjugate(); }

  // x^e for e as little-endian limbs, left-to-right square-and-multiply.
  constexpr Fq2 pow(std::span<const u64> exponent_le_limbs) const {
    Fq2 result = one();
    for (std::size_t i = exponent_le_limbs.size(); i-- > 0;) {
      for (int bit = 63; bit >= 0; --bit) {
        result = result.square();
        if ((exponent_le_limbs[i] >> bit) & 1) result *= *this;
      }
    }
    return result;
  }

  // Quadratic character over Fq2: x is a square in Fq2 iff its norm is a square in Fq.
  constexpr int legendre() const { return norm().legendre(); }

  // A square root when one exists (either of the two). Algorithm 9 of Adj and
  // Rodríguez-Henríquez, "Square root computation over even extension fields" (p ≡ 3 mod 4):
  //   a1 = x^((p−3)/4), α = a1²·x = x^((p−1)/2), x0 = a1·x = x^((p+1)/4);
  //   α·ᾱ = x^((p²−1)/2) is −1 exactly for non-squares;
  //   if α = −1 the root is u·x0, otherwise (1 + α)^((p−1)/2)·x0.
  constexpr std::optional<Fq2> sqrt() const {
    constexpr auto kModulus = Fq::kModulus;
    constexpr auto kPMinus3Over4 =
        field_detail::shift_right(field_detail::sub_small(kModulus, 3), 2);
    constexpr auto kPMinus1Over2 =
        field_detail::shift_right(field_detail::sub_small(kModulus, 1), 1);
    const Fq2 a1 = pow(kPMinus3Over4);
    const Fq2 x0 = a1 * *this;
    const Fq2 alpha = a1 * x0;
    const Fq2 minus_one = -one();
    if (alpha.conjugate() * alpha == minus_one) return std::nullopt;
    const Fq2 root = alpha == minus_one ? Fq2{-x0.c1, x0.c0}  // u·(c0 + c1·u) = −c1 + c0·u
                                        : (one() + alpha).pow(kPMinus1Over2) * x0;
    if (root.square() != *this) return std::nullopt;
    return root;
  }
};

}  // namespace rill
