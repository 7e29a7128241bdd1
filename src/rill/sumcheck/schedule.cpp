#include "rill/sumcheck/schedule.hpp"

#include <algorithm>
#include <cmath>

#include "rill/util/check.hpp"

namespace rill {

Schedule Schedule::linear_only(unsigned num_rounds) { return from_windows(num_rounds, {}); }

Schedule Schedule::half_split(unsigned num_rounds, unsigned degree, unsigned max_window) {
  RILL_CHECK(degree >= 1 && max_window >= 1, "bad schedule parameters");
  const unsigned target = num_rounds / 2;
  // Largest ω with (D+1)^ω <= kMaxGridEntries.
  unsigned grid_cap = 0;
  for (unsigned long size = degree + 1; size <= kMaxGridEntries; size *= degree + 1) ++grid_cap;
  const unsigned cap = std::max(1u, std::min(max_window, grid_cap));
  const double ratio =
      degree == 1 ? static_cast<double>(cap) : std::log(2.0) / std::log((degree + 1) / 2.0);
  std::vector<unsigned> sizes;
  for (unsigned i = 0; i < target;) {
    auto w = static_cast<unsigned>(std::lround(ratio * i));
    w = std::clamp(w, 1u, cap);
    w = std::min(w, target - i);
    sizes.push_back(w);
    i += w;
  }
  return from_windows(num_rounds, std::move(sizes));
}

Schedule Schedule::from_windows(unsigned num_rounds, std::vector<unsigned> sizes) {
  Schedule s;
  s.num_rounds_ = num_rounds;
  for (unsigned size : sizes) {
    RILL_CHECK(size >= 1, "empty window");
    s.windows_.push_back({s.switch_, size});
    s.switch_ += size;
  }
  RILL_CHECK(num_rounds == 0 ? s.switch_ == 0 : s.switch_ < num_rounds,
             "windows must end before the last round");
  return s;
}

bool Schedule::needs_pass(unsigned round) const {
  if (round == switch_) return true;
  if (round > switch_) return false;
  return window_of(round).start == round;
}

const Window& Schedule::window_of(unsigned round) const {
  RILL_CHECK(round < switch_, "round is past the streaming windows");
  auto it = std::upper_bound(windows_.begin(), windows_.end(), round,
                             [](unsigned r, const Window& w) { return r < w.start; });
  return *(it - 1);
}

}  // namespace rill
