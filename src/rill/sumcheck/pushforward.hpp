// The pushforward pass (reference streaming.md; issue 12, "Engine extensions"): one pass over a
// source that pushes per-row weights forward along per-row addresses into an address-sized table,
//
//   G[k] = Σ_j w(j)·[addr(j) = k],   k < K,
//
// e.g. Shout's address phase (w = eq(r_c, ·), addr = a lookup-index chunk) and RAF. A row whose
// address is kNoAccess (the one "no access" encoding, util/int.hpp) contributes nothing.
//
// Each worker of the pass (util/chunk_source.hpp: parallel_pass) keeps one K-entry table and the
// tables are added in index order: memory threads × K field elements, whatever the segment
// length. Addition is commutative, so the table does not depend on threads or segments.
#pragma once

#include <concepts>
#include <span>

#include "rill/field/fr.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/int.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// What one row pushes forward: weight w(j) at address addr(j) (kNoAccess: nothing).
struct AddressWeight {
  u32 address = kNoAccess;
  Fr weight = Fr::zero();
};

// row(record, index) -> AddressWeight.
template <class F, class Record>
concept PushforwardRow = requires(const F& f, const Record& r, u64 j) {
  { f(r, j) } -> std::convertible_to<AddressWeight>;
};

// G over `table_size` addresses, in one pass over `source`.
template <ChunkSource S, PushforwardRow<typename S::Record> Row>
tracked_vector<Fr> pushforward(const S& source, std::size_t table_size, const Row& row,
                               const PassOptions& options = {}) {
  using Record = typename S::Record;
  using Table = tracked_vector<Fr>;
  return parallel_pass(
      source, pass_segment_records(source, options), options.max_span,
      [&] { return Table(table_size, Fr::zero()); },
      [&](Table& g, std::span<const Record> rows, const Record&, u64 first) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
          const AddressWeight aw = row(rows[i], first + i);
          if (aw.address == kNoAccess) continue;
          RILL_CHECK(aw.address < table_size, "pushforward address outside the table");
          g[aw.address] += aw.weight;
        }
      },
      [](Table& g, Table&& later) {
        for (std::size_t k = 0; k < g.size(); ++k) g[k] += later[k];
      });
}

}  // namespace rill
