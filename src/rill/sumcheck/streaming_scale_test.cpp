// Streaming at scale (N = 2^20): memory stays O(√N) and the half split agrees with the linear
// schedule; and a batch of streaming instances shares its passes through one driver.
#include <gtest/gtest.h>

#include "rill/sumcheck/batched.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/sumcheck/streaming_product.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill {
namespace {

// Factor values from a fixed mixing function of (index, factor): no N-sized table anywhere.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 31;
  x *= 0x9e3779b97f4a7c15ULL;
  x ^= x >> 29;
  return x;
}

struct HashKernel {
  using Record = std::uint64_t;
  unsigned num_factors;
  unsigned m;
  unsigned log_block() const { return m; }
  void factors(const Record& row, const Record&, std::uint64_t, Fr* out) const {
    const std::size_t per = std::size_t{1} << m;
    for (unsigned f = 0; f < num_factors; ++f)
      for (std::size_t t = 0; t < per; ++t)
        out[f * per + t] = Fr::from_u64(mix(((row << m) + t) * 8 + f));
  }
};

SyntheticSource<std::uint64_t> index_source(std::uint64_t records) {
  return SyntheticSource<std::uint64_t>(records, records, 1, [](std::uint64_t i) { return i; });
}

std::vector<Fr> fixed_point(unsigned n, std::uint64_t seed) {
  std::vector<Fr> w;
  for (unsigned i = 0; i < n; ++i) w.push_back(Fr::from_u64(mix(seed + i)));
  return w;
}

struct ScaleRun {
  std::vector<UniPoly> polys;
  std::vector<Fr> evals;
  std::size_t high_water_bytes;
};

ScaleRun run_at_scale(unsigned n, const Schedule& schedule, const Fr& input_claim) {
  const auto source = index_source(std::uint64_t{1} << n);
  MemoryScope scope;
  StreamingProductSumcheck<HashKernel> inst(HashKernel{2, 0}, n, ProductShape::product(2),
                                            Weight::eq(fixed_point(n, 100)), schedule, input_claim);
  PassDriver driver(source);
  driver.add(inst, 0);
  ScaleRun out;
  Fr claim = input_claim;
  for (unsigned round = 0; round < n; ++round) {
    driver.before_round(round);
    out.polys.push_back(inst.round_poly(round, claim));
    const Fr r = Fr::from_u64(mix(round + 1000));
    claim = out.polys.back().evaluate(r);
    inst.bind(round, r);
  }
  out.evals = inst.factor_evals();
  out.high_water_bytes = scope.high_water_bytes();
  EXPECT_EQ(driver.passes(), schedule.passes());
  EXPECT_EQ(source.stats().passes, schedule.passes());
  return out;
}

Fr first_round_sum(unsigned n) {
  const auto source = index_source(std::uint64_t{1} << n);
  StreamingProductSumcheck<HashKernel> inst(HashKernel{2, 0}, n, ProductShape::product(2),
                                            Weight::eq(fixed_point(n, 100)),
                                            Schedule::from_windows(n, {2}), Fr::zero());
  PassDriver driver(source);
  driver.add(inst, 0);
  driver.before_round(0);
  return inst.round_poly(0, Fr::zero()).sum_over_boolean();
}

TEST(StreamingScale, HalfSplitHoldsSqrtNFieldElementsAtTwoToTwenty) {
  const unsigned n = 20;
  const Schedule half = Schedule::half_split(n, 2);  // eq stays outside the grid: D = 2
  // The input claim: h_0(0) + h_0(1) of a first window of two rounds, which evaluates the whole
  // grid (a window of one round, like the linear rounds, takes h(1) from the claim).
  const Fr claim = first_round_sum(n);
  const ScaleRun streamed = run_at_scale(n, half, claim);
  const ScaleRun linear = run_at_scale(n, Schedule::linear_only(n), claim);
  for (std::size_t r = 0; r < n; ++r) ASSERT_EQ(streamed.polys[r], linear.polys[r]) << r;
  EXPECT_EQ(streamed.evals, linear.evals);
  const std::size_t sqrt_n_elements = (std::size_t{1} << (n / 2)) * sizeof(Fr);
  // Measured: about 4·√N field elements (weight prefix and suffix, R, the two bound factors and
  // their bind buffers, grids); the linear schedule holds 3·N (two factors, two half buffers).
  EXPECT_LE(streamed.high_water_bytes, 32 * sqrt_n_elements) << streamed.high_water_bytes;
  EXPECT_GE(linear.high_water_bytes, 3 * (std::size_t{1} << n) * sizeof(Fr));
  std::printf("tracked high water: streaming %zu B (%.1f sqrt(N) elements), linear %zu B\n",
              streamed.high_water_bytes,
              static_cast<double>(streamed.high_water_bytes) / sqrt_n_elements,
              linear.high_water_bytes);
}

}  // namespace
}  // namespace rill
