// Stage 5's cycle rounds in linear mode keep their factors compact (stage_context.hpp:
// cycle_schedule materializes at round 0): 5a's ra_v and cv, 5b's ra (small K_ram) and 5c's
// wa as one-hot indices, 5c's RdInc as i64, 5b's and 5c's weights in split form. Each instance's
// round polynomials and final factors must equal a dense prover's (DenseProductSumcheck over the
// factor values computed here by brute force, 5c in its original three-factor form
// RdInc·wa·LT with no weight), under both the linear and the streaming schedule; and 5a's
// linear high-water stays a few bytes per cycle.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <utility>

#include "rill/sumcheck/product.hpp"
#include "rill/zkvm/stages/stage5.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"

namespace rill::zkvm {
namespace {

using testing::random_point;

struct Rounds {
  std::vector<UniPoly> polys;
  std::vector<Fr> evals;
  std::size_t high_water_bytes = 0;
};

Fr challenge(unsigned round) { return Fr::from_u64(0x9e3779b97f4a7c15ULL * (round + 3)); }

// Rounds of a streaming instance over the records, with fixed challenges.
template <class Instance, class Evals>
Rounds run_streaming(const std::vector<CycleRecord>& records, Instance& inst, const Evals& evals) {
  const auto source = testing::record_source(records);
  Rounds out;
  {
    MemoryScope scope;
    PassDriver driver(source);
    driver.add(inst, 0);
    Fr claim = inst.input_claim();
    for (unsigned round = 0; round < inst.num_rounds(); ++round) {
      driver.before_round(round);
      out.polys.push_back(inst.round_poly(round, claim));
      claim = out.polys.back().evaluate(challenge(round));
      inst.bind(round, challenge(round));
    }
    out.high_water_bytes = scope.high_water_bytes();
  }
  out.evals = evals();
  return out;
}

Rounds run_dense(DenseProductSumcheck inst) {
  Rounds out;
  Fr claim = inst.input_claim();
  for (unsigned round = 0; round < inst.num_rounds(); ++round) {
    out.polys.push_back(inst.round_poly(round, claim));
    claim = out.polys.back().evaluate(challenge(round));
    inst.bind(round, challenge(round));
  }
  out.evals = inst.factor_evals();
  return out;
}

// Σ_x W(x)·Π_f P_f(x) over dense columns.
Fr dense_claim(const std::vector<std::vector<Fr>>& columns, const Weight& weight, unsigned n) {
  const tracked_vector<Fr> w = weight_table(weight, n);
  Fr sum = Fr::zero();
  for (std::size_t x = 0; x < (std::size_t{1} << n); ++x) {
    Fr p = w.empty() ? Fr::one() : w[x];
    for (const auto& c : columns) p *= c[x];
    sum += p;
  }
  return sum;
}

std::vector<DensePoly> dense_polys(const std::vector<std::vector<Fr>>& columns) {
  std::vector<DensePoly> out;
  for (const auto& c : columns) out.emplace_back(tracked_vector<Fr>(c.begin(), c.end()));
  return out;
}

void expect_same(const Rounds& got, const Rounds& want, const std::string& what) {
  EXPECT_EQ(got.polys, want.polys) << what;
  EXPECT_EQ(got.evals, want.evals) << what;
}

// 5a's cycle rounds: eq(r_c^2, j)·Π_v ra_v(j)·cv(j) with ra_v(j) = eq(ρ_v, chunk_v(k_j)) and
// cv(j) = values[2·slot + rf], for random ρ_v and values.
Rounds read_raf_cycle_rounds(const std::vector<CycleRecord>& records, unsigned log_chunk,
                             const std::vector<Fr>& r_c2, const Schedule& schedule, u64 seed,
                             Rounds* dense) {
  std::mt19937_64 rng(seed);
  const unsigned n_virtual = kInstructionLogK / log_chunk;
  const unsigned log_t = static_cast<unsigned>(r_c2.size());
  std::vector<tracked_vector<Fr>> eq_tables;
  for (unsigned v = 0; v < n_virtual; ++v)
    eq_tables.push_back(eq_table(random_point(rng, log_chunk)));
  tracked_vector<Fr> values;
  for (unsigned k = 0; k < 2 * (lookups::kNumTables + 1); ++k) values.push_back(Fr::random(rng));

  std::vector<std::vector<Fr>> columns(n_virtual + 1);
  for (const CycleRecord& r : records) {
    for (unsigned v = 0; v < n_virtual; ++v)
      columns[v].push_back(eq_tables[v][(r.lookup_index >> (64 - (v + 1) * log_chunk)) &
                                        ((u64{1} << log_chunk) - 1)]);
    const unsigned slot = r.table == CycleRecord::kNoTable ? lookups::kNumTables : r.table;
    columns[n_virtual].push_back(values[2 * slot + (r.interleaved ? 0 : 1)]);
  }
  const Weight weight = Weight::eq(r_c2);
  const ProductShape shape = ProductShape::product(n_virtual + 1);
  const Fr claim = dense_claim(columns, weight, log_t);
  if (dense != nullptr)
    *dense = run_dense(DenseProductSumcheck(shape, dense_polys(columns), weight, claim));
  StreamingProductSumcheck<ReadRafCycleKernel> inst(
      ReadRafCycleKernel(std::move(eq_tables), std::move(values), log_chunk), log_t, shape, weight,
      schedule, claim);
  return run_streaming(records, inst, [&] { return inst.factor_evals(); });
}

std::vector<CycleRecord> lookup_records(u64 seed, unsigned log_t) {
  std::mt19937_64 rng(seed);
  std::vector<CycleRecord> records;
  for (u64 j = 0; j < (u64{1} << log_t); ++j) {
    CycleRecord r;
    r.lookup_index = j % 5 == 4 && j > 0 ? records.back().lookup_index : rng();
    const unsigned slot = static_cast<unsigned>(rng() % (lookups::kNumTables + 1));
    r.table = slot == lookups::kNumTables ? CycleRecord::kNoTable : static_cast<u8>(slot);
    r.interleaved = (rng() & 1) != 0;
    records.push_back(r);
  }
  return records;
}

TEST(Stage5CycleRounds, ReadRafIndexFormMatchesADenseProver) {
  for (unsigned log_chunk : {8u, 16u}) {
    for (unsigned log_t : {1u, 2u, 5u, 9u}) {
      const std::vector<CycleRecord> records = lookup_records(log_t * 31 + log_chunk, log_t);
      std::mt19937_64 rng(log_t);
      const std::vector<Fr> r_c2 = random_point(rng, log_t);
      const std::string what = "w " + std::to_string(log_chunk) + " log T " + std::to_string(log_t);
      Rounds dense;
      const Rounds linear =
          read_raf_cycle_rounds(records, log_chunk, r_c2, Schedule::linear_only(log_t), 5, &dense);
      expect_same(linear, dense, what + " linear");
      const Rounds streaming = read_raf_cycle_rounds(
          records, log_chunk, r_c2, Schedule::half_split(log_t, 64 / log_chunk + 2), 5, nullptr);
      expect_same(streaming, dense, what + " streaming");
    }
  }
}

// The linear schedule holds 9 index columns of one byte per cycle and, from the fourth or fifth
// bind, field arrays of T/16 or T/32 entries: a few bytes per cycle (the dense form: 9 field
// arrays of T entries and their T/2 bind buffers, 432 B per cycle).
TEST(Stage5CycleRounds, ReadRafLinearHighWaterIsAFewBytesPerCycle) {
  const unsigned log_t = 16;
  const std::vector<CycleRecord> records = lookup_records(99, log_t);
  std::mt19937_64 rng(7);
  const Rounds linear = read_raf_cycle_rounds(records, 8, random_point(rng, log_t),
                                              Schedule::linear_only(log_t), 5, nullptr);
  const double per_cycle = static_cast<double>(linear.high_water_bytes) / (1u << log_t);
  std::printf("5a cycle rounds, linear, T = 2^16: %.1f tracked B/cycle\n", per_cycle);
  EXPECT_LE(per_cycle, 40.0);
}

// 5b: (eq(r_c^1, j) + γ·eq(r_c^2, j) + γ²·eq(r_c^4, j))·ra(r_a^2, j) over random RAM words.
TEST(Stage5CycleRounds, RamRaReductionMatchesADenseProver) {
  for (const auto& [log_k, log_t] :
       std::vector<std::pair<unsigned, unsigned>>{{3, 1}, {4, 6}, {6, 9}, {10, 9}}) {
    std::mt19937_64 rng(log_k * 100 + log_t);
    std::vector<CycleRecord> records(std::size_t{1} << log_t);
    for (CycleRecord& r : records)
      if (rng() % 3 != 0) r.ram_word = static_cast<u32>(rng() % (u64{1} << log_k));
    const std::vector<Fr> r_a2 = random_point(rng, log_k), r_c1 = random_point(rng, log_t),
                          r_c2 = random_point(rng, log_t), r_c4 = random_point(rng, log_t);
    const Fr gamma = Fr::random(rng);
    const tracked_vector<Fr> eq_a = eq_table(r_a2);
    std::vector<std::vector<Fr>> columns(1);
    for (const CycleRecord& r : records)
      columns[0].push_back(r.ram_word == kNoAccess ? Fr::zero() : eq_a[r.ram_word]);
    const Weight weight =
        Weight::eq_combination({r_c1, r_c2, r_c4}, {Fr::one(), gamma, gamma * gamma});
    const Fr claim = dense_claim(columns, weight, log_t);
    const Rounds dense = run_dense(
        DenseProductSumcheck(ProductShape::product(1), dense_polys(columns), weight, claim));
    const std::string what = "log K " + std::to_string(log_k) + " log T " + std::to_string(log_t);
    for (const Schedule& schedule :
         {Schedule::linear_only(log_t), Schedule::half_split(log_t, kRamRaClaimReductionDegree)}) {
      EXPECT_EQ(one_hot_ram_ra(log_k, log_t, schedule),
                schedule.switch_round() == 0 && log_k <= log_t);
      RamRaClaimReductionProver prover(gamma, r_a2, r_c1, r_c2, r_c4, schedule, claim);
      expect_same(run_streaming(records, prover, [&] { return prover.factor_evals(); }), dense,
                  what + " switch " + std::to_string(schedule.switch_round()));
    }
  }
  EXPECT_FALSE(one_hot_ram_ra(16, 20, Schedule::linear_only(20)));  // 2^16 + 1 indices
  EXPECT_TRUE(one_hot_ram_ra(15, 20, Schedule::linear_only(20)));
}

// 5c: RdInc·wa·LT with LT as the weight must give the polynomials of the three-factor form.
TEST(Stage5CycleRounds, RegistersValEvaluationMatchesTheThreeFactorForm) {
  for (unsigned log_t : {1u, 2u, 7u, 10u}) {
    std::mt19937_64 rng(log_t + 500);
    std::vector<CycleRecord> records(std::size_t{1} << log_t);
    for (CycleRecord& r : records) {
      if (rng() % 4 == 0) continue;
      r.rd = static_cast<u32>(rng() % 64);
      r.rd_inc = static_cast<i64>(rng() % (u64{1} << 33)) - (i64{1} << 32);
    }
    const std::vector<Fr> r_a4 = random_point(rng, kLogKRegisters), r_c4 = random_point(rng, log_t);
    const tracked_vector<Fr> eq_a = eq_table(r_a4);
    const tracked_vector<Fr> lt = weight_table(Weight::less_than(r_c4), log_t);
    std::vector<std::vector<Fr>> columns(3);
    for (std::size_t j = 0; j < records.size(); ++j) {
      const CycleRecord& r = records[j];
      const bool write = r.rd != kNoAccess;
      columns[0].push_back(write ? Fr::from_i64(r.rd_inc) : Fr::zero());
      columns[1].push_back(write ? eq_a[r.rd] : Fr::zero());
      columns[2].push_back(lt[j]);
    }
    const Fr claim = dense_claim(columns, Weight::none(), log_t);
    Rounds dense = run_dense(DenseProductSumcheck(ProductShape::product(3), dense_polys(columns),
                                                  Weight::none(), claim));
    dense.evals.resize(2);  // RdInc, wa (LT is the weight now)
    for (const Schedule& schedule : {Schedule::linear_only(log_t),
                                     Schedule::half_split(log_t, kRegistersValEvaluationDegree)}) {
      RegistersValEvaluationProver prover(r_a4, r_c4, log_t, schedule, claim);
      EXPECT_EQ(prover.degree(), kRegistersValEvaluationDegree);
      expect_same(
          run_streaming(records, prover, [&] { return prover.factor_evals(); }), dense,
          "log T " + std::to_string(log_t) + " switch " + std::to_string(schedule.switch_round()));
    }
  }
}

}  // namespace
}  // namespace rill::zkvm
