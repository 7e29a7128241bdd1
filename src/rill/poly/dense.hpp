// Dense multilinear polynomials over Fr, stored as their 2^n hypercube evaluations.
//
// evals[x] = P(x) where bit j of x is variable x_j; points are big-endian (point[0] pairs with
// x_{n−1}), as in eq.hpp. Binding the lowest variable x_0 to r (what low-to-high sumchecks do):
//   P'(x') = P(2x') + r·(P(2x'+1) − P(2x'))
// binding the highest variable x_{n−1}:
//   P'(x') = P(x') + r·(P(x' + 2^{n−1}) − P(x')).
#pragma once

#include <span>

#include "rill/field/fr.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

class DensePoly {
 public:
  DensePoly() = default;
  // evals.size() must be a power of two.
  explicit DensePoly(tracked_vector<Fr> evals);

  unsigned num_vars() const { return num_vars_; }
  std::span<const Fr> evals() const { return evals_; }
  std::span<Fr> mutable_evals() { return evals_; }
  const Fr& operator[](std::size_t i) const { return evals_[i]; }

  // Moves the evaluations out, leaving an empty polynomial.
  tracked_vector<Fr> release() {
    num_vars_ = 0;
    return std::move(evals_);
  }

  void bind_low(const Fr& r);
  void bind_high(const Fr& r);

  // P(point) for a big-endian point of num_vars() coordinates.
  Fr evaluate(std::span<const Fr> point) const;

 private:
  tracked_vector<Fr> evals_;
  unsigned num_vars_ = 0;
};

// out[x'] = in[2x'] + r·(in[2x'+1] − in[2x']) for x' < in.size()/2, in parallel; `out` may not
// alias `in`.
void bind_low_into(std::span<const Fr> in, const Fr& r, std::span<Fr> out);

}  // namespace rill
