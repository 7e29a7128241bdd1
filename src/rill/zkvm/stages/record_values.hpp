// The value of a per-cycle polynomial (a PolyId of a per-cycle family) on one record, as an
// exact integer: what the sidecar pass evaluates, and what dense reference evaluators in tests
// read. One place maps registry ids to witness values, so a claim and its polynomial cannot
// drift apart.
//
// Sidecar claims (docs/streaming.md, "Sidecar claims"): polynomials whose values at a stage's
// cycle point are claimed but which are not factors of any instance. After the batch, one pass
// evaluates them all: P(r) = Σ_j eq(r, j)·P(j), eq in split form (2·√T entries), small-integer
// accumulation; the same code in both modes.
#pragma once

#include <span>
#include <vector>

#include "rill/sumcheck/pass_driver.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/stages/claims.hpp"
#include "rill/zkvm/stages/halved_eq_table.hpp"
#include "rill/zkvm/stages/small_value_sum.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

// Whether the family is per-cycle (one value per record): R1CS inputs, instruction and table
// flags, NextIsNoop, InstructionRafFlag, RamHammingWeight, RdInc, RamInc.
bool is_per_cycle(PolyFamily family);
// InstructionFlags(f) of a row (reference §4.3).
bool instruction_flag(InstructionFlag flag, riscv::Kind kind);
// The polynomial's value on the record; `id` must be per-cycle.
i128 record_value(PolyId id, const CycleRecord& record);

// Σ_x eq(point, x)·P_k(x) for every polys[k] (per-cycle), in one pass over the source.
template <RecordSource S>
std::vector<Fr> evaluate_at_point(const S& source, std::span<const PolyId> polys,
                                  std::span<const Fr> point, const PassOptions& options) {
  for (const PolyId id : polys) RILL_CHECK(is_per_cycle(id.family), "sidecar of a per-cycle poly");
  const HalvedEqTable eq(point);
  using Sums = std::vector<SmallValueSum>;
  u64 segment = options.segment_records;
  if (segment == 0) segment = std::max<u64>(1, source.padded_len() / (4 * thread_count()));
  segment = std::max<u64>(source.align(), segment / source.align() * source.align());
  const Sums sums = parallel_pass(
      source, segment, options.max_span, [&] { return Sums(polys.size()); },
      [&](Sums& acc, std::span<const CycleRecord> rows, const CycleRecord&, u64 first) {
        for (std::size_t j = 0; j < rows.size(); ++j) {
          const Fr w = eq(first + j);
          for (std::size_t k = 0; k < polys.size(); ++k) {
            const i128 v = record_value(polys[k], rows[j]);
            if (v != 0) acc[k].add(w, v);
          }
        }
      },
      [](Sums& acc, Sums&& later) {
        for (std::size_t k = 0; k < acc.size(); ++k) acc[k].merge(later[k]);
      });
  std::vector<Fr> values;
  for (const SmallValueSum& s : sums) values.push_back(s.reduce());
  return values;
}

}  // namespace rill::zkvm
