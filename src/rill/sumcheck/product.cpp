#include "rill/sumcheck/product.hpp"

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
  return LinearWeight::dense(weight_table(weight, num_vars));
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

namespace {

std::vector<tracked_vector<Fr>> take_evals(std::vector<DensePoly>& polys) {
  std::vector<tracked_vector<Fr>> out;
  for (auto& p : polys) out.push_back(p.release());
  return out;
}

}  // namespace

DenseProductSumcheck::DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors,
                                           const Weight& weight, const Fr& claim)
    : num_rounds_(factors.at(0).num_vars()),
      degree_(shape.degree() + weight.degree()),
      claim_(claim),
      rounds_(std::move(shape), take_evals(factors), linear_weight(weight, num_rounds_)) {}

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
