#include "rill/sumcheck/batch_plan.hpp"

#include <algorithm>

#include "rill/util/check.hpp"

namespace rill {

namespace {

unsigned total_rounds(std::span<const PlanItem> items) {
  unsigned n = 0;
  for (const PlanItem& it : items) {
    RILL_CHECK(it.rounds >= 1, "an instance has at least one round");
    n = std::max(n, it.offset + it.rounds);
  }
  return n;
}

std::vector<unsigned> sorted_unique(std::vector<unsigned> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

BatchPlan BatchPlan::half_split(std::span<const PlanItem> items, unsigned degree,
                                unsigned max_window) {
  BatchPlan plan;
  plan.items_.assign(items.begin(), items.end());
  const unsigned n = total_rounds(items);
  const Schedule whole = Schedule::half_split(n, degree, max_window);
  std::vector<unsigned> rounds;
  for (const Window& w : whole.windows()) rounds.push_back(w.start);
  rounds.push_back(whole.switch_round());
  for (const PlanItem& it : items) rounds.push_back(it.offset);
  // Keep only rounds some instance is active in (a window start in a gap between instances
  // would be a pass nobody reads).
  std::erase_if(rounds, [&](unsigned g) {
    return std::none_of(items.begin(), items.end(), [&](const PlanItem& it) {
      return g >= it.offset && g < it.offset + it.rounds;
    });
  });
  plan.pass_rounds_ = sorted_unique(std::move(rounds));
  return plan;
}

BatchPlan BatchPlan::linear(std::span<const PlanItem> items) {
  BatchPlan plan;
  plan.items_.assign(items.begin(), items.end());
  (void)total_rounds(items);
  std::vector<unsigned> rounds;
  for (const PlanItem& it : items) rounds.push_back(it.offset);
  plan.pass_rounds_ = sorted_unique(std::move(rounds));
  return plan;
}

Schedule BatchPlan::schedule(std::size_t i) const {
  RILL_CHECK(i < items_.size(), "no such instance in the plan");
  const PlanItem& it = items_[i];
  // Local pass rounds: P ∩ [offset, offset + n), shifted; the first is 0 (offset ∈ P).
  std::vector<unsigned> local;
  for (unsigned g : pass_rounds_)
    if (g >= it.offset && g < it.offset + it.rounds) local.push_back(g - it.offset);
  RILL_CHECK(!local.empty() && local.front() == 0, "an instance's first round is a pass round");
  // Windows between consecutive pass rounds; the last pass round materializes.
  std::vector<unsigned> sizes;
  for (std::size_t k = 0; k + 1 < local.size(); ++k) sizes.push_back(local[k + 1] - local[k]);
  return Schedule::from_windows(it.rounds, std::move(sizes));
}

}  // namespace rill
