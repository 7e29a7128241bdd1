// Frobenius coefficients of the Fq6/Fq12 tower, computed at compile time from the definition.
// Internal to the field layer (used by fq6.cpp and fq12.cpp).
#pragma once

#include <array>

#include "rill/field/fq2.hpp"

namespace rill::field_detail {

// g_k = ξ^((p^k − 1)/6) for k = 0..11, with ξ = 9 + u. Since w^6 = ξ, w^(p^k) = g_k·w, and
// v^(p^k) = g_k²·v, (v²)^(p^k) = g_k⁴·v². Only g_1 needs an exponentiation: from
// (p^k − 1)/6 = p·(p^(k−1) − 1)/6 + (p − 1)/6 and x^p = x̄ in Fq2, g_k = conj(g_{k−1})·g_1.
constexpr std::array<Fq2, 12> frobenius_w_coefficients() {
  const Fq2 xi = {Fq::from_u64(9), Fq::one()};
  // (p − 1)/6: p ≡ 1 (mod 6), so the division is exact; done as a long division by 6 on limbs.
  Limbs exponent = sub_small(Fq::kModulus, 1);
  u128 remainder = 0;
  for (int i = 3; i >= 0; --i) {
    const u128 current = (remainder << 64) | exponent[i];
    exponent[i] = static_cast<u64>(current / 6);
    remainder = current % 6;
  }
  std::array<Fq2, 12> g{};
  g[0] = Fq2::one();
  g[1] = xi.pow(exponent);
  for (int k = 2; k < 12; ++k) g[k] = g[k - 1].conjugate() * g[1];
  return g;
}

inline constexpr std::array<Fq2, 12> kFrobeniusW = frobenius_w_coefficients();

}  // namespace rill::field_detail
