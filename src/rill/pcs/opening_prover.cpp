// The Dory prover (reference dory.md §3.1–3.3). Witness vectors, with N = 2^m the current length:
//   v1 ∈ G1^N, v2 ∈ G2^N, s1, s2 ∈ Fr^N, kept so that (GT additive)
//   C = ⟨v1, v2⟩, D1 = ⟨v1, Γ2[0..N)⟩, D2 = ⟨Γ1[0..N), v2⟩, E1 = ⟨s2, v1⟩, E2 = ⟨s1, v2⟩.
// Initially v1 = T ‖ O (the row commitments padded to 2^σ), v2 = v·g2 with v = Lᵀ·M, s1 = R,
// s2 = L ‖ 0. Each round halves N; the final message folds the scalars in with γ.
#include <memory>
#include <vector>

#include "rill/curve/msm.hpp"
#include "rill/curve/pairing.hpp"
#include "rill/pcs/commit.hpp"
#include "rill/pcs/fixed_base.hpp"
#include "rill/pcs/opening.hpp"
#include "rill/pcs/opening_transcript.hpp"
#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace detail {

void absorb_dory_statement(Transcript& transcript, MatrixShape shape, const GT& commitment,
                           std::span<const Fr> point, const Fr& value) {
  absorb(transcript, "dory_commitment", commitment);
  transcript.append_u64("dory_log_rows", shape.log_rows);
  transcript.append_u64("dory_log_columns", shape.log_columns);
  transcript.append_scalars("dory_point", point);
  transcript.append_scalar("dory_value", value);
}

}  // namespace detail

namespace {

constexpr u64 kPointGrain = 32;

// out[i] = a·x[i] + y[i] for group vectors (the β-shift is a = β, x = Γ, y = v; the fold is
// a = α, x = left half, y = right half). Returns affine points (one shared inversion).
template <class Point>
std::vector<typename Point::Affine> scale_add(const Fr& a,
                                              std::span<const typename Point::Affine> x,
                                              std::span<const typename Point::Affine> y) {
  std::vector<Point> out(x.size());
  parallel_for(0, x.size(), kPointGrain, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) out[i] = (Point::from_affine(x[i]) * a).add_mixed(y[i]);
  });
  return batch_normalize(std::span<const Point>(out));
}

// s_L·a + s_R, the scalar fold.
std::vector<Fr> fold_scalars(const Fr& a, std::span<const Fr> s) {
  const std::size_t h = s.size() / 2;
  std::vector<Fr> out(h);
  for (std::size_t i = 0; i < h; ++i) out[i] = a * s[i] + s[h + i];
  return out;
}

GT pair_with(const G1& p, const G2Affine& q) { return pairing(p.to_affine(), q); }

}  // namespace

DoryProof prove_dory_opening(const DorySetup& setup, MatrixShape shape, const GT& commitment,
                             std::span<const Fr> point, const Fr& value,
                             std::span<const G1Affine> row_commitments,
                             const VectorMatrixProductProvider& provider, Transcript& transcript,
                             const PreparedRowGenerators* prepared) {
  const unsigned nu = shape.log_rows, sigma = shape.log_columns;
  RILL_CHECK(shape.valid(), "Dory shape needs ν ≤ σ");
  RILL_CHECK(sigma <= setup.max_log_columns(), "opening larger than the setup");
  RILL_CHECK_EQ(point.size(), std::size_t{shape.num_vars()},
                "point has one coordinate per variable");
  RILL_CHECK_EQ(row_commitments.size(), shape.rows(), "the hint holds one point per row");
  const DoryVerifierSetup& vs = setup.verifier();
  const std::size_t columns = shape.columns(), rows = shape.rows();

  detail::absorb_dory_statement(transcript, shape, commitment, point, value);

  // L (rows) and R (columns): f(point) = Lᵀ·M·R, and v = Lᵀ·M from the provider.
  const tracked_vector<Fr> left = eq_table(point.first(nu));
  const tracked_vector<Fr> right = eq_table(point.subspan(nu));
  std::vector<Fr> v(columns);
  provider.vector_matrix_product(point.first(nu), left, v);

  // VMV message: C = e(⟨v, T⟩, g2), D2 = e(⟨v, Γ1⟩, g2), E1 = ⟨L, T⟩.
  DoryProof proof;
  const std::span<const Fr> v_span(v);
  proof.vmv_c = pair_with(msm(row_commitments, v_span.first(rows)), vs.g2);
  proof.vmv_d2 = pair_with(msm(setup.gamma1().first(columns), v_span), vs.g2);
  proof.vmv_e1 = msm(row_commitments, std::span<const Fr>(left)).to_affine();
  detail::absorb_vmv(transcript, proof);

  std::vector<G1Affine> v1(columns, G1Affine::identity());
  std::copy(row_commitments.begin(), row_commitments.end(), v1.begin());
  std::vector<Fr> s1(right.begin(), right.end());
  std::vector<Fr> s2(columns, Fr::zero());
  std::copy(left.begin(), left.end(), s2.begin());

  // v2 is kept as λ·w2 (a scalar times a stored vector), which turns every full-width G2 scalar
  // multiplication of the fold into a 128-bit one (α⁻¹·x + y = α⁻¹·(x + α·y)) and makes the
  // first round's shift free: v·g2 + β⁻¹·Γ2 = β⁻¹·((β·v)·g2 + Γ2), with (β·v)·g2 from a
  // fixed-base table. The λ factors go into the messages as single GT/G2 exponentiations.
  Fr lambda = Fr::one();
  std::vector<G2Affine> w2;
  auto times_g2 = [&](const Fr& scale) {
    std::vector<G2> out(columns);
    if (columns >= 64) {
      const detail::FixedBaseTable<G2> table(vs.g2);
      parallel_for(0, columns, kPointGrain, [&](u64 lo, u64 hi) {
        for (u64 c = lo; c < hi; ++c) out[c] = table.mul(scale * v[c]);
      });
    } else {
      for (std::size_t c = 0; c < columns; ++c) out[c] = G2::from_affine(vs.g2) * (scale * v[c]);
    }
    return out;
  };
  if (sigma == 0) w2 = batch_normalize(std::span<const G2>(times_g2(Fr::one())));

  // D1 pairs against the fixed Γ2[0..2^(σ−1)) in every round: precompute their Miller lines.
  const std::size_t half = columns / 2;
  std::unique_ptr<PreparedRowGenerators> own_lines;
  if (prepared == nullptr || prepared->rows() < half) {
    own_lines = std::make_unique<PreparedRowGenerators>(setup, half);
    prepared = own_lines.get();
  }

  for (unsigned m = sigma; m >= 1; --m) {
    const std::size_t n = std::size_t{1} << m, h = n / 2;
    const auto g1 = setup.gamma1().first(n);
    const auto g2 = setup.gamma2().first(n);
    const auto g1_half = g1.first(h);
    const auto g2_lines = prepared->first(h);

    // First message: D1L/R = ⟨v1_L/R, Γ2'⟩, D2L/R = ⟨Γ1', v2_L/R⟩, E1β = ⟨s2, Γ1⟩, E2β = ⟨s1, Γ2⟩.
    DoryFirstMessage first;
    const std::span<const G1Affine> v1s(v1);
    const std::span<const G2Affine> w2s(w2);
    first.d1_left = multi_pairing_prepared(v1s.first(h), g2_lines);
    first.d1_right = multi_pairing_prepared(v1s.subspan(h), g2_lines);
    if (m == sigma) {
      // v2 = v·g2 still, so ⟨Γ1', v2_L⟩ = e(⟨v_L, Γ1'⟩, g2): two MSMs instead of 2h pairings.
      first.d2_left = pair_with(msm(g1_half, v_span.first(h)), vs.g2);
      first.d2_right = pair_with(msm(g1_half, v_span.subspan(h)), vs.g2);
    } else {
      first.d2_left = multi_pairing(g1_half, w2s.first(h)).pow(lambda);
      first.d2_right = multi_pairing(g1_half, w2s.subspan(h)).pow(lambda);
    }
    first.e1_beta = msm(g1, std::span<const Fr>(s2)).to_affine();
    first.e2_beta = msm(g2, std::span<const Fr>(s1)).to_affine();
    detail::absorb_first(transcript, first);
    const Fr beta = transcript.challenge_scalar();
    RILL_CHECK(!beta.is_zero(), "zero Dory challenge β");

    // β-shift: v1 += β·Γ1, v2 += β⁻¹·Γ2, as λ·w2 + β⁻¹·Γ2 = β⁻¹·((λβ)·w2 + Γ2).
    v1 = scale_add<G1>(beta, g1, v1);
    if (m == sigma) {
      std::vector<G2> shifted = times_g2(beta);
      for (std::size_t c = 0; c < columns; ++c) shifted[c] = shifted[c].add_mixed(g2[c]);
      w2 = batch_normalize(std::span<const G2>(shifted));
    } else {
      w2 = scale_add<G2>(lambda * beta, w2, g2);
    }
    lambda = beta.inverse();

    // Second message, on the shifted vectors (C± and E2± carry the factor λ).
    DorySecondMessage second;
    const std::span<const G1Affine> u1(v1);
    const std::span<const G2Affine> u2(w2);
    const std::span<const Fr> s1s(s1), s2s(s2);
    second.c_plus = multi_pairing(u1.first(h), u2.subspan(h)).pow(lambda);
    second.c_minus = multi_pairing(u1.subspan(h), u2.first(h)).pow(lambda);
    second.e1_plus = msm(u1.first(h), s2s.subspan(h)).to_affine();
    second.e1_minus = msm(u1.subspan(h), s2s.first(h)).to_affine();
    second.e2_plus = (msm(u2.subspan(h), s1s.first(h)) * lambda).to_affine();
    second.e2_minus = (msm(u2.first(h), s1s.subspan(h)) * lambda).to_affine();
    detail::absorb_second(transcript, second);
    const Fr alpha = transcript.challenge_scalar();
    RILL_CHECK(!alpha.is_zero(), "zero Dory challenge α");
    const Fr alpha_inv = alpha.inverse();

    // Fold: v1 ← α·v1_L + v1_R, s1 ← α·s1_L + s1_R, s2 ← α⁻¹·s2_L + s2_R, and
    // v2 ← α⁻¹·v2_L + v2_R = (λα⁻¹)·(w2_L + α·w2_R).
    v1 = scale_add<G1>(alpha, u1.first(h), u1.subspan(h));
    w2 = scale_add<G2>(alpha, u2.subspan(h), u2.first(h));
    lambda *= alpha_inv;
    s1 = fold_scalars(alpha, s1);
    s2 = fold_scalars(alpha_inv, s2);
    proof.first.push_back(first);
    proof.second.push_back(second);
  }

  // Fold-Scalars and the final message: F1 = v1 + (γ·s1)·h1, F2 = v2 + (γ⁻¹·s2)·h2.
  const Fr gamma = transcript.challenge_scalar();
  RILL_CHECK(!gamma.is_zero(), "zero Dory challenge γ");
  proof.final_e1 = (G1::from_affine(vs.h1) * (gamma * s1[0])).add_mixed(v1[0]).to_affine();
  proof.final_e2 =
      (G2::from_affine(vs.h2) * (gamma.inverse() * s2[0]) + G2::from_affine(w2[0]) * lambda)
          .to_affine();
  detail::absorb_final(transcript, proof.final_e1, proof.final_e2);
  // d is drawn for transcript sync: later users of the transcript see the same state as the
  // verifier, which draws d for its final check.
  (void)transcript.challenge_scalar();
  return proof;
}

}  // namespace rill
