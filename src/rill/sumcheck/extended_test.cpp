// The extended product relation  Σ_x Σ_g W_g(x)·Σ_{t∈g} c_t·Π_{f∈t} P_f(x)  (term coefficients,
// several weights, kernels mixing small integers and field elements, high degrees) against the
// dense reference of test_reference.hpp: the claim is the summand summed over the hypercube, and
// every round polynomial and final evaluation must be the same field elements for the dense
// prover, the linear schedule and every streaming window partition.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <sstream>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/sumcheck/test_reference.hpp"
#include "rill/util/chunk_source.hpp"

namespace rill {
namespace {

using testing::random_vector;

// Labels for failure messages (concatenation through a stream: GCC 12 misreports
// const char* + std::string under -Werror=restrict).
template <class... A>
std::string cat(const A&... a) {
  std::ostringstream out;
  (out << ... << a);
  return out.str();
}

constexpr std::uint64_t kPadding = ~std::uint64_t{0};

SyntheticSource<std::uint64_t> index_source(std::uint64_t records) {
  return SyntheticSource<std::uint64_t>(
      records, records, 1, [](std::uint64_t i) { return i; }, kPadding);
}

// A relation with its witness: factor f is given as the integer ints[f][x] when bit f of
// field_mask is clear (its field image is in tables[f]) and as tables[f][x] otherwise.
struct Problem {
  unsigned n;
  unsigned log_block;
  ProductShape shape;
  std::vector<Weight> weights;
  std::vector<std::vector<Fr>> tables;  // every factor as field elements (the reference's view)
  std::vector<std::vector<i64>> ints;   // the small factors as integers
  u32 field_mask;
  std::vector<Fr> challenges;
};

// Field kernel: every factor from the field tables.
struct FieldKernel {
  using Record = std::uint64_t;
  const Problem* p;
  unsigned log_block() const { return p->log_block; }
  void factors(const Record& row, const Record& next, std::uint64_t j, Fr* out) const {
    RILL_CHECK(row == j && (next == j + 1 || next == kPadding), "source delivered wrong records");
    const std::size_t per = std::size_t{1} << p->log_block;
    for (std::size_t f = 0; f < p->tables.size(); ++f)
      for (std::size_t t = 0; t < per; ++t)
        out[f * per + t] = p->tables[f][(j << p->log_block) + t];
  }
};
static_assert(ProductKernel<FieldKernel>);

// Mixed kernel: factors named by the mask as Fr, the others as i64.
struct MixedTableKernel {
  using Record = std::uint64_t;
  using Value = i64;
  const Problem* p;
  unsigned log_block() const { return p->log_block; }
  u32 field_factors() const { return p->field_mask; }
  void factors(const Record& row, const Record&, std::uint64_t, i64* small, Fr* field) const {
    const std::size_t per = std::size_t{1} << p->log_block;
    for (std::size_t f = 0; f < p->tables.size(); ++f)
      for (std::size_t t = 0; t < per; ++t) {
        const std::size_t x = (row << p->log_block) + t;
        if ((p->field_mask >> f) & 1) {
          field[f * per + t] = p->tables[f][x];
        } else {
          small[f * per + t] = p->ints[f][x];
        }
      }
  }
};
static_assert(ProductKernel<MixedTableKernel>);
static_assert(MixedKernel<MixedTableKernel>);

Weight random_weight(std::mt19937_64& rng, int kind, unsigned n) {
  switch (kind) {
    case 1:
      return Weight::eq(random_vector(rng, n));
    case 2:
      return Weight::eq_plus_one(random_vector(rng, n));
    case 3:
      return Weight::less_than(random_vector(rng, n));
    case 4:
      return Weight::eq_combination({random_vector(rng, n), random_vector(rng, n)},
                                    random_vector(rng, 2));
    default:
      return Weight::none();
  }
}

Fr image(i64 v) {
  const u64 magnitude = v < 0 ? 0 - static_cast<u64>(v) : static_cast<u64>(v);
  return v < 0 ? Fr::zero() - Fr::from_u64(magnitude) : Fr::from_u64(magnitude);
}

// Random factor values: small integers of both signs (a few at the ends of the i64 range) for
// the small factors, random field elements for the field ones.
void fill_factors(std::mt19937_64& rng, Problem& p) {
  const std::size_t size = std::size_t{1} << p.n;
  p.tables.assign(p.shape.num_factors(), {});
  p.ints.assign(p.shape.num_factors(), {});
  for (unsigned f = 0; f < p.shape.num_factors(); ++f) {
    if ((p.field_mask >> f) & 1) {
      p.tables[f] = random_vector(rng, size);
      continue;
    }
    for (std::size_t x = 0; x < size; ++x) {
      const std::uint64_t bits = rng();
      i64 v = static_cast<i64>(bits % 2001) - 1000;
      if (bits % 61 == 0)
        v = bits % 2 ? std::numeric_limits<i64>::max() : std::numeric_limits<i64>::min();
      p.ints[f].push_back(v);
      p.tables[f].push_back(image(v));
    }
  }
}

// A random relation: `groups` weight groups, each with one or two terms of random coefficients
// (about half of them 1), one term of each group of the full `degree`.
Problem random_problem(std::mt19937_64& rng, unsigned n, unsigned degree, unsigned groups,
                       unsigned log_block) {
  const unsigned factors = 1 + static_cast<unsigned>(rng() % std::min(degree + 1, 4u));
  std::vector<ProductTerm> terms;
  std::vector<Weight> weights;
  for (unsigned g = 0; g < groups; ++g) {
    const unsigned count = 1 + static_cast<unsigned>(rng() % 2);
    for (unsigned t = 0; t < count; ++t) {
      ProductTerm term;
      const unsigned len = t == 0 ? degree : 1 + static_cast<unsigned>(rng() % degree);
      for (unsigned k = 0; k < len; ++k)
        term.factors.push_back(static_cast<unsigned>(rng() % factors));
      if (rng() % 2) term.coeff = Fr::random(rng);
      if (rng() % 3 == 0) {  // constant offsets on some factors (booleanity's ra − 1)
        for (unsigned k = 0; k < len; ++k)
          term.offsets.push_back(rng() % 2 ? Fr::random(rng) : Fr::zero());
      }
      term.group = g;
      terms.push_back(std::move(term));
    }
    weights.push_back(random_weight(rng, static_cast<int>(rng() % 5), n));
  }
  Problem p{
      n,  log_block, ProductShape::from_terms(factors, std::move(terms)), std::move(weights),
      {}, {},        static_cast<u32>(rng()) & ((u32{1} << factors) - 1), random_vector(rng, n)};
  fill_factors(rng, p);
  return p;
}

struct RunResult {
  std::vector<UniPoly> polys;
  std::vector<Fr> final_evals;
  bool operator==(const RunResult&) const = default;
};

testing::DenseReference reference_of(const Problem& p) {
  return testing::DenseReference(p.shape, p.tables, p.weights, p.n);
}

RunResult run_reference(const Problem& p) {
  testing::DenseReference ref = reference_of(p);
  RunResult out;
  for (const Fr& r : p.challenges) {
    out.polys.push_back(ref.round_poly());
    ref.bind(r);
  }
  out.final_evals = ref.factor_evals();
  return out;
}

RunResult run_dense(const Problem& p) {
  std::vector<DensePoly> polys;
  for (const auto& t : p.tables) polys.emplace_back(tracked_vector<Fr>(t.begin(), t.end()));
  const Fr claim = reference_of(p).claim();
  DenseProductSumcheck inst(p.shape, std::move(polys), p.weights, claim);
  RunResult out;
  Fr running = claim;
  for (unsigned round = 0; round < p.n; ++round) {
    UniPoly h = inst.round_poly(round, running);
    running = h.evaluate(p.challenges[round]);
    inst.bind(round, p.challenges[round]);
    out.polys.push_back(std::move(h));
  }
  out.final_evals = inst.factor_evals();
  return out;
}

template <class Kernel>
RunResult run_streaming(const Kernel& kernel, const Problem& p, const Schedule& schedule,
                        PassOptions options, unsigned* passes = nullptr) {
  const auto source = index_source(std::uint64_t{1} << (p.n - p.log_block));
  const Fr claim = reference_of(p).claim();
  StreamingProductSumcheck<Kernel> inst(kernel, p.n, p.shape, p.weights, schedule, claim);
  PassDriver driver(source, options);
  driver.add(inst, 0);
  RunResult out;
  Fr running = claim;
  for (unsigned round = 0; round < p.n; ++round) {
    driver.before_round(round);
    UniPoly h = inst.round_poly(round, running);
    running = h.evaluate(p.challenges[round]);
    inst.bind(round, p.challenges[round]);
    out.polys.push_back(std::move(h));
  }
  out.final_evals = inst.factor_evals();
  if (passes != nullptr) *passes = driver.passes();
  EXPECT_EQ(source.stats().passes, schedule.passes());
  return out;
}

void expect_same(const RunResult& want, const RunResult& got, const std::string& what) {
  ASSERT_EQ(got.polys.size(), want.polys.size()) << what;
  for (std::size_t r = 0; r < want.polys.size(); ++r)
    ASSERT_EQ(got.polys[r], want.polys[r]) << what << " round " << r;
  EXPECT_EQ(got.final_evals, want.final_evals) << what;
}

// All compositions of every switch s in [1, n) into windows whose grids stay below `cap`
// entries, plus the linear schedule.
std::vector<Schedule> all_schedules(unsigned n, unsigned grid_degree, std::size_t cap) {
  std::vector<Schedule> out{Schedule::linear_only(n)};
  std::vector<unsigned> prefix;
  std::function<void(unsigned)> rec = [&](unsigned done) {
    if (done > 0) out.push_back(Schedule::from_windows(n, prefix));
    for (unsigned w = 1; done + w < n; ++w) {
      if (grid_size(w, grid_degree) > cap) break;
      prefix.push_back(w);
      rec(done + w);
      prefix.pop_back();
    }
  };
  rec(0);
  return out;
}

std::string describe(const Schedule& s) {
  std::ostringstream out;
  out << "windows";
  for (const auto& w : s.windows()) out << ' ' << w.size;
  out << " switch " << s.switch_round();
  return out.str();
}

template <class Kernel>
void check_every_schedule(const Kernel& kernel, const Problem& p, const std::string& what,
                          std::size_t cap = 1 << 12) {
  const RunResult want = run_reference(p);
  expect_same(want, run_dense(p), cat(what, " dense"));
  const unsigned d = StreamingProductSumcheck<Kernel>::grid_degree(p.shape, p.weights);
  for (const Schedule& s : all_schedules(p.n, d, cap)) {
    unsigned passes = 0;
    expect_same(want, run_streaming(kernel, p, s, {}, &passes), cat(what, " ", describe(s)));
    EXPECT_EQ(passes, s.passes()) << what;
    if (::testing::Test::HasFailure()) return;
  }
}

// A term's offsets: c·Π_k (P_k + a_k) at a point, as combine() and the plain-product flag read it;
// a term with the wrong number of offsets is refused.
TEST(ExtendedProduct, TermOffsetsShiftTheirFactors) {
  std::mt19937_64 rng(39);
  const Fr c = Fr::random(rng), a = Fr::random(rng);
  const ProductShape shape =
      ProductShape::from_terms(2, {{{0, 1}, c, 0, {Fr::zero(), a}}, {{1}, Fr::one(), 0}});
  const Fr v[2] = {Fr::random(rng), Fr::random(rng)};
  EXPECT_EQ(shape.combine(v), c * v[0] * (v[1] + a) + v[1]);
  EXPECT_EQ(shape.multiplications(), 2u);
  EXPECT_FALSE(
      ProductShape::from_terms(2, {{{0, 1}, Fr::one(), 0, {Fr::zero(), a}}}).is_plain_product());
  EXPECT_TRUE(ProductShape::from_terms(2, {{{0, 1}, Fr::one(), 0, {Fr::zero(), Fr::zero()}}})
                  .is_plain_product());
  EXPECT_DEATH((void)ProductShape::from_terms(2, {{{0, 1}, Fr::one(), 0, {a}}}), "offsets");
}

// The claim of the reference is the summand summed over the hypercube, computed here once more
// from the definition with each W_g by its closed form.
TEST(ExtendedProduct, ReferenceClaimIsTheHypercubeSum) {
  std::mt19937_64 rng(40);
  for (int trial = 0; trial < 6; ++trial) {
    const Problem p = random_problem(rng, 5, 3, 1 + trial % 3, 0);
    Fr sum = Fr::zero();
    for (std::uint64_t x = 0; x < 32; ++x) {
      const std::vector<Fr> point = testing::boolean_point(x, 5);
      for (const ProductTerm& t : p.shape.terms()) {
        Fr term = t.coeff * p.weights[t.group].evaluate(point);
        for (std::size_t k = 0; k < t.factors.size(); ++k)
          term *= p.tables[t.factors[k]][x] + (t.offsets.empty() ? Fr::zero() : t.offsets[k]);
        sum += term;
      }
    }
    EXPECT_EQ(reference_of(p).claim(), sum);
  }
}

// Coefficients and several weight groups, field factors, every window partition up to n = 10.
TEST(ExtendedProduct, CoefficientsAndWeightGroupsOnEverySchedule) {
  std::mt19937_64 rng(41);
  for (unsigned n = 1; n <= 10; ++n) {
    for (unsigned groups : {1u, 2u, 3u}) {
      const unsigned degree = 1 + (n + groups) % 3;
      Problem p = random_problem(rng, n, degree, groups, n % 2);
      p.field_mask = ~u32{0};
      check_every_schedule(FieldKernel{&p}, p, cat("n ", n, " groups ", groups));
    }
  }
}

// The same relations with some factors small integers and the others field elements in one
// kernel (random masks, including all-small and all-field).
TEST(ExtendedProduct, MixedSmallAndFieldFactorsOnEverySchedule) {
  std::mt19937_64 rng(42);
  for (unsigned n = 2; n <= 10; n += 2) {
    for (unsigned groups : {1u, 2u}) {
      const Problem p = random_problem(rng, n, 2, groups, (n / 2) % 2);
      check_every_schedule(MixedTableKernel{&p}, p, cat("n ", n, " mask ", p.field_mask));
    }
  }
}

// A single eq weight with coefficients keeps the split-eq path; its results equal the same
// relation with the eq weight as a second (dense) group beside an empty-weight group.
TEST(ExtendedProduct, SingleEqWeightWithCoefficients) {
  std::mt19937_64 rng(43);
  for (unsigned n : {3u, 6u, 9u}) {
    const Fr gamma = Fr::random(rng);
    Problem p = random_problem(rng, n, 2, 1, 0);
    p.shape = ProductShape::from_terms(
        2, {{{0, 1}, Fr::one(), 0}, {{0, 0}, gamma, 0}, {{1}, gamma * gamma, 0}});
    p.weights = {Weight::eq(random_vector(rng, n))};
    p.field_mask = 0b10;
    fill_factors(rng, p);
    check_every_schedule(MixedTableKernel{&p}, p, cat("n ", n));
  }
}

// The protocol's shapes: shift (eq+1 at two points), the Inc reduction (four eq's), the RAM
// value check (LT(·, r) + γ, a none-weight group).
TEST(ExtendedProduct, ProtocolShapes) {
  std::mt19937_64 rng(44);
  const unsigned n = 8;
  const Fr gamma = Fr::random(rng);
  {
    Problem p = random_problem(rng, n, 1, 1, 0);
    p.shape = ProductShape::from_terms(
        3, {{{0}, Fr::one(), 0}, {{1}, gamma, 0}, {{2}, Fr::one(), 1}, {{0}, gamma, 1}});
    p.weights = {Weight::eq_plus_one(random_vector(rng, n)),
                 Weight::eq_plus_one(random_vector(rng, n))};
    p.field_mask = 0b100;
    fill_factors(rng, p);
    check_every_schedule(MixedTableKernel{&p}, p, "shift");
  }
  {
    Problem p = random_problem(rng, n, 1, 1, 0);
    std::vector<ProductTerm> terms;
    for (unsigned g = 0; g < 4; ++g) terms.push_back({{g / 2}, g % 2 ? gamma : Fr::one(), g});
    p.shape = ProductShape::from_terms(2, terms);
    for (unsigned g = 0; g < 4; ++g) p.weights.push_back(Weight::eq(random_vector(rng, n)));
    p.weights.erase(p.weights.begin());  // random_problem's own weight
    p.field_mask = 0;
    fill_factors(rng, p);
    check_every_schedule(MixedTableKernel{&p}, p, "inc reduction");
  }
  {
    // (LT(·, r) + γ)·Inc·(wa − Val): the γ group reuses the same product.
    Problem p = random_problem(rng, n, 2, 1, 1);
    p.shape = ProductShape::from_terms(
        3,
        {{{0, 1}, Fr::one(), 0}, {{0, 2}, -Fr::one(), 0}, {{0, 1}, gamma, 1}, {{0, 2}, -gamma, 1}});
    p.weights = {Weight::less_than(random_vector(rng, n)), Weight::none()};
    p.field_mask = 0b110;
    fill_factors(rng, p);
    check_every_schedule(MixedTableKernel{&p}, p, "ram value check");
  }
}

// Degrees up to 17 (RA virtualization with 16 factors times a weight, read-RAF cycle rounds):
// the linear schedule and windows of at most two rounds.
TEST(ExtendedProduct, HighDegrees) {
  std::mt19937_64 rng(45);
  for (unsigned degree : {8u, 10u, 16u, 17u}) {
    const unsigned n = 6;
    Problem p = random_problem(rng, n, 1, 1, 0);
    const unsigned factors = std::min(degree, 16u);
    std::vector<unsigned> all(factors);
    for (unsigned f = 0; f < factors; ++f) all[f] = f;
    std::vector<ProductTerm> terms{{all, Fr::one(), 0}};
    if (degree > factors) terms[0].factors.push_back(0);  // a repeated factor: degree 17
    terms.push_back({{1 % factors}, Fr::random(rng), 0});
    p.shape = ProductShape::from_terms(factors, terms);
    p.weights = {degree % 2 ? Weight::eq(random_vector(rng, n))
                            : Weight::less_than(random_vector(rng, n))};
    p.field_mask = 0x5555;
    fill_factors(rng, p);
    const unsigned grid =
        StreamingProductSumcheck<MixedTableKernel>::grid_degree(p.shape, p.weights);
    check_every_schedule(MixedTableKernel{&p}, p, cat("degree ", degree), grid_size(2, grid));
    const Schedule half = Schedule::half_split(n, grid);
    for (const Window& w : half.windows())
      EXPECT_LE(grid_size(w.size, grid), Schedule::kMaxGridEntries);
  }
}

// Segments and spans that cut head blocks, with several groups and mixed factors.
TEST(ExtendedProduct, SegmentsAndSpansSmallerThanHeadBlocks) {
  std::mt19937_64 rng(46);
  const Problem p = random_problem(rng, 9, 2, 3, 1);
  const RunResult want = run_reference(p);
  const Schedule s = Schedule::from_windows(9, {1, 2, 2});
  for (std::uint64_t segment : {1u, 3u, 8u}) {
    for (std::size_t span : {1u, 5u}) {
      expect_same(want, run_streaming(MixedTableKernel{&p}, p, s, PassOptions{segment, span}),
                  cat("segment ", segment, " span ", span));
    }
  }
}

// The verifier of the extended relation accepts the true openings and rejects a wrong claim
// and a wrong opening, in a batch with a plain instance.
TEST(ExtendedProduct, VerifierChecksTheExtendedRelation) {
  std::mt19937_64 rng(47);
  const Problem a = random_problem(rng, 7, 3, 3, 0);
  const Problem b = random_problem(rng, 5, 2, 2, 1);
  const auto source = index_source(128);
  const Fr claim_a = reference_of(a).claim(), claim_b = reference_of(b).claim();
  for (int tamper = 0; tamper < 3; ++tamper) {
    StreamingProductSumcheck<MixedTableKernel> ia(MixedTableKernel{&a}, 7, a.shape, a.weights,
                                                  Schedule::from_windows(7, {1, 2}), claim_a);
    std::vector<DensePoly> polys;
    for (const auto& t : b.tables) polys.emplace_back(tracked_vector<Fr>(t.begin(), t.end()));
    DenseProductSumcheck ib(b.shape, std::move(polys), b.weights, claim_b);
    SumcheckInstance* instances[] = {&ia, &ib};
    const std::vector<BatchItem> items = back_aligned(instances);
    PassDriver driver(source, PassOptions{8, 16});
    driver.add(items);
    Transcript tp("extended-batch");
    const BatchedProverOutput out = prove_batched(items, tp, &driver);
    const std::span<const Fr> r(out.challenges);
    std::vector<Fr> open_a = ia.factor_evals(), open_b = ib.factor_evals();
    // Independent openings: each table at the opening point.
    auto opening = [](const std::vector<Fr>& t, std::span<const Fr> ch) {
      return DensePoly(tracked_vector<Fr>(t.begin(), t.end())).evaluate(opening_point(ch));
    };
    for (std::size_t f = 0; f < a.tables.size(); ++f) EXPECT_EQ(open_a[f], opening(a.tables[f], r));
    for (std::size_t f = 0; f < b.tables.size(); ++f)
      EXPECT_EQ(open_b[f], opening(b.tables[f], r.last(5)));
    Fr va_claim = claim_a;
    if (tamper == 1) va_claim += Fr::one();
    if (tamper == 2) open_b[0] += Fr::one();
    ProductVerifier va(7, a.shape, a.weights, va_claim, open_a);
    ProductVerifier vb(5, b.shape, b.weights, claim_b, open_b);
    EXPECT_EQ(va.degree(), ia.degree());
    EXPECT_EQ(vb.degree(), ib.degree());
    const SumcheckVerifierInstance* views[] = {&va, &vb};
    Transcript tv("extended-batch");
    const SumcheckVerification v = verify_batched(back_aligned(views), out.proof, tv);
    EXPECT_EQ(v.ok(), tamper == 0) << "tamper " << tamper;
  }
}

}  // namespace
}  // namespace rill
