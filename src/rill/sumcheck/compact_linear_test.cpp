// Linear mode stays compact (ARCHITECTURE.md §8): with the linear schedule, small-integer factors
// are stored as integers at round 0 and become field arrays (half size) only when r_0 is bound.
// Same round polynomials as the same values given as field elements, and at N = 2^20 about half
// the tracked bytes.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {
namespace {

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 31;
  x *= 0x9e3779b97f4a7c15ULL;
  x ^= x >> 29;
  return x;
}

// Factor f at index x: a signed 20-bit integer from a hash (increments, differences of words).
i64 small_value(std::uint64_t x, unsigned f) {
  return static_cast<i64>(mix(x * 8 + f) % (1u << 20)) - (1 << 19);
}

struct SmallKernel {
  using Record = std::uint64_t;
  using Value = i64;
  unsigned num_factors;
  unsigned log_block() const { return 0; }
  void factors(const Record& row, const Record&, std::uint64_t, i64* out) const {
    for (unsigned f = 0; f < num_factors; ++f) out[f] = small_value(row, f);
  }
};

struct FieldKernel {
  using Record = std::uint64_t;
  unsigned num_factors;
  unsigned log_block() const { return 0; }
  void factors(const Record& row, const Record&, std::uint64_t, Fr* out) const {
    for (unsigned f = 0; f < num_factors; ++f) out[f] = Fr::from_i64(small_value(row, f));
  }
};

// One-hot factors: factor f at index x is T_f[k] for a hashed k < 16, or zero for k = 16.
constexpr unsigned kOneHotK = 16;
u32 one_hot_index(std::uint64_t x, unsigned f) {
  return static_cast<u32>(mix(x * 8 + f + 3) % (kOneHotK + 1));
}
const std::vector<tracked_vector<Fr>>& one_hot_tables() {
  static const std::vector<tracked_vector<Fr>> tables = [] {
    std::vector<tracked_vector<Fr>> t(ProductShape::kMaxFactors);
    for (unsigned f = 0; f < t.size(); ++f)
      for (unsigned k = 0; k < kOneHotK; ++k) t[f].push_back(Fr::from_u64(mix(1000 + 37 * f + k)));
    return t;
  }();
  return tables;
}
Fr one_hot_value(std::uint64_t x, unsigned f) {
  const u32 k = one_hot_index(x, f);
  return k == kOneHotK ? Fr::zero() : one_hot_tables()[f][k];
}

struct OneHotFieldKernel {
  using Record = std::uint64_t;
  unsigned num_factors;
  unsigned log_block() const { return 0; }
  void factors(const Record& row, const Record&, std::uint64_t, Fr* out) const {
    for (unsigned f = 0; f < num_factors; ++f) out[f] = one_hot_value(row, f);
  }
};

// The same values, also given as indices (product_pass.hpp: OneHotKernel).
struct OneHotIndexKernel : OneHotFieldKernel {
  const tracked_vector<Fr>* one_hot_table(unsigned f) const {
    return f < num_factors ? &one_hot_tables()[f] : nullptr;
  }
  void one_hot_indices(const Record& row, u32* out) const {
    for (unsigned f = 0; f < num_factors; ++f) {
      const u32 k = one_hot_index(row, f);
      out[f] = k == kOneHotK ? kOneHotZero : k;
    }
  }
};
static_assert(OneHotKernel<OneHotIndexKernel>);
static_assert(!OneHotKernel<OneHotFieldKernel>);

struct LinearRun {
  std::vector<UniPoly> polys;
  std::vector<Fr> evals;
  std::size_t high_water_bytes;
  double seconds;
};

template <class Kernel>
LinearRun run_linear(unsigned n, const Weight& weight, unsigned factors) {
  const auto source = SyntheticSource<std::uint64_t>(std::uint64_t{1} << n, std::uint64_t{1} << n,
                                                     1, [](std::uint64_t i) { return i; });
  MemoryScope scope;
  const auto start = std::chrono::steady_clock::now();
  StreamingProductSumcheck<Kernel> inst(Kernel{factors}, n, ProductShape::product(factors), weight,
                                        Schedule::linear_only(n), Fr::zero());
  PassDriver driver(source);
  driver.add(inst, 0);
  LinearRun out;
  Fr claim = Fr::zero();
  for (unsigned round = 0; round < n; ++round) {
    driver.before_round(round);
    out.polys.push_back(inst.round_poly(round, claim));
    const Fr r = Fr::from_u64(mix(round + 77));
    claim = out.polys.back().evaluate(r);
    inst.bind(round, r);
  }
  out.evals = inst.factor_evals();
  out.high_water_bytes = scope.high_water_bytes();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::vector<Fr> fixed_point(unsigned n) {
  std::vector<Fr> w;
  for (unsigned i = 0; i < n; ++i) w.push_back(Fr::from_u64(mix(500 + i)));
  return w;
}

TEST(CompactLinear, SmallFactorsHalveTheTrackedBytesAtTwoToTwenty) {
  const unsigned n = 20, factors = 3;
  const Weight weight = Weight::eq(fixed_point(n));
  const LinearRun field = run_linear<FieldKernel>(n, weight, factors);
  const LinearRun compact = run_linear<SmallKernel>(n, weight, factors);
  ASSERT_EQ(compact.polys, field.polys);
  EXPECT_EQ(compact.evals, field.evals);
  const std::size_t big_n = std::size_t{1} << n;
  // Field: 3 arrays of N plus 3 bind buffers of N/2 (48 B per index per factor). Compact: 3
  // arrays of N i64 plus 3 of N/2 field elements (24 B per index per factor).
  EXPECT_GE(field.high_water_bytes, factors * big_n * 48);
  EXPECT_LE(compact.high_water_bytes, factors * big_n * 24 + (big_n / 4));
  std::printf(
      "linear schedule, eq·P0·P1·P2 (i64), N = 2^20: field %zu B %.2f s, compact %zu B %.2f s "
      "(%.2fx bytes)\n",
      field.high_water_bytes, field.seconds, compact.high_water_bytes, compact.seconds,
      static_cast<double>(compact.high_water_bytes) / field.high_water_bytes);
}

// The compact round 0 with a dense (non-eq) weight, a mixed-degree shape and n = 1.
TEST(CompactLinear, AgreesWithFieldFactorsForOtherWeightsAndSizes) {
  for (unsigned n : {1u, 2u, 5u, 12u}) {
    for (const Weight& weight :
         {Weight::none(), Weight::less_than(fixed_point(n)), Weight::eq(fixed_point(n))}) {
      const LinearRun field = run_linear<FieldKernel>(n, weight, 2);
      const LinearRun compact = run_linear<SmallKernel>(n, weight, 2);
      EXPECT_EQ(compact.polys, field.polys) << n;
      EXPECT_EQ(compact.evals, field.evals) << n;
    }
  }
}

// One-hot factors kept as indices through the first binds (linear_rounds.hpp:
// OneHotIndexColumn): the same round polynomials and evaluations as field factors, for every
// size (the index form stops early when its tables would outgrow the bound array) and weight.
TEST(CompactLinear, OneHotIndicesAgreeWithFieldFactors) {
  for (unsigned n : {1u, 2u, 5u, 9u, 14u}) {
    for (const Weight& weight :
         {Weight::none(), Weight::less_than(fixed_point(n)), Weight::eq(fixed_point(n))}) {
      const LinearRun field = run_linear<OneHotFieldKernel>(n, weight, 3);
      const LinearRun index = run_linear<OneHotIndexKernel>(n, weight, 3);
      EXPECT_EQ(index.polys, field.polys) << n;
      EXPECT_EQ(index.evals, field.evals) << n;
    }
  }
}

TEST(CompactLinear, OneHotIndicesCutTheTrackedBytes) {
  const unsigned n = 18, factors = 4;
  const Weight weight = Weight::eq(fixed_point(n));
  const LinearRun field = run_linear<OneHotFieldKernel>(n, weight, factors);
  const LinearRun index = run_linear<OneHotIndexKernel>(n, weight, factors);
  ASSERT_EQ(index.polys, field.polys);
  EXPECT_EQ(index.evals, field.evals);
  const std::size_t big_n = std::size_t{1} << n;
  // Field: 48 B per index per factor. Indices: 1 B, then field arrays of N/16 and N/32 once the
  // fourth bind materializes them (3 B), plus the weight's split tables.
  EXPECT_GE(field.high_water_bytes, factors * big_n * 48);
  EXPECT_LE(index.high_water_bytes, factors * big_n * 4 + big_n / 4);
  std::printf(
      "linear schedule, eq·Π of 4 one-hot factors, N = 2^18: field %zu B %.2f s, "
      "indices %zu B %.2f s\n",
      field.high_water_bytes, field.seconds, index.high_water_bytes, index.seconds);
}

}  // namespace
}  // namespace rill
