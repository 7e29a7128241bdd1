// A deliberately naive dense reference for product sumchecks, used by the sumcheck tests: full
// tables, W from its closed-form evaluation at every Boolean point, round polynomials from their
// values at 0..D computed term by term, binding by the definition.
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
      : shape_(shape), tables_(std::move(tables)), num_vars_(num_vars) {
    for (std::uint64_t x = 0; x < (std::uint64_t{1} << num_vars); ++x)
      weight_.push_back(weight.evaluate(boolean_point(x, num_vars)));
    degree_ = shape.degree() + weight.degree();
  }

  Fr claim() const {
    Fr sum = Fr::zero();
    std::vector<Fr> v(tables_.size());
    for (std::size_t x = 0; x < weight_.size(); ++x) {
      for (std::size_t f = 0; f < tables_.size(); ++f) v[f] = tables_[f][x];
      sum += weight_[x] * shape_.combine(v.data());
    }
    return sum;
  }

  UniPoly round_poly() const {
    std::vector<Fr> evals;
    std::vector<Fr> v(tables_.size());
    for (unsigned X = 0; X <= degree_; ++X) {
      const Fr x = Fr::from_u64(X);
      Fr sum = Fr::zero();
      for (std::size_t i = 0; i < weight_.size() / 2; ++i) {
        for (std::size_t f = 0; f < tables_.size(); ++f)
          v[f] = (Fr::one() - x) * tables_[f][2 * i] + x * tables_[f][2 * i + 1];
        const Fr w = (Fr::one() - x) * weight_[2 * i] + x * weight_[2 * i + 1];
        sum += w * shape_.combine(v.data());
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
    fold(weight_);
  }

  std::vector<Fr> factor_evals() const {
    std::vector<Fr> out;
    for (const auto& t : tables_) out.push_back(t[0]);
    return out;
  }

 private:
  ProductShape shape_;
  std::vector<std::vector<Fr>> tables_;
  std::vector<Fr> weight_;
  unsigned num_vars_;
  unsigned degree_;
};

}  // namespace rill::testing
