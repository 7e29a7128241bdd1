// The ordered pair pass (issue 12, "Engine extensions"): over rows j in index order, each row
// reading some keys with values f and writing some keys with values g,
//
//   P = Σ_j Σ_{j' < j} Σ_{reads (k, f) of j} Σ_{writes (k, g) of j'} f·g      (same key k),
//
// e.g. Twist's address rounds pair each read with the writes before it. A range of rows folds
// into (P, F, G) with F[k] = Σ of its reads' f at k and G[k] = Σ of its writes' g at k: a row
// first adds f·G[k] to P for each of its reads (the writes of earlier rows of the range), then
// its writes join G. Two adjacent ranges A (earlier) and B (later) merge as
//
//   P = P_A + P_B + Σ_k F_B[k]·G_A[k],   F = F_A + F_B,   G = G_A + G_B,
//
// which is associative but not commutative (B's reads see A's writes, not the other way round),
// so the pass merges the workers' ranges in index order (util/chunk_source.hpp: parallel_pass).
// Memory: threads × 2K field elements. A read of the same row as a write never pairs with it.
#pragma once

#include <concepts>
#include <span>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/fr.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/util/check.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/int.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {

// The fold state of a range of rows (the result of a whole pass when the range is everything).
class OrderedPairSums {
 public:
  explicit OrderedPairSums(std::size_t num_keys)
      : reads_(num_keys, Fr::zero()), writes_(num_keys, Fr::zero()) {}

  // The row interface: a row calls read() for each of its reads and write() for each of its
  // writes (in any order), then end_row().
  void read(u32 key, const Fr& f) {
    RILL_CHECK(key < reads_.size(), "ordered-pair key outside the table");
    pairs_.add_product(f, writes_[key]);
    reads_[key] += f;
  }
  void write(u32 key, const Fr& g) {
    RILL_CHECK(key < writes_.size(), "ordered-pair key outside the table");
    pending_.push_back({key, g});
  }
  void end_row() {
    for (const auto& [key, g] : pending_) writes_[key] += g;
    pending_.clear();
  }

  // Absorbs the sums of the range right after this one.
  void merge(const OrderedPairSums& later) {
    RILL_CHECK_EQ(later.reads_.size(), reads_.size(), "ordered-pair tables of one size");
    for (std::size_t k = 0; k < reads_.size(); ++k) {
      pairs_.add_product(later.reads_[k], writes_[k]);
      reads_[k] += later.reads_[k];
      writes_[k] += later.writes_[k];
    }
    pairs_.merge(later.pairs_);
  }

  Fr pairs() const { return pairs_.reduce(); }
  std::span<const Fr> reads() const { return reads_; }    // F
  std::span<const Fr> writes() const { return writes_; }  // G

 private:
  struct Write {
    u32 key;
    Fr g;
  };
  FrAccumulator pairs_;
  tracked_vector<Fr> reads_, writes_;
  std::vector<Write> pending_;  // the current row's writes
};

// row(record, index, sums): calls sums.read / sums.write for the row (not end_row).
template <class F, class Record>
concept OrderedPairRow = requires(const F& f, const Record& r, u64 j, OrderedPairSums& s) {
  f(r, j, s);
};

// (P, F, G) of the whole source over `num_keys` keys, in one pass.
template <ChunkSource S, OrderedPairRow<typename S::Record> Row>
OrderedPairSums ordered_pairs(const S& source, std::size_t num_keys, const Row& row,
                              const PassOptions& options = {}) {
  using Record = typename S::Record;
  return parallel_pass(
      source, pass_segment_records(source, options), options.max_span,
      [&] { return OrderedPairSums(num_keys); },
      [&](OrderedPairSums& s, std::span<const Record> rows, const Record&, u64 first) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
          row(rows[i], first + i, s);
          s.end_row();
        }
      },
      [](OrderedPairSums& s, OrderedPairSums&& later) { s.merge(later); });
}

}  // namespace rill
