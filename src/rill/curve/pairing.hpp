// The optimal-ate pairing on BN254, e: G1 × G2 → GT, e(P, Q) = f_{6u+2,Q}(P) · l_{[6u+2]Q,ψ(Q)}(P)
// · l_{[6u+2]Q+ψ(Q),−ψ²(Q)}(P), raised to (p¹² − 1)/r (Vercauteren, "Optimal pairings", 2010).
//
// The Miller loop works on the twist in homogeneous projective coordinates; each step yields a
// line l = a·y_P + b·x_P·w + c·w³ with a, b, c ∈ Fq2 (a sparse Fq12). Those depend only on Q, so
// `G2Prepared` computes them once for a fixed Q (scaled to a = 1, see pairing.cpp) and every later
// pairing against Q only evaluates and multiplies lines.
// The final exponent is exactly (p¹² − 1)/r; some libraries (noble's finalExponentiate among
// them) raise to a multiple of it, which gives a different (also bilinear) pairing. Tests compare
// with noble's Miller loop raised to the exact exponent.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/curve/gt.hpp"
#include "rill/field/fq12.hpp"

namespace rill {

// The line coefficients of the Miller loop for one G2 point (about 11 KiB).
class G2Prepared {
 public:
  // l(P) = y_P + b·x_P·w + c·w³: each line is scaled so that its y_P coefficient is 1.
  struct Line {
    Fq2 b, c;
  };

  G2Prepared() = default;  // the point at infinity
  explicit G2Prepared(const G2Affine& q);

  bool is_infinity() const { return lines_.empty(); }
  std::span<const Line> lines() const { return lines_; }
  std::size_t memory_bytes() const { return lines_.capacity() * sizeof(Line); }

 private:
  std::vector<Line> lines_;
};

// Π_i f_i(P_i), the product of the Miller-loop values (no final exponentiation). Pairs with a
// point at infinity contribute 1. The spans must have equal lengths.
Fq12 miller_loop(std::span<const G1Affine> p, std::span<const G2Affine> q);
Fq12 miller_loop_prepared(std::span<const G1Affine> p, std::span<const G2Prepared* const> q);

// f^((p¹² − 1)/r): the easy part (p⁶ − 1)(p² + 1) by conjugation, inversion and Frobenius, then the
// hard part (p⁴ − p² + 1)/r = λ0 + λ1·p + λ2·p² + p³ with λ's polynomials in u (see pairing.cpp).
GT final_exponentiation(const Fq12& f);

GT pairing(const G1Affine& p, const G2Affine& q);
// Π_i e(P_i, Q_i) with one shared final exponentiation; parallel over chunks of pairs.
GT multi_pairing(std::span<const G1Affine> p, std::span<const G2Affine> q);
GT multi_pairing_prepared(std::span<const G1Affine> p, std::span<const G2Prepared* const> q);

// Several multi-pairings against the same G2 points: out[i] = Π_ρ e(P_i[ρ], Q[ρ]), with P_i[ρ] the
// point at infinity for ρ ≥ P_i.size() (each P_i at most q.size() long). Each Q is prepared once
// for all i, a block of rows at a time (memory: one block of prepared lines per thread), so m
// multi-pairings cost about m line evaluations per pair plus one preparation per Q.
std::vector<GT> multi_pairings_shared_g2(std::span<const std::span<const G1Affine>> p,
                                         std::span<const G2Affine> q);

}  // namespace rill
