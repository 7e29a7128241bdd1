// eq(w, ·) in split form for low-to-high sumchecks (the Gruen / Dao–Thaler representation).
//
// With u_0, u_1, … the coordinates of w paired with the remaining variables, lowest first
// (u_j = w[n−1−j] before any binding), the weight over the unbound variables is
//   W(X, x') = C·eq(u_0, X)·eq(u_{>0}, x'),   C = Π over bound rounds of eq(u_t, r_t).
// The prover never builds eq(u_{>0}, ·) (2^{n−1} entries): it is the product
// E_lo[x'_lo]·E_hi[x'_hi] of two tables over the lower ⌈k/2⌉ and upper ⌊k/2⌋ of those k
// coordinates, so a round costs O(√N) table work. Binding u_0 to r multiplies C by eq(u_0, r).
#pragma once

#include <span>
#include <vector>

#include "rill/field/fr.hpp"

namespace rill {

class SplitEq {
 public:
  SplitEq() = default;
  // eq(w, ·)·scale over w.size() variables; w is big-endian.
  SplitEq(std::span<const Fr> w, const Fr& scale);

  std::size_t num_vars() const { return low_first_.size(); }
  // u_0: the coordinate paired with the next variable to bind.
  const Fr& current() const { return low_first_.at(0); }
  // C: the product of eq factors of the variables bound so far (times the initial scale).
  const Fr& scale() const { return scale_; }

  // C ← C·eq(u_0, r); drops u_0 and rebuilds the halves for the remaining variables.
  void bind(const Fr& r);

  // eq(u_{>0}, x') = lo()[x' mod 2^lo_bits()]·hi()[x' >> lo_bits()].
  unsigned lo_bits() const { return lo_bits_; }
  std::span<const Fr> lo() const { return lo_; }
  std::span<const Fr> hi() const { return hi_; }

 private:
  void build_halves();

  std::vector<Fr> low_first_;
  Fr scale_ = Fr::one();
  unsigned lo_bits_ = 0;
  std::vector<Fr> lo_, hi_;
};

}  // namespace rill
