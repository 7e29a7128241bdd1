// Test-only reference evaluator: the multilinear extension of any per-cycle polynomial at a
// point, straight from the definition over the materialized trace,
//   P(r) = Σ_{x < T} eq(r, x)·P(x),
// with P(x) a function of row x and row x + 1. Tests check every opening claim a stage emits
// against it (later stages replace these checks with real sumchecks and openings).
#pragma once

#include <span>

#include "rill/field/fr.hpp"
#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"
#include "row_vector_source.hpp"

namespace rill::zkvm::testing {

template <class PerCycle>
Fr reference_mle(const RowVectorSource& source, std::span<const Fr> point, PerCycle&& value) {
  const u64 t = source.padded_len();
  RILL_CHECK_EQ(u64{1} << point.size(), t, "the point has log T coordinates");
  const tracked_vector<Fr> eq = eq_table(point);
  Fr sum = Fr::zero();
  for (u64 x = 0; x < t; ++x) sum += eq[x] * value(source.row(x), source.row(x + 1));
  return sum;
}

}  // namespace rill::zkvm::testing
