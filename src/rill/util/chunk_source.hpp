// ChunkSource: the streaming view of per-index data (ARCHITECTURE.md §2).
//
// A ChunkSource is a padded sequence of `padded_len()` records that can be visited forward, in
// spans, over disjoint aligned ranges concurrently. It is how the sumcheck and pcs layers read
// data without depending on where it comes from: the riscv layer's TraceSource (materialized or
// replayed trace) is one, tests use SyntheticSource.
//
// Contract of visit(begin, end, max_span, f):
//   * `begin` is a multiple of align(); `end` is a multiple of align() or equals padded_len();
//     begin <= end <= padded_len().
//   * f(rows, lookahead, first_index) is called on consecutive spans covering [begin, end) in
//     increasing order, each of 1..max_span records; rows[i] is record first_index + i.
//   * `lookahead` is the record at first_index + rows.size(); past the end it is the source's
//     padding record (a source is padded, so the record after the last is padding too).
//   * Visits of disjoint ranges may run concurrently from different threads.
//   * A visit with begin == 0 starts a new pass (that is how passes are counted); every visit adds
//     its record count to records_visited.
#pragma once

#include <algorithm>
#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "rill/util/check.hpp"
#include "rill/util/function_ref.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

template <class Record>
using ChunkVisitor =
    FunctionRef<void(std::span<const Record> rows, const Record& lookahead, std::uint64_t first)>;

struct SourceStats {
  std::uint64_t passes = 0;           // visits that started at index 0
  std::uint64_t records_visited = 0;  // records handed to visitors, all visits together
};

template <class S>
concept ChunkSource = requires(const S& s, std::uint64_t i, std::size_t m,
                               ChunkVisitor<typename S::Record> f) {
  typename S::Record;
  { s.padded_len() } -> std::convertible_to<std::uint64_t>;
  { s.align() } -> std::convertible_to<std::uint64_t>;
  s.visit(i, i, m, f);
  { s.stats() } -> std::convertible_to<SourceStats>;
};

// Thread-safe counters a source embeds (mutable) to implement stats().
class SourceCounters {
 public:
  void on_visit(std::uint64_t begin, std::uint64_t end) {
    if (begin == 0) passes_.fetch_add(1, std::memory_order_relaxed);
    records_.fetch_add(end - begin, std::memory_order_relaxed);
  }
  SourceStats snapshot() const {
    return {passes_.load(std::memory_order_relaxed), records_.load(std::memory_order_relaxed)};
  }

 private:
  std::atomic<std::uint64_t> passes_{0};
  std::atomic<std::uint64_t> records_{0};
};

// The most segments one parallel_pass cuts: 16 per worker thread, at least 64. A tiny segment
// length (say --chunk-size 1) is raised to keep within it, so the per-segment overhead (one visit
// each) stays small; memory does not depend on it (one accumulator per worker, below).
inline std::uint64_t max_pass_segments() {
  return std::max<std::uint64_t>(64, 16 * std::uint64_t{thread_count()});
}

// The segment length parallel_pass uses for a requested `segment_len` over `n` records: raised
// to a multiple of itself so that there are at most max_pass_segments() segments. A multiple
// keeps every alignment the caller chose (a power of two, the source's align()).
inline std::uint64_t pass_segment_len(std::uint64_t n, std::uint64_t segment_len) {
  const std::uint64_t cap = max_pass_segments();
  if (n / segment_len < cap) return segment_len;
  const std::uint64_t least = (n + cap - 1) / cap;
  return (least + segment_len - 1) / segment_len * segment_len;
}

// The workers of a pass over `segments` segments: one per thread, at most one per segment.
// Worker w folds the contiguous segments [w·S/W, (w+1)·S/W) (S segments, W workers), so a
// worker's range depends only on (S, W): two passes with the same segment length and thread
// count give every worker the same records (Twist's cycle passes rely on it).
inline std::uint64_t pass_workers(std::uint64_t segments) {
  return std::min<std::uint64_t>(segments, std::max<std::uint64_t>(1, thread_count()));
}
inline std::uint64_t worker_first_segment(std::uint64_t w, std::uint64_t workers,
                                          std::uint64_t segments) {
  return w * segments / workers;
}

// One parallel pass over [0, padded_len()): the range is cut into segments of `segment_len`
// records (a multiple of align()); pass_workers() workers each fold a contiguous run of segments,
// in order, into ONE accumulator made by make(), and the workers' accumulators are merged in
// index order. Memory is workers × accumulator whatever the segment length, and the result does
// not depend on the thread count or the segment length whenever merge is associative (it need
// not be commutative).
//   fold(acc, rows, lookahead, first_index) is called per span, spans in increasing order within
//   a worker; merge(acc, other) folds `other` (the accumulator of the records right after acc's)
//   into `acc`.
template <ChunkSource S, class Make, class Fold, class Merge>
auto parallel_pass(const S& source, std::uint64_t segment_len, std::size_t max_span, Make&& make,
                   Fold&& fold, Merge&& merge) {
  using Record = typename S::Record;
  using Acc = decltype(make());
  const std::uint64_t n = source.padded_len();
  RILL_CHECK(segment_len > 0 && segment_len % source.align() == 0,
             "segment length must be a positive multiple of the source alignment");
  segment_len = pass_segment_len(n, segment_len);
  const std::uint64_t segments = (n + segment_len - 1) / segment_len;
  if (segments == 0) return make();
  const std::uint64_t workers = pass_workers(segments);
  std::vector<Acc> partial;
  partial.reserve(workers);
  for (std::uint64_t w = 0; w < workers; ++w) partial.push_back(make());
  parallel_for(0, workers, 1, [&](std::uint64_t lo, std::uint64_t hi) {
    for (std::uint64_t w = lo; w < hi; ++w) {
      Acc& acc = partial[w];
      auto visitor = [&](std::span<const Record> rows, const Record& next, std::uint64_t first) {
        fold(acc, rows, next, first);
      };
      const std::uint64_t s_end = worker_first_segment(w + 1, workers, segments);
      for (std::uint64_t s = worker_first_segment(w, workers, segments); s < s_end; ++s) {
        const std::uint64_t begin = s * segment_len;
        const std::uint64_t end = std::min(n, begin + segment_len);
        source.visit(begin, end, max_span, ChunkVisitor<Record>(visitor));
      }
    }
  });
  Acc result = std::move(partial[0]);
  for (std::uint64_t w = 1; w < workers; ++w) merge(result, std::move(partial[w]));
  return result;
}

// A ChunkSource whose record i is generate(i) for i < len and `padding` after that, padded to
// padded_len. For tests of the layers that stream (sumcheck, pcs) without a RISC-V trace.
template <class R>
class SyntheticSource {
 public:
  using Record = R;

  SyntheticSource(std::uint64_t len, std::uint64_t padded_len, std::uint64_t align,
                  std::function<R(std::uint64_t)> generate, R padding = R{})
      : len_(len),
        padded_len_(padded_len),
        align_(align),
        generate_(std::move(generate)),
        padding_(std::move(padding)) {
    RILL_CHECK(len <= padded_len, "synthetic source longer than its padded length");
    RILL_CHECK(align > 0, "alignment must be positive");
  }

  std::uint64_t padded_len() const { return padded_len_; }
  std::uint64_t align() const { return align_; }
  SourceStats stats() const { return counters_.snapshot(); }

  R record(std::uint64_t i) const { return i < len_ ? generate_(i) : padding_; }

  void visit(std::uint64_t begin, std::uint64_t end, std::size_t max_span,
             ChunkVisitor<R> f) const {
    RILL_CHECK(begin <= end && end <= padded_len_, "visit range out of bounds");
    RILL_CHECK(begin % align_ == 0 && (end % align_ == 0 || end == padded_len_),
               "visit range not aligned");
    RILL_CHECK(max_span > 0, "max_span must be positive");
    counters_.on_visit(begin, end);
    std::vector<R> buf;
    for (std::uint64_t first = begin; first < end;) {
      const std::uint64_t len = std::min<std::uint64_t>(max_span, end - first);
      buf.clear();
      for (std::uint64_t i = 0; i < len; ++i) buf.push_back(record(first + i));
      const R next = record(first + len);
      f(std::span<const R>(buf), next, first);
      first += len;
    }
  }

 private:
  std::uint64_t len_, padded_len_, align_;
  std::function<R(std::uint64_t)> generate_;
  R padding_;
  mutable SourceCounters counters_;
};

}  // namespace rill
