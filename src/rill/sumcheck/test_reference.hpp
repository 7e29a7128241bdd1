// A deliberately naive dense reference for product sumchecks  Σ_x Σ_g W_g(x)·B_g(x), used by the
// sumcheck tests: full tables, each W_g from its closed-form evaluation at every Boolean point,
// round polynomials from their values at 0..D computed term by term, binding by the definition.
#pragma once

#include <vector>

#include "rill/poly/test_util.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/sumcheck/weight.hpp"

namespace rill::testing {

class DenseReference {
 public:
  DenseReference(const ProductShape& shape, std::vector<std::vector<Fr>> tables,
                 const Weight& weight, unsigned num_vars)
      : DenseReference(shape, std::move(tables), std::vector<Weight>{weight}, num_vars) {}
  DenseReference(const ProductShape& shape, std::vector<std::vector<Fr>> tables,
                 const std::vector<Weight>& weights, unsigned num_vars)
      : shape_(shape), tables_(std::move(tables)), num_vars_(num_vars) {
    weights_.resize(weights.size());
    degree_ = 0;
    for (std::size_t g = 0; g < weights.size(); ++g) {
      for (std::uint64_t x = 0; x < (std::uint64_t{1} << num_vars); ++x)
        weights_[g].push_back(weights[g].evaluate(boolean_point(x, num_vars)));
      degree_ =
          std::max(degree_, shape.group_degree(static_cast<unsigned>(g)) + weights[g].degree());
    }
  }

  // Σ_x Σ_g W_g(x)·Σ_{t∈g} c_t·Π_k (P_{f_k}(x) + a_{t,k}), term by term.
  Fr claim() const {
    Fr sum = Fr::zero();
    for (std::size_t x = 0; x < weights_[0].size(); ++x) {
      for (const ProductTerm& t : shape_.terms()) {
        Fr p = t.coeff * weights_[t.group][x];
        for (std::size_t k = 0; k < t.factors.size(); ++k)
          p *= tables_[t.factors[k]][x] + offset(t, k);
        sum += p;
      }
    }
    return sum;
  }
  static Fr offset(const ProductTerm& t, std::size_t k) {
    return t.offsets.empty() ? Fr::zero() : t.offsets[k];
  }

  UniPoly round_poly() const {
    std::vector<Fr> evals;
    std::vector<Fr> v(tables_.size());
    for (unsigned X = 0; X <= degree_; ++X) {
      const Fr x = Fr::from_u64(X);
      Fr sum = Fr::zero();
      for (std::size_t i = 0; i < weights_[0].size() / 2; ++i) {
        for (std::size_t f = 0; f < tables_.size(); ++f)
          v[f] = (Fr::one() - x) * tables_[f][2 * i] + x * tables_[f][2 * i + 1];
        for (const ProductTerm& t : shape_.terms()) {
          const auto& w = weights_[t.group];
          Fr p = t.coeff * ((Fr::one() - x) * w[2 * i] + x * w[2 * i + 1]);
          for (std::size_t k = 0; k < t.factors.size(); ++k) p *= v[t.factors[k]] + offset(t, k);
          sum += p;
        }
      }
      evals.push_back(sum);
    }
    return UniPoly::from_evals(evals);
  }

  void bind(const Fr& r) {
    auto fold = [&](std::vector<Fr>& t) {
      std::vector<Fr> out(t.size() / 2);
      for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = (Fr::one() - r) * t[2 * i] + r * t[2 * i + 1];
      t = std::move(out);
    };
    for (auto& t : tables_) fold(t);
    for (auto& w : weights_) fold(w);
  }

  std::vector<Fr> factor_evals() const {
    std::vector<Fr> out;
    for (const auto& t : tables_) out.push_back(t[0]);
    return out;
  }

 private:
  ProductShape shape_;
  std::vector<std::vector<Fr>> tables_;
  std::vector<std::vector<Fr>> weights_;  // W_g at every Boolean point
  unsigned num_vars_;
  unsigned degree_;
};

}  // namespace rill::testing
