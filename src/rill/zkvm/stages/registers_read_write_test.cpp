// Registers read-write checking (address first, three legs per row) against a brute-force
// evaluation over the 64 × T grid; identical proofs across schedules, threads and segments; a
// read of a value never written is rejected.
#include "rill/zkvm/stages/registers_read_write.hpp"

#include <gtest/gtest.h>

#include "rill/util/parallel.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"

namespace rill::zkvm {
namespace {

using testing::dense_eval;
using testing::random_point;

constexpr u64 kRegs = u64{1} << kLogKRegisters;

struct RegTrace {
  unsigned log_t;
  std::vector<CycleRecord> rows;
  std::vector<u32> rd_value, rs1_value, rs2_value;  // 0 without the operand
};

RegTrace random_reg_trace(u64 seed, unsigned log_t) {
  std::mt19937_64 rng(seed);
  RegTrace tr{log_t, {}, {}, {}, {}};
  std::vector<u32> regs(kRegs, 0);
  const auto pick = [&]() -> u32 {
    return rng() % 4 == 0 ? kNoAccess : static_cast<u32>(1 + rng() % (kRegs - 1));
  };
  for (u64 j = 0; j < (u64{1} << log_t); ++j) {
    CycleRecord r;
    r.rs1 = pick();
    r.rs2 = rng() % 3 == 0 ? r.rs1 : pick();
    r.rd = rng() % 5 == 0 ? r.rs1 : pick();
    const u32 v1 = r.rs1 == kNoAccess ? 0 : regs[r.rs1];
    const u32 v2 = r.rs2 == kNoAccess ? 0 : regs[r.rs2];
    u32 vd = 0;
    if (r.rd != kNoAccess) {
      vd = rng() % 4 == 0 ? regs[r.rd] : static_cast<u32>(rng());
      r.rd_inc = static_cast<i64>(vd) - static_cast<i64>(regs[r.rd]);
      regs[r.rd] = vd;
    }
    tr.rows.push_back(r);
    tr.rd_value.push_back(vd);
    tr.rs1_value.push_back(v1);
    tr.rs2_value.push_back(v2);
  }
  return tr;
}

// Val(k, j) over the 64 × T grid, index k·T + j.
std::vector<Fr> val_grid(const RegTrace& tr) {
  const u64 t = tr.rows.size();
  std::vector<Fr> grid(kRegs * t);
  std::vector<i64> regs(kRegs, 0);
  for (u64 j = 0; j < t; ++j) {
    for (u64 k = 0; k < kRegs; ++k) grid[k * t + j] = Fr::from_i64(regs[k]);
    if (tr.rows[j].rd != kNoAccess) regs[tr.rows[j].rd] += tr.rows[j].rd_inc;
  }
  return grid;
}

std::vector<Fr> one_hot_grid(const RegTrace& tr, u32 CycleRecord::*field) {
  const u64 t = tr.rows.size();
  std::vector<Fr> g(kRegs * t, Fr::zero());
  for (u64 j = 0; j < t; ++j)
    if (tr.rows[j].*field != kNoAccess) g[(tr.rows[j].*field) * t + j] = Fr::one();
  return g;
}

Fr brute_force_sum(const RegTrace& tr, std::span<const Fr> r_c, const Fr& gamma) {
  const u64 t = tr.rows.size();
  const std::vector<Fr> val = val_grid(tr);
  const tracked_vector<Fr> eq = eq_table(r_c);
  Fr s = Fr::zero();
  for (u64 k = 0; k < kRegs; ++k)
    for (u64 j = 0; j < t; ++j) {
      const CycleRecord& r = tr.rows[j];
      const Fr v = val[k * t + j];
      Fr term = Fr::zero();
      if (r.rd == k) term += v + Fr::from_i64(r.rd_inc);
      if (r.rs1 == k) term += gamma * v;
      if (r.rs2 == k) term += gamma * gamma * v;
      s += eq[j] * term;
    }
  return s;
}

struct Outcome {
  BatchedSumcheckProof proof;
  std::vector<Fr> challenges, factors;
};

Outcome prove_regs(const RegTrace& tr, std::span<const Fr> r_c, const Fr& gamma, const Fr& claim,
                   bool streaming, PassOptions options) {
  RegistersReadWriteProver prover(
      gamma, tr.log_t, std::vector<Fr>(r_c.begin(), r_c.end()),
      streaming ? Schedule::half_split(tr.log_t, 2) : Schedule::linear_only(tr.log_t), claim);
  const auto source = testing::record_source(tr.rows);
  const BatchItem items[] = {{&prover, 0}};
  const testing::BatchRun run = testing::prove_batch(source, items, options);
  return {run.out.proof, run.out.challenges, prover.factor_evals()};
}

struct Inputs {
  Fr rd, rs1, rs2;
};

Inputs input_claims(const RegTrace& tr, std::span<const Fr> r_c) {
  std::vector<Fr> rd, rs1, rs2;
  for (u64 j = 0; j < tr.rows.size(); ++j) {
    rd.push_back(Fr::from_u64(tr.rd_value[j]));
    rs1.push_back(Fr::from_u64(tr.rs1_value[j]));
    rs2.push_back(Fr::from_u64(tr.rs2_value[j]));
  }
  return {dense_eval(r_c, rd), dense_eval(r_c, rs1), dense_eval(r_c, rs2)};
}

SumcheckVerification verify_regs(const Outcome& o, unsigned log_t, std::span<const Fr> r_c,
                                 const Fr& gamma, const Inputs& in) {
  const auto& f = o.factors;
  RegistersReadWriteVerifier verifier(gamma, log_t, std::vector<Fr>(r_c.begin(), r_c.end()),
                                      {in.rd, in.rs1, in.rs2}, {f[3], f[1], f[2], f[0], f[4]});
  const VerifierItem vitems[] = {{&verifier, 0}};
  return testing::verify_batch(vitems, o.proof);
}

class RegistersReadWrite : public ::testing::TestWithParam<unsigned> {};

TEST_P(RegistersReadWrite, MatchesBruteForceAndVerifies) {
  const unsigned log_t = GetParam();
  const RegTrace tr = random_reg_trace(log_t, log_t);
  std::mt19937_64 rng(31);
  const std::vector<Fr> r_c = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  const Inputs in = input_claims(tr, r_c);
  const Fr claim = in.rd + gamma * in.rs1 + gamma * gamma * in.rs2;
  ASSERT_EQ(claim, brute_force_sum(tr, r_c, gamma));
  const Outcome o = prove_regs(tr, r_c, gamma, claim, false, {});
  const SumcheckVerification v = verify_regs(o, log_t, r_c, gamma, in);
  ASSERT_TRUE(v.ok()) << to_string(*v.failure);

  const std::vector<Fr> r_a(o.challenges.rend() - kLogKRegisters, o.challenges.rend());
  const std::vector<Fr> r_c4(o.challenges.rbegin(), o.challenges.rbegin() + log_t);
  std::vector<Fr> full = r_a;
  full.insert(full.end(), r_c4.begin(), r_c4.end());
  EXPECT_EQ(o.factors[3], dense_eval(full, val_grid(tr)));
  EXPECT_EQ(o.factors[0], dense_eval(full, one_hot_grid(tr, &CycleRecord::rd)));
  EXPECT_EQ(o.factors[1], dense_eval(full, one_hot_grid(tr, &CycleRecord::rs1)));
  EXPECT_EQ(o.factors[2], dense_eval(full, one_hot_grid(tr, &CycleRecord::rs2)));
  std::vector<Fr> inc;
  for (const auto& r : tr.rows) inc.push_back(Fr::from_i64(r.rd == kNoAccess ? 0 : r.rd_inc));
  EXPECT_EQ(o.factors[4], dense_eval(r_c4, inc));

  for (bool streaming : {false, true})
    for (unsigned threads : {1u, 2u})
      for (u64 segment : {u64{0}, u64{8}, u64{64}}) {
        set_thread_count(threads);
        PassOptions options;
        options.segment_records = segment;
        options.max_span = 5;
        const Outcome other = prove_regs(tr, r_c, gamma, claim, streaming, options);
        EXPECT_EQ(other.proof.round_polys, o.proof.round_polys);
        EXPECT_EQ(other.factors, o.factors);
      }
  set_thread_count(0);
}

TEST_P(RegistersReadWrite, AReadOfAValueNeverWrittenIsRejected) {
  const unsigned log_t = GetParam();
  const RegTrace tr = random_reg_trace(100 + log_t, log_t);
  std::mt19937_64 rng(37);
  const std::vector<Fr> r_c = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  RegTrace bad = tr;
  u64 j = 0;
  while (bad.rows[j].rs2 == kNoAccess) ++j;
  bad.rs2_value[j] += 7;
  const Inputs in = input_claims(bad, r_c);
  const Fr claim = in.rd + gamma * in.rs1 + gamma * gamma * in.rs2;
  const ScopedSelfCheckOff off;  // a false claim on purpose: the verifier must reject it
  const Outcome o = prove_regs(tr, r_c, gamma, claim, true, {});
  EXPECT_FALSE(verify_regs(o, log_t, r_c, gamma, in).ok());
}

INSTANTIATE_TEST_SUITE_P(Sizes, RegistersReadWrite, ::testing::Values(4u, 6u, 8u));

// Linear mode keeps the cycle phase compact (TwistCycleKernel): wa, ra1, ra2, γ·ra1, γ²·ra2 are
// u8 addresses and RdInc an i64, so at T = 2^16 the instance holds about Val's field array and
// its bind buffer (48 B per cycle) plus 13 B per cycle (7 field arrays: 336 B per cycle).
TEST(RegistersReadWriteMemory, LinearScheduleHoldsFewBytesPerCycle) {
  const unsigned log_t = 16;
  const RegTrace tr = random_reg_trace(5, log_t);
  std::mt19937_64 rng(41);
  const std::vector<Fr> r_c = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  const Inputs in = input_claims(tr, r_c);
  const Fr claim = in.rd + gamma * in.rs1 + gamma * gamma * in.rs2;
  MemoryScope scope;
  const Outcome o = prove_regs(tr, r_c, gamma, claim, false, {});
  const std::size_t bytes = scope.high_water_bytes();
  EXPECT_TRUE(verify_regs(o, log_t, r_c, gamma, in).ok());
  EXPECT_LE(bytes, std::size_t{80} << log_t) << bytes / (std::size_t{1} << log_t) << " B/cycle";
}

}  // namespace
}  // namespace rill::zkvm
