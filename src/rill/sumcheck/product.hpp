// Product sumchecks  Σ_x W(x)·Σ_terms Π_{f∈term} P_f(x)  over polynomials held in memory, and
// the verifier's side of every product instance (in memory or streamed).
#pragma once

#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/dense.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/linear_rounds.hpp"
#include "rill/sumcheck/product_shape.hpp"
#include "rill/sumcheck/weight.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// W as a dense table over n variables (empty for the constant weight).
tracked_vector<Fr> weight_table(const Weight& weight, unsigned num_vars);
// How the linear phase holds W over all n variables: eq in split form, others as a table.
LinearWeight linear_weight(const Weight& weight, unsigned num_vars);

// A product instance over polynomials in memory, run with the linear schedule.
class DenseProductSumcheck final : public SumcheckInstance {
 public:
  DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors, const Weight& weight,
                       const Fr& claim);

  unsigned num_rounds() const override { return num_rounds_; }
  unsigned degree() const override { return degree_; }
  Fr input_claim() const override { return claim_; }
  UniPoly round_poly(unsigned round, const Fr& claim) override;
  void bind(unsigned round, const Fr& challenge) override;

  // After the last round: the factors' evaluations at the opening point.
  std::vector<Fr> factor_evals() const { return rounds_.factor_evals(); }

 private:
  unsigned num_rounds_;
  unsigned degree_;
  Fr claim_;
  LinearProductRounds rounds_;
};

// Verifier side of a product instance: expected output W(r)·Σ_t Π claims_f, with r the
// big-endian opening point (the challenges reversed) and claims_f the factors' opening claims.
class ProductVerifier final : public SumcheckVerifierInstance {
 public:
  ProductVerifier(unsigned num_vars, ProductShape shape, Weight weight, Fr claim,
                  std::vector<Fr> factor_claims);

  unsigned num_rounds() const override { return num_vars_; }
  unsigned degree() const override { return shape_.degree() + weight_.degree(); }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  unsigned num_vars_;
  ProductShape shape_;
  Weight weight_;
  Fr claim_;
  std::vector<Fr> factor_claims_;
};

// The big-endian opening point of a low-to-high sumcheck: its challenges reversed.
std::vector<Fr> opening_point(std::span<const Fr> challenges);

}  // namespace rill
