#include "rill/sumcheck/product.hpp"

#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

namespace {
constexpr u64 kGrain = 1 << 11;
}  // namespace

LinearWeight linear_weight(const Weight& weight, unsigned num_vars) {
  if (weight.is_none()) return LinearWeight::none();
  RILL_CHECK_EQ(weight.num_vars(), num_vars, "weight has the wrong number of variables");
  if (weight.kind() == WeightKind::kEq) return LinearWeight::eq(weight.point(), Fr::one());
  // W(x) = Σ_k prefix_k[x_lo]·suffix_k[x_hi] kept split at the middle (SplitWeightColumn):
  // tables of about 2^{n/2} entries instead of a 2^n array until half the rounds are bound.
  return LinearWeight::column(
      std::make_unique<SplitWeightColumn>(weight.split(num_vars / 2), num_vars));
}

tracked_vector<Fr> weight_table(const Weight& weight, unsigned num_vars) {
  if (weight.is_none()) return {};
  RILL_CHECK_EQ(weight.num_vars(), num_vars, "weight has the wrong number of variables");
  if (weight.kind() == WeightKind::kEq) return eq_table(weight.point());
  return bound_weight(weight, weight.split(0)).table;
}

LinearWeight bound_weight(const Weight& weight, const PrefixSuffix& split) {
  if (weight.is_none()) return LinearWeight::none();
  for (const auto& p : split.prefix)
    RILL_CHECK_EQ(p.size(), std::size_t{1}, "the weight's prefix is not fully bound");
  if (weight.kind() == WeightKind::kEq) {
    const std::vector<Fr>& w = weight.point();
    return LinearWeight::eq(std::vector<Fr>(w.begin(), w.end() - split.low_vars),
                            split.prefix[0][0]);
  }
  // W(r_{<s}, x_hi) = Σ_k prefix_k(r_{<s})·suffix_k[x_hi].
  tracked_vector<Fr> table(split.suffix[0].size());
  parallel_for(0, table.size(), kGrain, [&](u64 b, u64 e) {
    for (u64 x = b; x < e; ++x) {
      Fr w = split.prefix[0][0] * split.suffix[0][x];
      for (std::size_t k = 1; k < split.suffix.size(); ++k)
        w += split.prefix[k][0] * split.suffix[k][x];
      table[x] = w;
    }
  });
  return LinearWeight::dense(std::move(table));
}

unsigned product_degree(const ProductShape& shape, std::span<const Weight> weights) {
  unsigned d = 0;
  for (unsigned g = 0; g < shape.num_groups() && g < weights.size(); ++g)
    d = std::max(d, shape.group_degree(g) + weights[g].degree());
  return d;
}

void check_weights(const ProductShape& shape, std::span<const Weight> weights, unsigned num_vars) {
  RILL_CHECK_EQ(weights.size(), static_cast<std::size_t>(shape.num_groups()),
                "one weight per group of the shape");
  for (const Weight& w : weights)
    if (!w.is_none()) RILL_CHECK_EQ(w.num_vars(), num_vars, "weight has the wrong variables");
}

std::vector<Weight> one_weight(Weight weight) {
  std::vector<Weight> out;
  out.push_back(std::move(weight));
  return out;
}

namespace {

std::vector<tracked_vector<Fr>> take_evals(std::vector<DensePoly>& polys) {
  std::vector<tracked_vector<Fr>> out;
  for (auto& p : polys) out.push_back(p.release());
  return out;
}

}  // namespace

std::vector<LinearWeight> linear_weights(const ProductShape& shape,
                                         const std::vector<Weight>& weights, unsigned num_vars) {
  check_weights(shape, weights, num_vars);
  std::vector<LinearWeight> out;
  for (const Weight& w : weights) out.push_back(linear_weight(w, num_vars));
  return out;
}

DenseProductSumcheck::DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors,
                                           const Weight& weight, const Fr& claim)
    : DenseProductSumcheck(std::move(shape), std::move(factors), one_weight(weight), claim) {}

DenseProductSumcheck::DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors,
                                           const std::vector<Weight>& weights, const Fr& claim)
    : num_rounds_(factors.at(0).num_vars()),
      degree_(product_degree(shape, weights)),
      claim_(claim),
      rounds_(shape, take_evals(factors), linear_weights(shape, weights, num_rounds_)) {}

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
    : ProductVerifier(num_vars, std::move(shape), one_weight(std::move(weight)), claim,
                      std::move(factor_claims)) {}

ProductVerifier::ProductVerifier(unsigned num_vars, ProductShape shape, std::vector<Weight> weights,
                                 Fr claim, std::vector<Fr> factor_claims)
    : num_vars_(num_vars),
      shape_(std::move(shape)),
      weights_(std::move(weights)),
      claim_(claim),
      factor_claims_(std::move(factor_claims)) {
  check_weights(shape_, weights_, num_vars_);
  RILL_CHECK_EQ(factor_claims_.size(), static_cast<std::size_t>(shape_.num_factors()),
                "one opening claim per factor");
}

// Σ_g W_g(r)·B_g(claims), each W_g by its O(n) closed form.
Fr ProductVerifier::expected_output(std::span<const Fr> challenges) const {
  const std::vector<Fr> point = opening_point(challenges);
  Fr w[ProductShape::kMaxGroups];
  for (unsigned g = 0; g < shape_.num_groups(); ++g) w[g] = weights_[g].evaluate(point);
  return shape_.combine_weighted(factor_claims_.data(), w);
}

std::vector<Fr> opening_point(std::span<const Fr> challenges) {
  return std::vector<Fr>(challenges.rbegin(), challenges.rend());
}

}  // namespace rill
