// Sumcheck schedules: which rounds are answered from passes over a source, and how
// (docs/streaming.md, "Sumcheck schedules"; reference streaming.md §2.5).
//
// Rounds [0, switch) are covered by consecutive windows; each window costs one pass over the
// source, after which its rounds are answered from a small grid. Round `switch` costs one more
// pass that materializes the factors bound to r_0..r_{switch−1} (arrays of 2^{n−switch}
// entries); from there the rounds run in memory. So a schedule makes windows + 1 passes, and
// the linear schedule (switch 0, no windows) is one materializing pass.
#pragma once

#include <vector>

namespace rill {

struct Window {
  unsigned start;
  unsigned size;
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
  // Explicit consecutive windows from round 0; the switch is the sum of their sizes (< n).
  static Schedule from_windows(unsigned num_rounds, std::vector<unsigned> sizes);

  static constexpr unsigned long kMaxGridEntries = 1ul << 16;

  unsigned num_rounds() const { return num_rounds_; }
  unsigned switch_round() const { return switch_; }
  const std::vector<Window>& windows() const { return windows_; }

  bool needs_pass(unsigned round) const;
  // The window that contains `round` (round < switch_round()).
  const Window& window_of(unsigned round) const;
  // Passes the schedule makes: one per window plus the materializing one.
  unsigned passes() const { return static_cast<unsigned>(windows_.size()) + 1; }

 private:
  unsigned num_rounds_ = 0;
  unsigned switch_ = 0;
  std::vector<Window> windows_;
};

}  // namespace rill
