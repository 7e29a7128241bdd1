// The ordered pair pass (issue 12, "Engine extensions"): over rows j in index order, each row
// reading some keys with values f and writing some keys with values g, in W components c,
//
//   P[c][c'] = Σ_j Σ_{j' < j} Σ_{reads (k, c, f) of j} Σ_{writes (k, c', g) of j'} f·g
//                                                                              (same key k),
//
// e.g. Twist's address rounds (zkvm/stages/twist_address_first.hpp) pair each access with the
// writes before it: a key is a pair β of table entries t = 2β + b, the component is the bit b,
// and P is the 2×2 matrix M[b][b']. W = 1 is the plain scalar pass.
//
// A range of rows folds into (P, F, G) with F_c[k] = Σ of its reads' f at (k, c) and G_c[k] the
// same for its writes: a row first adds f·G_{c'}[k] to P[c][c'] for each of its reads (the writes
// of earlier rows of the range), then its writes join G. Two adjacent ranges A (earlier) and B
// (later) merge as
//
//   P[c][c'] = P_A[c][c'] + P_B[c][c'] + Σ_k F_B,c[k]·G_A,c'[k],   F = F_A + F_B,   G = G_A + G_B,
//
// which is associative but not commutative (B's reads see A's writes, not the other way round),
// so a pass merges the workers' ranges in index order (util/chunk_source.hpp: parallel_pass).
// A read of the same row as a write never pairs with it.
//
// Storage: the (F, G) of a key (2W field elements) live in a hash map of the touched keys while
// at most 1/kDenseFraction of the keys are touched, in a dense table of all keys beyond that. A
// short range thus costs memory in its accesses, not in the number of keys; a long one costs
// 2W·K field elements (so a pass: threads × 2W·K).
#pragma once

#include <array>
#include <concepts>
#include <span>
#include <unordered_map>
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
template <unsigned W = 1>
class OrderedPairSums {
  static_assert(W >= 1, "at least one component");

 public:
  // F_c[k] and G_c[k] of one key k, c < W.
  struct Entry {
    std::array<Fr, W> reads{}, writes{};
    Entry& operator+=(const Entry& o) {
      for (unsigned c = 0; c < W; ++c) {
        reads[c] += o.reads[c];
        writes[c] += o.writes[c];
      }
      return *this;
    }
  };
  // Dense once more than num_keys / kDenseFraction keys are touched.
  static constexpr std::size_t kDenseFraction = 16;

  explicit OrderedPairSums(std::size_t num_keys) : num_keys_(num_keys) {}

  // The row interface: a row calls read() for each of its reads and write() for each of its
  // writes (in any order), then end_row(). Keys are below num_keys() (checked by write(), when a
  // sparse table turns dense, and in debug builds: the hot read path does not branch on it).
  void read(u32 key, unsigned c, const Fr& f) {
    RILL_DCHECK(c < W, "ordered-pair component out of range");
    Entry& e = at(key);
    e.reads[c] += f;
    for (unsigned cp = 0; cp < W; ++cp) pairs_[c * W + cp].add_product(f, e.writes[cp]);
  }
  void write(u32 key, unsigned c, const Fr& g) {
    RILL_CHECK(key < num_keys_ && c < W, "ordered-pair write outside the table");
    pending_.push_back({key, c, g});
  }
  void end_row() {
    for (const Write& w : pending_) at(w.key).writes[w.c] += w.g;
    pending_.clear();
  }
  // A write made once all reads of its row are: it applies at once (no buffering, then no
  // end_row() is needed for it). Twist's address passes, whose rows read before they write.
  void write_after_reads(u32 key, unsigned c, const Fr& g) {
    RILL_DCHECK(c < W, "ordered-pair component out of range");
    at(key).writes[c] += g;
  }

  // The scalar pass (W = 1).
  void read(u32 key, const Fr& f) requires(W == 1) { read(key, 0, f); }
  void write(u32 key, const Fr& g) requires(W == 1) { write(key, 0, g); }
  Fr pairs() const requires(W == 1) { return pairs(0, 0); }

  // Absorbs the sums of the range right after this one (both between rows).
  void merge(const OrderedPairSums& later) {
    RILL_CHECK_EQ(later.num_keys_, num_keys_, "ordered-pair tables of one size");
    RILL_CHECK(pending_.empty() && later.pending_.empty(), "ordered-pair merge inside a row");
    // Cross term: the later range's reads see this range's writes at the same key; then the
    // sums add up.
    const auto absorb = [&](u32 key, const Entry& q) {
      if (const Entry* mine = find(key))
        for (unsigned c = 0; c < W; ++c)
          for (unsigned cp = 0; cp < W; ++cp)
            pairs_[c * W + cp].add_product(q.reads[c], mine->writes[cp]);
      at(key) += q;
    };
    if (!later.dense_.empty()) {
      make_dense();
      for (u32 k = 0; k < num_keys_; ++k) absorb(k, later.dense_[k]);
    } else {
      for (const auto& [k, q] : later.sparse_) absorb(k, q);
    }
    for (unsigned i = 0; i < W * W; ++i) pairs_[i].merge(later.pairs_[i]);
  }

  // P[c][c'].
  Fr pairs(unsigned c, unsigned cp) const { return pairs_[c * W + cp].reduce(); }

  std::size_t num_keys() const { return num_keys_; }
  // Whether any key was touched (read or written) since construction or release().
  bool touched() const { return !dense_.empty() || !sparse_.empty(); }
  bool is_dense() const { return !dense_.empty(); }
  // The sums of a key; nullptr for an untouched key of a sparse table (all zero).
  const Entry* find(u32 key) const {
    if (!dense_.empty()) return &dense_[key];
    const auto it = sparse_.find(key);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  // fn(key, entry) for each stored key: the touched ones (sparse, in no particular order) or all.
  template <class Fn>
  void for_each(Fn&& fn) const {
    if (!dense_.empty()) {
      for (u32 k = 0; k < num_keys_; ++k) fn(k, dense_[k]);
    } else {
      for (const auto& [k, e] : sparse_) fn(k, e);
    }
  }
  // F_c and G_c as dense tables of num_keys() entries.
  tracked_vector<Fr> read_table(unsigned c = 0) const { return table(c, &Entry::reads); }
  tracked_vector<Fr> write_table(unsigned c = 0) const { return table(c, &Entry::writes); }
  // Frees F and G (P stays).
  void release() {
    dense_ = tracked_vector<Entry>();
    sparse_ = {};
  }

 private:
  struct Write {
    u32 key;
    unsigned c;
    Fr g;
  };

  Entry& at(u32 key) {
    RILL_DCHECK(key < num_keys_, "ordered-pair key outside the table");
    if (!dense_.empty()) return dense_[key];
    Entry& e = sparse_[key];
    if (sparse_.size() * kDenseFraction > num_keys_) {
      make_dense();
      return dense_[key];
    }
    return e;
  }
  void make_dense() {
    if (!dense_.empty()) return;
    dense_.assign(num_keys_, Entry{});
    for (const auto& [k, e] : sparse_) {
      RILL_CHECK(k < num_keys_, "ordered-pair key outside the table");
      dense_[k] = e;
    }
    sparse_ = {};
  }
  tracked_vector<Fr> table(unsigned c, std::array<Fr, W> Entry::*part) const {
    tracked_vector<Fr> out(num_keys_, Fr::zero());
    for_each([&](u32 k, const Entry& e) { out[k] = (e.*part)[c]; });
    return out;
  }

  std::size_t num_keys_;
  std::array<FrAccumulator, W * W> pairs_{};  // P[c][c'] at c·W + c'
  std::unordered_map<u32, Entry> sparse_;
  tracked_vector<Entry> dense_;
  std::vector<Write> pending_;  // the current row's write() calls
};

// row(record, index, sums): calls sums.read / sums.write for the row (not end_row).
template <class F, class Record, unsigned W = 1>
concept OrderedPairRow = requires(const F& f, const Record& r, u64 j, OrderedPairSums<W>& s) {
  f(r, j, s);
};

// (P, F, G) of the whole source over `num_keys` keys and W components, in one pass.
template <unsigned W = 1, ChunkSource S, class Row>
requires OrderedPairRow<Row, typename S::Record, W> OrderedPairSums<W> ordered_pairs(
    const S& source, std::size_t num_keys, const Row& row, const PassOptions& options = {}) {
  using Record = typename S::Record;
  return parallel_pass(
      source, pass_segment_records(source, options), options.max_span,
      [&] { return OrderedPairSums<W>(num_keys); },
      [&](OrderedPairSums<W>& s, std::span<const Record> rows, const Record&, u64 first) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
          row(rows[i], first + i, s);
          s.end_row();
        }
      },
      [](OrderedPairSums<W>& s, OrderedPairSums<W>&& later) { s.merge(later); });
}

}  // namespace rill
