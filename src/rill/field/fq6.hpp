// rill::Fq6 = Fq2[v]/(v³ − ξ) with ξ = 9 + u: c0 + c1·v + c2·v², as in @noble/curves bn254 Fp6.
#pragma once

#include "rill/field/fq2.hpp"

namespace rill {

struct Fq6 {
  Fq2 c0;
  Fq2 c1;
  Fq2 c2;

  static constexpr Fq6 zero() { return {}; }
  static constexpr Fq6 one() { return {Fq2::one(), Fq2::zero(), Fq2::zero()}; }

  template <class Rng>
  static Fq6 random(Rng& rng) {
    const Fq2 a = Fq2::random(rng);
    const Fq2 b = Fq2::random(rng);
    return {a, b, Fq2::random(rng)};
  }

  bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  friend bool operator==(const Fq6&, const Fq6&) = default;

  friend Fq6 operator+(const Fq6& a, const Fq6& b) {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
  }
  friend Fq6 operator-(const Fq6& a, const Fq6& b) {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
  }
  Fq6 operator-() const { return {-c0, -c1, -c2}; }
  friend Fq6 operator*(const Fq6& a, const Fq6& b);
  Fq6& operator+=(const Fq6& b) { return *this = *this + b; }
  Fq6& operator-=(const Fq6& b) { return *this = *this - b; }
  Fq6& operator*=(const Fq6& b) { return *this = *this * b; }

  Fq6 doubled() const { return {c0.doubled(), c1.doubled(), c2.doubled()}; }
  Fq6 square() const;
  Fq6 inverse() const;  // the inverse of zero is zero
  Fq6 mul_by_fq2(const Fq2& k) const { return {c0 * k, c1 * k, c2 * k}; }

  // ×v: (c0 + c1·v + c2·v²)·v = ξ·c2 + c0·v + c1·v².
  Fq6 mul_by_nonresidue() const { return {c2.mul_by_nonresidue(), c0, c1}; }

  // Sparse products for line evaluations: × (b0 + b1·v) and × (b1·v).
  Fq6 mul_by_01(const Fq2& b0, const Fq2& b1) const;
  Fq6 mul_by_1(const Fq2& b1) const;

  // x ↦ x^(p^power).
  Fq6 frobenius_map(unsigned power) const;
};

}  // namespace rill
