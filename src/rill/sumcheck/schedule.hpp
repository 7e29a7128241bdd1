// Sumcheck schedules: which rounds are answered from passes over a source, and how
// (docs/streaming.md, "Sumcheck schedules"; reference streaming.md §2.5).
//
// Rounds [0, switch) are covered by consecutive windows; each window costs one pass over the
// source, after which its rounds are answered from a small grid. Round `switch` costs one more
// pass that materializes the factors bound to r_0..r_{switch−1} (arrays of 2^{n−switch}
// entries); from there the rounds run in memory. So a schedule makes windows + 1 passes, and
// the linear schedule (switch 0, no windows) is one materializing pass.
#pragma once

#include <functional>
#include <vector>

namespace rill {

struct Window {
  unsigned start;
  unsigned size;
};

// What one streaming pass of an instance costs, per record and per grid point, in units of one
// field multiplication (Schedule::planned). A window of ω rounds starting at round i costs
//   fold(i) + (D+1)^ω / 2^{i+ω} · per_point          per record,
// the fold reading every record once and the grid evaluating the summand at (D+1)^ω points for
// each head block of 2^{i+ω} records (D points when ω = 1: h(1) follows from the claim).
struct PassCost {
  unsigned grid_degree = 1;  // D
  double fold_first = 0;     // fold(0): nothing bound, the factors are added as they are
  double fold_bound = 0;     // fold(i), i >= 1: each factor scaled by eq(r_{<i}, b)
  double per_point = 0;      // one grid point of one head block: the summand and the extensions

  // The modelled cost per record of the window of `size` rounds starting at round `start`.
  double window(unsigned start, unsigned size) const;
};

class Schedule {
 public:
  // Materialize at round 0: the linear prover.
  static Schedule linear_only(unsigned num_rounds);
  // The half split: windows up to ⌊n/2⌋, so the materialized arrays hold 2^{⌈n/2⌉} entries.
  // Window sizes follow the cost model ω ≈ i·ln2 / ln((D+1)/2) for a grid of degree D (a window
  // costs about N/2^{i+ω}·(D+1)^ω grid work against N records read), at least 1, at most
  // max_window and such that (D+1)^ω <= kMaxGridEntries; the last window is cut at the switch.
  static Schedule half_split(unsigned num_rounds, unsigned degree, unsigned max_window = 10);
  // The windows over rounds [0, ⌊n/2⌋) (the half split's switch, so the same memory) that
  // minimize the PassCost model, by dynamic programming over the window ends; each window at
  // most max_window rounds with (D+1)^ω <= kMaxGridEntries.
  static Schedule planned(unsigned num_rounds, const PassCost& cost, unsigned max_window = 10);
  // The same with the switch at `switch_round` (<= ⌊n/2⌋) instead of ⌊n/2⌋, and start_charge(i)
  // (when not empty) added for a window that starts at round i > 0 (BatchPlan::planned charges
  // the replay of a pass the batch would not make otherwise).
  static Schedule planned(unsigned num_rounds, const PassCost& cost, unsigned max_window,
                          const std::function<double(unsigned)>& start_charge,
                          unsigned switch_round);
  // Σ over the windows of cost.window(start, size): the quantity Schedule::planned minimizes.
  double modelled_cost(const PassCost& cost) const;
  // A streaming schedule left to the instance: the instance that receives it replaces it by
  // Schedule::planned from its own PassCost (StreamingProductSumcheck); any other use is an
  // error. So a stage asks for "streaming" without knowing its instances' shapes. The switch is
  // ⌊n/2⌋ − switch_early (at least 1 when ⌊n/2⌋ is): materialized arrays of 2^{⌈n/2⌉ + early}
  // entries, still O(√N), for switch_early fewer window passes.
  static Schedule automatic(unsigned num_rounds, unsigned max_window = 10,
                            unsigned switch_early = 0);
  bool is_automatic() const { return automatic_; }
  // The switch an automatic schedule is planned with.
  unsigned planned_switch() const;
  // Materializes at round 0 (Schedule::linear_only): false for an automatic schedule, which
  // always streams.
  bool is_linear() const { return !automatic_ && switch_ == 0; }
  unsigned max_window() const { return max_window_; }
  // Explicit consecutive windows from round 0; the switch is the sum of their sizes (< n).
  static Schedule from_windows(unsigned num_rounds, std::vector<unsigned> sizes);

  static constexpr unsigned long kMaxGridEntries = 1ul << 16;

  unsigned num_rounds() const { return num_rounds_; }
  unsigned switch_round() const {
    check_resolved();
    return switch_;
  }
  const std::vector<Window>& windows() const {
    check_resolved();
    return windows_;
  }

  bool needs_pass(unsigned round) const;
  // The window that contains `round` (round < switch_round()).
  const Window& window_of(unsigned round) const;
  // Passes the schedule makes: one per window plus the materializing one.
  unsigned passes() const {
    check_resolved();
    return static_cast<unsigned>(windows_.size()) + 1;
  }

 private:
  void check_resolved() const;

  unsigned num_rounds_ = 0;
  unsigned switch_ = 0;
  std::vector<Window> windows_;
  bool automatic_ = false;
  unsigned max_window_ = 10;
  unsigned switch_early_ = 0;
};

}  // namespace rill
