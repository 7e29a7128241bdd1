// One pass plan per batch (issue 12; docs/streaming.md, "One pass plan per batch").
//
// A batch of instances with different round counts, offsets and degrees streams from one source
// through one PassDriver, which makes one pass for every global round in which any instance needs
// one. If each instance picked its own schedule, the passes would be the union of unrelated
// window starts. The plan instead fixes one set P of global pass rounds that every instance
// follows:
//   * the windows of the half split of the whole batch (N = max offset_i + n_i rounds) at the
//     batch's highest grid degree D, ending at the switch S = ⌊N/2⌋ (which is in P);
//   * every instance's first round offset_i (an instance needs a pass before its first round).
// Instance i's local schedule then has its passes exactly at P ∩ [offset_i, offset_i + n_i): its
// windows run between consecutive pass rounds, and it materializes at the last one (S when its
// range reaches S). So the batch makes exactly |P| passes (every round of P lies in some
// instance's range), and every window is at most a window of the D half split (cut at offsets),
// so its grid stays within Schedule::kMaxGridEntries for every degree ≤ D. Schedules never change
// the round polynomials, so proof bytes do not depend on the plan.
//
// BatchPlan::planned (what prove_stage uses, through PassDriver::plan) plans from each instance's
// PassCost instead of one degree: the instances of a batch differ by 10× in cost per grid point
// (stage 6b: booleanity 46 multiplications against 2 for the RAM Hamming booleanity), so one
// common set of windows would be too small for the cheap ones or too large for the expensive
// ones. It minimizes the modelled cost of the whole batch,
//   Σ_i Σ_{windows w of i} cost_i.window(w) + pass_charge · |P|,
// P the union of every instance's pass rounds (its first round, its window starts, its switch),
// pass_charge what one pass costs per record whoever reads it (replaying and decoding the
// trace). Instance i may start a window at a round another instance passes at for free. The
// minimum is found by coordinate descent: start from each instance's own Schedule::planned, then
// re-plan one instance at a time with the others' pass rounds fixed (Schedule::planned with a
// start charge of pass_charge at rounds outside them; an exact minimum for that instance), until
// no instance changes. Each step lowers the total, so it ends, at a plan that no single instance
// can improve alone.
#pragma once

#include <span>
#include <vector>

#include "rill/sumcheck/schedule.hpp"

namespace rill {

struct PlanItem {
  unsigned rounds;                // n_i
  unsigned offset;                // first global round
  unsigned switch_round = kHalf;  // BatchPlan::planned's switch; kHalf: ⌊n_i/2⌋
  static constexpr unsigned kHalf = ~0u;
  unsigned planned_switch() const { return switch_round == kHalf ? rounds / 2 : switch_round; }
};

class BatchPlan {
 public:
  // The streaming plan: the half split of the batch at grid degree `degree` (the highest among its
  // instances), cut at every instance offset.
  static BatchPlan half_split(std::span<const PlanItem> items, unsigned degree,
                              unsigned max_window = 10);
  // The linear plan: every instance materializes at its first round.
  static BatchPlan linear(std::span<const PlanItem> items);
  // The plan of least modelled cost (above): costs[i] is instance i's PassCost, pass_charge the
  // cost of one pass per record; instance i switches at items[i].planned_switch().
  static BatchPlan planned(std::span<const PlanItem> items, std::span<const PassCost> costs,
                           double pass_charge, unsigned max_window = 10);
  // The same from the instances' own schedules (a plan of independent schedules).
  static BatchPlan of_schedules(std::span<const PlanItem> items, std::vector<Schedule> schedules);

  // Instance i's local schedule.
  const Schedule& schedule(std::size_t i) const;
  // Σ_i schedule(i).modelled_cost(costs[i]) + pass_charge·passes().
  double modelled_cost(std::span<const PassCost> costs, double pass_charge) const;
  // Global rounds before which the batch makes a pass, increasing.
  const std::vector<unsigned>& pass_rounds() const { return pass_rounds_; }
  // The passes the batch makes: |pass_rounds()|.
  unsigned passes() const { return static_cast<unsigned>(pass_rounds_.size()); }

 private:
  std::vector<Schedule> schedules_;
  std::vector<unsigned> pass_rounds_;
};

}  // namespace rill
