#include "rill/sumcheck/product_shape.hpp"

#include "rill/util/check.hpp"

namespace rill {

ProductShape::ProductShape(unsigned num_factors, std::vector<std::vector<unsigned>> terms)
    : num_factors_(num_factors) {
  for (auto& t : terms) terms_.push_back(ProductTerm{std::move(t), Fr::one(), 0});
  validate();
}

ProductShape ProductShape::from_terms(unsigned num_factors, std::vector<ProductTerm> terms) {
  ProductShape s;
  s.num_factors_ = num_factors;
  s.terms_ = std::move(terms);
  s.validate();
  return s;
}

ProductShape ProductShape::product(unsigned num_factors) {
  std::vector<unsigned> all(num_factors);
  for (unsigned f = 0; f < num_factors; ++f) all[f] = f;
  return ProductShape(num_factors, {all});
}

void ProductShape::validate() {
  RILL_CHECK(num_factors_ >= 1 && num_factors_ <= kMaxFactors, "unsupported number of factors");
  RILL_CHECK(!terms_.empty(), "a product needs at least one term");
  unsigned groups = 0;
  for (const auto& t : terms_) {
    RILL_CHECK(!t.factors.empty() && t.factors.size() <= kMaxFactors, "unsupported term length");
    for (unsigned f : t.factors) RILL_CHECK(f < num_factors_, "term names a missing factor");
    RILL_CHECK(t.group < kMaxGroups, "too many weight groups");
    RILL_CHECK(t.offsets.empty() || t.offsets.size() == t.factors.size(),
               "a term's offsets: none or one per factor");
    groups = std::max(groups, t.group + 1);
    degree_ = std::max(degree_, static_cast<unsigned>(t.factors.size()));
  }
  for (const auto& t : terms_) {
    unit_.push_back(t.coeff == Fr::one() ? 1 : 0);
    coeff_.push_back(t.coeff);
    term_begin_.push_back(flat_factors_.size());
    flat_factors_.insert(flat_factors_.end(), t.factors.begin(), t.factors.end());
    bool offset = false;
    for (std::size_t k = 0; k < t.factors.size(); ++k) {
      const Fr a = t.offsets.empty() ? Fr::zero() : t.offsets[k];
      offset = offset || a != Fr::zero();
      flat_offsets_.push_back(a);
    }
    has_offsets_.push_back(offset ? 1 : 0);
  }
  term_begin_.push_back(flat_factors_.size());
  group_degree_.assign(groups, 0);
  for (const auto& t : terms_)
    group_degree_[t.group] =
        std::max(group_degree_[t.group], static_cast<unsigned>(t.factors.size()));
  for (unsigned g = 0; g < groups; ++g) RILL_CHECK(group_degree_[g] > 0, "a weight group is empty");
  plain_ = terms_.size() == 1 && terms_[0].factors.size() == num_factors_ &&
           terms_[0].coeff == Fr::one() && terms_[0].group == 0 && has_offsets_[0] == 0;
  if (plain_)
    for (unsigned f = 0; f < num_factors_; ++f)
      if (terms_[0].factors[f] != f) plain_ = false;
}

}  // namespace rill
