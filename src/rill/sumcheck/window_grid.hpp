// The grid polynomial of a streaming window (reference streaming.md §2.2–2.3).
//
// A window of ω rounds is answered from t(z) = Σ_h W_h(z)·Σ_terms Π_f P_{f,h}(z), a polynomial
// of degree <= D in each of its ω variables, stored by its values on the grid {0, 1, …, D}^ω
// (index Σ_j z_j·(D+1)^j: the next variable to bind is the lowest digit). Each P_{f,h} (and W_h)
// is multilinear, known on {0,1}^ω; extend_to_grid extends it to the grid one dimension at a
// time with f(k) = f(0) + k·(f(1) − f(0)).
#pragma once

#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/util/check.hpp"

namespace rill {

// (D+1)^ω.
std::size_t grid_size(unsigned dims, unsigned degree);

// Extends a multilinear function on {0,1}^ω (binary index, bit j = z_j) to {0..D}^ω. `out` and
// `scratch` hold grid_size(ω, D) entries each; `out` receives the grid.
void extend_to_grid(std::span<const Fr> binary, unsigned dims, unsigned degree, std::span<Fr> out,
                    std::span<Fr> scratch);

class WindowGrid {
 public:
  WindowGrid() = default;
  WindowGrid(std::vector<Fr> values, unsigned dims, unsigned degree);

  unsigned dims() const { return dims_; }
  // h(X) = Σ_{z'' ∈ {0,1}^{dims−1}} t(X, z''): the round polynomial of the lowest variable.
  UniPoly round_poly() const;
  // h(X) = Σ_{z''} eq(u, z'')·t(X, z''), with u[k] the eq coordinate of digit k + 1.
  UniPoly round_poly(std::span<const Fr> later_eq) const;
  // A window of one round: t(x) for x = 0..D, and t(1) replaced (the pass that skipped it).
  const std::vector<Fr>& single_round_values() const {
    RILL_CHECK_EQ(dims_, 1u, "a window of one round");
    return values_;
  }
  void set_single_round_value(std::size_t x, const Fr& v) {
    RILL_CHECK(dims_ == 1 && x < values_.size(), "a point of a one-round window");
    values_[x] = v;
  }
  // t ← t(r, ·): Lagrange interpolation over the nodes 0..D in the lowest digit.
  void bind_first(const Fr& r);

 private:
  std::vector<Fr> values_;
  unsigned dims_ = 0;
  unsigned degree_ = 0;
};

}  // namespace rill
