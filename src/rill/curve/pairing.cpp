#include "rill/curve/pairing.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "rill/curve/batch_normalize.hpp"
#include "rill/curve/bn254_constants.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

using Line = G2Prepared::Line;

// A line a·y_P + b·x_P·w + c·w³ as the doubling and addition steps produce it.
struct ProjectiveLine {
  Fq2 a, b, c;
};

// Signed binary (NAF) digits of n, least significant first; no two adjacent digits are nonzero.
std::vector<int> naf_digits(u128 n) {
  std::vector<int> digits;
  for (; n != 0; n >>= 1) {
    int d = 0;
    if (n & 1) {
      d = (n & 3) == 1 ? 1 : -1;  // n ≡ 1 (mod 4) → +1, n ≡ 3 → −1
      n = d == 1 ? n - 1 : n + 1;
    }
    digits.push_back(d);
  }
  return digits;
}

// The Miller loop runs over the NAF digits of 6u + 2 (the top digit is 1).
const std::vector<int>& loop_naf() {
  static const std::vector<int> naf = naf_digits(u128(6) * detail::kBnU + 2);
  return naf;
}

const Fq& two_inverse() {
  static const Fq v = Fq::from_u64(2).inverse();
  return v;
}

// 3·b' where b' = 3/ξ is the twist's constant.
const Fq2& three_b() {
  static const Fq2 v = G2CurveParams::b() + G2CurveParams::b() + G2CurveParams::b();
  return v;
}

// T on the twist in homogeneous projective coordinates: (X/Z, Y/Z).
struct TwistPoint {
  Fq2 x, y, z;
};

// T ← 2T and the tangent line at T (Costello–Lange–Naehrig 2010, a = 0, D-type twist).
// With x = X/Z, y = Y/Z the tangent slope is 3X²/(2YZ); after clearing denominators and using
// Y²Z = X³ + b'Z³ the line becomes  −2YZ·y_P + 3X²·x_P·w + (3b'Z² − Y²)·w³.
// Doubling: A = XY/2, B = Y², C = Z², E = 3b'C, F = 3E, G = (B + F)/2, H = 2YZ,
//           X' = A(B − F), Y' = G² − 3E², Z' = B·H.
ProjectiveLine doubling_step(TwistPoint& t) {
  const Fq2 a = (t.x * t.y).mul_by_fq(two_inverse());
  const Fq2 b = t.y.square();
  const Fq2 c = t.z.square();
  const Fq2 e = three_b() * c;
  const Fq2 f = e + e + e;
  const Fq2 g = (b + f).mul_by_fq(two_inverse());
  const Fq2 h = (t.y + t.z).square() - (b + c);
  const Fq2 j = t.x.square();
  const Fq2 e2 = e.square();
  t.x = a * (b - f);
  t.y = g.square() - (e2 + e2 + e2);
  t.z = b * h;
  return ProjectiveLine{-h, j + j + j, e - b};
}

// T ← T + Q (Q affine) and the chord through T and Q. With θ = Y − y_Q·Z, λ = X − x_Q·Z the
// slope is θ/λ, and the line times λ is  λ·y_P − θ·x_P·w + (θ·x_Q − λ·y_Q)·w³.
// Addition: C = θ², D = λ², E = λD, F = ZC, G = XD, H = E + F − 2G,
//           X' = λH, Y' = θ(G − H) − E·Y, Z' = Z·E.
ProjectiveLine addition_step(TwistPoint& t, const G2Affine& q) {
  const Fq2 theta = t.y - q.y * t.z;
  const Fq2 lambda = t.x - q.x * t.z;
  const Fq2 c = theta.square();
  const Fq2 d = lambda.square();
  const Fq2 e = lambda * d;
  const Fq2 f = t.z * c;
  const Fq2 g = t.x * d;
  const Fq2 h = e + f - (g + g);
  t.x = lambda * h;
  t.y = theta * (g - h) - e * t.y;
  t.z = t.z * e;
  return ProjectiveLine{lambda, -theta, theta * q.x - lambda * q.y};
}

// f ← f · l(P) with l = y_P + b·x_P·w + c·w³ = (y_P, 0, 0) + (b·x_P, c, 0)·w, the sparse shape
// that Fq12::mul_by_034 multiplies by (13 Fq2 multiplications instead of 18).
void mul_by_line(Fq12& f, const Line& line, const G1Affine& p) {
  f = f.mul_by_034(Fq2{p.y, Fq::zero()}, line.b.mul_by_fq(p.x), line.c);
}

// Shared Miller loop over pairs whose line coefficients are ready: one squaring of f per bit
// of 6u + 2 for all pairs together. Skips pairs with a point at infinity.
Fq12 miller_loop_lines(std::span<const G1Affine> p, std::span<const G2Prepared* const> q) {
  const std::vector<int>& naf = loop_naf();
  Fq12 f = Fq12::one();
  std::size_t idx = 0;
  auto apply_lines = [&] {
    for (std::size_t k = 0; k < p.size(); ++k) {
      if (p[k].infinity || q[k]->is_infinity()) continue;
      mul_by_line(f, q[k]->lines()[idx], p[k]);
    }
    ++idx;
  };
  for (std::size_t i = naf.size() - 1; i-- > 0;) {
    if (idx != 0) f = f.square();
    apply_lines();
    if (naf[i] != 0) apply_lines();
  }
  apply_lines();  // the line through [6u+2]Q and ψ(Q)
  apply_lines();  // the line through [6u+2]Q + ψ(Q) and −ψ²(Q)
  return f;
}

// f ← f · l(P) for an unscaled line l = a·y_P + b·x_P·w + c·w³.
void mul_by_projective_line(Fq12& f, const ProjectiveLine& line, const G1Affine& p) {
  f = f.mul_by_034(line.a.mul_by_fq(p.y), line.b.mul_by_fq(p.x), line.c);
}

// The shared Miller loop for pairs whose G2 points are used once: each step's line is evaluated
// as it is computed, unscaled (no stored lines, no inversion). Its value differs from
// miller_loop_lines' by a factor in Fq2 (the lines' a coefficients), which the final
// exponentiation sends to 1 (see G2Prepared), so pairings are the same.
Fq12 miller_loop_direct(std::span<const G1Affine> p, std::span<const G2Affine> q) {
  const std::vector<int>& naf = loop_naf();
  std::vector<std::size_t> live;
  std::vector<TwistPoint> t;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (p[k].infinity || q[k].infinity) continue;
    live.push_back(k);
    t.push_back(TwistPoint{q[k].x, q[k].y, Fq2::one()});
  }
  Fq12 f = Fq12::one();
  bool first = true;
  for (std::size_t i = naf.size() - 1; i-- > 0;) {
    if (!first) f = f.square();
    first = false;
    for (std::size_t j = 0; j < live.size(); ++j)
      mul_by_projective_line(f, doubling_step(t[j]), p[live[j]]);
    if (naf[i] == 0) continue;
    for (std::size_t j = 0; j < live.size(); ++j) {
      const G2Affine& qk = q[live[j]];
      mul_by_projective_line(f, addition_step(t[j], naf[i] == 1 ? qk : -qk), p[live[j]]);
    }
  }
  for (std::size_t j = 0; j < live.size(); ++j) {
    const G2Affine q1 = psi(q[live[j]]);
    const G2Affine q2 = -psi(q1);
    mul_by_projective_line(f, addition_step(t[j], q1), p[live[j]]);
    mul_by_projective_line(f, addition_step(t[j], q2), p[live[j]]);
  }
  return f;
}

constexpr std::size_t kPairGrain = 4;

// f^u for f in the cyclotomic subgroup, over the signed binary (NAF) digits of u: inversion there
// is conjugation, so a −1 digit costs the same as a +1 digit and NAF has fewer nonzero digits.
Fq12 cyclotomic_exp_by_u(const Fq12& f) {
  static const std::vector<int> naf = naf_digits(detail::kBnU);
  const Fq12 f_inv = detail::conjugate(f);
  Fq12 acc = f;  // the top digit is 1
  for (std::size_t i = naf.size() - 1; i-- > 0;) {
    acc = acc.cyclotomic_square();
    if (naf[i] == 1) acc = acc * f;
    if (naf[i] == -1) acc = acc * f_inv;
  }
  return acc;
}

}  // namespace

// Scaling a line by a⁻¹ ∈ Fq2 multiplies the Miller value by an element of Fq2 ⊂ Fq6, which the
// final exponentiation sends to 1: (p¹² − 1)/r is a multiple of p⁶ − 1 and x^(p⁶ − 1) = 1 on
// Fq6*. So lines are stored as (b/a, c/a), a third less memory, with one shared inversion.
G2Prepared::G2Prepared(const G2Affine& q) {
  if (q.infinity) return;
  const std::vector<int>& naf = loop_naf();
  std::vector<ProjectiveLine> raw;
  raw.reserve(2 * naf.size() + 2);
  const G2Affine neg_q = -q;
  TwistPoint t{q.x, q.y, Fq2::one()};
  for (std::size_t i = naf.size() - 1; i-- > 0;) {
    raw.push_back(doubling_step(t));
    if (naf[i] == 1) raw.push_back(addition_step(t, q));
    if (naf[i] == -1) raw.push_back(addition_step(t, neg_q));
  }
  const G2Affine q1 = psi(q);
  const G2Affine q2 = -psi(q1);
  raw.push_back(addition_step(t, q1));
  raw.push_back(addition_step(t, q2));

  std::vector<Fq2> a_inverse(raw.size()), scratch;
  for (std::size_t i = 0; i < raw.size(); ++i) a_inverse[i] = raw[i].a;
  detail::batch_invert<Fq2>(a_inverse, scratch);
  lines_.resize(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    lines_[i] = Line{raw[i].b * a_inverse[i], raw[i].c * a_inverse[i]};
  }
}

Fq12 miller_loop_prepared(std::span<const G1Affine> p, std::span<const G2Prepared* const> q) {
  RILL_CHECK_EQ(p.size(), q.size(), "miller_loop_prepared: one G2 point per G1 point");
  return parallel_reduce(
      0, p.size(), kPairGrain, Fq12::one(),
      [&](u64 lo, u64 hi) {
        return miller_loop_lines(p.subspan(lo, hi - lo), q.subspan(lo, hi - lo));
      },
      [](const Fq12& a, const Fq12& b) { return a * b; });
}

Fq12 miller_loop(std::span<const G1Affine> p, std::span<const G2Affine> q) {
  RILL_CHECK_EQ(p.size(), q.size(), "miller_loop: one G2 point per G1 point");
  return parallel_reduce(
      0, p.size(), kPairGrain, Fq12::one(),
      [&](u64 lo, u64 hi) {
        return miller_loop_direct(p.subspan(lo, hi - lo), q.subspan(lo, hi - lo));
      },
      [](const Fq12& a, const Fq12& b) { return a * b; });
}

// Hard part: with u the BN parameter, (p⁴ − p² + 1)/r = λ0 + λ1·p + λ2·p² + λ3·p³ where
// λ0 = −36u³ − 30u² − 18u − 2, λ1 = −36u³ − 18u² − 12u + 1, λ2 = 6u² + 1, λ3 = 1
// (Scott et al., "On the final exponentiation for calculating pairings on ordinary elliptic
// curves", 2009; the identity is checked by tests through the pairing vectors). So with
// a = f^u, b = f^(u²), c = f^(u³) (three 63-bit cyclotomic powers) the result is
// conj(c³⁶b³⁰a¹⁸f²) · Frob(conj(c³⁶b¹⁸a¹²)·f) · Frob²(b⁶f) · Frob³(f).
GT final_exponentiation(const Fq12& f_in) {
  // Easy part: f^(p⁶ − 1) = conj(f)/f, then ^(p² + 1). The result is in the cyclotomic subgroup.
  Fq12 f = detail::conjugate(f_in) * f_in.inverse();
  f = f.frobenius_map(2) * f;

  const Fq12 a = cyclotomic_exp_by_u(f);
  const Fq12 b = cyclotomic_exp_by_u(a);
  const Fq12 c = cyclotomic_exp_by_u(b);

  const Fq12 a6 = (a.cyclotomic_square() * a).cyclotomic_square();
  const Fq12 a12 = a6.cyclotomic_square();
  const Fq12 a18 = a12 * a6;
  const Fq12 b6 = (b.cyclotomic_square() * b).cyclotomic_square();
  const Fq12 b12 = b6.cyclotomic_square();
  const Fq12 b18 = b12 * b6;
  const Fq12 b30 = b18 * b12;
  const Fq12 c12 = (c.cyclotomic_square() * c).cyclotomic_square().cyclotomic_square();
  const Fq12 c36 = c12.cyclotomic_square() * c12;

  const Fq12 f_l0 = detail::conjugate(c36 * b30 * a18 * f.cyclotomic_square());
  const Fq12 f_l1 = detail::conjugate(c36 * b18 * a12) * f;
  const Fq12 f_l2 = b6 * f;
  return GT::from_fq12_unchecked(f_l0 * f_l1.frobenius_map(1) * f_l2.frobenius_map(2) *
                                 f.frobenius_map(3));
}

GT pairing(const G1Affine& p, const G2Affine& q) {
  return final_exponentiation(miller_loop(std::span(&p, 1), std::span(&q, 1)));
}

GT multi_pairing(std::span<const G1Affine> p, std::span<const G2Affine> q) {
  return final_exponentiation(miller_loop(p, q));
}

GT multi_pairing_prepared(std::span<const G1Affine> p, std::span<const G2Prepared* const> q) {
  return final_exponentiation(miller_loop_prepared(p, q));
}

std::vector<GT> multi_pairings_shared_g2(std::span<const std::span<const G1Affine>> p,
                                         std::span<const G2Affine> q) {
  const std::size_t m = p.size();
  for (const auto& pi : p) RILL_CHECK(pi.size() <= q.size(), "more G1 points than G2 points");
  // Rows in blocks: prepare the block's Q once, then run every P_i's Miller loop over the block.
  // Fq12 products are exact, so the grouping does not change any Miller value.
  constexpr std::size_t kBlock = 64;
  const std::size_t blocks = (q.size() + kBlock - 1) / kBlock;
  using Values = std::vector<Fq12>;
  const Values products = parallel_reduce(
      0, blocks, 1, Values(m, Fq12::one()),
      [&](u64 lo, u64 hi) {
        Values f(m, Fq12::one());
        std::vector<G2Prepared> prepared;
        std::vector<const G2Prepared*> ptrs;
        for (u64 b = lo; b < hi; ++b) {
          const std::size_t first = b * kBlock, end = std::min(q.size(), first + kBlock);
          prepared.clear();
          ptrs.clear();
          for (std::size_t r = first; r < end; ++r) prepared.emplace_back(q[r]);
          for (const G2Prepared& g : prepared) ptrs.push_back(&g);
          for (std::size_t i = 0; i < m; ++i) {
            if (p[i].size() <= first) continue;
            const std::size_t count = std::min(end, p[i].size()) - first;
            f[i] *= miller_loop_lines(p[i].subspan(first, count),
                                      std::span<const G2Prepared* const>(ptrs).first(count));
          }
        }
        return f;
      },
      [](const Values& a, const Values& b) {
        Values out(a.size());
        for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] * b[i];
        return out;
      });
  std::vector<GT> out(m);
  parallel_for(0, m, 1, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) out[i] = final_exponentiation(products[i]);
  });
  return out;
}

}  // namespace rill
