#include "rill/field/fq6.hpp"

#include "rill/field/frobenius_constants.hpp"

namespace rill {

// Karatsuba over the cubic extension (Devegili–Ó hÉigeartaigh–Scott–Dahab), with v³ = ξ:
//   v_i = a_i·b_i,
//   c0 = v0 + ξ·((a1 + a2)(b1 + b2) − v1 − v2)
//   c1 = (a0 + a1)(b0 + b1) − v0 − v1 + ξ·v2
//   c2 = (a0 + a2)(b0 + b2) − v0 − v2 + v1
// 6 Fq2 multiplications instead of 9.
Fq6 operator*(const Fq6& a, const Fq6& b) {
  const Fq2 v0 = a.c0 * b.c0;
  const Fq2 v1 = a.c1 * b.c1;
  const Fq2 v2 = a.c2 * b.c2;
  return {v0 + ((a.c1 + a.c2) * (b.c1 + b.c2) - v1 - v2).mul_by_nonresidue(),
          (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1 + v2.mul_by_nonresidue(),
          (a.c0 + a.c2) * (b.c0 + b.c2) - v0 - v2 + v1};
}

// Chung–Hasan SQR2: with s0 = a0², s1 = 2a0a1, s2 = (a0 − a1 + a2)², s3 = 2a1a2, s4 = a2²,
//   c0 = s0 + ξ·s3,  c1 = s1 + ξ·s4,  c2 = s1 + s2 + s3 − s0 − s4.
Fq6 Fq6::square() const {
  const Fq2 s0 = c0.square();
  const Fq2 s1 = (c0 * c1).doubled();
  const Fq2 s2 = (c0 - c1 + c2).square();
  const Fq2 s3 = (c1 * c2).doubled();
  const Fq2 s4 = c2.square();
  return {s0 + s3.mul_by_nonresidue(), s1 + s4.mul_by_nonresidue(), s1 + s2 + s3 - s0 - s4};
}

// With A = a0² − ξ·a1a2, B = ξ·a2² − a0a1, C = a1² − a0a2, the product
// (a0 + a1v + a2v²)(A + Bv + Cv²) equals F = a0·A + ξ·(a2·B + a1·C) ∈ Fq2, so x^{-1} = (A, B, C)/F.
Fq6 Fq6::inverse() const {
  const Fq2 a = c0.square() - (c1 * c2).mul_by_nonresidue();
  const Fq2 b = c2.square().mul_by_nonresidue() - c0 * c1;
  const Fq2 c = c1.square() - c0 * c2;
  const Fq2 f = c0 * a + (c2 * b + c1 * c).mul_by_nonresidue();
  return Fq6{a, b, c}.mul_by_fq2(f.inverse());
}

// The Karatsuba product above with b2 = 0.
Fq6 Fq6::mul_by_01(const Fq2& b0, const Fq2& b1) const {
  const Fq2 v0 = c0 * b0;
  const Fq2 v1 = c1 * b1;
  return {v0 + ((c1 + c2) * b1 - v1).mul_by_nonresidue(), (c0 + c1) * (b0 + b1) - v0 - v1,
          (c0 + c2) * b0 - v0 + v1};
}

// (c0 + c1v + c2v²)·b1v = ξ·c2b1 + c0b1·v + c1b1·v².
Fq6 Fq6::mul_by_1(const Fq2& b1) const { return {(c2 * b1).mul_by_nonresidue(), c0 * b1, c1 * b1}; }

// (c0 + c1v + c2v²)^(p^k) = c0^(p^k) + c1^(p^k)·g_k²·v + c2^(p^k)·g_k⁴·v²
// (frobenius_constants.hpp).
Fq6 Fq6::frobenius_map(unsigned power) const {
  static constexpr auto kCoefficients = [] {
    std::array<std::array<Fq2, 2>, 6> table{};
    for (int k = 0; k < 6; ++k) {
      const Fq2 g2 = field_detail::kFrobeniusW[k].square();
      table[k] = {g2, g2.square()};
    }
    return table;
  }();
  const unsigned k = power % 6;
  return {c0.frobenius_map(k), c1.frobenius_map(k) * kCoefficients[k][0],
          c2.frobenius_map(k) * kCoefficients[k][1]};
}

}  // namespace rill
