// One pass plan per batch (batch_plan.hpp): a batch of three streaming instances with different
// round counts, degrees and offsets over one synthetic source makes exactly the passes its plan
// says, fewer than with each instance's own half split, and the proof bytes do not depend on it.
#include "rill/sumcheck/batch_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <set>

#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/pushforward.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/sumcheck/test_reference.hpp"
#include "rill/util/chunk_source.hpp"

namespace rill {
namespace {

using testing::random_vector;

// Record j is j; 2^m indices per record, factor values looked up in the test's tables.
struct TableKernel {
  using Record = std::uint64_t;
  const std::vector<std::vector<Fr>>* tables;
  unsigned m;
  unsigned log_block() const { return m; }
  void factors(const Record&, const Record&, std::uint64_t j, Fr* out) const {
    const std::size_t per = std::size_t{1} << m;
    for (std::size_t f = 0; f < tables->size(); ++f)
      for (std::size_t t = 0; t < per; ++t) out[f * per + t] = (*tables)[f][(j << m) + t];
  }
};

// Σ_x eq(w, x)·Π_{f<degree} P_f(x) over n variables.
struct Problem {
  unsigned n, log_block, degree, offset;
  ProductShape shape;
  Weight weight;
  std::vector<std::vector<Fr>> tables;
  Fr claim() const { return testing::DenseReference(shape, tables, weight, n).claim(); }
};

Problem problem(std::mt19937_64& rng, unsigned n, unsigned log_block, unsigned degree,
                unsigned offset) {
  Problem p{n,
            log_block,
            degree,
            offset,
            ProductShape::product(degree),
            Weight::eq(random_vector(rng, n)),
            {}};
  for (unsigned f = 0; f < degree; ++f) p.tables.push_back(random_vector(rng, std::size_t{1} << n));
  return p;
}

// The batch: 2^8 records; A has 10 variables (4 per record) and degree 3 at offset 0, B 9 (2 per
// record) and degree 2 at offset 1, C 8 and degree 1 at offset 2.
std::vector<Problem> three(std::mt19937_64& rng) {
  return {problem(rng, 10, 2, 3, 0), problem(rng, 9, 1, 2, 1), problem(rng, 8, 0, 1, 2)};
}

struct Proved {
  BatchedSumcheckProof proof;
  unsigned driver_passes;
  u64 source_passes;
  unsigned plan_passes = 0;                    // PassDriver::plan's count (with a pass charge)
  std::vector<std::vector<Window>> windows{};  // each instance's windows, as proved
};

// A pushforward registered with the driver before a global round (PassDriver::add_consumer).
struct RideAlong {
  unsigned round;
  std::size_t keys;
  std::function<AddressWeight(const u64&, u64)> row;
  tracked_vector<Fr>* out;
};

// With a pass charge, the driver plans the instances given automatic schedules
// (PassDriver::plan) before the first round.
Proved prove(const std::vector<Problem>& ps, const std::vector<Schedule>& schedules,
             std::span<const RideAlong> extras = {}, std::optional<double> pass_charge = {}) {
  const auto source = SyntheticSource<std::uint64_t>(256, 256, 1, [](u64 i) { return i; });
  std::vector<std::unique_ptr<StreamingProductSumcheck<TableKernel>>> inst;
  std::vector<BatchItem> items;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    inst.push_back(std::make_unique<StreamingProductSumcheck<TableKernel>>(
        TableKernel{&ps[i].tables, ps[i].log_block}, ps[i].n, ps[i].shape, ps[i].weight,
        schedules[i], ps[i].claim()));
    items.push_back({inst.back().get(), ps[i].offset});
  }
  PassDriver driver(source, PassOptions{16, 64, 0});
  driver.add(items);
  for (const RideAlong& x : extras) {
    using Row = std::function<AddressWeight(const u64&, u64)>;
    tracked_vector<Fr>* out = x.out;
    driver.add_consumer(x.round,
                        std::make_unique<PushforwardConsumer<u64, Row>>(
                            x.keys, x.row, [out](tracked_vector<Fr> g) { *out = std::move(g); }));
  }
  const unsigned plan_passes = pass_charge ? driver.plan(*pass_charge) : 0;
  Transcript t("batch-plan");
  const BatchedProverOutput batch = prove_batched(items, t, &driver);
  // Every instance ends at its true factor openings (the dense tables at its challenges).
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::vector<Fr> point =
        opening_point(std::span<const Fr>(batch.challenges).subspan(ps[i].offset, ps[i].n));
    std::vector<Fr> openings;
    for (const auto& table : ps[i].tables)
      openings.push_back(DensePoly(tracked_vector<Fr>(table.begin(), table.end())).evaluate(point));
    EXPECT_EQ(inst[i]->factor_evals(), openings) << "instance " << i;
  }
  Proved out{batch.proof, driver.passes(), source.stats().passes, plan_passes};
  for (const auto& i : inst) out.windows.push_back(i->schedule().windows());
  return out;
}

std::vector<PlanItem> plan_items(const std::vector<Problem>& ps) {
  std::vector<PlanItem> items;
  for (const Problem& p : ps) items.push_back({p.n, p.offset});
  return items;
}

TEST(BatchPlan, LocalSchedulesFollowTheBatchHalfSplit) {
  // N = 10, D = 3: the half split has windows at 0, 1, 2, 4 and the switch at 5
  // (schedule.cpp: ω = round(i), capped by the rounds left before 5); offsets 1 and 2 are
  // window starts already, so P = {0, 1, 2, 4, 5}.
  const PlanItem items[] = {{10, 0}, {9, 1}, {8, 2}};
  const BatchPlan plan = BatchPlan::half_split(items, 3);
  EXPECT_EQ(plan.pass_rounds(), (std::vector<unsigned>{0, 1, 2, 4, 5}));
  EXPECT_EQ(plan.passes(), 5u);
  auto sizes = [](const Schedule& s) {
    std::vector<unsigned> out;
    for (const Window& w : s.windows()) out.push_back(w.size);
    return out;
  };
  EXPECT_EQ(sizes(plan.schedule(0)), (std::vector<unsigned>{1, 1, 2, 1}));
  EXPECT_EQ(plan.schedule(0).switch_round(), 5u);
  EXPECT_EQ(sizes(plan.schedule(1)), (std::vector<unsigned>{1, 2, 1}));  // local {0, 1, 3, 4}
  EXPECT_EQ(plan.schedule(1).switch_round(), 4u);
  EXPECT_EQ(sizes(plan.schedule(2)), (std::vector<unsigned>{2, 1}));  // local {0, 2, 3}
  EXPECT_EQ(plan.schedule(2).switch_round(), 3u);
  // An offset inside a window cuts it; a late instance (offset past the switch) is linear.
  const PlanItem cut[] = {{10, 0}, {7, 3}, {2, 8}};
  const BatchPlan cut_plan = BatchPlan::half_split(cut, 3);
  EXPECT_EQ(cut_plan.pass_rounds(), (std::vector<unsigned>{0, 1, 2, 3, 4, 5, 8}));
  EXPECT_EQ(cut_plan.schedule(2).switch_round(), 0u);
  EXPECT_EQ(BatchPlan::linear(cut).pass_rounds(), (std::vector<unsigned>{0, 3, 8}));
}

TEST(BatchPlan, ABatchOfThreeMakesExactlyThePassesOfItsPlan) {
  std::mt19937_64 rng(61);
  const std::vector<Problem> ps = three(rng);
  const std::vector<PlanItem> items = plan_items(ps);
  const BatchPlan plan = BatchPlan::half_split(items, 3);
  const Proved planned = prove(ps, {plan.schedule(0), plan.schedule(1), plan.schedule(2)});
  EXPECT_EQ(plan.passes(), 5u);
  EXPECT_EQ(planned.driver_passes, 5u);
  EXPECT_EQ(planned.source_passes, 5u);

  // Each instance's own half split: A at {0, 1, 2, 4, 5}; B (9 rounds, D = 2) at local
  // {0, 1, 3, 4} = global {1, 2, 4, 5}; C (8 rounds, D = 1) at local {0, 1, 4} = global
  // {2, 3, 6}: seven passes.
  const Proved own = prove(
      ps, {Schedule::half_split(10, 3), Schedule::half_split(9, 2), Schedule::half_split(8, 1)});
  EXPECT_EQ(own.driver_passes, 7u);

  const BatchPlan linear = BatchPlan::linear(items);
  const Proved lin = prove(ps, {linear.schedule(0), linear.schedule(1), linear.schedule(2)});
  EXPECT_EQ(linear.passes(), 3u);
  EXPECT_EQ(lin.driver_passes, 3u);

  // Same bytes whatever the plan.
  EXPECT_EQ(planned.proof.round_polys, lin.proof.round_polys);
  EXPECT_EQ(own.proof.round_polys, lin.proof.round_polys);
}

// A pushforward registered for round 2 (a pass round of the plan) rides along with that pass;
// one registered for round 7 (no pass there) gets a pass of its own. Both tables equal the
// dense reference.
TEST(BatchPlan, APushforwardRidesAlongWithAPassOfThePlan) {
  std::mt19937_64 rng(62);
  const std::vector<Problem> ps = three(rng);
  const BatchPlan plan = BatchPlan::half_split(plan_items(ps), 3);
  const std::size_t keys = 32;
  std::vector<u32> address;
  std::vector<Fr> weight;
  std::vector<Fr> expected(keys, Fr::zero());
  for (u64 j = 0; j < 256; ++j) {
    address.push_back(rng() % 3 == 0 ? kNoAccess : static_cast<u32>(rng() % keys));
    weight.push_back(Fr::random(rng));
    if (address[j] != kNoAccess) expected[address[j]] += weight[j];
  }
  auto row = [&](const u64& record, u64) { return AddressWeight{address[record], weight[record]}; };
  tracked_vector<Fr> fused, alone;
  const RideAlong extras[] = {{2, keys, row, &fused}, {7, keys, row, &alone}};
  const Proved p = prove(ps, {plan.schedule(0), plan.schedule(1), plan.schedule(2)}, extras);
  EXPECT_EQ(p.driver_passes, plan.passes() + 1);
  EXPECT_EQ(p.source_passes, 6u);
  EXPECT_EQ(std::vector<Fr>(fused.begin(), fused.end()), expected);
  EXPECT_EQ(std::vector<Fr>(alone.begin(), alone.end()), expected);
}

// Every way to cover rounds [0, ⌊n/2⌋) by windows within the limits of Schedule::planned.
std::vector<Schedule> every_schedule(unsigned n, const PassCost& cost, unsigned max_window) {
  std::vector<Schedule> out;
  std::vector<unsigned> sizes;
  const std::function<void(unsigned)> extend = [&](unsigned left) {
    if (left == 0) {
      out.push_back(Schedule::from_windows(n, sizes));
      return;
    }
    double points = 1;
    for (unsigned w = 1; w <= std::min(left, max_window); ++w) {
      points *= cost.grid_degree + 1.0;
      if (points > static_cast<double>(Schedule::kMaxGridEntries)) break;
      sizes.push_back(w);
      extend(left - w);
      sizes.pop_back();
    }
  };
  extend(n / 2);
  return out;
}

struct PlanCase {
  std::vector<PlanItem> items;
  std::vector<PassCost> costs;
};

// Instances of 8–14 rounds at offsets 0–3 and costs of the kinds stage 6b mixes (a cheap
// one-hot fold with an expensive grid point, a cheap grid point, a high degree).
std::vector<PlanCase> plan_cases() {
  return {
      {{{12, 0}, {12, 0}, {12, 0}}, {{2, 3.3, 24, 70}, {2, 1, 3, 2}, {9, 1, 5, 20}}},
      {{{14, 0}, {12, 2}, {9, 3}}, {{3, 2, 8, 30}, {2, 1.2, 4, 4}, {1, 1, 2, 1}}},
      {{{10, 0}, {8, 1}}, {{4, 2, 8, 200}, {2, 1, 1.5, 3}}},
  };
}

// BatchPlan::planned against its model: no pass charge gives each instance its own
// Schedule::planned; with a charge the plan is never worse than the independent plans, and no
// instance can lower the total by changing its windows alone (checked against every schedule it
// could take); at the sizes of the first case the plan is also the brute-force optimum over all
// combinations.
TEST(BatchPlan, PlannedMinimizesTheBatchModelInstanceByInstance) {
  for (const PlanCase& c : plan_cases()) {
    std::vector<Schedule> own;
    for (std::size_t i = 0; i < c.items.size(); ++i)
      own.push_back(Schedule::planned(c.items[i].rounds, c.costs[i]));
    const BatchPlan free = BatchPlan::planned(c.items, c.costs, 0);
    for (std::size_t i = 0; i < c.items.size(); ++i)
      EXPECT_EQ(free.schedule(i).windows().size(), own[i].windows().size());
    const BatchPlan independent = BatchPlan::of_schedules(c.items, own);
    EXPECT_DOUBLE_EQ(free.modelled_cost(c.costs, 0), independent.modelled_cost(c.costs, 0));

    for (const double charge : {0.5, 3.5, 40.0}) {
      const BatchPlan plan = BatchPlan::planned(c.items, c.costs, charge);
      const double total = plan.modelled_cost(c.costs, charge);
      EXPECT_LE(total, independent.modelled_cost(c.costs, charge) + 1e-9);
      EXPECT_LE(plan.passes(), independent.passes());
      for (std::size_t i = 0; i < c.items.size(); ++i) {
        std::vector<Schedule> alone(c.items.size(), Schedule::linear_only(1));
        for (std::size_t k = 0; k < c.items.size(); ++k) alone[k] = plan.schedule(k);
        for (const Schedule& s : every_schedule(c.items[i].rounds, c.costs[i], 10)) {
          alone[i] = s;
          EXPECT_GE(BatchPlan::of_schedules(c.items, alone).modelled_cost(c.costs, charge),
                    total - 1e-9)
              << "instance " << i << ", charge " << charge;
        }
      }
    }
  }
  // The first case exhaustively: three instances of 12 rounds, 6 streamed rounds each.
  const PlanCase c = plan_cases()[0];
  const std::vector<Schedule> s0 = every_schedule(12, c.costs[0], 10),
                              s1 = every_schedule(12, c.costs[1], 10),
                              s2 = every_schedule(12, c.costs[2], 10);
  for (const double charge : {0.5, 3.5, 40.0}) {
    double best = std::numeric_limits<double>::infinity();
    for (const Schedule& a : s0)
      for (const Schedule& b : s1)
        for (const Schedule& d : s2)
          best = std::min(
              best, BatchPlan::of_schedules(c.items, {a, b, d}).modelled_cost(c.costs, charge));
    EXPECT_NEAR(BatchPlan::planned(c.items, c.costs, charge).modelled_cost(c.costs, charge), best,
                1e-9 * best)
        << "charge " << charge;
  }
}

// A batch whose instances leave their windows to it (automatic schedules, PassDriver::plan)
// makes exactly the passes of the plan, proves the same bytes as the linear plan, and with a
// charge larger than any window's cost shares every window start.
TEST(BatchPlan, TheDriverMakesExactlyThePassesOfThePlannedBatch) {
  std::mt19937_64 rng(63);
  const std::vector<Problem> ps = three(rng);
  const std::vector<PlanItem> items = plan_items(ps);
  const BatchPlan linear = BatchPlan::linear(items);
  const Proved lin = prove(ps, {linear.schedule(0), linear.schedule(1), linear.schedule(2)});
  const std::vector<Schedule> automatic = {Schedule::automatic(10), Schedule::automatic(9),
                                           Schedule::automatic(8)};
  for (const double charge : {0.0, 3.5, 1e6}) {
    const Proved planned = prove(ps, automatic, {}, charge);
    EXPECT_EQ(planned.driver_passes, planned.plan_passes) << "charge " << charge;
    EXPECT_EQ(planned.source_passes, u64{planned.plan_passes});
    EXPECT_EQ(planned.proof.round_polys, lin.proof.round_polys);
    if (charge == 1e6) {
      // Pass rounds: the offsets 0, 1, 2 and the switches 5, 5, 6 (A: 10 rounds at 0, B: 9 at 1,
      // C: 8 at 2); every window starts at one of them.
      EXPECT_EQ(planned.plan_passes, 5u);
      std::set<unsigned> starts;
      for (std::size_t i = 0; i < ps.size(); ++i)
        for (const Window& w : planned.windows[i]) starts.insert(ps[i].offset + w.start);
      const std::set<unsigned> forced = {0, 1, 2, 5, 6};
      EXPECT_TRUE(std::includes(forced.begin(), forced.end(), starts.begin(), starts.end()));
      EXPECT_TRUE(starts.contains(0) && starts.contains(1) && starts.contains(2));
    }
  }
}

}  // namespace
}  // namespace rill
