// One-hot K × T polynomials: ra(k, j) = [k = index_j], stored as one address per cycle
// (ARCHITECTURE.md §2, reference jolt-protocol.md §1.3). A column may have no access
// (kNoAccess): all its entries are zero, as for RAM on cycles without a memory access.
//
// Layout (protocol-visible, "CycleMajor"): coefficient index k·T + j, so the log T cycle bits are
// the low variables and the log K address bits the high ones; points are [r_address ‖ r_cycle].
#pragma once

#include <span>

#include "rill/field/fr.hpp"
#include "rill/poly/dense.hpp"
#include "rill/util/int.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

class OneHotPoly {
 public:
  static constexpr u32 kNoAccess = rill::kNoAccess;

  // indices.size() = T (a power of two); each entry < 2^log_k or kNoAccess.
  OneHotPoly(unsigned log_k, tracked_vector<u32> indices);

  unsigned log_k() const { return log_k_; }
  unsigned log_t() const { return log_t_; }
  unsigned num_vars() const { return log_k_ + log_t_; }
  std::span<const u32> indices() const { return indices_; }

  // ra(k, j) as a field element (0 or 1).
  Fr at(std::size_t k, std::size_t j) const;

  // G[k] = Σ_j cycle_weights[j]·[index_j = k]: the push-forward of per-cycle weights onto the
  // addresses (binding all cycle variables to r gives cycle_weights = eq(r_cycle, ·)).
  tracked_vector<Fr> push_forward(std::span<const Fr> cycle_weights) const;

  // ra(r_address, r_cycle) = Σ_j eq(r_cycle, j)·eq(r_address, index_j), point = [r_address ‖
  // r_cycle] of num_vars() coordinates.
  Fr evaluate(std::span<const Fr> point) const;

  // The K·T dense table (tests and small sizes only).
  DensePoly to_dense() const;

 private:
  unsigned log_k_;
  unsigned log_t_;
  tracked_vector<u32> indices_;
};

}  // namespace rill
