// Differential tests of the streaming schedules against the dense reference
// (reference streaming.md §7.4): every round polynomial and every final evaluation must be the
// same field elements whatever the schedule, segment size or span size.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <set>

#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/prefix_suffix.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/sumcheck/test_reference.hpp"
#include "rill/util/chunk_source.hpp"

namespace rill {
namespace {

using testing::random_vector;

// Record j of the synthetic source is j itself; the kernel looks the factor values up in
// tables held by the test, 2^m indices per record.
struct TableKernel {
  using Record = std::uint64_t;
  const std::vector<std::vector<Fr>>* tables;
  unsigned m;
  unsigned log_block() const { return m; }
  void factors(const Record& row, const Record& next, std::uint64_t j, Fr* out) const {
    RILL_CHECK(row == j && (next == j + 1 || next == kPadding), "source delivered wrong records");
    const std::size_t per = std::size_t{1} << m;
    for (std::size_t f = 0; f < tables->size(); ++f)
      for (std::size_t t = 0; t < per; ++t) out[f * per + t] = (*tables)[f][(j << m) + t];
  }
  static constexpr std::uint64_t kPadding = ~std::uint64_t{0};
};
static_assert(ProductKernel<TableKernel>);

SyntheticSource<std::uint64_t> index_source(std::uint64_t records) {
  return SyntheticSource<std::uint64_t>(
      records, records, 1, [](std::uint64_t i) { return i; }, TableKernel::kPadding);
}

Weight random_weight(std::mt19937_64& rng, int kind, unsigned n) {
  switch (kind) {
    case 1:
      return Weight::eq(random_vector(rng, n));
    case 2:
      return Weight::eq_plus_one(random_vector(rng, n));
    case 3:
      return Weight::less_than(random_vector(rng, n));
    case 4:
      return Weight::eq_combination(
          {random_vector(rng, n), random_vector(rng, n), random_vector(rng, n)},
          random_vector(rng, 3));
    default:
      return Weight::none();
  }
}

// A random shape of the given degree over `factors` factors: a full-degree term plus a shorter
// one when possible.
ProductShape random_shape(std::mt19937_64& rng, unsigned degree, unsigned factors) {
  std::vector<std::vector<unsigned>> terms(1);
  for (unsigned k = 0; k < degree; ++k) terms[0].push_back(static_cast<unsigned>(rng() % factors));
  if (degree > 1) terms.push_back({static_cast<unsigned>(rng() % factors)});
  return ProductShape(factors, terms);
}

struct Problem {
  unsigned n;
  unsigned log_block;
  ProductShape shape;
  Weight weight;
  std::vector<std::vector<Fr>> tables;
  std::vector<Fr> challenges;
};

Problem random_problem(std::mt19937_64& rng, unsigned n, unsigned degree, int weight_kind,
                       unsigned log_block) {
  const unsigned factors = 1 + static_cast<unsigned>(rng() % std::min(degree + 1, 4u));
  Problem p{n,
            log_block,
            random_shape(rng, degree, factors),
            random_weight(rng, weight_kind, n),
            {},
            random_vector(rng, n)};
  for (unsigned f = 0; f < factors; ++f)
    p.tables.push_back(random_vector(rng, std::size_t{1} << n));
  return p;
}

struct RunResult {
  std::vector<UniPoly> polys;
  std::vector<Fr> final_evals;
};

RunResult run_reference(const Problem& p) {
  testing::DenseReference ref(p.shape, p.tables, p.weight, p.n);
  RunResult out;
  for (const Fr& r : p.challenges) {
    out.polys.push_back(ref.round_poly());
    ref.bind(r);
  }
  out.final_evals = ref.factor_evals();
  return out;
}

struct StreamRun {
  RunResult result;
  unsigned driver_passes;
  std::uint64_t source_passes;
};

template <class Kernel>
StreamRun run_streaming_with(const Kernel& kernel, const Problem& p, const Schedule& schedule,
                             PassOptions options) {
  const auto source = index_source(std::uint64_t{1} << (p.n - p.log_block));
  const Fr claim = testing::DenseReference(p.shape, p.tables, p.weight, p.n).claim();
  StreamingProductSumcheck<Kernel> inst(kernel, p.n, p.shape, p.weight, schedule, claim);
  PassDriver driver(source, options);
  driver.add(inst, 0);
  StreamRun run{};
  Fr running = claim;
  for (unsigned round = 0; round < p.n; ++round) {
    driver.before_round(round);
    UniPoly h = inst.round_poly(round, running);
    running = h.evaluate(p.challenges[round]);
    inst.bind(round, p.challenges[round]);
    run.result.polys.push_back(std::move(h));
  }
  run.result.final_evals = inst.factor_evals();
  run.driver_passes = driver.passes();
  run.source_passes = source.stats().passes;
  return run;
}

StreamRun run_streaming(const Problem& p, const Schedule& schedule, PassOptions options) {
  return run_streaming_with(TableKernel{&p.tables, p.log_block}, p, schedule, options);
}

void expect_same(const RunResult& want, const StreamRun& got, const Schedule& s,
                 const std::string& what) {
  ASSERT_EQ(got.result.polys.size(), want.polys.size());
  for (std::size_t r = 0; r < want.polys.size(); ++r)
    ASSERT_EQ(got.result.polys[r], want.polys[r]) << what << " round " << r;
  EXPECT_EQ(got.result.final_evals, want.final_evals) << what;
  EXPECT_EQ(got.driver_passes, s.passes()) << what;
  EXPECT_EQ(got.source_passes, s.passes()) << what;
}

// All compositions of `total` into positive parts.
void compositions(unsigned total, std::vector<unsigned>& prefix,
                  const std::function<void(const std::vector<unsigned>&)>& visit) {
  if (total == 0) {
    visit(prefix);
    return;
  }
  for (unsigned first = 1; first <= total; ++first) {
    prefix.push_back(first);
    compositions(total - first, prefix, visit);
    prefix.pop_back();
  }
}

std::string describe(const Schedule& s) {
  std::string out = "windows";
  for (const auto& w : s.windows())
    out += " (" + std::to_string(w.start) + "," + std::to_string(w.size) + ")";
  return out + " switch " + std::to_string(s.switch_round());
}

TEST(StreamingSumcheck, EveryWindowPartitionMatchesTheDenseReference) {
  std::mt19937_64 rng(20);
  for (unsigned n = 1; n <= 11; ++n) {
    for (unsigned degree : {1u, 2u, 3u, 5u, 9u}) {
      if (n > 8 && degree > 3) continue;  // high degrees: n <= 8 keeps the test short
      const int kind = static_cast<int>((n + degree) % 5);
      const Problem p = random_problem(rng, n, degree, kind, n % 2);
      const RunResult want = run_reference(p);
      std::vector<unsigned> prefix;
      compositions(n / 2, prefix, [&](const std::vector<unsigned>& sizes) {
        const Schedule s = Schedule::from_windows(n, sizes);
        expect_same(want, run_streaming(p, s, {}), s,
                    "n " + std::to_string(n) + " d " + std::to_string(degree) + " " + describe(s));
      });
    }
  }
}

// Windows of one round take h(1) from the claim (h(0) + h(1) = claim; with a split eq,
// C·((1 − u)·q(0) + u·q(1)) = claim). An eq coordinate u = 0 makes C·u = 0 for its round, and
// u = 1 with the challenge 0 makes C = 0 for every later round: those rounds sum t(1) instead.
TEST(StreamingSumcheck, OneRoundWindowsTakeHOfOneFromTheClaimEvenWhenEqVanishes) {
  std::mt19937_64 rng(26);
  for (unsigned degree : {1u, 2u, 4u}) {
    const unsigned n = 9;
    Problem p = random_problem(rng, n, degree, 1, 0);
    std::vector<Fr> w = random_vector(rng, n);
    w[n - 1] = Fr::zero();         // u_0 = 0
    w[n - 3] = Fr::one();          // u_2 = 1 ...
    p.challenges[2] = Fr::zero();  // ... and r_2 = 0: C = 0 from round 3 on
    p.weight = Weight::eq(w);
    const RunResult want = run_reference(p);
    const Schedule ones = Schedule::from_windows(n, {1, 1, 1, 1});
    expect_same(want, run_streaming(p, ones, {}), ones, "d " + std::to_string(degree));
  }
}

TEST(StreamingSumcheck, AutomaticScheduleIsPlannedFromTheInstanceCost) {
  std::mt19937_64 rng(27);
  for (int kind = 0; kind < 5; ++kind) {
    const unsigned n = 12;
    const Problem p = random_problem(rng, n, 3, kind, 0);
    const TableKernel kernel{&p.tables, 0};
    const Fr claim = testing::DenseReference(p.shape, p.tables, p.weight, p.n).claim();
    const StreamingProductSumcheck<TableKernel> inst(kernel, n, p.shape, p.weight,
                                                     Schedule::automatic(n), claim);
    const std::vector<Weight> weights{p.weight};
    const Schedule planned = Schedule::planned(
        n, StreamingProductSumcheck<TableKernel>::pass_cost(kernel, p.shape, weights));
    ASSERT_EQ(describe(inst.schedule()), describe(planned));
    EXPECT_EQ(inst.schedule().switch_round(), n / 2);
    const StreamRun run = run_streaming(p, Schedule::automatic(n), {});
    expect_same(run_reference(p), run, planned, "kind " + std::to_string(kind));
  }
  EXPECT_DEATH((void)Schedule::automatic(8).needs_pass(0), "resolved by the instance");
}

TEST(StreamingSumcheck, RandomSwitchPointsAndHighDegrees) {
  std::mt19937_64 rng(21);
  for (int trial = 0; trial < 24; ++trial) {
    const unsigned n = 2 + static_cast<unsigned>(rng() % 11);  // 2..12
    const unsigned degree = 1 + static_cast<unsigned>(rng() % 9);
    const Problem p = random_problem(rng, n, degree, trial % 5, static_cast<unsigned>(rng() % 2));
    const RunResult want = run_reference(p);
    // A random switch in [0, n) split into random windows.
    const unsigned switch_round = static_cast<unsigned>(rng() % n);
    std::vector<unsigned> sizes;
    for (unsigned done = 0; done < switch_round;) {
      const unsigned w = 1 + static_cast<unsigned>(rng() % std::min(3u, switch_round - done));
      sizes.push_back(w);
      done += w;
    }
    const Schedule s = Schedule::from_windows(n, sizes);
    expect_same(
        want, run_streaming(p, s, {}), s,
        "trial " + std::to_string(trial) + " d " + std::to_string(degree) + " " + describe(s));
  }
}

TEST(StreamingSumcheck, LargeAndOddRoundCountsWithTheHalfSplit) {
  std::mt19937_64 rng(22);
  for (unsigned n : {13u, 14u, 16u}) {
    const unsigned degree = n == 16 ? 2 : 3;
    const Problem p = random_problem(rng, n, degree, 1, 0);
    const RunResult want = run_reference(p);
    const Schedule half = Schedule::half_split(
        n, StreamingProductSumcheck<TableKernel>::grid_degree(p.shape, p.weight));
    const Schedule linear = Schedule::linear_only(n);
    expect_same(want, run_streaming(p, half, {}), half, "half split n " + std::to_string(n));
    expect_same(want, run_streaming(p, linear, {}), linear, "linear n " + std::to_string(n));
  }
}

TEST(StreamingSumcheck, SegmentsAndSpansSmallerThanHeadBlocks) {
  std::mt19937_64 rng(23);
  for (int kind = 0; kind < 5; ++kind) {
    const unsigned n = 10;
    const Problem p = random_problem(rng, n, 2, kind, 1);
    const RunResult want = run_reference(p);
    const Schedule s = Schedule::from_windows(n, {1, 2, 2});  // head blocks up to 2^5 indices
    for (std::uint64_t segment : {1u, 3u, 8u, 512u}) {
      for (std::size_t span : {1u, 5u, 64u}) {
        expect_same(want, run_streaming(p, s, PassOptions{segment, span}), s,
                    "kind " + std::to_string(kind) + " segment " + std::to_string(segment) +
                        " span " + std::to_string(span));
      }
    }
  }
}

// The same lookups with factor values given as signed integers (i64 or i128): the passes
// multiply them into eq(r_{<i}, ·) with word multiplications and unreduced sums.
template <class Int>
struct SmallIntKernel {
  using Record = std::uint64_t;
  using Value = Int;
  const std::vector<std::vector<i64>>* tables;
  unsigned m;
  unsigned log_block() const { return m; }
  void factors(const Record& row, const Record&, std::uint64_t, Int* out) const {
    const std::size_t per = std::size_t{1} << m;
    for (std::size_t f = 0; f < tables->size(); ++f)
      for (std::size_t t = 0; t < per; ++t) out[f * per + t] = (*tables)[f][(row << m) + t];
  }
};
static_assert(ProductKernel<SmallIntKernel<i64>>);
static_assert(ProductKernel<SmallIntKernel<i128>>);

TEST(StreamingSumcheck, SmallIntegerFactorsMatchTheirFieldImages) {
  std::mt19937_64 rng(26);
  for (unsigned n : {6u, 9u}) {
    for (int kind : {0, 1, 3}) {
      Problem p = random_problem(rng, n, 2, kind, n % 2);
      std::vector<std::vector<i64>> ints(p.tables.size());
      for (std::size_t f = 0; f < ints.size(); ++f) {
        for (std::size_t x = 0; x < p.tables[f].size(); ++x) {
          // Mostly small values of both signs, and a few at the ends of the range.
          const std::uint64_t bits = rng();
          i64 v = static_cast<i64>(bits % 2001) - 1000;
          if (bits % 17 == 0)
            v = bits % 2 ? std::numeric_limits<i64>::max() : std::numeric_limits<i64>::min();
          ints[f].push_back(v);
          // The reference sees the field image p − |v| of a negative v, built from u64 parts.
          const u64 magnitude = v < 0 ? 0 - static_cast<u64>(v) : static_cast<u64>(v);
          p.tables[f][x] = v < 0 ? Fr::zero() - Fr::from_u64(magnitude) : Fr::from_u64(magnitude);
        }
      }
      const RunResult want = run_reference(p);
      for (const Schedule& s : {Schedule::linear_only(n), Schedule::from_windows(n, {1, 2, 1}),
                                Schedule::from_windows(n, {3, 2})}) {
        const std::string what =
            "n " + std::to_string(n) + " kind " + std::to_string(kind) + " " + describe(s);
        expect_same(
            want,
            run_streaming_with(SmallIntKernel<i64>{&ints, p.log_block}, p, s, PassOptions{8, 7}), s,
            what + " i64");
        expect_same(want, run_streaming_with(SmallIntKernel<i128>{&ints, p.log_block}, p, s, {}), s,
                    what + " i128");
      }
    }
  }
}

// Two streaming instances over one source (2^8 records): one of 9 variables with two indices per
// record, one of 8 variables, back-aligned. One driver serves both; passes are shared, so their
// number is the count of distinct global rounds in which either instance needs one.
TEST(StreamingSumcheck, BatchedInstancesShareThePassesAndVerify) {
  std::mt19937_64 rng(24);
  const Problem a = random_problem(rng, 9, 2, 1, 1);
  const Problem b = random_problem(rng, 8, 3, 3, 0);
  const auto source = index_source(256);
  auto claim_of = [](const Problem& p) {
    return testing::DenseReference(p.shape, p.tables, p.weight, p.n).claim();
  };
  const Schedule sa = Schedule::half_split(9, 2), sb = Schedule::half_split(8, 4);
  StreamingProductSumcheck<TableKernel> ia(TableKernel{&a.tables, 1}, 9, a.shape, a.weight, sa,
                                           claim_of(a));
  StreamingProductSumcheck<TableKernel> ib(TableKernel{&b.tables, 0}, 8, b.shape, b.weight, sb,
                                           claim_of(b));
  SumcheckInstance* instances[] = {&ia, &ib};
  const std::vector<BatchItem> items = back_aligned(instances);
  PassDriver driver(source, PassOptions{4, 16});
  driver.add(items);
  Transcript tp("streaming-batch");
  const BatchedProverOutput out = prove_batched(items, tp, &driver);

  std::set<unsigned> pass_rounds;
  for (unsigned r = 0; r < 9; ++r) {
    if (sa.needs_pass(r)) pass_rounds.insert(r);
    if (r >= 1 && sb.needs_pass(r - 1)) pass_rounds.insert(r);
  }
  EXPECT_EQ(driver.passes(), pass_rounds.size());
  EXPECT_EQ(source.stats().passes, pass_rounds.size());
  EXPECT_LT(pass_rounds.size(), sa.passes() + sb.passes());

  auto openings = [](const Problem& p, std::span<const Fr> r) {
    std::vector<Fr> out;
    for (const auto& t : p.tables)
      out.push_back(DensePoly(tracked_vector<Fr>(t.begin(), t.end())).evaluate(opening_point(r)));
    return out;
  };
  const std::span<const Fr> r(out.challenges);
  EXPECT_EQ(ia.factor_evals(), openings(a, r));
  EXPECT_EQ(ib.factor_evals(), openings(b, r.last(8)));
  ProductVerifier va(9, a.shape, a.weight, claim_of(a), openings(a, r));
  ProductVerifier vb(8, b.shape, b.weight, claim_of(b), openings(b, r.last(8)));
  const SumcheckVerifierInstance* views[] = {&va, &vb};
  Transcript tv("streaming-batch");
  const SumcheckVerification v = verify_batched(back_aligned(views), out.proof, tv);
  EXPECT_TRUE(v.ok()) << to_string(*v.failure);
}

// The two-pass prefix-suffix schedule for summands linear in their factors: same round
// polynomials and openings as the dense reference, with exactly two passes (one when n = 1).
TEST(PrefixSuffixSumcheck, MatchesTheDenseReferenceInTwoPasses) {
  std::mt19937_64 rng(25);
  for (unsigned n = 1; n <= 11; ++n) {
    for (int kind = 1; kind <= 4; ++kind) {
      const unsigned log_block = (n + static_cast<unsigned>(kind)) % 2;
      Problem p = random_problem(rng, n, 1, kind, log_block);
      p.shape = kind % 2 ? ProductShape(2, {{0}, {1}}) : ProductShape::product(1);
      p.tables.resize(p.shape.num_factors(), random_vector(rng, std::size_t{1} << n));
      const RunResult want = run_reference(p);
      const Fr claim = testing::DenseReference(p.shape, p.tables, p.weight, n).claim();
      for (std::uint64_t segment : {1u, 64u}) {
        const auto source = index_source(std::uint64_t{1} << (n - log_block));
        PrefixSuffixSumcheck<TableKernel> inst(TableKernel{&p.tables, log_block}, n, p.shape,
                                               p.weight, claim);
        PassDriver driver(source, PassOptions{segment, 3});
        driver.add(inst, 0);
        Fr running = claim;
        for (unsigned round = 0; round < n; ++round) {
          driver.before_round(round);
          const UniPoly h = inst.round_poly(round, running);
          ASSERT_EQ(h, want.polys[round]) << "n " << n << " kind " << kind << " round " << round;
          running = h.evaluate(p.challenges[round]);
          inst.bind(round, p.challenges[round]);
        }
        EXPECT_EQ(inst.factor_evals(), want.final_evals);
        EXPECT_EQ(driver.passes(), n == 1 ? 1u : 2u);
      }
    }
  }
}

// The planned windows against a brute force over every composition of the ⌊n/2⌋ streamed
// rounds, with the cost written out here: fold(i) per record per pass, and per head block of
// 2^{i+ω} records (D+1)^ω grid points (D for ω = 1), each per_point.
TEST(Schedule, PlannedWindowsMinimizeTheModelledCost) {
  const auto modelled = [](const std::vector<unsigned>& sizes, const PassCost& c) {
    double total = 0;
    unsigned i = 0;
    for (unsigned w : sizes) {
      const double points = w == 1 ? c.grid_degree : std::pow(c.grid_degree + 1.0, w);
      total +=
          (i == 0 ? c.fold_first : c.fold_bound) + points / std::ldexp(1.0, i + w) * c.per_point;
      i += w;
    }
    return total;
  };
  const PassCost costs[] = {{2, 3.3, 24, 70}, {9, 1, 3, 20}, {1, 1.2, 5, 4}, {4, 2, 8, 200}};
  for (const PassCost& c : costs) {
    for (unsigned n : {6u, 11u, 16u, 20u}) {
      const Schedule s = Schedule::planned(n, c, 6);
      std::vector<unsigned> got;
      for (const Window& w : s.windows()) {
        got.push_back(w.size);
        EXPECT_LE(w.size, 6u);
        EXPECT_LE(std::pow(c.grid_degree + 1.0, w.size), double(Schedule::kMaxGridEntries));
      }
      EXPECT_EQ(s.switch_round(), n / 2);
      double best = std::numeric_limits<double>::infinity();
      std::vector<unsigned> prefix;
      compositions(n / 2, prefix, [&](const std::vector<unsigned>& sizes) {
        for (unsigned w : sizes)
          if (w > 6 || std::pow(c.grid_degree + 1.0, w) > double(Schedule::kMaxGridEntries)) return;
        best = std::min(best, modelled(sizes, c));
      });
      EXPECT_NEAR(modelled(got, c), best, 1e-9 * best) << "n " << n << " D " << c.grid_degree;
    }
  }
}

TEST(Schedule, HalfSplitWindowsFollowTheCostModel) {
  // The table of reference streaming.md §2.5, whose d (factors of an eq-weighted product) is our
  // grid degree: the eq weight stays outside the grid.
  auto starts = [](const Schedule& s) {
    std::vector<std::pair<unsigned, unsigned>> out;
    for (const auto& w : s.windows()) out.emplace_back(w.start, w.size);
    return out;
  };
  using V = std::vector<std::pair<unsigned, unsigned>>;
  EXPECT_EQ(starts(Schedule::half_split(20, 2)), (V{{0, 1}, {1, 2}, {3, 5}, {8, 2}}));
  EXPECT_EQ(starts(Schedule::half_split(24, 3)), (V{{0, 1}, {1, 1}, {2, 2}, {4, 4}, {8, 4}}));
  EXPECT_EQ(starts(Schedule::half_split(24, 9)),
            (V{{0, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 2}, {6, 3}, {9, 3}}));
  EXPECT_EQ(Schedule::half_split(24, 2).passes(), 5u);
  EXPECT_EQ(Schedule::half_split(24, 2).switch_round(), 12u);
  EXPECT_EQ(Schedule::linear_only(24).passes(), 1u);
  const Schedule s = Schedule::from_windows(10, {2, 3});
  EXPECT_TRUE(s.needs_pass(0));
  EXPECT_FALSE(s.needs_pass(1));
  EXPECT_TRUE(s.needs_pass(2));
  EXPECT_TRUE(s.needs_pass(5));
  EXPECT_FALSE(s.needs_pass(6));
}

}  // namespace
}  // namespace rill
