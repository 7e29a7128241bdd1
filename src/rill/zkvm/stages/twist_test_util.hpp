// Test helpers for the Twist instances: synthetic record sources and one-batch proving.
#pragma once

#include <random>
#include <vector>

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm::testing {

// A source over records held in memory (padded with default records).
inline SyntheticSource<CycleRecord> record_source(const std::vector<CycleRecord>& rows,
                                                  u64 align = 1) {
  const std::vector<CycleRecord>* p = &rows;
  return SyntheticSource<CycleRecord>(rows.size(), rows.size(), align,
                                      [p](u64 i) { return (*p)[i]; });
}

inline std::vector<Fr> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> p;
  for (unsigned i = 0; i < n; ++i) p.push_back(Fr::from_u64(rng()));
  return p;
}

// Σ_x eq(point, x)·values[x] (point big-endian over log2(values.size()) variables).
inline Fr dense_eval(std::span<const Fr> point, std::span<const Fr> values) {
  const tracked_vector<Fr> eq = eq_table(point);
  Fr s = Fr::zero();
  for (std::size_t x = 0; x < values.size(); ++x) s += eq[x] * values[x];
  return s;
}

struct BatchRun {
  BatchedProverOutput out;
  unsigned passes = 0;
};

// Proves one batch over `source` with the pass driver.
template <class S>
BatchRun prove_batch(const S& source, std::span<const BatchItem> items, PassOptions options,
                     std::string_view label = "twist test") {
  PassDriver driver(source, options);
  for (const auto& it : items)
    driver.add(dynamic_cast<StreamingInstance<CycleRecord>&>(*it.instance), it.round_offset);
  Transcript t(label);
  BatchRun run;
  run.out = prove_batched(items, t, &driver);
  run.passes = driver.passes();
  return run;
}

inline SumcheckVerification verify_batch(std::span<const VerifierItem> items,
                                         const BatchedSumcheckProof& proof,
                                         std::string_view label = "twist test") {
  Transcript t(label);
  return verify_batched(items, proof, t);
}

}  // namespace rill::zkvm::testing
