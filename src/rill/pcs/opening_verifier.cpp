// The Dory verifier (reference dory.md §3.2–3.4), with GT written additively in comments.
// State: C, D1, D2 ∈ GT, E1 ∈ G1, E2 ∈ G2, and the accumulated scalars s1, s2 (the point enters
// only through them, the value only through E2 = y·g2). Each round, at level m (rounds left):
//   C  ← C + χ_m + β·D2 + β⁻¹·D1 + α·C+ + α⁻¹·C−
//   D1 ← α·D1L + D1R + αβ·Δ1L_m + β·Δ1R_m
//   D2 ← α⁻¹·D2L + D2R + α⁻¹β⁻¹·Δ2L_m + β⁻¹·Δ2R_m
//   E1 ← E1 + β·E1β + α·E1+ + α⁻¹·E1−        E2 ← E2 + β⁻¹·E2β + α·E2+ + α⁻¹·E2−
//   s1 ← s1·(α(1 − a) + a), a = column coordinate of bit m−1
//   s2 ← s2·(α⁻¹(1 − b) + b), b = row coordinate of bit m−1 (0 for the padded rows m−1 ≥ ν)
// The final check is one 4-pair multi-pairing (§3.4); pair 4 batches the VMV constraint
// D2_init = e(E1_init, g2) under d².
#include <array>

#include "rill/curve/pairing.hpp"
#include "rill/pcs/opening.hpp"
#include "rill/pcs/opening_transcript.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

// Checks that every received curve point is on its curve and in the order-r subgroup. GT values
// are in GT by construction: the GT type's only decoder rejects anything else.
std::string check_proof_points(const DoryProof& p) {
  auto g1_ok = [](const G1Affine& x) { return x.is_on_curve(); };
  auto g2_ok = [](const G2Affine& x) { return x.in_subgroup(); };
  if (!g1_ok(p.vmv_e1) || !g1_ok(p.final_e1)) return "a G1 element is not on the curve";
  if (!g2_ok(p.final_e2)) return "a G2 element is not in the subgroup";
  for (const DoryFirstMessage& m : p.first) {
    if (!g1_ok(m.e1_beta)) return "a G1 element is not on the curve";
    if (!g2_ok(m.e2_beta)) return "a G2 element is not in the subgroup";
  }
  for (const DorySecondMessage& m : p.second) {
    if (!g1_ok(m.e1_plus) || !g1_ok(m.e1_minus)) return "a G1 element is not on the curve";
    if (!g2_ok(m.e2_plus) || !g2_ok(m.e2_minus)) return "a G2 element is not in the subgroup";
  }
  return {};
}

// base_i^{exp_i} for a handful of GT exponentiations at once, in parallel.
template <std::size_t K>
std::array<GT, K> gt_powers(const std::array<const GT*, K>& bases, const std::array<Fr, K>& exps) {
  std::array<GT, K> out;
  parallel_for(0, K, 1, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) out[i] = bases[i]->pow(exps[i]);
  });
  return out;
}

}  // namespace

DoryVerifyResult verify_dory_opening(const DoryVerifierSetup& setup, MatrixShape shape,
                                     const GT& commitment, std::span<const Fr> point,
                                     const Fr& value, const DoryProof& proof,
                                     Transcript& transcript) {
  using R = DoryVerifyResult;
  const unsigned nu = shape.log_rows, sigma = shape.log_columns, n = shape.num_vars();
  if (!shape.valid()) return R::reject("shape has more row than column variables");
  if (sigma > setup.max_log_columns) return R::reject("shape larger than the setup");
  if (point.size() != n) return R::reject("point has the wrong number of coordinates");
  if (proof.first.size() != sigma || proof.second.size() != sigma)
    return R::reject("proof has the wrong number of rounds");
  if (std::string bad = check_proof_points(proof); !bad.empty()) return R::reject(bad);

  detail::absorb_dory_statement(transcript, shape, commitment, point, value);
  detail::absorb_vmv(transcript, proof);

  GT c = proof.vmv_c, d1 = commitment, d2 = proof.vmv_d2;
  G1 e1 = G1::from_affine(proof.vmv_e1);
  G2 e2 = G2::from_affine(setup.g2) * value;
  Fr s1 = Fr::one(), s2 = Fr::one();

  for (unsigned m = sigma, round = 0; m >= 1; --m, ++round) {
    const DoryFirstMessage& first = proof.first[round];
    const DorySecondMessage& second = proof.second[round];
    detail::absorb_first(transcript, first);
    const Fr beta = transcript.challenge_scalar();
    detail::absorb_second(transcript, second);
    const Fr alpha = transcript.challenge_scalar();
    if (alpha.is_zero() || beta.is_zero()) return R::reject("zero challenge");
    const Fr beta_inv = beta.inverse(), alpha_inv = alpha.inverse();

    const std::array<GT, 10> p = gt_powers<10>(
        {&d2, &d1, &second.c_plus, &second.c_minus, &first.d1_left, &setup.delta_left(m),
         &setup.delta1_right[m], &first.d2_left, &setup.delta_left(m), &setup.delta2_right[m]},
        {beta, beta_inv, alpha, alpha_inv, alpha, alpha * beta, beta, alpha_inv,
         alpha_inv * beta_inv, beta_inv});
    c = c * setup.chi[m] * p[0] * p[1] * p[2] * p[3];
    d1 = p[4] * first.d1_right * p[5] * p[6];
    d2 = p[7] * first.d2_right * p[8] * p[9];

    e1 = e1 + G1::from_affine(first.e1_beta) * beta + G1::from_affine(second.e1_plus) * alpha +
         G1::from_affine(second.e1_minus) * alpha_inv;
    e2 = e2 + G2::from_affine(first.e2_beta) * beta_inv + G2::from_affine(second.e2_plus) * alpha +
         G2::from_affine(second.e2_minus) * alpha_inv;

    // Big-endian point: column bit j is point[n−1−j], row bit j is point[ν−1−j].
    const Fr& a = point[n - m];
    s1 *= alpha * (Fr::one() - a) + a;
    const Fr b = (m - 1 < nu) ? point[nu - m] : Fr::zero();
    s2 *= alpha_inv * (Fr::one() - b) + b;
  }

  const Fr gamma = transcript.challenge_scalar();
  detail::absorb_final(transcript, proof.final_e1, proof.final_e2);
  const Fr d = transcript.challenge_scalar();
  if (gamma.is_zero() || d.is_zero()) return R::reject("zero challenge");
  const Fr gamma_inv = gamma.inverse(), d_inv = d.inverse(), d2_scalar = d * d;

  // e(F1 + d·g1, F2 + d⁻¹·g2) + e(h1, −γ·(E2 + d⁻¹s1·g2)) + e(−γ⁻¹·(E1 + d·s2·g1), h2)
  //   + e(d²·E1_init, g2)  ==  C + s1s2·HT + χ_0 + d·D2 + d⁻¹·D1 + d²·D2_init
  const G1 g1 = G1::from_affine(setup.g1);
  const G2 g2 = G2::from_affine(setup.g2);
  const std::array<G1, 4> lhs1 = {G1::from_affine(proof.final_e1) + g1 * d,
                                  G1::from_affine(setup.h1), -((e1 + g1 * (d * s2)) * gamma_inv),
                                  G1::from_affine(proof.vmv_e1) * d2_scalar};
  const std::array<G2, 4> lhs2 = {G2::from_affine(proof.final_e2) + g2 * d_inv,
                                  -((e2 + g2 * (d_inv * s1)) * gamma), G2::from_affine(setup.h2),
                                  g2};
  const std::vector<G1Affine> p1 = batch_normalize(std::span<const G1>(lhs1));
  const std::vector<G2Affine> p2 = batch_normalize(std::span<const G2>(lhs2));
  const GT lhs = multi_pairing(p1, p2);

  const std::array<GT, 4> p =
      gt_powers<4>({&setup.ht, &d2, &d1, &proof.vmv_d2}, {s1 * s2, d, d_inv, d2_scalar});
  const GT rhs = c * p[0] * setup.chi[0] * p[1] * p[2] * p[3];
  if (!(lhs == rhs)) return R::reject("final pairing check failed");
  return R::accept();
}

}  // namespace rill
