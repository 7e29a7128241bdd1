// Product sumchecks  Σ_x W(x)·Σ_terms Π_{f∈term} P_f(x)  held in memory (the linear phase).
//
// ProductShape says which factors multiply in each term; LinearProductRounds runs rounds on dense
// arrays of the factors (and of W), binding the lowest variable in place of each round. It is the
// linear schedule itself, and the tail every streaming schedule hands over to after its switch.
// DenseProductSumcheck is the instance for polynomials already in memory; ProductVerifier is the
// verifier's side of any product instance.
#pragma once

#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/dense.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/sumcheck/weight.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

class ProductShape {
 public:
  static constexpr unsigned kMaxFactors = 32;

  // terms[t] lists the factor indices multiplied in term t (a factor may repeat).
  ProductShape(unsigned num_factors, std::vector<std::vector<unsigned>> terms);
  // The single term P_0·P_1·…·P_{F−1}.
  static ProductShape product(unsigned num_factors);

  unsigned num_factors() const { return num_factors_; }
  // The longest term: the degree of the summand in each variable (without the weight).
  unsigned degree() const { return degree_; }
  const std::vector<std::vector<unsigned>>& terms() const { return terms_; }

  // Σ_t Π_{f∈t} values[f].
  Fr combine(const Fr* values) const {
    if (terms_.size() == 1) return product_of(terms_[0], values);
    Fr sum = Fr::zero();
    for (const auto& t : terms_) sum += product_of(t, values);
    return sum;
  }

 private:
  static Fr product_of(const std::vector<unsigned>& term, const Fr* values) {
    Fr p = values[term[0]];
    for (std::size_t k = 1; k < term.size(); ++k) p *= values[term[k]];
    return p;
  }

  unsigned num_factors_;
  unsigned degree_ = 0;
  std::vector<std::vector<unsigned>> terms_;
};

// W as a dense table over n variables (empty for the constant weight).
tracked_vector<Fr> weight_table(const Weight& weight, unsigned num_vars);

class LinearProductRounds {
 public:
  // factors[f] and weight (empty when W = 1) all hold 2^n entries.
  LinearProductRounds(ProductShape shape, std::vector<tracked_vector<Fr>> factors,
                      tracked_vector<Fr> weight);

  unsigned num_vars() const { return num_vars_; }
  // Round-polynomial degree: shape degree plus one for a weight.
  unsigned degree() const { return shape_.degree() + (weight_.empty() ? 0 : 1); }

  // h(X) = Σ_{x'} W(X, x')·Σ_t Π P_f(X, x') for the current lowest variable. h is computed at
  // X = 0, 2, …, degree and h(1) = claim − h(0).
  UniPoly round_poly(const Fr& claim) const;
  void bind(const Fr& r);

  // After all rounds: P_f(r) for every factor, and W(r).
  std::vector<Fr> factor_evals() const;
  Fr weight_eval() const;

 private:
  ProductShape shape_;
  std::vector<tracked_vector<Fr>> factors_;
  tracked_vector<Fr> weight_;
  unsigned num_vars_;
};

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
