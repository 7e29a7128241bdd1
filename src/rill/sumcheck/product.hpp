// Product sumchecks  Σ_x Σ_g W_g(x)·B_g(x),  B_g = Σ_{t∈g} c_t·Π_{f∈t} P_f(x)  (product_shape.hpp),
// over polynomials held in memory, and the verifier's side of every product instance (in memory
// or streamed). Every instance takes one Weight per group of its shape; the single-Weight
// constructors are the one-group case.
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
// How the linear phase holds W(r_{<s}, ·) over the last n − s variables, given W's split at s
// (weight.split(s)) with every prefix table bound to r_{<s} (one entry each):
//   eq:     eq(w, (r_{<s}, x_hi)) = eq(w_lo, r_{<s})·eq(w_hi, x_hi), kept in split form with the
//           bound prefix as its scale;
//   others: W(r_{<s}, x_hi) = Σ_k prefix_k(r_{<s})·suffix_k[x_hi], a table of 2^{n−s}.
// The one rebuild of a bound weight (streaming switch, prefix–suffix, linear at s = 0).
LinearWeight bound_weight(const Weight& weight, const PrefixSuffix& bound_split);

// The round-polynomial degree of Σ_g W_g·B_g: max_g (deg B_g + deg W_g).
unsigned product_degree(const ProductShape& shape, std::span<const Weight> weights);
// Checks one weight per group, each over num_vars variables (or none).
void check_weights(const ProductShape& shape, std::span<const Weight> weights, unsigned num_vars);
// The single-weight list of a one-group instance.
std::vector<Weight> one_weight(Weight weight);

// A product instance over polynomials in memory, run with the linear schedule.
class DenseProductSumcheck final : public SumcheckInstance {
 public:
  DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors, const Weight& weight,
                       const Fr& claim);
  // One weight per group of the shape.
  DenseProductSumcheck(ProductShape shape, std::vector<DensePoly> factors,
                       const std::vector<Weight>& weights, const Fr& claim);

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

// Verifier side of a product instance: expected output Σ_g W_g(r)·Σ_{t∈g} c_t·Π_{f∈t} claims_f,
// with r the big-endian opening point (the challenges reversed) and claims_f the factors'
// opening claims.
class ProductVerifier final : public SumcheckVerifierInstance {
 public:
  ProductVerifier(unsigned num_vars, ProductShape shape, Weight weight, Fr claim,
                  std::vector<Fr> factor_claims);
  // One weight per group of the shape.
  ProductVerifier(unsigned num_vars, ProductShape shape, std::vector<Weight> weights, Fr claim,
                  std::vector<Fr> factor_claims);

  unsigned num_rounds() const override { return num_vars_; }
  unsigned degree() const override { return product_degree(shape_, weights_); }
  Fr input_claim() const override { return claim_; }
  Fr expected_output(std::span<const Fr> challenges) const override;

 private:
  unsigned num_vars_;
  ProductShape shape_;
  std::vector<Weight> weights_;
  Fr claim_;
  std::vector<Fr> factor_claims_;
};

// The big-endian opening point of a low-to-high sumcheck: its challenges reversed.
std::vector<Fr> opening_point(std::span<const Fr> challenges);

}  // namespace rill
