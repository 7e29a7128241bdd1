// A row source over rows held by the test (tests only).
#pragma once

#include <cstdint>
#include <vector>

#include "rill/util/check.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/witness/row_source.hpp"

namespace rill::zkvm::testing {

// Rows of a run held in memory, padded with Row{} to padded_len, that a test may corrupt (the
// riscv layer's sources only ever hold honest rows).
class RowVectorSource {
 public:
  using Record = riscv::Row;

  RowVectorSource(tracked_vector<riscv::Row> rows, std::uint64_t padded_len,
                  std::uint64_t align = 1)
      : rows_(std::move(rows)), padded_len_(padded_len), align_(align) {
    RILL_CHECK(rows_.size() <= padded_len_, "more rows than the padded length");
    RILL_CHECK(align_ > 0, "alignment must be positive");
  }

  // Moving starts fresh pass counters.
  RowVectorSource(RowVectorSource&& other) noexcept
      : rows_(std::move(other.rows_)), padded_len_(other.padded_len_), align_(other.align_) {}

  std::uint64_t padded_len() const { return padded_len_; }
  std::uint64_t align() const { return align_; }
  SourceStats stats() const { return counters_.snapshot(); }
  // Row i (the padding row past the recorded rows).
  riscv::Row row(std::uint64_t i) const { return i < rows_.size() ? rows_[i] : riscv::Row{}; }
  std::uint64_t num_rows() const { return rows_.size(); }
  // Tests corrupt rows through this.
  void replace_row(std::uint64_t i, const riscv::Row& row) { rows_.at(i) = row; }

  void visit(std::uint64_t begin, std::uint64_t end, std::size_t max_span,
             ChunkVisitor<riscv::Row> f) const {
    RILL_CHECK(begin <= end && end <= padded_len_, "visit range out of bounds");
    RILL_CHECK(begin % align_ == 0 && (end % align_ == 0 || end == padded_len_),
               "visit range not aligned");
    RILL_CHECK(max_span > 0, "max_span must be positive");
    counters_.on_visit(begin, end);
    const riscv::Row padding{};
    std::vector<riscv::Row> tail;  // spans that reach into the padding are copied
    for (std::uint64_t first = begin; first < end;) {
      const std::uint64_t len = std::min<std::uint64_t>(max_span, end - first);
      const riscv::Row next = row(first + len);
      if (first + len <= rows_.size()) {
        f(RowChunk(rows_.data() + first, len), next, first);
      } else {
        tail.assign(len, padding);
        for (std::uint64_t i = first; i < std::min<std::uint64_t>(first + len, rows_.size()); ++i)
          tail[i - first] = rows_[i];
        f(RowChunk(tail), next, first);
      }
      first += len;
    }
  }

 private:
  tracked_vector<riscv::Row> rows_;
  std::uint64_t padded_len_, align_;
  mutable SourceCounters counters_;
};

static_assert(RowSource<RowVectorSource>);

}  // namespace rill::zkvm::testing
