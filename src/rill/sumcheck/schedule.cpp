#include "rill/sumcheck/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

double PassCost::window(unsigned start, unsigned size) const {
  const double width = grid_degree + 1.0;
  // A one-round window skips the grid point 1 (h(1) comes from the claim).
  const double evaluated = size == 1 ? width - 1 : std::pow(width, size);
  const double fold = start == 0 ? fold_first : fold_bound;
  return fold + evaluated / std::ldexp(1.0, static_cast<int>(start + size)) * per_point;
}

Schedule Schedule::planned(unsigned num_rounds, const PassCost& cost, unsigned max_window) {
  return planned(num_rounds, cost, max_window, {}, num_rounds / 2);
}

Schedule Schedule::planned(unsigned num_rounds, const PassCost& cost, unsigned max_window,
                           const std::function<double(unsigned)>& start_charge,
                           unsigned switch_round) {
  RILL_CHECK(cost.grid_degree >= 1 && max_window >= 1, "bad schedule parameters");
  RILL_CHECK(switch_round <= num_rounds / 2, "the switch is at most ⌊n/2⌋");
  const unsigned target = switch_round;
  const double width = cost.grid_degree + 1.0;
  // best[j]: the least cost of windows covering rounds [0, j); last[j]: the last window's size.
  std::vector<double> best(target + 1, std::numeric_limits<double>::infinity());
  std::vector<unsigned> last(target + 1, 0);
  best[0] = 0;
  for (unsigned j = 1; j <= target; ++j) {
    double points = 1;  // (D+1)^ω
    for (unsigned w = 1; w <= std::min(j, max_window); ++w) {
      points *= width;
      if (points > static_cast<double>(kMaxGridEntries)) break;
      const unsigned i = j - w;
      const double c =
          best[i] + cost.window(i, w) + (i == 0 || !start_charge ? 0.0 : start_charge(i));
      if (c < best[j]) {
        best[j] = c;
        last[j] = w;
      }
    }
    RILL_CHECK(last[j] > 0, "no window fits the grid limit");
  }
  std::vector<unsigned> sizes;
  for (unsigned j = target; j > 0; j -= last[j]) sizes.push_back(last[j]);
  std::reverse(sizes.begin(), sizes.end());
  return from_windows(num_rounds, std::move(sizes));
}

double Schedule::modelled_cost(const PassCost& cost) const {
  double total = 0;
  for (const Window& w : windows()) total += cost.window(w.start, w.size);
  return total;
}

Schedule Schedule::automatic(unsigned num_rounds, unsigned max_window, unsigned switch_early) {
  RILL_CHECK(max_window >= 1, "bad schedule parameters");
  Schedule s;
  s.num_rounds_ = num_rounds;
  s.automatic_ = true;
  s.max_window_ = max_window;
  s.switch_early_ = switch_early;
  return s;
}

unsigned Schedule::planned_switch() const {
  RILL_CHECK(automatic_, "only an automatic schedule is planned");
  const unsigned half = num_rounds_ / 2;
  return half > switch_early_ ? half - switch_early_ : std::min(half, 1u);
}

void Schedule::check_resolved() const {
  RILL_CHECK(!automatic_, "an automatic schedule is resolved by the instance that receives it");
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
  check_resolved();
  if (round == switch_) return true;
  if (round > switch_) return false;
  return window_of(round).start == round;
}

const Window& Schedule::window_of(unsigned round) const {
  check_resolved();
  RILL_CHECK(round < switch_, "round is past the streaming windows");
  auto it = std::upper_bound(windows_.begin(), windows_.end(), round,
                             [](unsigned r, const Window& w) { return r < w.start; });
  return *(it - 1);
}

}  // namespace rill
