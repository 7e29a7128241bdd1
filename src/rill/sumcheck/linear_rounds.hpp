// The linear phase of a product sumcheck: rounds on dense arrays of the factors (and of W).
//
// This is the linear schedule itself, and the tail every streaming schedule hands over to after
// its switch. Round j sends h(X) = Σ_{x'} W(X, x')·Σ_t Π_f P_f(X, x') over the current lowest
// variable, computed at X = 0, 2, …, D with h(1) = claim − h(0); every multilinear V is stepped
// as V(X, x') = V(2x') + X·(V(2x'+1) − V(2x')). Binding r folds each array,
// V'(x') = V(2x') + r·(V(2x'+1) − V(2x')), and in the same sweep computes the next round's sums
// from the freshly bound values, so each round reads every array once. Arrays alternate between
// two buffers allocated up front (no allocation per round); sums use unreduced accumulators.
#pragma once

#include <optional>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/product_shape.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

class LinearProductRounds {
 public:
  // factors[f] and weight (empty when W = 1) all hold 2^n entries.
  LinearProductRounds(ProductShape shape, std::vector<tracked_vector<Fr>> factors,
                      tracked_vector<Fr> weight);

  unsigned num_vars() const { return num_vars_; }
  // Round-polynomial degree: shape degree plus one for a weight.
  unsigned degree() const { return shape_.degree() + (weighted_ ? 1 : 0); }

  UniPoly round_poly(const Fr& claim);
  void bind(const Fr& r);

  // After all rounds: P_f(r) for every factor, and W(r).
  std::vector<Fr> factor_evals() const;
  Fr weight_eval() const;

 private:
  // h(0), ·, h(2), …, h(D) over the current arrays (entry 1 is left zero).
  std::vector<Fr> sums() const;
  std::vector<Fr> bind_and_sum(const Fr& r, bool want_sums);

  ProductShape shape_;
  bool weighted_;
  std::vector<tracked_vector<Fr>> columns_;  // factors, then W when weighted
  std::vector<tracked_vector<Fr>> spare_;    // the other buffer of each column
  std::size_t size_;                         // live entries per column: 2^num_vars_
  unsigned num_vars_;
  std::optional<std::vector<Fr>> next_sums_;  // computed by the last bind
};

}  // namespace rill
