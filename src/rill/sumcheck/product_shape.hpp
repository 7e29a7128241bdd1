// The shape of a product summand: Σ_terms Π_{f∈term} P_f over F factors.
#pragma once

#include <algorithm>
#include <vector>

#include "rill/field/fr.hpp"

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

  // One term P_0·P_1·…·P_{F−1}, each factor once and in order.
  bool is_plain_product() const {
    if (terms_.size() != 1 || terms_[0].size() != num_factors_) return false;
    for (unsigned f = 0; f < num_factors_; ++f)
      if (terms_[0][f] != f) return false;
    return true;
  }

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

}  // namespace rill
