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

// The global rounds at which instance `it` with local schedule `s` needs a pass.
void add_pass_rounds(const PlanItem& it, const Schedule& s, std::vector<unsigned>& out) {
  for (unsigned r = 0; r < s.num_rounds(); ++r)
    if (s.needs_pass(r)) out.push_back(it.offset + r);
}

// Local schedules with their windows between consecutive rounds of `pass_rounds` inside each
// instance's range, materializing at the last one.
std::vector<Schedule> follow(std::span<const PlanItem> items,
                             const std::vector<unsigned>& pass_rounds) {
  std::vector<Schedule> schedules;
  for (const PlanItem& it : items) {
    // Local pass rounds: P ∩ [offset, offset + n), shifted; the first is 0 (offset ∈ P).
    std::vector<unsigned> local;
    for (unsigned g : pass_rounds)
      if (g >= it.offset && g < it.offset + it.rounds) local.push_back(g - it.offset);
    RILL_CHECK(!local.empty() && local.front() == 0, "an instance's first round is a pass round");
    std::vector<unsigned> sizes;
    for (std::size_t k = 0; k + 1 < local.size(); ++k) sizes.push_back(local[k + 1] - local[k]);
    schedules.push_back(Schedule::from_windows(it.rounds, std::move(sizes)));
  }
  return schedules;
}

}  // namespace

BatchPlan BatchPlan::of_schedules(std::span<const PlanItem> items,
                                  std::vector<Schedule> schedules) {
  RILL_CHECK_EQ(items.size(), schedules.size(), "one schedule per instance");
  (void)total_rounds(items);
  BatchPlan plan;
  std::vector<unsigned> rounds;
  for (std::size_t i = 0; i < items.size(); ++i) {
    RILL_CHECK_EQ(schedules[i].num_rounds(), items[i].rounds, "schedule of another round count");
    add_pass_rounds(items[i], schedules[i], rounds);
  }
  plan.schedules_ = std::move(schedules);
  plan.pass_rounds_ = sorted_unique(std::move(rounds));
  return plan;
}

BatchPlan BatchPlan::half_split(std::span<const PlanItem> items, unsigned degree,
                                unsigned max_window) {
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
  return of_schedules(items, follow(items, sorted_unique(std::move(rounds))));
}

BatchPlan BatchPlan::linear(std::span<const PlanItem> items) {
  std::vector<Schedule> schedules;
  for (const PlanItem& it : items) schedules.push_back(Schedule::linear_only(it.rounds));
  return of_schedules(items, std::move(schedules));
}

BatchPlan BatchPlan::planned(std::span<const PlanItem> items, std::span<const PassCost> costs,
                             double pass_charge, unsigned max_window) {
  RILL_CHECK_EQ(items.size(), costs.size(), "one PassCost per instance");
  RILL_CHECK(pass_charge >= 0, "a pass cannot cost less than nothing");
  std::vector<Schedule> schedules;
  for (std::size_t i = 0; i < items.size(); ++i)
    schedules.push_back(
        Schedule::planned(items[i].rounds, costs[i], max_window, {}, items[i].planned_switch()));
  const auto total = [&] {
    return of_schedules(items, schedules).modelled_cost(costs, pass_charge);
  };
  double current = total();
  // Each accepted step lowers the total by more than the tolerance, so the loop ends; the bound
  // on sweeps is a guard, not a limit reached in practice.
  constexpr double kTolerance = 1e-9;
  for (unsigned sweep = 0; sweep < 64; ++sweep) {
    bool changed = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::vector<unsigned> others;
      for (std::size_t k = 0; k < items.size(); ++k)
        if (k != i) add_pass_rounds(items[k], schedules[k], others);
      std::sort(others.begin(), others.end());
      const unsigned offset = items[i].offset;
      const auto charge = [&](unsigned local) {
        return std::binary_search(others.begin(), others.end(), offset + local) ? 0.0 : pass_charge;
      };
      Schedule candidate = Schedule::planned(items[i].rounds, costs[i], max_window, charge,
                                             items[i].planned_switch());
      std::swap(schedules[i], candidate);
      const double next = total();
      if (next < current - kTolerance * (1 + current)) {
        current = next;
        changed = true;
      } else {
        std::swap(schedules[i], candidate);
      }
    }
    if (!changed) break;
  }
  return of_schedules(items, std::move(schedules));
}

const Schedule& BatchPlan::schedule(std::size_t i) const {
  RILL_CHECK(i < schedules_.size(), "no such instance in the plan");
  return schedules_[i];
}

double BatchPlan::modelled_cost(std::span<const PassCost> costs, double pass_charge) const {
  RILL_CHECK_EQ(costs.size(), schedules_.size(), "one PassCost per instance");
  double total = pass_charge * passes();
  for (std::size_t i = 0; i < schedules_.size(); ++i)
    total += schedules_[i].modelled_cost(costs[i]);
  return total;
}

}  // namespace rill
