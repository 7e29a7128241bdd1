// G1: the BN254 curve y² = x³ + 3 over Fq. Its group of points has prime order r (cofactor 1),
// so every point on the curve is in the subgroup that pairings use.
//
// `G1Affine` is the storage and wire form; `G1` (Jacobian coordinates, see jacobian_point.hpp) is
// the arithmetic form. Encodings are described in encoding.hpp: 32-byte compressed (x and two
// flag bits) and 64-byte uncompressed (x ‖ y).
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/curve/decode_result.hpp"
#include "rill/curve/jacobian_point.hpp"
#include "rill/field/fq.hpp"
#include "rill/util/int.hpp"

namespace rill {

struct G1Affine {
  Fq x, y;
  bool infinity = false;

  static G1Affine identity() { return G1Affine{Fq::zero(), Fq::zero(), true}; }
  static G1Affine generator() { return G1Affine{Fq::from_u64(1), Fq::from_u64(2), false}; }

  bool is_on_curve() const;                           // y² = x³ + 3, or the point at infinity
  bool in_subgroup() const { return is_on_curve(); }  // cofactor 1

  G1Affine operator-() const { return G1Affine{x, -y, infinity}; }
  friend bool operator==(const G1Affine& a, const G1Affine& b) {
    if (a.infinity || b.infinity) return a.infinity == b.infinity;
    return a.x == b.x && a.y == b.y;
  }

  std::array<u8, 32> compress() const;
  std::array<u8, 64> to_uncompressed_bytes() const;
  // Both decoders reject a wrong length, flag bits that do not fit the format, coordinates ≥ p,
  // x with no curve point (compressed) and (x, y) off the curve (uncompressed).
  static DecodeResult<G1Affine> decompress(std::span<const u8> bytes);
  static DecodeResult<G1Affine> from_uncompressed_bytes(std::span<const u8> bytes);
};

struct G1CurveParams {
  using Field = Fq;
  using Affine = G1Affine;
  static Fq b() { return Fq::from_u64(3); }
};

// Jacobian G1 point: identity(), generator(), + − +=, −=, ==, doubled(), add_mixed(),
// to_affine(), operator*(Fr), is_on_curve().
using G1 = detail::JacobianPoint<G1CurveParams>;

// Converts many points to affine with one shared field inversion (Montgomery's trick).
std::vector<G1Affine> batch_normalize(std::span<const G1> points);

}  // namespace rill
