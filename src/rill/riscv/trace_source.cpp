#include "rill/riscv/trace_source.hpp"

#include <algorithm>
#include <limits>

#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"

namespace rill::riscv {

namespace {

// Writes executed rows to consecutive array slots.
struct ArrayWriter {
  static constexpr bool kRecordsRows = true, kTracksRam = false, kTracksInstructions = false;
  Row* out;
  void row(const Row& r) { *out++ = r; }
  void ram(u32, u32) {}
  void instruction(u32) {}
};

}  // namespace

void TraceSource::check_visit(u64 begin, u64 end, std::size_t max_span) const {
  RILL_CHECK(begin <= end && end <= padded_len(), "visit range out of bounds");
  RILL_CHECK(max_span > 0, "max_span must be positive");
  counters_.on_visit(begin, end);
}

MaterializedTrace::MaterializedTrace(const Machine& machine, std::span<const u8> input,
                                     u64 max_rows) {
  // A first run that stores no rows enforces the cycle limit and counts the rows, so a guest
  // that never ends fails before the T-sized allocation, and the rows array is allocated once,
  // at its exact size (no doubling growth). Execution is cheap next to proving.
  const u64 padded_len = execute(machine, input, max_rows).padded_len;
  rows_.resize(padded_len);  // padding rows are Row{}
  Execution run(machine, input, max_rows);
  ArrayWriter writer{rows_.data()};
  while (!run.step(std::numeric_limits<u64>::max() / 2, writer)) {
  }
  summary_ = run.summary();
  RILL_CHECK_EQ(summary_.padded_len, padded_len, "the two executions differ");
}

void MaterializedTrace::visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<Row> f) const {
  check_visit(begin, end, max_span);
  static const Row kPadding{};
  for (u64 first = begin; first < end;) {
    const u64 len = std::min<u64>(max_span, end - first);
    const Row& next = first + len < rows_.size() ? rows_[first + len] : kPadding;
    f(std::span<const Row>(rows_.data() + first, len), next, first);
    first += len;
  }
}

// Logs, for each RAM word first accessed in the current interval, its value before the access
// (while the current segment keeps logs).
class ReplayTrace::Recorder {
 public:
  static constexpr bool kRecordsRows = false, kTracksRam = true, kTracksInstructions = false;
  Recorder(tracked_vector<u32>& last_touch, tracked_vector<MemoryWord>& log)
      : interval_of_last_touch_(last_touch), log_(log) {}
  void row(const Row&) {}
  void ram(u32 index, u32 before) {
    if (enabled && interval_of_last_touch_[index] != interval_tag) {
      interval_of_last_touch_[index] = interval_tag;
      log_.push_back({index, before});
    }
  }
  void instruction(u32) {}

  u32 interval_tag = 0;  // tags are never reused
  bool enabled = true;

 private:
  tracked_vector<u32>&
      interval_of_last_touch_;  // per word: the tag of the last interval that logged it
  tracked_vector<MemoryWord>& log_;
};

ReplayTrace::ReplayTrace(const Machine& machine, std::span<const u8> input, ReplayOptions options,
                         u64 max_rows)
    : machine_(machine),
      emulator_(machine.bytecode(), machine.layout()),
      interval_(options.checkpoint_interval),
      log_budget_percent_(options.log_budget_percent) {
  const bool automatic = interval_ == 0;
  if (automatic) interval_ = options.min_auto_interval;
  RILL_CHECK(is_pow2(interval_), "checkpoint interval must be a power of two");
  RILL_CHECK(is_pow2(options.max_segments) && options.max_segments >= 2,
             "max_segments must be a power of two, at least 2");
  // A segment starts as 16 intervals, so checkpoint pairs never straddle a segment boundary.
  segment_rows_ = 16 * interval_;
  Execution run(machine, input, max_rows);
  // Per word: the tag of the last interval that logged it, and the stamps merge_checkpoint_pairs
  // uses.
  tracked_vector<u32> last_touch(machine.layout().num_words(), 0), stamps;
  u32 stamp = 0;
  Recorder recorder(last_touch, log_);
  for (bool done = false; !done;) {
    const u64 row = run.state().rows_executed;  // = checkpoints_.size()·interval_
    if (row % segment_rows_ == 0) {
      // Segment boundary: halve the segments if there are as many as allowed (row is then a
      // multiple of the doubled length), then start a segment with the memory image.
      if (segments_.size() == options.max_segments) merge_segment_pairs();
      const std::span<const u32> memory = run.memory();
      Segment segment;
      segment.image.assign(memory.begin(), memory.begin() + run.highest_word() + 1);
      segment.has_logs = log_budget_percent_ > 0;
      recorder.enabled = segment.has_logs;
      segments_.push_back(std::move(segment));
    }
    checkpoints_.push_back({run.state(), log_.size()});
    ++recorder.interval_tag;
    done = run.step(interval_, recorder);
    // Over budget: the segment drops its logs at once (so they never exceed the budget by more
    // than one interval's accesses) and is replayed in order from its image.
    Segment& current = segments_.back();
    const std::size_t first = (segments_.size() - 1) * (segment_rows_ / interval_);
    if (current.has_logs && log_.size() - checkpoints_[first].log_begin > log_budget(current)) {
      drop_logs_from(first);
      current.has_logs = false;
      recorder.enabled = false;
    }
    if (automatic && !done && checkpoints_.size() > interval_ && checkpoints_.size() % 2 == 0 &&
        segment_rows_ >= 2 * interval_) {
      if (stamps.empty()) stamps.assign(last_touch.size(), 0);
      merge_checkpoint_pairs(stamps, stamp);
      interval_ *= 2;
    }
  }
  log_.shrink_to_fit();
  summary_ = run.summary();
}

void ReplayTrace::drop_logs_from(std::size_t first) {
  const u64 begin = checkpoints_[first].log_begin;
  log_.resize(begin);
  for (std::size_t k = first; k < checkpoints_.size(); ++k) checkpoints_[k].log_begin = begin;
}

void ReplayTrace::merge_checkpoint_pairs(tracked_vector<u32>& stamps, u32& stamp) {
  // A word in the second interval's log but not the first's was untouched during the first, so
  // its value at the start of the second is its value at the start of the first.
  tracked_vector<Checkpoint> merged;
  tracked_vector<MemoryWord> merged_log;
  merged.reserve(checkpoints_.size() / 2);
  merged_log.reserve(log_.size());
  for (std::size_t a = 0; a < checkpoints_.size(); a += 2) {
    merged.push_back({checkpoints_[a].state, merged_log.size()});
    ++stamp;
    for (u64 i = checkpoints_[a].log_begin; i < log_end(a); ++i) {
      stamps[log_[i].index] = stamp;
      merged_log.push_back(log_[i]);
    }
    for (u64 i = checkpoints_[a + 1].log_begin; i < log_end(a + 1); ++i) {
      if (stamps[log_[i].index] != stamp) merged_log.push_back(log_[i]);
    }
  }
  checkpoints_ = std::move(merged);
  log_ = std::move(merged_log);
}

void ReplayTrace::merge_segment_pairs() {
  const std::size_t per_segment = segment_rows_ / interval_;  // checkpoints per (old) segment
  RILL_CHECK(segments_.size() % 2 == 0 && checkpoints_.size() == segments_.size() * per_segment,
             "segments merge at a boundary, in pairs");
  std::vector<Segment> merged;
  tracked_vector<MemoryWord> merged_log;
  merged_log.reserve(log_.size());
  for (std::size_t a = 0; a < segments_.size(); a += 2) {
    const std::size_t first = a * per_segment, last = (a + 2) * per_segment;  // [first, last)
    const u64 entries = log_end(last - 1) - checkpoints_[first].log_begin;
    Segment segment{std::move(segments_[a].image), false};
    segment.has_logs =
        segments_[a].has_logs && segments_[a + 1].has_logs && entries <= log_budget(segment);
    for (std::size_t k = first; k < last; ++k) {
      const u64 lo = checkpoints_[k].log_begin, hi = log_end(k);
      checkpoints_[k].log_begin = merged_log.size();
      if (segment.has_logs)
        merged_log.insert(merged_log.end(), log_.begin() + lo, log_.begin() + hi);
    }
    merged.push_back(std::move(segment));
  }
  segments_ = std::move(merged);
  log_ = std::move(merged_log);
  segment_rows_ *= 2;
}

std::size_t ReplayTrace::num_segments_with_logs() const {
  return static_cast<std::size_t>(std::count_if(segments_.begin(), segments_.end(),
                                                [](const Segment& s) { return s.has_logs; }));
}

CheckpointBytes ReplayTrace::checkpoint_bytes_breakdown() const {
  CheckpointBytes bytes;
  bytes.states = checkpoints_.capacity() * sizeof(Checkpoint);
  bytes.logs = log_.capacity() * sizeof(MemoryWord);
  for (const Segment& s : segments_) bytes.images += s.image.capacity() * sizeof(u32);
  return bytes;
}

// Re-executes the trace forward from a checkpoint on its own working memory (K_ram words: replay
// touches only what the first run touched). In a segment with logs the working memory starts
// uninitialized: replaying interval k reads and writes only words in k's first-touch log, and
// those are set from the log on entering k (overwriting is exact, replay being bit-identical).
// A segment without logs is entered at its start only, from its image (the rest zeroed); from
// then on the working memory is the machine's whole memory and stays so.
class ReplayTrace::Cursor {
 public:
  Cursor(const ReplayTrace& trace, u64 begin)
      : trace_(trace),
        words_(static_cast<std::size_t>(
            std::min<u64>(trace.summary_.k_ram, trace.machine_.layout().num_words()))),
        memory_(static_cast<u32*>(memory::allocate(words_ * sizeof(u32), alignof(u32))),
                TrackedFree{words_ * sizeof(u32)}),
        next_(begin) {
    // The halting check reads the panic and termination words without touching them (so they
    // are not in the first-touch log); give them a defined value. The halt is the trace's last
    // row, where the row budget stops the replay anyway.
    const MemoryLayout& layout = trace.machine_.layout();
    memory_.get()[layout.word_index(layout.panic_address())] = 0;
    memory_.get()[layout.word_index(layout.termination_address())] = 0;
    if (begin >= trace.summary_.rows) return;
    const u64 s = begin / trace.segment_rows_;
    // With logs: start at the checkpoint at or before begin; without: at the segment's start.
    const u64 start = trace.segments_[s].has_logs ? begin / trace.interval_ * trace.interval_
                                                  : s * trace.segment_rows_;
    state_ = trace.checkpoints_[start / trace.interval_].state;
    next_ = start;
    skip(begin - next_);
  }

  // Writes the next `count` rows (NoOp past the end of the trace) to out.
  void produce(Row* out, u64 count) {
    while (count > 0) {
      const u64 n = prepare(count);
      if (n == 0) {  // past the trace: padding
        std::fill(out, out + count, Row{});
        next_ += count;
        return;
      }
      ArrayWriter writer{out};
      trace_.emulator_.run(state_, std::span<u32>(memory_.get(), words_), n, writer);
      out += n;
      count -= n;
    }
  }

 private:
  void skip(u64 count) {
    while (count > 0) {
      const u64 n = prepare(count);
      NullObserver none;
      trace_.emulator_.run(state_, std::span<u32>(memory_.get(), words_), n, none);
      count -= n;
    }
  }

  // Enters the interval of next_ if needed and returns how many of `wanted` rows can run before
  // the next interval or the end of the trace (0 past the end); advances next_ by that many.
  u64 prepare(u64 wanted) {
    const u64 rows = trace_.summary_.rows, interval = trace_.interval_;
    if (next_ >= rows) return 0;
    const u64 k = next_ / interval;
    if (k != entered_) {
      const Segment& segment = trace_.segments_[next_ / trace_.segment_rows_];
      u32* memory = memory_.get();
      if (segment.has_logs) {
        for (u64 i = trace_.checkpoints_[k].log_begin; i < trace_.log_end(k); ++i) {
          memory[trace_.log_[i].index] = trace_.log_[i].value;
        }
      } else if (!whole_) {
        RILL_CHECK(next_ % trace_.segment_rows_ == 0,
                   "a segment without logs is entered at its start");
        std::copy(segment.image.begin(), segment.image.end(), memory);
        std::fill(memory + segment.image.size(), memory + words_, 0u);
        whole_ = true;
      }
      entered_ = k;
    }
    const u64 n = std::min({wanted, (k + 1) * interval - next_, rows - next_});
    next_ += n;
    trace_.rows_replayed_.fetch_add(n, std::memory_order_relaxed);
    return n;
  }

  const ReplayTrace& trace_;
  // Frees the working memory through the tracked allocator.
  struct TrackedFree {
    std::size_t bytes;
    void operator()(u32* p) const noexcept { memory::deallocate(p, bytes, alignof(u32)); }
  };
  std::size_t words_;
  std::unique_ptr<u32, TrackedFree> memory_;  // uninitialized on purpose (see the class comment)
  MachineState state_;
  u64 next_;  // index of the next row the emulator will produce
  u64 entered_ = std::numeric_limits<u64>::max();
  bool whole_ = false;  // the working memory holds every word (entered from an image)
};

void ReplayTrace::visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<Row> f) const {
  check_visit(begin, end, max_span);
  if (begin == end) return;
  Cursor cursor(*this, begin);
  // buffer[0, len) is the span, buffer[len] its lookahead, which becomes the next span's first row.
  tracked_vector<Row> buffer(std::min<u64>(max_span, end - begin) + 1);
  u64 first = begin, len = std::min<u64>(max_span, end - begin);
  cursor.produce(buffer.data(), len + 1);
  for (;;) {
    f(std::span<const Row>(buffer.data(), len), buffer[len], first);
    first += len;
    if (first >= end) break;
    buffer[0] = buffer[len];
    const u64 next_len = std::min<u64>(max_span, end - first);
    cursor.produce(buffer.data() + 1, next_len);
    len = next_len;
  }
}

}  // namespace rill::riscv
