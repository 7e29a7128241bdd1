#include "rill/poly/one_hot.hpp"

#include "rill/poly/eq.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"

namespace rill {

OneHotPoly::OneHotPoly(unsigned log_k, tracked_vector<u32> indices)
    : log_k_(log_k), indices_(std::move(indices)) {
  RILL_CHECK(log_k < 32, "address space too large");
  RILL_CHECK(is_pow2(indices_.size()), "a one-hot polynomial needs 2^n cycles");
  log_t_ = log2_exact(indices_.size());
  for (u32 k : indices_)
    RILL_CHECK(k == kNoAccess || k < (u32{1} << log_k), "one-hot index out of range");
}

Fr OneHotPoly::at(std::size_t k, std::size_t j) const {
  return indices_[j] == k ? Fr::one() : Fr::zero();
}

tracked_vector<Fr> OneHotPoly::push_forward(std::span<const Fr> cycle_weights) const {
  RILL_CHECK_EQ(cycle_weights.size(), indices_.size(), "one weight per cycle");
  tracked_vector<Fr> g(std::size_t{1} << log_k_, Fr::zero());
  for (std::size_t j = 0; j < indices_.size(); ++j)
    if (indices_[j] != kNoAccess) g[indices_[j]] += cycle_weights[j];
  return g;
}

Fr OneHotPoly::evaluate(std::span<const Fr> point) const {
  RILL_CHECK_EQ(point.size(), static_cast<std::size_t>(num_vars()), "point has wrong length");
  const tracked_vector<Fr> eq_cycle = eq_table(point.subspan(log_k_));
  const tracked_vector<Fr> eq_address = eq_table(point.first(log_k_));
  const tracked_vector<Fr> g = push_forward(eq_cycle);
  Fr sum = Fr::zero();
  for (std::size_t k = 0; k < g.size(); ++k) sum += g[k] * eq_address[k];
  return sum;
}

DensePoly OneHotPoly::to_dense() const {
  const std::size_t t = indices_.size();
  tracked_vector<Fr> out((std::size_t{1} << log_k_) * t, Fr::zero());
  for (std::size_t j = 0; j < t; ++j)
    if (indices_[j] != kNoAccess) out[indices_[j] * t + j] = Fr::one();
  return DensePoly(std::move(out));
}

}  // namespace rill
