// The Twist cycle phase's kernel (twist_address_first.hpp: TwistCycleKernel) in the linear
// schedule: its leg factors stay addresses into scale·eq(r_a, ·) tables (OneHotIndexColumn, u8,
// u16 or u32 by K) and Inc stays an integer (SmallIntColumn), yet the round polynomials and final
// evaluations are those of the same factors handed over as field arrays, and the sumcheck checks
// against the brute-force sum. At N = 2^16 the compact form holds a fraction of the bytes.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/pass_driver.hpp"
#include "rill/util/chunk_source.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/stages/ram_read_write.hpp"
#include "rill/zkvm/stages/registers_read_write.hpp"
#include "rill/zkvm/stages/twist_address_first.hpp"

namespace rill::zkvm {
namespace {

// The same kernel with every factor handed over as a field element (no one-hot or small form):
// the linear schedule then materializes every factor as a field array at round 0.
struct FieldOnlyTwistKernel {
  using Record = TwistFactorRow;
  TwistCycleKernel kernel;
  unsigned num_factors;
  unsigned log_block() const { return 0; }
  void factors(const Record& row, const Record& next, u64 j, Fr* out) const {
    std::array<i64, kMaxTwistFactors> small{};
    kernel.factors(row, next, j, small.data(), out);
    for (unsigned f = 0; f < num_factors; ++f)
      if (((kernel.field_factors() >> f) & 1u) == 0) out[f] = Fr::from_i64(small[f]);
  }
};
static_assert(OneHotKernel<TwistCycleKernel>);
static_assert(MixedKernel<TwistCycleKernel>);
static_assert(!OneHotKernel<FieldOnlyTwistKernel>);

struct Config {
  std::vector<TwistFactor> factors;
  ProductShape shape;
  unsigned legs;
};

// RAM (one leg; ra, Val, Inc, γ·ra) and registers (three legs) as the policies define them.
Config ram_config(const Fr& gamma) {
  const RamTwistPolicy p{gamma};
  const auto f = p.cycle_factors();
  return {{f.begin(), f.end()}, p.cycle_shape(), RamTwistPolicy::kLegs};
}
Config registers_config(const Fr& gamma) {
  const RegistersTwistPolicy p{gamma, gamma * gamma};
  const auto f = p.cycle_factors();
  return {{f.begin(), f.end()}, p.cycle_shape(), RegistersTwistPolicy::kLegs};
}

std::vector<TwistFactorRow> random_rows(std::mt19937_64& rng, unsigned n, u64 k, unsigned legs) {
  std::vector<TwistFactorRow> rows(std::size_t{1} << n);
  for (auto& r : rows) {
    for (unsigned l = 0; l < legs; ++l)
      r.address[l] = rng() % 4 == 0 ? kNoAccess : static_cast<u32>(rng() % k);
    r.val = Fr::from_u64(rng());
    r.inc = rng() % 3 == 0 ? 0 : static_cast<i64>(rng() % (u64{1} << 33)) - (i64{1} << 32);
  }
  return rows;
}

struct LinearRun {
  std::vector<UniPoly> polys;
  std::vector<Fr> evals;
  std::size_t high_water_bytes = 0;
};

template <class Kernel>
LinearRun run_linear(const Kernel& kernel, const Config& c, const std::vector<TwistFactorRow>& rows,
                     std::span<const Fr> w, const Fr& claim) {
  const unsigned n = static_cast<unsigned>(w.size());
  const std::vector<TwistFactorRow>* p = &rows;
  const auto source =
      SyntheticSource<TwistFactorRow>(rows.size(), rows.size(), 1, [p](u64 i) { return (*p)[i]; });
  MemoryScope scope;
  StreamingProductSumcheck<Kernel> inst(kernel, n, c.shape,
                                        Weight::eq(std::vector<Fr>(w.begin(), w.end())),
                                        Schedule::linear_only(n), claim);
  PassDriver driver(source);
  driver.add(inst, 0);
  LinearRun out;
  Fr running = claim;
  std::vector<Fr> r;
  for (unsigned round = 0; round < n; ++round) {
    driver.before_round(round);
    out.polys.push_back(inst.round_poly(round, running));
    EXPECT_EQ(out.polys.back().evaluate(Fr::zero()) + out.polys.back().evaluate(Fr::one()), running)
        << "round " << round;
    r.push_back(Fr::from_u64(0x9e3779b97f4a7c15ULL * (round + 3)));
    running = out.polys.back().evaluate(r.back());
    inst.bind(round, r.back());
  }
  out.evals = inst.factor_evals();
  out.high_water_bytes = scope.high_water_bytes();
  // The final check: eq(w, r)·B(P(r)), r big-endian (the last challenge is the top variable).
  const std::vector<Fr> r_big(r.rbegin(), r.rend());
  EXPECT_EQ(running, eq_eval(w, r_big) * c.shape.combine(out.evals.data()));
  return out;
}

// Σ_x eq(w, x)·B(factors at x), from the field-only kernel.
Fr brute_force_claim(const FieldOnlyTwistKernel& k, const Config& c,
                     const std::vector<TwistFactorRow>& rows, std::span<const Fr> w) {
  const tracked_vector<Fr> eq = eq_table(w);
  Fr s = Fr::zero();
  std::array<Fr, kMaxTwistFactors> v{};
  for (std::size_t x = 0; x < rows.size(); ++x) {
    k.factors(rows[x], rows[x], x, v.data());
    s += eq[x] * c.shape.combine(v.data());
  }
  return s;
}

std::vector<Fr> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> p;
  for (unsigned i = 0; i < n; ++i) p.push_back(Fr::from_u64(rng()));
  return p;
}

// K = 2^6 (u8 indices), 2^10 (u16) and 2^16 (u32: the zero index 2^16 needs 17 bits).
// The cycle phase's plan request prices a stand-in kernel whose tables have
// priced_table_entries(K) entries instead of K (twist_address_first.hpp, plan_request): the pass
// cost must not tell them apart.
TEST(TwistCycleKernel, PassCostDependsOnTheTableSizeOnlyUpToTheEveryRoundBound) {
  std::mt19937_64 rng(61);
  const Fr gamma = Fr::from_u64(rng());
  const Weight weight = Weight::eq(random_point(rng, 8));
  for (const Config& c : {ram_config(gamma), registers_config(gamma)}) {
    for (const u64 k : {u64{2}, u64{16}, u64{17}, u64{64}, u64{1} << 12}) {
      tracked_vector<Fr> table(k);
      for (Fr& v : table) v = Fr::from_u64(rng());
      const std::size_t stand_in_entries = priced_table_entries(k);
      EXPECT_LE(stand_in_entries, 17u);
      using Sumcheck = StreamingProductSumcheck<TwistCycleKernel>;
      const PassCost real = Sumcheck::pass_cost(TwistCycleKernel(c.factors, std::move(table)),
                                                c.shape, std::span<const Weight>(&weight, 1));
      const PassCost stand_in = Sumcheck::pass_cost(
          TwistCycleKernel(c.factors, tracked_vector<Fr>(stand_in_entries, Fr::zero())), c.shape,
          std::span<const Weight>(&weight, 1));
      EXPECT_EQ(real.grid_degree, stand_in.grid_degree) << k;
      EXPECT_EQ(real.fold_first, stand_in.fold_first) << k;
      EXPECT_EQ(real.fold_bound, stand_in.fold_bound) << k;
      EXPECT_EQ(real.per_point, stand_in.per_point) << k;
    }
  }
}

TEST(TwistCycleKernelLinear, CompactLinearScheduleMatchesFieldArrays) {
  std::mt19937_64 rng(2026);
  for (const bool registers : {false, true})
    for (const unsigned log_k : {6u, 10u, 16u})
      for (const unsigned n : {1u, 3u, 7u, 11u}) {
        const Fr gamma = Fr::from_u64(rng());
        const Config c = registers ? registers_config(gamma) : ram_config(gamma);
        const u64 k = u64{1} << log_k;
        tracked_vector<Fr> eq = eq_table(random_point(rng, log_k));
        const TwistCycleKernel kernel(c.factors, std::move(eq));
        const FieldOnlyTwistKernel field{kernel, static_cast<unsigned>(c.factors.size())};
        const std::vector<TwistFactorRow> rows = random_rows(rng, n, k, c.legs);
        const std::vector<Fr> w = random_point(rng, n);
        const Fr claim = brute_force_claim(field, c, rows, w);
        const LinearRun compact = run_linear(kernel, c, rows, w, claim);
        const LinearRun dense = run_linear(field, c, rows, w, claim);
        EXPECT_EQ(compact.polys, dense.polys) << registers << " " << log_k << " " << n;
        EXPECT_EQ(compact.evals, dense.evals) << registers << " " << log_k << " " << n;
      }
}

// Registers at N = 2^16: five one-hot factors are u8 indices and Inc an i64, so the peak is
// about Val's field array and its bind buffer (48 B) plus 13 B per index, against 7 × 48 B.
TEST(TwistCycleKernelLinear, CompactLinearScheduleCutsTheTrackedBytes) {
  std::mt19937_64 rng(7);
  const unsigned n = 16;
  const Config c = registers_config(Fr::from_u64(rng()));
  const TwistCycleKernel kernel(c.factors, eq_table(random_point(rng, kLogKRegisters)));
  const FieldOnlyTwistKernel field{kernel, static_cast<unsigned>(c.factors.size())};
  const std::vector<TwistFactorRow> rows = random_rows(rng, n, u64{1} << kLogKRegisters, c.legs);
  const std::vector<Fr> w = random_point(rng, n);
  const Fr claim = brute_force_claim(field, c, rows, w);
  const LinearRun compact = run_linear(kernel, c, rows, w, claim);
  const LinearRun dense = run_linear(field, c, rows, w, claim);
  ASSERT_EQ(compact.polys, dense.polys);
  const std::size_t big_n = rows.size();
  EXPECT_GE(dense.high_water_bytes, 7 * 48 * big_n);
  EXPECT_LE(compact.high_water_bytes, 70 * big_n);
  std::printf("Twist cycle kernel (registers), linear, N = 2^16: field %zu B, compact %zu B\n",
              dense.high_water_bytes, compact.high_water_bytes);
}

}  // namespace
}  // namespace rill::zkvm
