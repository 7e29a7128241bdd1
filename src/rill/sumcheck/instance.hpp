// The sumcheck instance interface: what a batched prover drives, round by round.
//
// An instance proves Σ_{x∈{0,1}^n} g(x) = claim. Round j (local to the instance, 0-based) binds
// variable x_j, the least significant bit of the index (low-to-high binding, docs/protocol.md);
// the instance answers with h_j(X) = Σ_{x'} g(r_0, …, r_{j−1}, X, x'), a polynomial of its
// declared degree, then binds x_j to the challenge r_j.
//
// Instances never touch the transcript: the batched prover (batched.hpp) owns it. An instance
// that streams its data from a ChunkSource derives from StreamingInstance<Record> and says which
// rounds need a pass; the PassDriver (pass_driver.hpp) runs one pass per such round for all
// instances of a batch and hands each its chunks through a PassConsumer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "rill/field/fr.hpp"
#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/schedule.hpp"
#include "rill/util/check.hpp"

namespace rill {

class SumcheckInstance {
 public:
  virtual ~SumcheckInstance() = default;

  virtual unsigned num_rounds() const = 0;
  // Declared degree of every round polynomial (they are serialized at this degree).
  virtual unsigned degree() const = 0;
  virtual Fr input_claim() const = 0;

  // h_round(X); `claim` is this instance's running claim h_{round−1}(r_{round−1}) (the input
  // claim in round 0), which an instance may use to save one evaluation: h(1) = claim − h(0).
  virtual UniPoly round_poly(unsigned round, const Fr& claim) = 0;
  virtual void bind(unsigned round, const Fr& challenge) = 0;
};

// Partial result of one pass over a contiguous range of records (one per instance per worker;
// a worker folds its range's spans in order); ranges are merged in index order, each into the
// one before it.
template <class Record>
class SegmentAccumulator {
 public:
  virtual ~SegmentAccumulator() = default;
  // Records [first, first + rows.size()) of this segment, in order; `next` is the record after.
  virtual void fold(std::span<const Record> rows, const Record& next, std::uint64_t first) = 0;
  // Absorbs the accumulator of the range that immediately follows this one.
  virtual void merge(SegmentAccumulator& later) = 0;
};

// What one instance does with one pass.
template <class Record>
class PassConsumer {
 public:
  virtual ~PassConsumer() = default;
  virtual std::unique_ptr<SegmentAccumulator<Record>> new_segment() = 0;
  // Receives the merged accumulator of the whole pass.
  virtual void finish(std::unique_ptr<SegmentAccumulator<Record>> total) = 0;
};

template <class Record>
class StreamingInstance : public SumcheckInstance {
 public:
  // Does local round `round` need a pass over the source before round_poly(round)?
  virtual bool needs_pass(unsigned round) const = 0;
  virtual std::unique_ptr<PassConsumer<Record>> begin_pass(unsigned round) = 0;

  // An instance whose windows its batch may plan (PassDriver::plan, BatchPlan::planned): one
  // given an automatic schedule for a product phase of `rounds` rounds from its local round
  // `first_round`, that has not begun it, says what the phase's passes cost; any other says
  // nothing and keeps its schedule.
  struct PlanRequest {
    unsigned first_round;
    unsigned rounds;
    unsigned switch_round;  // of the phase (local to it), kept by the plan
    PassCost cost;
    unsigned max_window;
  };
  virtual std::optional<PlanRequest> plan_request() const { return std::nullopt; }
  // The schedule the batch planned for that phase (its rounds, switching at switch_round).
  virtual void adopt_schedule(Schedule schedule) {
    (void)schedule;
    RILL_CHECK(false, "this instance plans its own schedule");
  }
};

}  // namespace rill
