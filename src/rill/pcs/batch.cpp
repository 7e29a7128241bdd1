#include "rill/pcs/batch.hpp"

#include <algorithm>
#include <array>

#include "rill/curve/msm.hpp"
#include "rill/curve/wnaf.hpp"
#include "rill/pcs/opening_transcript.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

// Absorbs the batch statement and returns the coefficients γ_i.
std::vector<Fr> batch_coefficients(Transcript& t, std::span<const GT> commitments,
                                   std::span<const Fr> values) {
  t.append_u64("dory_batch_size", commitments.size());
  for (const GT& c : commitments) detail::absorb(t, "dory_batch_commitment", c);
  t.append_scalars("dory_batch_values", values);
  return t.challenge_scalars(commitments.size());
}

// C* = Σ γ_i·C_i, GT written additively.
GT combine_commitments(std::span<const GT> commitments, std::span<const Fr> gammas) {
  std::vector<GT> powers(commitments.size());
  parallel_for(0, commitments.size(), 1, [&](u64 lo, u64 hi) {
    for (u64 i = lo; i < hi; ++i) powers[i] = commitments[i].pow(gammas[i]);
  });
  GT out = GT::one();
  for (const GT& p : powers) out *= p;
  return out;
}

Fr combine_values(std::span<const Fr> values, std::span<const Fr> gammas) {
  Fr out = Fr::zero();
  for (std::size_t i = 0; i < values.size(); ++i) out += gammas[i] * values[i];
  return out;
}

// Σ_i k_i·P_i for a handful of points (the m hints of one row) by Straus's interleaving with
// width-5 NAF digits: one shared chain of doublings, tables of the odd multiples P_i, 3P_i, …,
// 15P_i in affine form, about one mixed addition per six bits of each k_i. The scalars are the
// same for every row, so their digits are computed once (StrausDigits). For m = 24 and 128-bit
// coefficients that is ~130 doublings and ~720 additions, about a third of m separate scalar
// multiplications (a Pippenger MSM is slower still at this size).
struct StrausDigits {
  static constexpr unsigned kWidth = 5;
  static constexpr unsigned kOdd = 1u << (kWidth - 2);  // odd multiples 1, 3, …, 15
  explicit StrausDigits(std::span<const Fr> scalars) : digits(scalars.size()) {
    for (std::size_t i = 0; i < scalars.size(); ++i) {
      const std::array<u64, 4> limbs = scalars[i].to_limbs();
      digits[i] = detail::wnaf_digits(limbs, kWidth);
      length = std::max(length, digits[i].size());
    }
  }
  std::vector<std::vector<i8>> digits;  // per scalar, least significant first
  std::size_t length = 0;
};

G1 straus_sum(std::span<const G1Affine> points, const StrausDigits& k) {
  constexpr unsigned kOdd = StrausDigits::kOdd;
  const std::size_t m = points.size();
  std::vector<G1> multiples(m * kOdd);
  for (std::size_t i = 0; i < m; ++i) {
    const G1 p = G1::from_affine(points[i]);
    const G1 twice = p.doubled();
    G1 acc = p;
    for (unsigned d = 0; d < kOdd; ++d, acc += twice) multiples[i * kOdd + d] = acc;
  }
  const std::vector<G1Affine> table = batch_normalize(std::span<const G1>(multiples));
  G1 acc = G1::identity();
  for (std::size_t b = k.length; b-- > 0;) {
    acc = acc.doubled();
    for (std::size_t i = 0; i < m; ++i) {
      if (b >= k.digits[i].size()) continue;
      const int digit = k.digits[i][b];
      if (digit > 0) acc = acc.add_mixed(table[i * kOdd + static_cast<unsigned>(digit) / 2]);
      if (digit < 0) acc = acc.add_mixed(-table[i * kOdd + static_cast<unsigned>(-digit) / 2]);
    }
  }
  return acc;
}

// Binds the coefficients to a batch provider, giving the single-polynomial interface.
class BoundProvider final : public VectorMatrixProductProvider {
 public:
  BoundProvider(const BatchVectorMatrixProductProvider& inner, std::span<const Fr> gammas)
      : inner_(inner), gammas_(gammas) {}
  void vector_matrix_product(std::span<const Fr> row_point, std::span<const Fr> row_weights,
                             std::span<Fr> out) const override {
    inner_.vector_matrix_product(row_point, row_weights, gammas_, out);
  }

 private:
  const BatchVectorMatrixProductProvider& inner_;
  std::span<const Fr> gammas_;
};

}  // namespace

void CombinedVmvProvider::vector_matrix_product(std::span<const Fr> row_point,
                                                std::span<const Fr> row_weights,
                                                std::span<const Fr> coefficients,
                                                std::span<Fr> out) const {
  RILL_CHECK_EQ(coefficients.size(), parts_.size(), "one coefficient per polynomial");
  std::fill(out.begin(), out.end(), Fr::zero());
  std::vector<Fr> part(out.size());
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    parts_[i]->vector_matrix_product(row_point, row_weights, part);
    for (std::size_t c = 0; c < out.size(); ++c) out[c] += coefficients[i] * part[c];
  }
}

DoryProof prove_dory_batch(const DorySetup& setup, MatrixShape shape,
                           std::span<const GT> commitments, std::span<const Fr> point,
                           std::span<const Fr> values,
                           std::span<const std::span<const G1Affine>> row_commitments,
                           const BatchVectorMatrixProductProvider& provider, Transcript& transcript,
                           const PreparedRowGenerators* prepared) {
  const std::size_t m = commitments.size();
  RILL_CHECK(m > 0, "empty batch");
  RILL_CHECK(values.size() == m && row_commitments.size() == m,
             "one value and hint per commitment");
  const std::vector<Fr> gammas = batch_coefficients(transcript, commitments, values);

  // T*_ρ = Σ_i γ_i·T^(i)_ρ, rows in parallel.
  const u64 rows = shape.rows();
  for (const auto& hint : row_commitments)
    RILL_CHECK(hint.size() <= rows, "hint longer than the shape");
  std::vector<G1> joint(rows);
  const StrausDigits digits(gammas);
  parallel_for(0, rows, 8, [&](u64 lo, u64 hi) {
    std::vector<G1Affine> points(m);
    for (u64 r = lo; r < hi; ++r) {
      for (std::size_t i = 0; i < m; ++i) {
        points[i] = r < row_commitments[i].size() ? row_commitments[i][r] : G1Affine::identity();
      }
      joint[r] = straus_sum(points, digits);
    }
  });
  const std::vector<G1Affine> joint_rows = batch_normalize(std::span<const G1>(joint));

  const BoundProvider bound(provider, gammas);
  return prove_dory_opening(setup, shape, combine_commitments(commitments, gammas), point,
                            combine_values(values, gammas), joint_rows, bound, transcript,
                            prepared);
}

DoryVerifyResult verify_dory_batch(const DoryVerifierSetup& setup, MatrixShape shape,
                                   std::span<const GT> commitments, std::span<const Fr> point,
                                   std::span<const Fr> values, const DoryProof& proof,
                                   Transcript& transcript) {
  if (commitments.empty()) return DoryVerifyResult::reject("empty batch");
  if (values.size() != commitments.size())
    return DoryVerifyResult::reject("one claimed value per commitment is required");
  const std::vector<Fr> gammas = batch_coefficients(transcript, commitments, values);
  return verify_dory_opening(setup, shape, combine_commitments(commitments, gammas), point,
                             combine_values(values, gammas), proof, transcript);
}

}  // namespace rill
