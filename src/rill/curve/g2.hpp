// G2: the order-r subgroup of the sextic D-type twist E': y² = x³ + 3/ξ over Fq2, ξ = 9 + u.
// E'(Fq2) has r·(2p − r) points, so decoders check subgroup membership explicitly.
//
// Encodings (see encoding.hpp): 64-byte compressed (x.c0 ‖ x.c1, flags in the last byte) and
// 128-byte uncompressed (x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1).
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/curve/decode_result.hpp"
#include "rill/curve/jacobian_point.hpp"
#include "rill/field/fq2.hpp"
#include "rill/util/int.hpp"

namespace rill {

struct G2Affine {
  Fq2 x, y;
  bool infinity = false;

  static G2Affine identity() { return G2Affine{Fq2::zero(), Fq2::zero(), true}; }
  static G2Affine generator();

  bool is_on_curve() const;  // y² = x³ + 3/ξ, or the point at infinity
  bool in_subgroup() const;  // on the curve and [r]P = O

  G2Affine operator-() const { return G2Affine{x, -y, infinity}; }
  friend bool operator==(const G2Affine& a, const G2Affine& b) {
    if (a.infinity || b.infinity) return a.infinity == b.infinity;
    return a.x == b.x && a.y == b.y;
  }

  std::array<u8, 64> compress() const;
  std::array<u8, 128> to_uncompressed_bytes() const;
  // Both decoders reject a wrong length, bad flag bits, coordinates ≥ p, points off the curve
  // and points outside the order-r subgroup.
  static DecodeResult<G2Affine> decompress(std::span<const u8> bytes);
  static DecodeResult<G2Affine> from_uncompressed_bytes(std::span<const u8> bytes);
};

struct G2CurveParams {
  using Field = Fq2;
  using Affine = G2Affine;
  static const Fq2& b();  // 3/ξ
};

// Jacobian G2 point, same interface as G1.
using G2 = detail::JacobianPoint<G2CurveParams>;

std::vector<G2Affine> batch_normalize(std::span<const G2> points);

// The twisted Frobenius endomorphism ψ = untwist⁻¹ ∘ π_p ∘ untwist:
// ψ(x, y) = (conj(x)·ξ^((p−1)/3), conj(y)·ξ^((p−1)/2)). On G2 it acts as multiplication by p.
G2Affine psi(const G2Affine& q);
G2 psi(const G2& q);

}  // namespace rill
