// A point evaluator for eq over a whole hypercube, in √N memory.
#pragma once

#include <span>

#include "rill/field/fr.hpp"
#include "rill/poly/eq.hpp"
#include "rill/util/int.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill::zkvm {

// eq(w, x) over a hypercube of n variables as eq(w_lo, x_lo)·eq(w_hi, x_hi), with x_lo the low
// ⌊n/2⌋ bits: two tables of about √(2^n) entries instead of one of 2^n.
// The two tables are Weight::eq(w).split(⌊n/2⌋) (sumcheck/weight.hpp), the one eq splitter.
// (A point evaluator over all n variables; rill::SplitEq in poly/split_eq.hpp is the binding
// state of the Gruen prover, which excludes the variable being bound and rebuilds its halves as
// it binds: a different job, kept separate.)
class HalvedEqTable {
 public:
  explicit HalvedEqTable(std::span<const Fr> w);
  Fr operator()(u64 x) const { return low_[x & low_mask_] * high_[x >> low_bits_]; }

 private:
  unsigned low_bits_;
  u64 low_mask_;
  tracked_vector<Fr> low_, high_;
};

}  // namespace rill::zkvm
