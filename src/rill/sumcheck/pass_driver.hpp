// The pass driver: one pass over a ChunkSource per round that needs one, shared by every
// instance of a batch (ARCHITECTURE.md §2, reference streaming.md §7.1).
//
// Register the batch's streaming instances with their round offsets, then hand the driver to
// prove_batched as its RoundHook. Before global round g the driver asks each instance whether
// its local round g − offset needs a pass; if any does, it makes one parallel pass
// (util/chunk_source.hpp: parallel_pass) in which every chunk goes to every such instance's
// accumulator. Each worker thread keeps one accumulator per instance and folds a contiguous run
// of segments into it, in order; the workers' accumulators are merged in index order and each
// instance's consumer receives the total. Memory: threads × accumulators, whatever the segment
// length.
#pragma once

#include <algorithm>
#include <memory>
#include <numeric>
#include <span>
#include <vector>

#include "rill/sumcheck/batch_plan.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/parallel.hpp"

namespace rill {

struct PassOptions {
  // Records per parallel segment (a multiple of the source's align()); 0 picks about four
  // segments per thread.
  std::uint64_t segment_records = 0;
  // Records per visitor call.
  std::size_t max_span = 1 << 12;
  // 0, or a power of two every segment (hence every worker's range) starts at a multiple of,
  // e.g. 2^σ for a pass that builds commitment blocks of 2^σ cycles.
  std::uint64_t alignment = 0;
};

// The segment length of a pass with these options over `source`: segment_records (or about four
// segments per thread), rounded down to a multiple of the source's align() and of the alignment.
template <ChunkSource S>
std::uint64_t pass_segment_records(const S& source, const PassOptions& options) {
  std::uint64_t unit = source.align();
  if (options.alignment != 0) {
    RILL_CHECK(is_pow2(options.alignment), "pass alignment must be a power of two");
    unit = std::lcm(unit, options.alignment);
  }
  std::uint64_t len = options.segment_records;
  if (len == 0) len = source.padded_len() / (4 * std::max<std::size_t>(1, thread_count()));
  return std::max<std::uint64_t>(unit, len / unit * unit);
}

template <ChunkSource S>
class PassDriver final : public RoundHook {
 public:
  using Record = typename S::Record;

  explicit PassDriver(const S& source, PassOptions options = {})
      : source_(source), options_(options) {}

  void add(StreamingInstance<Record>& instance, unsigned round_offset) {
    entries_.push_back({&instance, round_offset});
  }
  // Registers the instances of a batch that stream from this source's record type.
  void add(std::span<const BatchItem> items) {
    for (const auto& it : items)
      if (auto* s = dynamic_cast<StreamingInstance<Record>*>(it.instance)) add(*s, it.round_offset);
  }

  // Registers a consumer that is not an instance's round (a pushforward, a sidecar) to read the
  // pass before global round `round`: it rides along with that round's pass when the batch makes
  // one, and the round gets a pass of its own otherwise.
  void add_consumer(unsigned global_round, std::unique_ptr<PassConsumer<Record>> consumer) {
    extras_.push_back({global_round, std::move(consumer)});
  }

  void before_round(unsigned global_round) override {
    std::vector<std::unique_ptr<PassConsumer<Record>>> consumers;
    for (auto& x : extras_)
      if (x.round == global_round && x.consumer) consumers.push_back(std::move(x.consumer));
    for (const auto& e : entries_) {
      if (global_round < e.offset) continue;
      const unsigned local = global_round - e.offset;
      if (local < e.instance->num_rounds() && e.instance->needs_pass(local))
        consumers.push_back(e.instance->begin_pass(local));
    }
    if (!consumers.empty()) run_pass(consumers);
  }

  // Plans the windows of every registered instance that leaves them to its batch (plan_request)
  // together, BatchPlan::planned with `pass_charge` per pass per record, and hands each its
  // schedule. Call once, after registering and before the first round. Returns the passes of the
  // plan (those instances' pass rounds; instances that plan themselves may add more).
  unsigned plan(double pass_charge) {
    std::vector<StreamingInstance<Record>*> planned;
    std::vector<PlanItem> items;
    std::vector<PassCost> costs;
    unsigned max_window = ~0u;
    for (const Entry& e : entries_) {
      const auto request = e.instance->plan_request();
      if (!request) continue;
      planned.push_back(e.instance);
      items.push_back({request->rounds, e.offset + request->first_round, request->switch_round});
      costs.push_back(request->cost);
      max_window = std::min(max_window, request->max_window);
    }
    if (planned.empty()) return 0;
    const BatchPlan plan = BatchPlan::planned(items, costs, pass_charge, max_window);
    for (std::size_t i = 0; i < planned.size(); ++i) planned[i]->adopt_schedule(plan.schedule(i));
    return plan.passes();
  }

  // Passes made so far.
  unsigned passes() const { return passes_; }

 private:
  struct Entry {
    StreamingInstance<Record>* instance;
    unsigned offset;
  };
  struct Extra {
    unsigned round;
    std::unique_ptr<PassConsumer<Record>> consumer;  // null once its pass has run
  };
  using Accs = std::vector<std::unique_ptr<SegmentAccumulator<Record>>>;

  std::uint64_t segment_records() const { return pass_segment_records(source_, options_); }

  void run_pass(std::vector<std::unique_ptr<PassConsumer<Record>>>& consumers) {
    Accs total = parallel_pass(
        source_, segment_records(), options_.max_span,
        [&] {
          Accs accs;
          for (auto& c : consumers) accs.push_back(c->new_segment());
          return accs;
        },
        [&](Accs& accs, std::span<const Record> rows, const Record& next, std::uint64_t first) {
          for (auto& a : accs) a->fold(rows, next, first);
        },
        [&](Accs& accs, Accs&& later) {
          for (std::size_t c = 0; c < accs.size(); ++c) accs[c]->merge(*later[c]);
        });
    for (std::size_t c = 0; c < consumers.size(); ++c) consumers[c]->finish(std::move(total[c]));
    ++passes_;
  }

  const S& source_;
  PassOptions options_;
  std::vector<Entry> entries_;
  std::vector<Extra> extras_;
  unsigned passes_ = 0;
};

}  // namespace rill
