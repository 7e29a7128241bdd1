// rill::Fq12 = Fq6[w]/(w² − v): c0 + c1·w, as in @noble/curves bn254 Fp12. The pairing target
// group GT is the order-r subgroup of Fq12*.
#pragma once

#include <span>

#include "rill/field/fq6.hpp"

namespace rill {

struct Fq12 {
  Fq6 c0;
  Fq6 c1;

  static constexpr Fq12 zero() { return {}; }
  static constexpr Fq12 one() { return {Fq6::one(), Fq6::zero()}; }

  template <class Rng>
  static Fq12 random(Rng& rng) {
    const Fq6 a = Fq6::random(rng);
    return {a, Fq6::random(rng)};
  }

  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  bool is_one() const { return *this == one(); }
  friend bool operator==(const Fq12&, const Fq12&) = default;

  friend Fq12 operator+(const Fq12& a, const Fq12& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend Fq12 operator-(const Fq12& a, const Fq12& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  Fq12 operator-() const { return {-c0, -c1}; }
  friend Fq12 operator*(const Fq12& a, const Fq12& b);
  Fq12& operator+=(const Fq12& b) { return *this = *this + b; }
  Fq12& operator-=(const Fq12& b) { return *this = *this - b; }
  Fq12& operator*=(const Fq12& b) { return *this = *this * b; }

  Fq12 square() const;
  Fq12 inverse() const;  // the inverse of zero is zero
  // x ↦ x^(p^6), which is the inverse for elements of the cyclotomic subgroup (unitary elements).
  Fq12 conjugate() const { return {c0, -c1}; }

  // x ↦ x^(p^power).
  Fq12 frobenius_map(unsigned power) const;

  // Squaring valid only in the cyclotomic subgroup {x : x^(p^4 − p^2 + 1) = 1} (e.g. after the easy
  // part of the final exponentiation): Granger–Scott, 9 Fq2 squarings-worth of work instead of 12.
  Fq12 cyclotomic_square() const;

  // x^e for e as little-endian limbs. cyclotomic_pow requires x in the cyclotomic subgroup.
  Fq12 pow(std::span<const u64> exponent_le_limbs) const;
  Fq12 cyclotomic_pow(std::span<const u64> exponent_le_limbs) const;

  // Sparse products for Miller-loop lines: × (a + b·w + c·w³) with a ∈ Fq2 in c0.c0, b in c1.c0
  // and c in c1.c1 (the "034" shape of a D-type twist), and × (a + b·v + c·v·w) ("014", M-type).
  Fq12 mul_by_034(const Fq2& a, const Fq2& b, const Fq2& c) const;
  Fq12 mul_by_014(const Fq2& a, const Fq2& b, const Fq2& c) const;
};

}  // namespace rill
