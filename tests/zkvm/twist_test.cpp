// The Twist instances on real traces (canonical guests and random programs with loads and
// stores): RAM read-write checking, RAF and output check in one batch at offset 0 (stage 2's
// RAM instances), the RAM value check, registers read-write checking. Input claims come from the
// per-cycle witness (the R1CS inputs at random cycle points, as stage 1 and 3 would claim them);
// honest proofs verify, output claims equal dense references computed from the raw rows, and the
// proofs are identical across schedules, threads and segment sizes. A wrong panic flag and a
// wrong claimed output are rejected by the output check.
#include <gtest/gtest.h>

#include <random>

#include "reference_evaluator.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/stages/ram_output_check.hpp"
#include "rill/zkvm/stages/ram_raf.hpp"
#include "rill/zkvm/stages/ram_read_write.hpp"
#include "rill/zkvm/stages/ram_val_check.hpp"
#include "rill/zkvm/stages/record_values.hpp"
#include "rill/zkvm/stages/registers_read_write.hpp"
#include "rill/zkvm/stages/stage_table.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;

std::vector<Fr> random_point(u64 seed, unsigned n) {
  std::mt19937_64 rng(seed);
  return testing::random_point(rng, n);
}

Schedule schedule_for(unsigned log_t, bool streaming) {
  return streaming ? Schedule::half_split(log_t, 2) : Schedule::linear_only(log_t);
}

struct Mode {
  bool streaming = false;
  unsigned threads = 0;
  PassOptions pass;
};

// Σ_k eq(r, k)·table[k] over a sparse word list.
Fr sparse_eval(std::span<const Fr> r, std::span<const riscv::MemoryWord> words) {
  Fr s = Fr::zero();
  for (const auto& w : words) {
    Fr e = Fr::one();
    for (std::size_t b = 0; b < r.size(); ++b)
      e *= ((w.index >> (r.size() - 1 - b)) & 1u) ? r[b] : Fr::one() - r[b];
    s += e * Fr::from_u64(w.value);
  }
  return s;
}

struct Stage2Ram {
  std::vector<u8> bytes;  // the round polynomials, serialized
  bool ok = false;
  std::vector<Fr> r_a, r_c2, rw_claims;  // RamVal, RamRa, RamInc
  Fr raf_ra, val_final, init_at_r;
};

std::vector<u8> proof_bytes(const BatchedSumcheckProof& proof) {
  std::vector<u8> out;
  for (const auto& p : proof.round_polys)
    for (const Fr& c : p.coeffs_except_linear()) {
      const auto b = c.to_bytes();
      out.insert(out.end(), b.begin(), b.end());
    }
  return out;
}

// Stage 2's RAM instances on a run, against the statement (output, panicked).
// `terminated`: the termination word the statement's I/O claims; the protocol's statement has
// terminated = !panicked, and a run whose termination word stayed 0 without a panic (the
// test-only random programs stop at the self-jump without rill_exit) is not provable.
Stage2Ram run_stage2_ram(const GuestRun& run, const Mode& mode, std::span<const u8> output,
                         bool panicked, bool terminated) {
  const CycleSource records(run.source, testing::record_context(run));
  const unsigned log_t = log2_exact(run.summary.padded_len);
  const unsigned log_k = log2_exact(run.summary.k_ram);
  const auto& layout = run.machine->layout();
  const std::vector<Fr> r_c1 = random_point(1, log_t), r_out = random_point(2, log_k);
  const Fr gamma = Fr::from_u64(0x1234567);
  const PolyId polys[] = {poly(Input::kRamReadValue), poly(Input::kRamWriteValue),
                          poly(Input::kRamAddress)};
  const std::vector<Fr> in = evaluate_at_point(records, polys, r_c1, {});
  const std::vector<u32> init_words =
      riscv::initial_memory(run.machine->program(), layout, run.input);
  const std::vector<riscv::MemoryWord> io =
      riscv::io_words(layout, run.input, output, panicked, terminated);

  if (mode.threads != 0) set_thread_count(mode.threads);
  RamReadWriteProver rw(gamma, log_k, log_t, r_c1, ram_init_table(init_words, u64{1} << log_k),
                        schedule_for(log_t, mode.streaming), in[0] + gamma * in[1]);
  RamRafProver raf(rw, layout.lowest(), in[2]);
  RamOutputCheckProver out(rw, r_out, layout.io_words(), io);
  const BatchItem items[] = {{&rw, 0}, {&raf, 0}, {&out, 0}};
  const testing::BatchRun proved = testing::prove_batch(records, items, mode.pass);
  set_thread_count(0);

  Stage2Ram s;
  s.bytes = proof_bytes(proved.out.proof);
  const std::vector<Fr> f = rw.factor_evals();
  s.rw_claims = {f[1], f[0], f[2]};
  s.raf_ra = raf.ra_claim();
  s.val_final = out.val_final_claim();
  s.init_at_r = rw.init_at_address_point();
  const auto& ch = proved.out.challenges;
  s.r_a.assign(ch.rend() - log_k, ch.rend());
  s.r_c2.assign(ch.rbegin(), ch.rbegin() + log_t);

  RamReadWriteVerifier vrw(gamma, log_k, log_t, r_c1, in[0], in[1], f[1], f[0], f[2]);
  RamRafVerifier vraf(log_k, layout.lowest(), in[2], s.raf_ra);
  // The verifier's evaluators (witness/ram_mles.hpp) from the statement; a statement whose
  // termination word is not !panicked (test-only) is evaluated from its word list.
  const auto* machine = run.machine.get();
  const std::vector<u8> input = run.input, out_bytes(output.begin(), output.end());
  AddressMle val_io = [machine, input, out_bytes, panicked](std::span<const Fr> r) {
    return io_mle(machine->layout(), input, out_bytes, panicked, r);
  };
  if (terminated == panicked)
    val_io = [io](std::span<const Fr> r) { return sparse_word_mle(r, io); };
  RamOutputCheckVerifier vout(
      r_out, s.val_final,
      [machine](std::span<const Fr> r) { return io_mask_mle(machine->layout(), r); }, val_io);
  EXPECT_EQ(s.init_at_r, initial_ram_mle(run.machine->program(), layout, run.input, s.r_a));
  const VerifierItem vitems[] = {{&vrw, 0}, {&vraf, 0}, {&vout, 0}};
  s.ok = testing::verify_batch(vitems, proved.out.proof).ok();
  return s;
}

struct Case {
  std::string name;
  GuestRun (*make)();
};

class TwistOnTrace : public ::testing::TestWithParam<Case> {};

// Val(r_a, j), ra(r_a, j) and the final memory at r_a from the raw rows.
struct RamReference {
  std::vector<Fr> val, ra, inc;  // per cycle
  Fr final_at_r;
};

RamReference ram_reference(const GuestRun& run, std::span<const Fr> r_a) {
  const auto& layout = run.machine->layout();
  const std::vector<u32> init = riscv::initial_memory(run.machine->program(), layout, run.input);
  std::vector<riscv::MemoryWord> init_words;
  for (u32 k = 0; k < init.size(); ++k)
    if (init[k] != 0) init_words.push_back({k, init[k]});
  Fr running = sparse_eval(r_a, init_words);
  RamReference ref;
  std::vector<u32> mem = init;
  mem.resize(std::max<std::size_t>(mem.size(), run.summary.k_ram), 0);
  for (u64 j = 0; j < run.source.padded_len(); ++j) {
    const riscv::Row& row = run.source.row(j);
    ref.val.push_back(running);
    if (row.ram_op == riscv::RamOp::None) {
      ref.ra.push_back(Fr::zero());
      ref.inc.push_back(Fr::zero());
      continue;
    }
    const u32 k = layout.word_index(row.ram_address);
    EXPECT_EQ(mem[k], row.ram_pre) << "row " << j;
    const riscv::MemoryWord one[] = {{k, 1}};
    const Fr e = sparse_eval(r_a, one);
    const i64 inc = static_cast<i64>(row.ram_post) - static_cast<i64>(row.ram_pre);
    mem[k] = row.ram_post;
    ref.ra.push_back(e);
    ref.inc.push_back(Fr::from_i64(inc));
    running += e.mul_i64(inc);
  }
  std::vector<riscv::MemoryWord> fin;
  for (u32 k = 0; k < mem.size(); ++k)
    if (mem[k] != 0) fin.push_back({k, mem[k]});
  ref.final_at_r = sparse_eval(r_a, fin);
  return ref;
}

Fr dense(std::span<const Fr> point, const std::vector<Fr>& v) {
  return testing::dense_eval(point, v);
}

TEST_P(TwistOnTrace, RamInstancesVerifyMatchTheReferenceAndAreIdentical) {
  const GuestRun run = GetParam().make();
  const Stage2Ram s =
      run_stage2_ram(run, {}, run.summary.output, run.summary.panicked, run.summary.terminated);
  ASSERT_TRUE(s.ok);
  const RamReference ref = ram_reference(run, s.r_a);
  // RamVal(r_a, r_c2) = Σ_j eq(r_c2, j)·Val(r_a, j); likewise ra; RamInc(r_c2).
  EXPECT_EQ(s.rw_claims[0], dense(s.r_c2, ref.val));
  EXPECT_EQ(s.rw_claims[1], dense(s.r_c2, ref.ra));
  EXPECT_EQ(s.rw_claims[2], dense(s.r_c2, ref.inc));
  EXPECT_EQ(s.raf_ra, dense(random_point(1, log2_exact(run.summary.padded_len)), ref.ra));
  EXPECT_EQ(s.val_final, ref.final_at_r);

  for (bool streaming : {false, true})
    for (unsigned threads : {1u, 2u})
      for (u64 segment : {u64{16}, u64{96}, u64{1024}}) {
        Mode m;
        m.streaming = streaming;
        m.threads = threads;
        m.pass.segment_records = segment;
        m.pass.max_span = segment == 96 ? 7 : 64;
        const Stage2Ram other = run_stage2_ram(run, m, run.summary.output, run.summary.panicked,
                                               run.summary.terminated);
        EXPECT_TRUE(other.ok);
        EXPECT_EQ(other.bytes, s.bytes) << streaming << " " << threads << " " << segment;
      }

  // Stage 4b at the stage-2 point.
  const unsigned log_t = log2_exact(run.summary.padded_len);
  const Fr gamma = Fr::from_u64(77);
  const Fr claim = (s.rw_claims[0] - s.init_at_r) + gamma * (s.val_final - s.init_at_r);
  const CycleSource records(run.source, testing::record_context(run));
  std::vector<u8> first;
  for (bool streaming : {false, true}) {
    RamValCheckProver vc(gamma, s.r_a, s.r_c2, log_t, schedule_for(log_t, streaming), claim);
    const BatchItem items[] = {{&vc, 0}};
    const testing::BatchRun proved = testing::prove_batch(records, items, {});
    const std::vector<Fr> f = vc.factor_evals();
    RamValCheckVerifier v(gamma, s.r_c2, s.rw_claims[0], s.val_final, s.init_at_r, f[1], f[0]);
    const VerifierItem vitems[] = {{&v, 0}};
    EXPECT_TRUE(testing::verify_batch(vitems, proved.out.proof).ok());
    const std::vector<Fr> r_c4(proved.out.challenges.rbegin(), proved.out.challenges.rend());
    EXPECT_EQ(f[1], dense(r_c4, ref.ra));
    EXPECT_EQ(f[0], dense(r_c4, ref.inc));
    if (first.empty()) first = proof_bytes(proved.out.proof);
    EXPECT_EQ(proof_bytes(proved.out.proof), first);
  }
}

TEST_P(TwistOnTrace, RegistersVerifyMatchTheReferenceAndAreIdentical) {
  const GuestRun run = GetParam().make();
  const CycleSource records(run.source, testing::record_context(run));
  const unsigned log_t = log2_exact(run.summary.padded_len);
  const std::vector<Fr> r_c3 = random_point(3, log_t);
  const Fr gamma = Fr::from_u64(0xabcdef);
  const PolyId polys[] = {poly(Input::kRdWriteValue), poly(Input::kRs1Value),
                          poly(Input::kRs2Value)};
  const std::vector<Fr> in = evaluate_at_point(records, polys, r_c3, {});
  const Fr claim = in[0] + gamma * in[1] + gamma * gamma * in[2];
  std::vector<u8> first;
  for (bool streaming : {false, true})
    for (unsigned threads : {1u, 2u})
      for (u64 segment : {u64{0}, u64{96}, u64{1024}}) {
        set_thread_count(threads);
        PassOptions options;
        options.segment_records = segment;
        options.max_span = segment == 96 ? 7 : 64;
        RegistersReadWriteProver prover(gamma, log_t, r_c3, schedule_for(log_t, streaming), claim);
        const BatchItem items[] = {{&prover, 0}};
        const testing::BatchRun proved = testing::prove_batch(records, items, options);
        set_thread_count(0);
        const std::vector<Fr> f = prover.factor_evals();
        RegistersReadWriteVerifier v(gamma, log_t, r_c3, {in[0], in[1], in[2]},
                                     {f[3], f[1], f[2], f[0], f[4]});
        const VerifierItem vitems[] = {{&v, 0}};
        ASSERT_TRUE(testing::verify_batch(vitems, proved.out.proof).ok());
        if (first.empty()) {
          first = proof_bytes(proved.out.proof);
          // Claims against the raw rows: registers start at 0; Val(r_a, j) by a running sum.
          const auto& ch = proved.out.challenges;
          const std::vector<Fr> r_a(ch.rend() - kLogKRegisters, ch.rend());
          const std::vector<Fr> r_c4(ch.rbegin(), ch.rbegin() + log_t);
          const auto e = [&](u8 reg) {
            if (reg == riscv::kNoRegister) return Fr::zero();
            const riscv::MemoryWord one[] = {{reg, 1}};
            return sparse_eval(r_a, one);
          };
          std::vector<Fr> val, wa, ra1, ra2, inc;
          Fr running = Fr::zero();
          for (u64 j = 0; j < run.source.padded_len(); ++j) {
            const riscv::Row& row = run.source.row(j);
            val.push_back(running);
            wa.push_back(e(row.rd));
            ra1.push_back(e(row.rs1));
            ra2.push_back(e(row.rs2));
            const i64 d = static_cast<i64>(row.rd_post) - static_cast<i64>(row.rd_pre);
            inc.push_back(Fr::from_i64(d));
            running += e(row.rd).mul_i64(d);
          }
          EXPECT_EQ(f[3], dense(r_c4, val));
          EXPECT_EQ(f[0], dense(r_c4, wa));
          EXPECT_EQ(f[1], dense(r_c4, ra1));
          EXPECT_EQ(f[2], dense(r_c4, ra2));
          EXPECT_EQ(f[4], dense(r_c4, inc));
        }
        EXPECT_EQ(proof_bytes(proved.out.proof), first)
            << streaming << " " << threads << " " << segment;
      }
}

TEST_P(TwistOnTrace, AWrongPanicFlagOrOutputIsRejectedByTheOutputCheck) {
  const GuestRun run = GetParam().make();
  const bool panicked = run.summary.panicked, terminated = run.summary.terminated;
  EXPECT_FALSE(run_stage2_ram(run, {}, run.summary.output, !panicked, terminated).ok);
  std::vector<u8> output = run.summary.output;
  if (output.empty()) {
    output.push_back(1);
  } else {
    output[0] ^= 1;
  }
  EXPECT_FALSE(run_stage2_ram(run, {}, output, panicked, terminated).ok);
  // The statement's termination word is 1 exactly when the program did not panic.
  if (!panicked) {
    EXPECT_FALSE(run_stage2_ram(run, {}, run.summary.output, false, !terminated).ok);
  }
}

GuestRun fibonacci() { return testing::run_guest("fibonacci", 40); }
GuestRun muldiv() { return testing::run_guest("muldiv", 5); }
GuestRun sha2_chain() { return testing::run_guest("sha2_chain", 1); }
GuestRun random_a() { return testing::run_random_program(101, 400); }
GuestRun random_b() { return testing::run_random_program(202, 900); }

INSTANTIATE_TEST_SUITE_P(Guests, TwistOnTrace,
                         ::testing::Values(Case{"fibonacci", fibonacci}, Case{"muldiv", muldiv},
                                           Case{"sha2_chain", sha2_chain},
                                           Case{"random_a", random_a}, Case{"random_b", random_b}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rill::zkvm
