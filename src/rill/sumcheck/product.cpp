#include "rill/sumcheck/product.hpp"

#include <algorithm>
#include <array>

#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {

constexpr u64 kGrain = 1 << 11;
constexpr unsigned kMaxDegree = ProductShape::kMaxFactors + 1;

using Evals = std::array<Fr, kMaxDegree + 1>;

}  // namespace

ProductShape::ProductShape(unsigned num_factors, std::vector<std::vector<unsigned>> terms)
    : num_factors_(num_factors), terms_(std::move(terms)) {
  RILL_CHECK(num_factors >= 1 && num_factors <= kMaxFactors, "unsupported number of factors");
  RILL_CHECK(!terms_.empty(), "a product needs at least one term");
  for (const auto& t : terms_) {
    RILL_CHECK(!t.empty() && t.size() <= kMaxFactors, "unsupported term length");
    for (unsigned f : t) RILL_CHECK(f < num_factors, "term names a missing factor");
    degree_ = std::max(degree_, static_cast<unsigned>(t.size()));
  }
}

ProductShape ProductShape::product(unsigned num_factors) {
  std::vector<unsigned> all(num_factors);
  for (unsigned f = 0; f < num_factors; ++f) all[f] = f;
  return ProductShape(num_factors, {all});
}

tracked_vector<Fr> weight_table(const Weight& weight, unsigned num_vars) {
  if (weight.is_none()) return {};
  RILL_CHECK_EQ(weight.num_vars(), num_vars, "weight has the wrong number of variables");
  // Split with no low bits: W(x) = Σ_k prefix_k[0]·suffix_k[x].
  PrefixSuffix ps = weight.split(0);
  tracked_vector<Fr> table = std::move(ps.suffix[0]);
  const Fr first = ps.prefix[0][0];
  parallel_for(0, table.size(), kGrain, [&](u64 b, u64 e) {
    for (u64 x = b; x < e; ++x) {
      Fr w = first * table[x];
      for (std::size_t k = 1; k < ps.suffix.size(); ++k) w += ps.prefix[k][0] * ps.suffix[k][x];
      table[x] = w;
    }
  });
  return table;
}

LinearProductRounds::LinearProductRounds(ProductShape shape,
                                         std::vector<tracked_vector<Fr>> factors,
                                         tracked_vector<Fr> weight)
    : shape_(std::move(shape)), factors_(std::move(factors)), weight_(std::move(weight)) {
  RILL_CHECK_EQ(factors_.size(), static_cast<std::size_t>(shape_.num_factors()),
                "one array per factor");
  const std::size_t size = factors_[0].size();
  RILL_CHECK(is_pow2(size), "factor arrays must have 2^n entries");
  for (const auto& f : factors_) RILL_CHECK_EQ(f.size(), size, "factor arrays differ in size");
  RILL_CHECK(weight_.empty() || weight_.size() == size, "weight array has the wrong size");
  num_vars_ = log2_exact(size);
}

UniPoly LinearProductRounds::round_poly(const Fr& claim) const {
  RILL_CHECK(num_vars_ > 0, "no round left");
  const unsigned degree = this->degree();
  const unsigned num_factors = shape_.num_factors();
  const bool weighted = !weight_.empty();
  const u64 half = factors_[0].size() / 2;
  // sums[X] = Σ_{x'} W(X, x')·G(X, x') for X = 0, 2, …, degree, where every multilinear
  // V(X, x') = V(2x') + X·(V(2x'+1) − V(2x')) is stepped from X = 1 by adding the difference.
  const Evals sums = parallel_reduce(
      0, half, kGrain, Evals{},
      [&](u64 b, u64 e) {
        Evals acc{};
        std::array<Fr, ProductShape::kMaxFactors> value, step;
        for (u64 i = b; i < e; ++i) {
          for (unsigned f = 0; f < num_factors; ++f) {
            value[f] = factors_[f][2 * i];
            step[f] = factors_[f][2 * i + 1] - value[f];
          }
          Fr w = weighted ? weight_[2 * i] : Fr::one();
          const Fr w_step = weighted ? weight_[2 * i + 1] - w : Fr::zero();
          acc[0] += weighted ? w * shape_.combine(value.data()) : shape_.combine(value.data());
          for (unsigned f = 0; f < num_factors; ++f) value[f] += step[f];
          w += w_step;
          for (unsigned x = 2; x <= degree; ++x) {
            for (unsigned f = 0; f < num_factors; ++f) value[f] += step[f];
            w += w_step;
            acc[x] += weighted ? w * shape_.combine(value.data()) : shape_.combine(value.data());
          }
        }
        return acc;
      },
      [&](Evals a, const Evals& b) {
        for (unsigned x = 0; x <= degree; ++x) a[x] += b[x];
        return a;
      });
  std::vector<Fr> evals(sums.begin(), sums.begin() + degree + 1);
  evals[1] = claim - evals[0];
  return UniPoly::from_evals(evals);
}

void LinearProductRounds::bind(const Fr& r) {
  RILL_CHECK(num_vars_ > 0, "no variable left to bind");
  auto bind_one = [&](tracked_vector<Fr>& v) {
    tracked_vector<Fr> out(v.size() / 2);
    bind_low_into(v, r, out);
    v = std::move(out);
  };
  for (auto& f : factors_) bind_one(f);
  if (!weight_.empty()) bind_one(weight_);
  --num_vars_;
}

std::vector<Fr> LinearProductRounds::factor_evals() const {
  RILL_CHECK(num_vars_ == 0, "factor evaluations are known after the last round");
  std::vector<Fr> out;
  for (const auto& f : factors_) out.push_back(f[0]);
  return out;
}

Fr LinearProductRounds::weight_eval() const {
  RILL_CHECK(num_vars_ == 0, "the weight evaluation is known after the last round");
  return weight_.empty() ? Fr::one() : weight_[0];
}

namespace {

std::vector<tracked_vector<Fr>> take_evals(std::vector<DensePoly>& polys) {
  std::vector<tracked_vector<Fr>> out;
  for (auto& p : polys) out.emplace_back(p.evals().begin(), p.evals().end());
  return out;
}

}  // namespace

DenseProductSumcheck::DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors,
                                           const Weight& weight, const Fr& claim)
    : num_rounds_(factors.at(0).num_vars()),
      degree_(shape.degree() + weight.degree()),
      claim_(claim),
      rounds_(std::move(shape), take_evals(factors), weight_table(weight, factors[0].num_vars())) {}

UniPoly DenseProductSumcheck::round_poly(unsigned round, const Fr& claim) {
  RILL_CHECK_EQ(round + rounds_.num_vars(), num_rounds_, "rounds out of order");
  return rounds_.round_poly(claim);
}

void DenseProductSumcheck::bind(unsigned round, const Fr& challenge) {
  RILL_CHECK_EQ(round + rounds_.num_vars(), num_rounds_, "rounds out of order");
  rounds_.bind(challenge);
}

ProductVerifier::ProductVerifier(unsigned num_vars, ProductShape shape, Weight weight, Fr claim,
                                 std::vector<Fr> factor_claims)
    : num_vars_(num_vars),
      shape_(std::move(shape)),
      weight_(std::move(weight)),
      claim_(claim),
      factor_claims_(std::move(factor_claims)) {
  RILL_CHECK_EQ(factor_claims_.size(), static_cast<std::size_t>(shape_.num_factors()),
                "one opening claim per factor");
}

Fr ProductVerifier::expected_output(std::span<const Fr> challenges) const {
  const std::vector<Fr> point = opening_point(challenges);
  return weight_.evaluate(point) * shape_.combine(factor_claims_.data());
}

std::vector<Fr> opening_point(std::span<const Fr> challenges) {
  return std::vector<Fr>(challenges.rbegin(), challenges.rend());
}

}  // namespace rill
