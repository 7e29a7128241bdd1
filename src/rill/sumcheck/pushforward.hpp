// The pushforward pass (reference streaming.md; issue 12, "Engine extensions"): one pass over a
// source that pushes per-row weights forward along per-row addresses into an address-sized table,
//
//   G[k] = Σ_j w(j)·[addr(j) = k],   k < K,
//
// e.g. Shout's address phase (w = eq(r_c, ·), addr = a lookup-index chunk) and RAF. A row whose
// address is kNoAccess (the one "no access" encoding, util/int.hpp) contributes nothing.
//
// Run as a pass of its own (pushforward) or registered with a batch's PassDriver to ride along
// with the pass of a round (PushforwardConsumer, PassDriver::add_consumer).
// Each worker of the pass (util/chunk_source.hpp: parallel_pass) keeps one K-entry table and the
// tables are added in index order: memory threads × K field elements, whatever the segment
// length. Addition is commutative, so the table does not depend on threads or segments.
#pragma once

#include <concepts>
#include <functional>
#include <memory>
#include <span>

#include "rill/field/fr.hpp"
#include "rill/sumcheck/instance.hpp"
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

// Adds the rows [first, first + rows.size()) into g.
template <class Record, PushforwardRow<Record> Row>
void push_rows(tracked_vector<Fr>& g, const Row& row, std::span<const Record> rows, u64 first) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AddressWeight aw = row(rows[i], first + i);
    if (aw.address == kNoAccess) continue;
    RILL_CHECK(aw.address < g.size(), "pushforward address outside the table");
    g[aw.address] += aw.weight;
  }
}

inline void add_tables(tracked_vector<Fr>& g, const tracked_vector<Fr>& later) {
  for (std::size_t k = 0; k < g.size(); ++k) g[k] += later[k];
}

// G over `table_size` addresses, in a pass of its own over `source`.
template <ChunkSource S, PushforwardRow<typename S::Record> Row>
tracked_vector<Fr> pushforward(const S& source, std::size_t table_size, const Row& row,
                               const PassOptions& options = {}) {
  using Record = typename S::Record;
  using Table = tracked_vector<Fr>;
  return parallel_pass(
      source, pass_segment_records(source, options), options.max_span,
      [&] { return Table(table_size, Fr::zero()); },
      [&](Table& g, std::span<const Record> rows, const Record&, u64 first) {
        push_rows<Record>(g, row, rows, first);
      },
      [](Table& g, Table&& later) { add_tables(g, later); });
}

// The same G as a PassConsumer, to ride along with a batch's pass (PassDriver::add_consumer):
// finish() hands the table to `done`.
template <class Record, PushforwardRow<Record> Row>
class PushforwardConsumer final : public PassConsumer<Record> {
 public:
  PushforwardConsumer(std::size_t table_size, Row row, std::function<void(tracked_vector<Fr>)> done)
      : table_size_(table_size), row_(std::move(row)), done_(std::move(done)) {}

  std::unique_ptr<SegmentAccumulator<Record>> new_segment() override {
    return std::make_unique<Segment>(*this);
  }
  void finish(std::unique_ptr<SegmentAccumulator<Record>> total) override {
    done_(std::move(static_cast<Segment&>(*total).g));
  }

 private:
  struct Segment final : SegmentAccumulator<Record> {
    explicit Segment(const PushforwardConsumer& owner)
        : owner(owner), g(owner.table_size_, Fr::zero()) {}
    void fold(std::span<const Record> rows, const Record&, u64 first) override {
      push_rows<Record>(g, owner.row_, rows, first);
    }
    void merge(SegmentAccumulator<Record>& later) override {
      add_tables(g, static_cast<Segment&>(later).g);
    }
    const PushforwardConsumer& owner;
    tracked_vector<Fr> g;
  };

  std::size_t table_size_;
  Row row_;
  std::function<void(tracked_vector<Fr>)> done_;
};

}  // namespace rill
