#include "rill/sumcheck/weight.hpp"

#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"

namespace rill {

Weight Weight::none() { return Weight(); }

Weight Weight::eq(std::vector<Fr> w) {
  Weight x;
  x.kind_ = WeightKind::kEq;
  x.points_.push_back(std::move(w));
  return x;
}

Weight Weight::eq_plus_one(std::vector<Fr> w) {
  Weight x = eq(std::move(w));
  x.kind_ = WeightKind::kEqPlusOne;
  return x;
}

Weight Weight::less_than(std::vector<Fr> w) {
  Weight x = eq(std::move(w));
  x.kind_ = WeightKind::kLessThan;
  return x;
}

Weight Weight::eq_combination(std::vector<std::vector<Fr>> points, std::vector<Fr> coeffs) {
  RILL_CHECK(!points.empty() && points.size() == coeffs.size(),
             "an eq combination needs one coefficient per point");
  for (const auto& p : points) RILL_CHECK_EQ(p.size(), points[0].size(), "points differ in length");
  Weight x;
  x.kind_ = WeightKind::kEqCombination;
  x.points_ = std::move(points);
  x.coeffs_ = std::move(coeffs);
  return x;
}

unsigned Weight::num_vars() const {
  return points_.empty() ? 0 : static_cast<unsigned>(points_[0].size());
}

Fr Weight::evaluate(std::span<const Fr> point) const {
  switch (kind_) {
    case WeightKind::kNone:
      return Fr::one();
    case WeightKind::kEq:
      return eq_eval(points_[0], point);
    case WeightKind::kEqPlusOne:
      return eq_plus_one_eval(points_[0], point);
    case WeightKind::kLessThan:
      return lt_eval(point, points_[0]);
    case WeightKind::kEqCombination: {
      Fr sum = Fr::zero();
      for (std::size_t k = 0; k < points_.size(); ++k)
        sum += coeffs_[k] * eq_eval(points_[k], point);
      return sum;
    }
  }
  return Fr::zero();
}

PrefixSuffix Weight::split(unsigned low_vars) const {
  RILL_CHECK(!is_none(), "the constant weight has no split");
  const unsigned n = num_vars();
  RILL_CHECK(low_vars <= n, "split point beyond the weight's variables");
  PrefixSuffix out;
  out.low_vars = low_vars;
  auto hi = [&](const std::vector<Fr>& w) { return std::span<const Fr>(w).first(n - low_vars); };
  auto lo = [&](const std::vector<Fr>& w) { return std::span<const Fr>(w).last(low_vars); };
  const std::vector<Fr>& w = points_[0];
  switch (kind_) {
    case WeightKind::kNone:
      break;
    case WeightKind::kEq:
      out.prefix.push_back(eq_table(lo(w)));
      out.suffix.push_back(eq_table(hi(w)));
      break;
    case WeightKind::kEqPlusOne: {
      out.prefix.push_back(eq_plus_one_table(lo(w)));
      out.suffix.push_back(eq_table(hi(w)));
      // (Π w_lo)·[x_lo = 0]: the low part of w is all ones and carries into the high part.
      Fr all_ones = Fr::one();
      for (const Fr& v : lo(w)) all_ones *= v;
      tracked_vector<Fr> carry(std::size_t{1} << low_vars, Fr::zero());
      carry[0] = all_ones;
      out.prefix.push_back(std::move(carry));
      out.suffix.push_back(eq_plus_one_table(hi(w)));
      break;
    }
    case WeightKind::kLessThan:
      out.prefix.push_back(tracked_vector<Fr>(std::size_t{1} << low_vars, Fr::one()));
      out.suffix.push_back(lt_table(hi(w)));
      out.prefix.push_back(lt_table(lo(w)));
      out.suffix.push_back(eq_table(hi(w)));
      break;
    case WeightKind::kEqCombination:
      for (std::size_t k = 0; k < points_.size(); ++k) {
        out.prefix.push_back(eq_table(lo(points_[k]), coeffs_[k]));
        out.suffix.push_back(eq_table(hi(points_[k])));
      }
      break;
  }
  return out;
}

}  // namespace rill
