// The shape of a product summand over F factors, grouped by weight:
//
//   Σ_g W_g(x)·B_g(x),   B_g = Σ_{t ∈ group g} c_t·Π_k (P_{f_{t,k}} + a_{t,k}).
//
// A term lists the factors it multiplies (a factor may repeat), a coefficient c_t ∈ Fr (1 unless
// given: a γ-combination of products keeps the factors small integers, γ is applied once per
// point to the product), the weight group g it belongs to and optionally a constant offset a_{t,k}
// per factor (0 unless given: booleanity's c·ra·(ra − 1) is one term and two multiplications where
// c·ra·ra − c·ra would be two terms and three). The weights themselves belong to
// the instance (one Weight per group, sumcheck/weight.hpp); a shape with one group and unit
// coefficients is the plain Σ_t Π_f P_f of the first engine.
#pragma once

#include <algorithm>
#include <vector>

#include "rill/field/fr.hpp"

namespace rill {

struct ProductTerm {
  std::vector<unsigned> factors;
  Fr coeff = Fr::one();
  unsigned group = 0;
  std::vector<Fr> offsets = {};  // empty (all 0), or one per entry of `factors`
};

class ProductShape {
 public:
  static constexpr unsigned kMaxFactors = 32;
  static constexpr unsigned kMaxGroups = 8;

  // terms[t] lists the factor indices multiplied in term t; coefficient 1, one group.
  ProductShape(unsigned num_factors, std::vector<std::vector<unsigned>> terms);
  // Terms with coefficients and weight groups; groups are numbered 0..G−1, each non-empty.
  static ProductShape from_terms(unsigned num_factors, std::vector<ProductTerm> terms);
  // The single term P_0·P_1·…·P_{F−1}.
  static ProductShape product(unsigned num_factors);

  unsigned num_factors() const { return num_factors_; }
  unsigned num_groups() const { return static_cast<unsigned>(group_degree_.size()); }
  // The longest term: the degree of the summand in each variable (without the weights).
  unsigned degree() const { return degree_; }
  // The longest term of group g: deg B_g.
  unsigned group_degree(unsigned g) const { return group_degree_.at(g); }
  const std::vector<ProductTerm>& terms() const { return terms_; }

  // Field multiplications of one combine(): Σ_t (|t| − 1 + [c_t ≠ 1]).
  unsigned multiplications() const {
    unsigned m = 0;
    for (std::size_t t = 0; t < terms_.size(); ++t)
      m += static_cast<unsigned>(term_begin_[t + 1] - term_begin_[t]) - 1 + (unit_[t] ? 0 : 1);
    return m;
  }

  // One term P_0·P_1·…·P_{F−1} with coefficient 1, each factor once, in order and without offset.
  bool is_plain_product() const { return plain_; }

  // Σ_t c_t·Π_k (values[f_{t,k}] + a_{t,k}) over all terms (every group, unweighted).
  Fr combine(const Fr* values) const {
    if (terms_.size() == 1) return term_value(0, values);
    Fr sum = Fr::zero();
    for (std::size_t t = 0; t < terms_.size(); ++t) sum += term_value(t, values);
    return sum;
  }
  // out[g] = B_g(values) for every group.
  void combine_groups(const Fr* values, Fr* out) const {
    for (unsigned g = 0; g < num_groups(); ++g) out[g] = Fr::zero();
    for (std::size_t t = 0; t < terms_.size(); ++t) out[terms_[t].group] += term_value(t, values);
  }
  // Σ_g weights[g]·B_g(values); weights has one entry per group.
  Fr combine_weighted(const Fr* values, const Fr* weights) const {
    if (num_groups() == 1) return weights[0] * combine(values);
    Fr groups[kMaxGroups];
    combine_groups(values, groups);
    Fr sum = Fr::zero();
    for (unsigned g = 0; g < num_groups(); ++g) sum += weights[g] * groups[g];
    return sum;
  }

 private:
  ProductShape() = default;
  void validate();

  // c_t·Π_k (values[f_k] + a_k); a unit coefficient costs no multiplication, a term without
  // offsets no addition. Reads the flat copy of the terms (contiguous index and offset arrays):
  // the grids and linear rounds call this for every term at every evaluation point, and chasing
  // each term's own vectors cost more than its multiplications (booleanity: 23 terms).
  Fr term_value(std::size_t t, const Fr* values) const {
    const std::size_t begin = term_begin_[t];
    const unsigned* f = flat_factors_.data() + begin;
    const unsigned* end = flat_factors_.data() + term_begin_[t + 1];
    Fr p;
    if (!has_offsets_[t]) {
      p = values[*f];
      for (++f; f != end; ++f) p *= values[*f];
    } else {
      const Fr* a = flat_offsets_.data() + begin;
      p = values[*f] + *a;
      for (++f, ++a; f != end; ++f, ++a) p *= values[*f] + *a;
    }
    return unit_[t] ? p : p * coeff_[t];
  }

  unsigned num_factors_ = 0;
  unsigned degree_ = 0;
  bool plain_ = false;
  std::vector<ProductTerm> terms_;
  std::vector<char> unit_;         // c_t = 1
  std::vector<char> has_offsets_;  // some a_{t,k} ≠ 0
  // The terms flattened for term_value: factors of term t at [term_begin_[t], term_begin_[t+1]),
  // their offsets at the same positions of flat_offsets_ (0 where none is given).
  std::vector<unsigned> flat_factors_;
  std::vector<Fr> flat_offsets_;
  std::vector<std::size_t> term_begin_;
  std::vector<Fr> coeff_;
  std::vector<unsigned> group_degree_;
};

}  // namespace rill
