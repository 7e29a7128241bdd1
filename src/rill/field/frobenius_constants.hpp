// Frobenius coefficients of the Fq6/Fq12 tower. Internal to the field layer (used by fq6.cpp and
// fq12.cpp).
#pragma once

#include <array>

#include "rill/field/fq2.hpp"

namespace rill::field_detail {

// g_1 = ξ^((p − 1)/6) with ξ = 9 + u, as canonical limbs (computed with Python big integers;
// tower_test.cpp checks it against the exponentiation). Computing it here by exponentiation would
// exceed Clang's default constant-evaluation step limit.
inline constexpr std::array<Limbs, 2> kXiToPMinus1Over6 = {
    Limbs{0xd60b35dadcc9e470, 0x5c521e08292f2176, 0xe8b99fdd76e68b60, 0x1284b71c2865a7df},
    Limbs{0xca5cf05f80f362ac, 0x747992778eeec7e5, 0xa6327cfe12150b8e, 0x246996f3b4fae7e6}};

// g_k = ξ^((p^k − 1)/6) for k = 0..11. Since w^6 = ξ, w^(p^k) = g_k·w, and v^(p^k) = g_k²·v,
// (v²)^(p^k) = g_k⁴·v². From (p^k − 1)/6 = p·(p^(k−1) − 1)/6 + (p − 1)/6 and x^p = x̄ in Fq2,
// g_k = conj(g_{k−1})·g_1.
constexpr std::array<Fq2, 12> frobenius_w_coefficients() {
  std::array<Fq2, 12> g{};
  g[0] = Fq2::one();
  g[1] = {*Fq::from_limbs(kXiToPMinus1Over6[0]), *Fq::from_limbs(kXiToPMinus1Over6[1])};
  for (int k = 2; k < 12; ++k) g[k] = g[k - 1].conjugate() * g[1];
  return g;
}

inline constexpr std::array<Fq2, 12> kFrobeniusW = frobenius_w_coefficients();

}  // namespace rill::field_detail
