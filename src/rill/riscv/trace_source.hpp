// TraceSource: the padded, forward, chunked view of the trace that every prover component reads
// (ARCHITECTURE.md §2). It models rill::ChunkSource with Record = Row:
//   * padded_len() = T = max(256, nextpow2(rows + 1)); rows at [rows, T) are Row{} (NoOp);
//   * visit(begin, end, max_span, f) calls f(rows, lookahead, first_index) on consecutive spans
//     of at most max_span rows covering [begin, end); lookahead is the row after the span (the
//     NoOp padding row past the end); disjoint ranges may be visited concurrently;
//   * align() = 1: any begin works. A ReplayTrace visit that begins at a multiple of
//     checkpoint_interval() replays nothing it does not hand out (besides the lookahead row);
//     other begins first re-execute up to checkpoint_interval() − 1 rows;
//   * stats(): passes (visits starting at 0) and rows handed to visitors.
//
// MaterializedTrace keeps all T rows in memory (linear mode). ReplayTrace keeps checkpoints and
// re-executes chunks on demand (streaming mode); both yield the same rows bit for bit.
#pragma once

#include <atomic>
#include <memory>
#include <span>
#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/riscv/trace_row.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill::riscv {

class TraceSource {
 public:
  using Record = Row;
  virtual ~TraceSource() = default;

  // What the first, serial execution found (rows, T, K_ram, final memory, outputs, panic).
  virtual const ExecutionSummary& summary() const = 0;
  u64 unpadded_len() const { return summary().rows; }
  u64 padded_len() const { return summary().padded_len; }
  u64 align() const { return 1; }
  virtual void visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<Row> f) const = 0;
  SourceStats stats() const { return counters_.snapshot(); }

 protected:
  void check_visit(u64 begin, u64 end, std::size_t max_span) const;
  mutable SourceCounters counters_;
};

static_assert(ChunkSource<TraceSource>);

class MaterializedTrace final : public TraceSource {
 public:
  // Executes the program once and keeps every row (padded to T). Throws ExecutionError.
  MaterializedTrace(const Machine& machine, std::span<const u8> input, u64 max_rows = 0);

  const ExecutionSummary& summary() const override { return summary_; }
  void visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<Row> f) const override;
  std::span<const Row> rows() const { return rows_; }  // all T rows, padding included

 private:
  ExecutionSummary summary_;
  tracked_vector<Row> rows_;
};

struct ReplayOptions {
  // Rows between checkpoints, a power of two. Each checkpoint costs ~300 bytes plus, while its
  // segment keeps logs, 8 bytes per distinct RAM word its interval touches (docs/streaming.md,
  // "Trace sources and checkpoints"). 0 chooses it during the run: start at min_auto_interval and
  // double it, merging neighbouring checkpoints, whenever there are more checkpoints than rows per
  // interval, so it ends near √rows (2^12 at 2^24 rows) and the CPU states grow like √T.
  u64 checkpoint_interval = 0;
  u64 min_auto_interval = 256;
  // The trace is cut into at most max_segments segments (a power of two ≥ 2; their length
  // doubles, merging neighbours, as the run grows), each starting with a full memory image (the
  // words up to the highest one touched so far: ≤ K_ram words). A segment keeps the first-touch
  // logs of its checkpoints only while they hold at most log_budget_percent % of its image's
  // word count in entries; past that it drops them and is replayed in order from its image. So
  // images and logs together stay below max_segments·(1 + 2·log_budget_percent/100)·4·K_ram
  // bytes whatever the access pattern.
  u64 max_segments = 16;
  u64 log_budget_percent = 400;
};

// Bytes a ReplayTrace holds for its checkpoints (tracked allocations, capacity included).
struct CheckpointBytes {
  std::size_t states = 0;  // the CPU state of every checkpoint
  std::size_t logs = 0;    // first-touch logs of the segments that keep them
  std::size_t images = 0;  // one memory image per segment
  std::size_t total() const { return states + logs + images; }
};

class ReplayTrace final : public TraceSource {
 public:
  // Runs the program once, serially, recording a checkpoint every checkpoint_interval rows (the
  // CPU state: all 64 registers and the expanded pc, which also fixes the position inside a
  // virtual sequence), a memory image at the start of every segment, and, for segments within
  // their log budget, a first-touch log per checkpoint: the value each RAM word had at the start
  // of the interval for every word the interval reads or writes. Throws ExecutionError.
  // `machine` must outlive the trace (visits re-execute its bytecode).
  ReplayTrace(const Machine& machine, std::span<const u8> input, ReplayOptions options = {},
              u64 max_rows = 0);

  const ExecutionSummary& summary() const override { return summary_; }
  void visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<Row> f) const override;

  u64 checkpoint_interval() const { return interval_; }
  std::size_t num_checkpoints() const { return checkpoints_.size(); }
  u64 segment_rows() const { return segment_rows_; }
  std::size_t num_segments() const { return segments_.size(); }
  std::size_t num_segments_with_logs() const;
  // Bytes held by checkpoints, first-touch logs and segment images.
  CheckpointBytes checkpoint_bytes_breakdown() const;
  std::size_t checkpoint_bytes() const { return checkpoint_bytes_breakdown().total(); }
  // Rows re-executed by visits so far (handed out, skipped to reach an unaligned begin or, in a
  // segment without logs, from the segment's start; and lookahead rows).
  u64 rows_replayed() const { return rows_replayed_.load(std::memory_order_relaxed); }

 private:
  struct Checkpoint {
    MachineState state;
    u64 log_begin = 0;  // this interval's entries are log_[log_begin, next checkpoint's log_begin)
  };
  struct Segment {
    tracked_vector<u32> image;  // words [0, image.size()) at the segment's start; the rest are 0
    bool has_logs = true;
  };
  class Cursor;
  class Recorder;
  // Halves the checkpoints (an even number): pairs merge into their first checkpoint with the
  // union of their logs, keeping the first interval's value for words both touched.
  void merge_checkpoint_pairs(tracked_vector<u32>& stamps, u32& stamp);
  // Halves the segments (an even number): pairs keep the first one's image; the logs survive
  // only when both kept theirs and together they fit the merged segment's budget.
  void merge_segment_pairs();
  // Empties the logs of the checkpoints from `first` on (the tail of log_).
  void drop_logs_from(std::size_t first);
  u64 log_end(std::size_t k) const {
    return k + 1 < checkpoints_.size() ? checkpoints_[k + 1].log_begin : log_.size();
  }
  u64 log_budget(const Segment& s) const { return s.image.size() * log_budget_percent_ / 100; }

  const Machine& machine_;
  Emulator emulator_;
  ExecutionSummary summary_;
  u64 interval_;
  u64 segment_rows_ = 0;
  u64 log_budget_percent_;
  tracked_vector<Checkpoint> checkpoints_;
  tracked_vector<MemoryWord> log_;
  std::vector<Segment> segments_;
  mutable std::atomic<u64> rows_replayed_{0};
};

}  // namespace rill::riscv
