#include "rill/field/fq12.hpp"

#include "rill/field/frobenius_constants.hpp"

namespace rill {

namespace {

// Left-to-right square-and-multiply from the highest set bit, with a chosen squaring.
template <class Square>
Fq12 pow_with(const Fq12& base, std::span<const u64> exponent_le_limbs, Square square) {
  Fq12 result = Fq12::one();
  bool started = false;
  for (std::size_t i = exponent_le_limbs.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      if (started) result = square(result);
      if ((exponent_le_limbs[i] >> bit) & 1) {
        result = started ? result * base : base;
        started = true;
      }
    }
  }
  return result;
}

// (x + y·s)² in Fq4 = Fq2[s]/(s² − ξ): (x² + ξy²) + 2xy·s, with
// x² + ξy² = (x + y)(x + ξy) − xy − ξxy (2 Fq2 multiplications).
struct Fq4Square {
  Fq2 c0;
  Fq2 c1;
};
Fq4Square fq4_square(const Fq2& x, const Fq2& y) {
  const Fq2 xy = x * y;
  return {(x + y) * (x + y.mul_by_nonresidue()) - xy - xy.mul_by_nonresidue(), xy.doubled()};
}

// 3t − 2z and 3t + 2z.
Fq2 three_t_minus_two_z(const Fq2& t, const Fq2& z) { return (t - z).doubled() + t; }
Fq2 three_t_plus_two_z(const Fq2& t, const Fq2& z) { return (t + z).doubled() + t; }

}  // namespace

// (a0 + a1w)(b0 + b1w) = a0b0 + v·a1b1 + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)·w: 3 Fq6 products.
Fq12 operator*(const Fq12& a, const Fq12& b) {
  const Fq6 v0 = a.c0 * b.c0;
  const Fq6 v1 = a.c1 * b.c1;
  return {v0 + v1.mul_by_nonresidue(), (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
}

// (c0 + c1w)² = (c0² + v·c1²) + 2c0c1·w, where c0² + v·c1² = (c0 + c1)(c0 + v·c1) − c0c1 − v·c0c1.
Fq12 Fq12::square() const {
  const Fq6 product = c0 * c1;
  return {(c0 + c1) * (c0 + c1.mul_by_nonresidue()) - product - product.mul_by_nonresidue(),
          product.doubled()};
}

// (c0 + c1w)^{-1} = (c0 − c1w)/(c0² − v·c1²).
Fq12 Fq12::inverse() const {
  const Fq6 t = (c0.square() - c1.square().mul_by_nonresidue()).inverse();
  return {c0 * t, -(c1 * t)};
}

// (c0 + c1w)^(p^k) = c0^(p^k) + c1^(p^k)·g_k·w with g_k = ξ^((p^k − 1)/6).
Fq12 Fq12::frobenius_map(unsigned power) const {
  const unsigned k = power % 12;
  return {c0.frobenius_map(k), c1.frobenius_map(k).mul_by_fq2(field_detail::kFrobeniusW[k])};
}

// Granger–Scott. Viewing Fq12 = Fq4[w]/(w³ − s) with s = w³ (s² = ξ), x = A + B·w + C·w² where
// A = a0 + b1·s, B = b0 + a2·s, C = a1 + b2·s for c0 = (a0, a1, a2), c1 = (b0, b1, b2). For x in
// the cyclotomic subgroup,
//   x² = (3A² − 2Ā) + (3s·C² + 2B̄)·w + (3B² − 2C̄)·w²,
// with ¯ the conjugation s ↦ −s of Fq4. Three Fq4 squarings: 6 Fq2 multiplications.
Fq12 Fq12::cyclotomic_square() const {
  const Fq2 &a0 = c0.c0, &a1 = c0.c1, &a2 = c0.c2;
  const Fq2 &b0 = c1.c0, &b1 = c1.c1, &b2 = c1.c2;
  const Fq4Square a_sq = fq4_square(a0, b1);
  const Fq4Square b_sq = fq4_square(b0, a2);
  const Fq4Square c_sq = fq4_square(a1, b2);
  // s·C² = ξ·c_sq.c1 + c_sq.c0·s.
  return {{three_t_minus_two_z(a_sq.c0, a0), three_t_minus_two_z(b_sq.c0, a1),
           three_t_minus_two_z(c_sq.c0, a2)},
          {three_t_plus_two_z(c_sq.c1.mul_by_nonresidue(), b0), three_t_plus_two_z(a_sq.c1, b1),
           three_t_plus_two_z(b_sq.c1, b2)}};
}

Fq12 Fq12::pow(std::span<const u64> exponent_le_limbs) const {
  return pow_with(*this, exponent_le_limbs, [](const Fq12& x) { return x.square(); });
}

Fq12 Fq12::cyclotomic_pow(std::span<const u64> exponent_le_limbs) const {
  return pow_with(*this, exponent_le_limbs, [](const Fq12& x) { return x.cyclotomic_square(); });
}

// The Fq12 product with y = (a, 0, 0) + (b, c, 0)·w.
Fq12 Fq12::mul_by_034(const Fq2& a, const Fq2& b, const Fq2& c) const {
  const Fq6 v0 = c0.mul_by_fq2(a);
  const Fq6 v1 = c1.mul_by_01(b, c);
  return {v0 + v1.mul_by_nonresidue(), (c0 + c1).mul_by_01(a + b, c) - v0 - v1};
}

// The Fq12 product with y = (a, b, 0) + (0, c, 0)·w.
Fq12 Fq12::mul_by_014(const Fq2& a, const Fq2& b, const Fq2& c) const {
  const Fq6 v0 = c0.mul_by_01(a, b);
  const Fq6 v1 = c1.mul_by_1(c);
  return {v0 + v1.mul_by_nonresidue(), (c0 + c1).mul_by_01(a, b + c) - v0 - v1};
}

}  // namespace rill
