#include "rill/zkvm/stages/cycle_product.hpp"

namespace rill::zkvm {

namespace {

std::vector<Fr> factor_values(std::span<const CycleFactor> factors, std::span<const Fr> claimed) {
  RILL_CHECK_EQ(factors.size(), claimed.size(), "one claimed value per factor");
  std::vector<Fr> out;
  for (std::size_t f = 0; f < factors.size(); ++f)
    out.push_back(factors[f].complement ? Fr::one() - claimed[f] : claimed[f]);
  return out;
}

}  // namespace

template <class V>
TypedCycleProductProver<V>::TypedCycleProductProver(std::vector<CycleFactor> factors,
                                                    ProductShape shape, std::vector<Weight> weights,
                                                    unsigned log_t, const StageConfig& config,
                                                    const Fr& claim, ClaimPoint output_point,
                                                    std::vector<ClaimKey> sidecars)
    : KernelStageProver<CyclePolyKernel<V>, CycleProductProver>(
          CyclePolyKernel<V>(factors), log_t, shape, weights, cycle_schedule(log_t, config), claim),
      factors_(std::move(factors)),
      output_point_(output_point),
      sidecars_(std::move(sidecars)) {
  RILL_CHECK_EQ(std::size_t{this->shape().num_factors()}, factors_.size(),
                "one factor per shape factor");
}

template <class V>
std::vector<Fr> TypedCycleProductProver<V>::claim_values() const {
  // F_f(r) → P_f(r): the complement is its own inverse.
  return factor_values(factors_, this->factor_evals());
}

template <class V>
void TypedCycleProductProver<V>::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> values = claim_values();
  for (std::size_t f = 0; f < factors_.size(); ++f)
    claims.set({factors_[f].poly, output_point_}, values[f]);
}

template class TypedCycleProductProver<u64>;
template class TypedCycleProductProver<i64>;

CycleProductVerifier::CycleProductVerifier(std::span<const CycleFactor> factors, ProductShape shape,
                                           std::vector<Weight> weights, unsigned log_t,
                                           const Fr& claim, std::span<const Fr> claimed_values)
    : product_(log_t, std::move(shape), std::move(weights), claim,
               factor_values(factors, claimed_values)) {}

std::vector<Fr> gamma_powers(const Fr& gamma, std::size_t n) {
  std::vector<Fr> p;
  Fr g = Fr::one();
  for (std::size_t i = 0; i < n; ++i) {
    p.push_back(g);
    g *= gamma;
  }
  return p;
}

Fr gamma_combination(const Fr& gamma, std::span<const Fr> values) {
  Fr s = Fr::zero();
  for (std::size_t i = values.size(); i-- > 0;) s = s * gamma + values[i];
  return s;
}

}  // namespace rill::zkvm
