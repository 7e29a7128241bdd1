// RAM read-write checking (address first) against a brute-force evaluation of the Twist relation
// over the full K × T grid, at small sizes; linear and streaming schedules, threads and segment
// sizes give identical proofs; a wrong read value is rejected.
#include "rill/zkvm/stages/ram_read_write.hpp"
#include "rill/zkvm/stages/ram_output_check.hpp"
#include "rill/zkvm/stages/ram_raf.hpp"
#include "rill/zkvm/stages/ram_val_check.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "rill/util/parallel.hpp"
#include "rill/util/tracked_alloc.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"

namespace rill::zkvm {
namespace {

using testing::dense_eval;
using testing::random_point;

struct RamTrace {
  unsigned log_k, log_t;
  std::vector<u32> init;  // K words
  std::vector<CycleRecord> rows;
  std::vector<u32> read_value, write_value;  // per row (0 without access)
};

// Random accesses: about half the rows access, half of those write.
RamTrace random_ram_trace(u64 seed, unsigned log_k, unsigned log_t) {
  std::mt19937_64 rng(seed);
  RamTrace tr{log_k, log_t, {}, {}, {}, {}};
  const u64 k = u64{1} << log_k, t = u64{1} << log_t;
  tr.init.resize(k);
  for (auto& v : tr.init) v = (rng() % 3 == 0) ? static_cast<u32>(rng()) : 0;
  std::vector<u32> mem = tr.init;
  for (u64 j = 0; j < t; ++j) {
    CycleRecord r;
    u32 rv = 0, wv = 0;
    if (rng() % 2 == 0) {
      const u32 a = static_cast<u32>(rng() % k);
      r.ram_word = a;
      rv = mem[a];
      wv = rv;
      if (rng() % 2 == 0) wv = static_cast<u32>(rng());
      r.ram_inc = static_cast<i64>(wv) - static_cast<i64>(rv);
      mem[a] = wv;
    }
    tr.rows.push_back(r);
    tr.read_value.push_back(rv);
    tr.write_value.push_back(wv);
  }
  return tr;
}

// Val(k, j) over the grid, index k·T + j.
std::vector<Fr> val_grid(const RamTrace& tr) {
  const u64 k = u64{1} << tr.log_k, t = u64{1} << tr.log_t;
  std::vector<Fr> grid(k * t);
  std::vector<i64> mem(tr.init.begin(), tr.init.end());
  for (u64 j = 0; j < t; ++j) {
    for (u64 a = 0; a < k; ++a) grid[a * t + j] = Fr::from_i64(mem[a]);
    const CycleRecord& r = tr.rows[j];
    if (r.ram_word != kNoAccess) mem[r.ram_word] += r.ram_inc;
  }
  return grid;
}

// The relation's right side over the whole K × T grid.
Fr brute_force_sum(const RamTrace& tr, std::span<const Fr> r_c1, const Fr& gamma) {
  const u64 k = u64{1} << tr.log_k, t = u64{1} << tr.log_t;
  const std::vector<Fr> val = val_grid(tr);
  const tracked_vector<Fr> eq = eq_table(r_c1);
  Fr s = Fr::zero();
  for (u64 a = 0; a < k; ++a)
    for (u64 j = 0; j < t; ++j) {
      const bool ra = tr.rows[j].ram_word == a;
      if (!ra) continue;
      const Fr v = val[a * t + j];
      s += eq[j] * (v + gamma * (v + Fr::from_i64(tr.rows[j].ram_inc)));
    }
  return s;
}

Schedule cycle_schedule(unsigned log_t, bool streaming) {
  return streaming ? Schedule::half_split(log_t, 2) : Schedule::linear_only(log_t);
}

struct Outcome {
  BatchedSumcheckProof proof;
  std::vector<Fr> challenges, claims;  // RamVal, RamRa, RamInc
  Fr init_at_r;
  unsigned passes;
};

Outcome prove_ram(const RamTrace& tr, std::span<const Fr> r_c1, const Fr& gamma, const Fr& claim,
                  bool streaming, PassOptions options) {
  const std::vector<u32>& init = tr.init;
  RamReadWriteProver prover(gamma, tr.log_k, tr.log_t, std::vector<Fr>(r_c1.begin(), r_c1.end()),
                            ram_init_table(init, u64{1} << tr.log_k),
                            cycle_schedule(tr.log_t, streaming), claim);
  const auto source = testing::record_source(tr.rows);
  const BatchItem items[] = {{&prover, 0}};
  testing::BatchRun run = testing::prove_batch(source, items, options);
  Outcome o;
  o.proof = run.out.proof;
  o.challenges = run.out.challenges;
  const std::vector<Fr> f = prover.factor_evals();
  o.claims = {f[1], f[0], f[2]};
  o.init_at_r = prover.init_at_address_point();
  o.passes = run.passes;
  return o;
}

// The read and write value claims at r_c1, evaluated densely from the per-row values.
std::pair<Fr, Fr> value_claims(const RamTrace& tr, std::span<const Fr> r_c1) {
  std::vector<Fr> rv, wv;
  for (u64 j = 0; j < tr.rows.size(); ++j) {
    rv.push_back(Fr::from_u64(tr.read_value[j]));
    wv.push_back(Fr::from_u64(tr.write_value[j]));
  }
  return {dense_eval(r_c1, rv), dense_eval(r_c1, wv)};
}

class RamReadWrite : public ::testing::TestWithParam<std::tuple<unsigned, unsigned>> {};

TEST_P(RamReadWrite, MatchesBruteForceAndVerifies) {
  const auto [log_k, log_t] = GetParam();
  const RamTrace tr = random_ram_trace(7 * log_k + log_t, log_k, log_t);
  std::mt19937_64 rng(99);
  const std::vector<Fr> r_c1 = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  // The input claim from the per-row values, and the same from the grid.
  const auto [read, write] = value_claims(tr, r_c1);
  const Fr claim = read + gamma * write;
  ASSERT_EQ(claim, brute_force_sum(tr, r_c1, gamma));

  const Outcome o = prove_ram(tr, r_c1, gamma, claim, false, {});
  EXPECT_EQ(o.passes, log_k + 1);
  RamReadWriteVerifier verifier(gamma, log_k, log_t, r_c1, read, write, o.claims[0], o.claims[1],
                                o.claims[2]);
  const VerifierItem vitems[] = {{&verifier, 0}};
  const SumcheckVerification v = testing::verify_batch(vitems, o.proof);
  ASSERT_TRUE(v.ok()) << to_string(*v.failure);

  // Claims against dense evaluations at (r_a ‖ r_c2).
  const std::vector<Fr> r_a(o.challenges.rend() - log_k, o.challenges.rend());
  const std::vector<Fr> r_c2(o.challenges.rbegin(), o.challenges.rbegin() + log_t);
  std::vector<Fr> full = r_a;
  full.insert(full.end(), r_c2.begin(), r_c2.end());
  const std::vector<Fr> val = val_grid(tr);
  std::vector<Fr> ra(val.size(), Fr::zero()), inc;
  const u64 t = u64{1} << log_t;
  for (u64 j = 0; j < t; ++j) {
    if (tr.rows[j].ram_word != kNoAccess) ra[tr.rows[j].ram_word * t + j] = Fr::one();
    inc.push_back(Fr::from_i64(tr.rows[j].ram_word == kNoAccess ? 0 : tr.rows[j].ram_inc));
  }
  EXPECT_EQ(o.claims[0], dense_eval(full, val));
  EXPECT_EQ(o.claims[1], dense_eval(full, ra));
  EXPECT_EQ(o.claims[2], dense_eval(r_c2, inc));
  std::vector<Fr> init;
  for (u32 w : tr.init) init.push_back(Fr::from_u64(w));
  EXPECT_EQ(o.init_at_r, dense_eval(r_a, init));

  // Identical proofs: streaming, threads, segment sizes.
  for (bool streaming : {false, true})
    for (unsigned threads : {1u, 2u})
      for (u64 segment : {u64{0}, u64{8}, u64{32}})
        for (std::size_t span : {std::size_t{3}, std::size_t{64}}) {
          set_thread_count(threads);
          PassOptions options;
          options.segment_records = segment;
          options.max_span = span;
          const Outcome other = prove_ram(tr, r_c1, gamma, claim, streaming, options);
          EXPECT_EQ(other.proof.round_polys, o.proof.round_polys)
              << streaming << " " << threads << " " << segment << " " << span;
          EXPECT_EQ(other.claims, o.claims);
        }
  set_thread_count(0);
}

TEST_P(RamReadWrite, ALoadOfANeverStoredValueIsRejected) {
  const auto [log_k, log_t] = GetParam();
  const RamTrace tr = random_ram_trace(11 * log_k + log_t, log_k, log_t);
  std::mt19937_64 rng(5);
  const std::vector<Fr> r_c1 = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  std::vector<Fr> rv, wv;
  for (u64 j = 0; j < tr.rows.size(); ++j) {
    rv.push_back(Fr::from_u64(tr.read_value[j]));
    wv.push_back(Fr::from_u64(tr.write_value[j]));
  }
  // One load returns a value nothing stored: its read and write values (the R1CS inputs) differ
  // from memory while the increment stays 0.
  u64 bad = 0;
  while (tr.rows[bad].ram_word == kNoAccess || tr.rows[bad].ram_inc != 0) ++bad;
  rv[bad] += Fr::from_u64(12345);
  wv[bad] += Fr::from_u64(12345);
  const Fr read = dense_eval(r_c1, rv), write = dense_eval(r_c1, wv);
  const Fr claim = read + gamma * write;
  const ScopedSelfCheckOff off;  // a false claim on purpose: the verifier must reject it
  const Outcome o = prove_ram(tr, r_c1, gamma, claim, true, {});
  RamReadWriteVerifier verifier(gamma, log_k, log_t, r_c1, read, write, o.claims[0], o.claims[1],
                                o.claims[2]);
  const VerifierItem vitems[] = {{&verifier, 0}};
  const SumcheckVerification v = testing::verify_batch(vitems, o.proof);
  EXPECT_FALSE(v.ok());
}

// The final memory of a trace.
std::vector<u32> final_memory(const RamTrace& tr) {
  std::vector<i64> mem(tr.init.begin(), tr.init.end());
  for (const CycleRecord& r : tr.rows)
    if (r.ram_word != kNoAccess) mem[r.ram_word] += r.ram_inc;
  return std::vector<u32>(mem.begin(), mem.end());
}

constexpr u32 kLowest = 0x7fff0000u;

struct TrioOutcome {
  SumcheckVerification verdict;
  Fr raf_ra, val_final;
  std::vector<Fr> challenges;
  BatchedSumcheckProof proof;
};

// RW, RAF and the output check in one batch at offset 0 (stage 2's RAM instances), with the
// statement's I/O `io` (words of the I/O block [0, K/2)).
TrioOutcome prove_and_verify_trio(const RamTrace& tr, std::span<const riscv::MemoryWord> io,
                                  bool streaming, PassOptions options) {
  std::mt19937_64 rng(17);
  const unsigned log_k = tr.log_k, log_t = tr.log_t;
  const std::vector<Fr> r_c1 = random_point(rng, log_t), r_out = random_point(rng, log_k);
  const Fr gamma = Fr::from_u64(rng());
  std::vector<Fr> rv, wv, addr;
  for (u64 j = 0; j < tr.rows.size(); ++j) {
    rv.push_back(Fr::from_u64(tr.read_value[j]));
    wv.push_back(Fr::from_u64(tr.write_value[j]));
    const u32 a = tr.rows[j].ram_word;
    addr.push_back(a == kNoAccess ? Fr::zero() : Fr::from_u64(u64{kLowest} + 4 * u64{a}));
  }
  const Fr read = dense_eval(r_c1, rv), write = dense_eval(r_c1, wv);
  const Fr address = dense_eval(r_c1, addr);
  const u64 io_words = u64{1} << (log_k - 1);
  RamReadWriteProver rw(gamma, log_k, log_t, r_c1, ram_init_table(tr.init, u64{1} << log_k),
                        cycle_schedule(log_t, streaming), read + gamma * write);
  RamRafProver raf(rw, kLowest, address);
  RamOutputCheckProver output(rw, r_out, io_words, io);
  const auto source = testing::record_source(tr.rows);
  const BatchItem items[] = {{&rw, 0}, {&raf, 0}, {&output, 0}};
  testing::BatchRun run = testing::prove_batch(source, items, options);
  // The RAF and output check share the read-write instance's address passes.
  EXPECT_EQ(run.passes, log_k + cycle_schedule(log_t, streaming).passes());

  const std::vector<Fr> f = rw.factor_evals();
  RamReadWriteVerifier vrw(gamma, log_k, log_t, r_c1, read, write, f[1], f[0], f[2]);
  RamRafVerifier vraf(log_k, kLowest, address, raf.ra_claim());
  std::vector<Fr> mask_table(u64{1} << log_k, Fr::zero()), io_table(u64{1} << log_k, Fr::zero());
  for (u64 a = 0; a < io_words; ++a) mask_table[a] = Fr::one();
  for (const auto& w : io) io_table[w.index] = Fr::from_u64(w.value);
  RamOutputCheckVerifier vout(
      r_out, output.val_final_claim(),
      [mask_table](std::span<const Fr> r) { return dense_eval(r, mask_table); },
      [io_table](std::span<const Fr> r) { return dense_eval(r, io_table); });
  const VerifierItem vitems[] = {{&vrw, 0}, {&vraf, 0}, {&vout, 0}};
  TrioOutcome o;
  o.verdict = testing::verify_batch(vitems, run.out.proof);
  o.raf_ra = raf.ra_claim();
  o.val_final = output.val_final_claim();
  o.challenges = run.out.challenges;
  o.proof = run.out.proof;
  // The RAF's claim against the dense ra at (r_a ‖ r_c^1).
  const std::vector<Fr> r_a(run.out.challenges.rend() - log_k, run.out.challenges.rend());
  std::vector<Fr> full = r_a;
  full.insert(full.end(), r_c1.begin(), r_c1.end());
  const u64 t = u64{1} << log_t;
  std::vector<Fr> ra(t << log_k, Fr::zero());
  for (u64 j = 0; j < t; ++j)
    if (tr.rows[j].ram_word != kNoAccess) ra[tr.rows[j].ram_word * t + j] = Fr::one();
  EXPECT_EQ(o.raf_ra, dense_eval(full, ra));
  std::vector<Fr> fin;
  for (u32 w : final_memory(tr)) fin.push_back(Fr::from_u64(w));
  EXPECT_EQ(o.val_final, dense_eval(r_a, fin));
  return o;
}

std::vector<riscv::MemoryWord> honest_io(const RamTrace& tr) {
  const std::vector<u32> fin = final_memory(tr);
  std::vector<riscv::MemoryWord> io;
  for (u32 a = 0; a < (u32{1} << (tr.log_k - 1)); ++a)
    if (fin[a] != 0) io.push_back({a, fin[a]});
  return io;
}

TEST_P(RamReadWrite, RafAndOutputCheckShareTheAddressRounds) {
  const auto [log_k, log_t] = GetParam();
  const RamTrace tr = random_ram_trace(3 * log_k + log_t, log_k, log_t);
  const std::vector<riscv::MemoryWord> io = honest_io(tr);
  const TrioOutcome o = prove_and_verify_trio(tr, io, false, {});
  ASSERT_TRUE(o.verdict.ok()) << to_string(*o.verdict.failure);
  for (bool streaming : {false, true})
    for (u64 segment : {u64{0}, u64{8}}) {
      PassOptions options;
      options.segment_records = segment;
      const TrioOutcome other = prove_and_verify_trio(tr, io, streaming, options);
      EXPECT_TRUE(other.verdict.ok());
      EXPECT_EQ(other.proof.round_polys, o.proof.round_polys);
    }
}

TEST_P(RamReadWrite, AClaimedOutputThatDiffersFromRamIsRejected) {
  const auto [log_k, log_t] = GetParam();
  const RamTrace tr = random_ram_trace(5 * log_k + log_t, log_k, log_t);
  std::vector<riscv::MemoryWord> io = honest_io(tr);
  if (io.empty()) {
    io.push_back({0, 1});
  } else {
    io.back().value ^= 0x100;
  }
  const TrioOutcome o = prove_and_verify_trio(tr, io, true, {});
  EXPECT_FALSE(o.verdict.ok());
}

// Stage 4b at random points (the relation holds at any r_a^2, r_c^2): claims from dense
// evaluations of the grid; honest verifies, a wrong final value is rejected.
TEST_P(RamReadWrite, ValueCheckVerifiesAndRejectsAWrongFinalValue) {
  const auto [log_k, log_t] = GetParam();
  const RamTrace tr = random_ram_trace(13 * log_k + log_t, log_k, log_t);
  std::mt19937_64 rng(23);
  const std::vector<Fr> r_a2 = random_point(rng, log_k), r_c2 = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  std::vector<Fr> full = r_a2;
  full.insert(full.end(), r_c2.begin(), r_c2.end());
  const Fr val = dense_eval(full, val_grid(tr));
  std::vector<Fr> init, fin;
  for (u32 w : tr.init) init.push_back(Fr::from_u64(w));
  for (u32 w : final_memory(tr)) fin.push_back(Fr::from_u64(w));
  const Fr init_r = dense_eval(r_a2, init), fin_r = dense_eval(r_a2, fin);
  const u64 t = u64{1} << log_t;
  std::vector<Fr> ra(t << log_k, Fr::zero()), inc;
  for (u64 j = 0; j < t; ++j) {
    if (tr.rows[j].ram_word != kNoAccess) ra[tr.rows[j].ram_word * t + j] = Fr::one();
    inc.push_back(Fr::from_i64(tr.rows[j].ram_word == kNoAccess ? 0 : tr.rows[j].ram_inc));
  }
  {
    const tracked_vector<Fr> lt = lt_table(r_c2);
    const tracked_vector<Fr> eqa = eq_table(r_a2);
    Fr sum = Fr::zero();
    for (u64 j = 0; j < t; ++j)
      if (tr.rows[j].ram_word != kNoAccess)
        sum += Fr::from_i64(tr.rows[j].ram_inc) * eqa[tr.rows[j].ram_word] * (lt[j] + gamma);
    ASSERT_EQ(sum, (val - init_r) + gamma * (fin_r - init_r));
  }
  for (bool honest : {true, false}) {
    std::vector<BatchedSumcheckProof> proofs;
    for (bool streaming : {false, true})
      for (u64 segment : {u64{0}, u64{8}}) {
        const Fr claimed_final = honest ? fin_r : fin_r + Fr::one();
        std::optional<ScopedSelfCheckOff> off;  // a false claim on purpose: the verifier rejects
        if (!honest) off.emplace();
        const Fr claim = (val - init_r) + gamma * (claimed_final - init_r);
        RamValCheckProver prover(gamma, r_a2, r_c2, log_t, cycle_schedule(log_t, streaming), claim);
        const auto source = testing::record_source(tr.rows);
        const BatchItem items[] = {{&prover, 0}};
        PassOptions options;
        options.segment_records = segment;
        const testing::BatchRun run = testing::prove_batch(source, items, options);
        proofs.push_back(run.out.proof);
        const std::vector<Fr> f = prover.factor_evals();
        RamValCheckVerifier verifier(gamma, r_c2, val, claimed_final, init_r, f[1], f[0]);
        const VerifierItem vitems[] = {{&verifier, 0}};
        EXPECT_EQ(testing::verify_batch(vitems, run.out.proof).ok(), honest);
        const std::vector<Fr> r_c4(run.out.challenges.rbegin(), run.out.challenges.rend());
        std::vector<Fr> p = r_a2;
        p.insert(p.end(), r_c4.begin(), r_c4.end());
        EXPECT_EQ(f[1], dense_eval(p, ra));
        EXPECT_EQ(f[0], dense_eval(r_c4, inc));
      }
    // (A dishonest claim changes the linear rounds, which derive h(1) from the claim.)
    if (honest) {
      for (const auto& p : proofs) EXPECT_EQ(p.round_polys, proofs[0].round_polys);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, RamReadWrite,
                         ::testing::Values(std::make_tuple(1u, 4u), std::make_tuple(3u, 6u),
                                           std::make_tuple(5u, 7u), std::make_tuple(6u, 5u),
                                           std::make_tuple(9u, 6u)));

// Linear mode keeps the cycle phase compact (TwistCycleKernel): ra and γ·ra are u16 addresses
// (K = 2^10) and RamInc an i64, so at T = 2^16 the instance holds about Val's field array and
// its bind buffer (48 B per cycle) plus 12 B per cycle (4 field arrays: 192 B per cycle).
TEST(RamReadWriteMemory, LinearScheduleHoldsFewBytesPerCycle) {
  const unsigned log_k = 10, log_t = 16;
  const RamTrace tr = random_ram_trace(3, log_k, log_t);
  std::mt19937_64 rng(43);
  const std::vector<Fr> r_c1 = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  const auto [read, write] = value_claims(tr, r_c1);
  MemoryScope scope;
  const Outcome o = prove_ram(tr, r_c1, gamma, read + gamma * write, false, {});
  const std::size_t bytes = scope.high_water_bytes();
  RamReadWriteVerifier verifier(gamma, log_k, log_t, r_c1, read, write, o.claims[0], o.claims[1],
                                o.claims[2]);
  const VerifierItem vitems[] = {{&verifier, 0}};
  EXPECT_TRUE(testing::verify_batch(vitems, o.proof).ok());
  EXPECT_LE(bytes, std::size_t{80} << log_t) << bytes / (std::size_t{1} << log_t) << " B/cycle";
}

// The value check in linear mode: RamInc stays an i64, ra a u16 word index (K = 2^10) and LT a
// √T split, so at T = 2^16 it holds about 10 B per cycle (3 field arrays: 144 B per cycle).
TEST(RamReadWriteMemory, ValueCheckLinearScheduleHoldsFewBytesPerCycle) {
  const unsigned log_k = 10, log_t = 16;
  const RamTrace tr = random_ram_trace(4, log_k, log_t);
  std::mt19937_64 rng(47);
  const std::vector<Fr> r_a2 = random_point(rng, log_k), r_c2 = random_point(rng, log_t);
  const Fr gamma = Fr::from_u64(rng());
  const tracked_vector<Fr> lt = lt_table(r_c2);
  const tracked_vector<Fr> eqa = eq_table(r_a2);
  Fr claim = Fr::zero();
  for (u64 j = 0; j < tr.rows.size(); ++j)
    if (tr.rows[j].ram_word != kNoAccess)
      claim += Fr::from_i64(tr.rows[j].ram_inc) * eqa[tr.rows[j].ram_word] * (lt[j] + gamma);
  MemoryScope scope;
  RamValCheckProver prover(gamma, r_a2, r_c2, log_t, cycle_schedule(log_t, false), claim);
  const auto source = testing::record_source(tr.rows);
  const BatchItem items[] = {{&prover, 0}};
  const testing::BatchRun run = testing::prove_batch(source, items, {});
  const std::size_t bytes = scope.high_water_bytes();
  const std::vector<Fr> f = prover.factor_evals();
  // Claim = (RamVal − Init) + γ·(RamValFinal − Init) with RamVal = claim, the rest 0.
  RamValCheckVerifier verifier(gamma, r_c2, claim, Fr::zero(), Fr::zero(), f[1], f[0]);
  const VerifierItem vitems[] = {{&verifier, 0}};
  EXPECT_TRUE(testing::verify_batch(vitems, run.out.proof).ok());
  EXPECT_LE(bytes, std::size_t{24} << log_t) << bytes / (std::size_t{1} << log_t) << " B/cycle";
}

}  // namespace
}  // namespace rill::zkvm
