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

// Logs, for each RAM word first accessed in the current interval, its value before the access.
struct FirstTouchRecorder {
  static constexpr bool kRecordsRows = false, kTracksRam = true, kTracksInstructions = false;
  tracked_vector<u32>& interval_of_last_touch;  // per word: 1 + the last interval that logged it
  tracked_vector<MemoryWord>& log;
  u32 interval_tag = 0;
  void row(const Row&) {}
  void ram(u32 index, u32 before) {
    if (interval_of_last_touch[index] != interval_tag) {
      interval_of_last_touch[index] = interval_tag;
      log.push_back({index, before});
    }
  }
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

ReplayTrace::ReplayTrace(const Machine& machine, std::span<const u8> input, ReplayOptions options,
                         u64 max_rows)
    : machine_(machine),
      emulator_(machine.bytecode(), machine.layout()),
      interval_(options.checkpoint_interval) {
  const bool automatic = interval_ == 0;
  if (automatic) interval_ = options.min_auto_interval;
  RILL_CHECK(is_pow2(interval_), "checkpoint interval must be a power of two");
  Execution run(machine, input, max_rows);
  // Per word: the tag of the last interval that logged it (tags are never reused), and the
  // stamps merge_checkpoint_pairs uses.
  tracked_vector<u32> last_touch(machine.layout().num_words(), 0), stamps;
  u32 stamp = 0;
  FirstTouchRecorder recorder{last_touch, log_};
  for (bool done = false; !done;) {
    checkpoints_.push_back({run.state(), log_.size()});
    ++recorder.interval_tag;
    done = run.step(interval_, recorder);
    if (automatic && !done && checkpoints_.size() > interval_ && checkpoints_.size() % 2 == 0) {
      if (stamps.empty()) stamps.assign(last_touch.size(), 0);
      merge_checkpoint_pairs(stamps, stamp);
      interval_ *= 2;
    }
  }
  log_.shrink_to_fit();
  summary_ = run.summary();
}

void ReplayTrace::merge_checkpoint_pairs(tracked_vector<u32>& stamps, u32& stamp) {
  // A word in the second interval's log but not the first's was untouched during the first, so
  // its value at the start of the second is its value at the start of the first.
  auto log_end = [&](std::size_t k) {
    return k + 1 < checkpoints_.size() ? checkpoints_[k + 1].log_begin : log_.size();
  };
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

std::size_t ReplayTrace::checkpoint_bytes() const {
  return checkpoints_.capacity() * sizeof(Checkpoint) + log_.capacity() * sizeof(MemoryWord);
}

// Re-executes the trace forward from a checkpoint on its own working memory. The working memory
// is never cleared: replaying interval k reads and writes only words in k's first-touch log, and
// those are set from the log on entering k (overwriting is exact, replay being bit-identical).
class ReplayTrace::Cursor {
 public:
  Cursor(const ReplayTrace& trace, u64 begin)
      : trace_(trace),
        words_(trace.machine_.layout().num_words()),
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
    const u64 k = begin / trace.interval_;
    state_ = trace.checkpoints_[k].state;
    next_ = k * trace.interval_;
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
      const u64 lo = trace_.checkpoints_[k].log_begin;
      const u64 hi = k + 1 < trace_.checkpoints_.size() ? trace_.checkpoints_[k + 1].log_begin
                                                        : trace_.log_.size();
      u32* memory = memory_.get();
      for (u64 i = lo; i < hi; ++i) memory[trace_.log_[i].index] = trace_.log_[i].value;
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
