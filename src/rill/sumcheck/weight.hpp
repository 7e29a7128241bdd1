// The weight W(x) of a product sumcheck  Σ_x W(x)·Σ_terms Π_f P_f(x)  (ARCHITECTURE.md §2).
//
// W is one of: none (W = 1), eq(w, x), eq+1(w, x), LT(x, w), or Σ_k γ_k·eq(w_k, x) (points are
// big-endian, poly/eq.hpp). Every W splits at any bit m into a short sum of prefix × suffix
// products over the low m bits and the high n − m bits, x = x_hi·2^m + x_lo:
//   eq(w, x)   = eq(w_lo, x_lo)·eq(w_hi, x_hi)
//   eq+1(w, x) = eq+1(w_lo, x_lo)·eq(w_hi, x_hi) + (Π w_lo)·[x_lo = 0]·eq+1(w_hi, x_hi)
//   LT(x, w)   = 1·LT(x_hi, w_hi) + LT(x_lo, w_lo)·eq(w_hi, x_hi)
//   Σ γ_k eq(w_k, x) = Σ_k γ_k·eq(w_k,lo, x_lo)·eq(w_k,hi, x_hi)
// where w_hi = w[0 .. n−m) and w_lo = w[n−m .. n). These hold on the Boolean cube (carry out of
// the low part, first differing bit, …) and both sides are multilinear, so they hold everywhere.
// The streaming schedule keeps the prefix tables (2^m entries, bound with the rounds) and the
// suffix tables (2^{n−m}), never a 2^n table.
#pragma once

#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

enum class WeightKind { kNone, kEq, kEqPlusOne, kLessThan, kEqCombination };

struct PrefixSuffix {
  unsigned low_vars = 0;                   // m
  std::vector<tracked_vector<Fr>> prefix;  // each 2^m entries, indexed by x_lo
  std::vector<tracked_vector<Fr>> suffix;  // each 2^{n−m} entries, indexed by x_hi
};

class Weight {
 public:
  static Weight none();
  static Weight eq(std::vector<Fr> w);
  static Weight eq_plus_one(std::vector<Fr> w);
  static Weight less_than(std::vector<Fr> w);
  static Weight eq_combination(std::vector<std::vector<Fr>> points, std::vector<Fr> coeffs);

  WeightKind kind() const { return kind_; }
  bool is_none() const { return kind_ == WeightKind::kNone; }
  // Degree added to each round polynomial: 1 for a multilinear weight, 0 for none.
  unsigned degree() const { return is_none() ? 0 : 1; }
  // The point of eq, eq+1 or LT.
  const std::vector<Fr>& point() const { return points_.at(0); }
  // Number of variables (0 for none, which fits any n).
  unsigned num_vars() const;

  // W at a big-endian point (the verifier's O(n) evaluation).
  Fr evaluate(std::span<const Fr> point) const;
  // The prefix × suffix split at m low bits. Not for kNone.
  PrefixSuffix split(unsigned low_vars) const;

 private:
  WeightKind kind_ = WeightKind::kNone;
  std::vector<std::vector<Fr>> points_;
  std::vector<Fr> coeffs_;
};

}  // namespace rill
