#include "rill/sumcheck/product_shape.hpp"

#include "rill/util/check.hpp"

namespace rill {

ProductShape::ProductShape(unsigned num_factors, std::vector<std::vector<unsigned>> terms)
    : num_factors_(num_factors), terms_(std::move(terms)) {
  RILL_CHECK(num_factors >= 1 && num_factors <= kMaxFactors, "unsupported number of factors");
  RILL_CHECK(!terms_.empty(), "a product needs at least one term");
  for (const auto& t : terms_) {
    RILL_CHECK(!t.empty() && t.size() <= kMaxFactors, "unsupported term length");
    for (unsigned f : t) RILL_CHECK(f < num_factors, "term names a missing factor");
    degree_ = std::max(degree_, static_cast<unsigned>(t.size()));
  }
}

ProductShape ProductShape::product(unsigned num_factors) {
  std::vector<unsigned> all(num_factors);
  for (unsigned f = 0; f < num_factors; ++f) all[f] = f;
  return ProductShape(num_factors, {all});
}

}  // namespace rill
