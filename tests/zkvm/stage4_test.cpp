// Stage 4 (registers read-write checking + RAM value check) on its orchestrator, on real traces:
// the accumulator is seeded with honest claims of stages 2 and 3 at random points (from the
// brute-force Twist references), then prove_stage4 must verify, emit claims equal to the
// references, give the same bytes in both modes, 1 and 2 threads and three chunk sizes, and the
// verifier must reject a wrong input claim, a wrong Init, a tampered round and a tampered claim.
#include <gtest/gtest.h>

#include <random>

#include "reference_evaluator.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/stages/stage4.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"
#include "test_support.hpp"
#include "twist_reference.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;
using PN = PointName;

std::vector<Fr> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> r;
  for (unsigned i = 0; i < n; ++i) r.push_back(Fr::random(rng));
  return r;
}

std::vector<riscv::Row> padded_rows(const GuestRun& run) {
  std::vector<riscv::Row> rows;
  for (u64 j = 0; j < run.source.padded_len(); ++j) rows.push_back(run.source.row(j));
  return rows;
}

// The claims and points stages 2 and 3 leave for stage 4, honest, at random points.
struct Seed {
  std::vector<Fr> r_a2, r_c2, r_c3;
  Fr rd_write, rs1, rs2, ram_val, ram_val_final, init;
};

Seed honest_seed(const GuestRun& run, const testing::RamTwistReference& ram, u64 seed) {
  std::mt19937_64 rng(seed);
  const unsigned log_t = log2_exact(run.summary.padded_len);
  Seed s;
  s.r_a2 = random_point(rng, log2_exact(run.summary.k_ram));
  s.r_c2 = random_point(rng, log_t);
  s.r_c3 = random_point(rng, log_t);
  using riscv::Row;
  s.rd_write = testing::reference_mle(run.source, s.r_c3, [](const Row& r, const Row&) {
    return Fr::from_u64(r.rd == riscv::kNoRegister ? 0 : r.rd_post);
  });
  s.rs1 = testing::reference_mle(
      run.source, s.r_c3, [](const Row& r, const Row&) { return Fr::from_u64(r.rs1_value); });
  s.rs2 = testing::reference_mle(
      run.source, s.r_c3, [](const Row& r, const Row&) { return Fr::from_u64(r.rs2_value); });
  s.ram_val = ram.val(s.r_a2, s.r_c2);
  s.ram_val_final = ram.val_final(s.r_a2);
  s.init = initial_ram_mle(run.machine->program(), run.machine->layout(), run.input, s.r_a2);
  return s;
}

void seed_accumulator(const Seed& s, OpeningAccumulator& acc) {
  acc.points().set(PN::kRamAddress2, s.r_a2);
  acc.points().set(PN::kCycle2, s.r_c2);
  acc.points().set(PN::kCycle3, s.r_c3);
  acc.add({poly(Input::kRdWriteValue), at(PN::kCycle3)}, s.rd_write);
  acc.add({poly(Input::kRs1Value), at(PN::kCycle3)}, s.rs1);
  acc.add({poly(Input::kRs2Value), at(PN::kCycle3)}, s.rs2);
  acc.add({poly(PolyFamily::kRamVal), at(PN::kRamAddress2, PN::kCycle2)}, s.ram_val);
  acc.add({poly(PolyFamily::kRamValFinal), at(PN::kRamAddress2)}, s.ram_val_final);
}

ProtocolShape shape_of(const GuestRun& run) {
  return ProtocolShape::from_sizes(run.summary.padded_len, run.summary.k_ram,
                                   run.machine->bytecode().padded_size());
}

struct Proved {
  StageOutput out;
  OpeningAccumulator acc;
};

Proved prove(const GuestRun& run, const Seed& seed, bool streaming, u64 segment) {
  Proved p;
  seed_accumulator(seed, p.acc);
  Transcript transcript("stage 4 test");
  const CycleSource records(run.source, testing::record_context(run));
  StageConfig config;
  config.streaming = streaming;
  config.pass.segment_records = segment;
  // The segment sizes also vary the switch, so that the small traces here still plan windows
  // over several rounds (the default switches four rounds before ⌊log T/2⌋).
  config.switch_early = segment == 16 ? 0u : segment == 256 ? 2u : kSwitchEarly;
  ProverContext<CycleSource<testing::RowVectorSource>> ctx{records, shape_of(run), config,
                                                           transcript, p.acc};
  p.out = prove_stage4(ctx, seed.init);
  return p;
}

StageVerification verify(const GuestRun& run, const Seed& seed, const StageProof& proof) {
  OpeningAccumulator acc;
  seed_accumulator(seed, acc);
  Transcript transcript("stage 4 test");
  return verify_stage4(shape_of(run), proof, seed.init, transcript, acc);
}

GuestRun make_run(const std::string& name) {
  if (name == "random") return testing::run_random_program(77, 500);
  return testing::run_guest(name, name == "fibonacci" ? 30 : name == "muldiv" ? 5 : 1);
}

class Stage4OnTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(Stage4OnTrace, VerifiesMatchesReferencesAndIsModeIndependent) {
  const GuestRun run = make_run(GetParam());
  const std::vector<riscv::Row> rows = padded_rows(run);
  const testing::RamTwistReference ram(
      rows, run.machine->layout(),
      riscv::initial_memory(run.machine->program(), run.machine->layout(), run.input),
      run.summary.k_ram);
  const testing::RegisterTwistReference regs(rows);
  const Seed seed = honest_seed(run, ram, 4);
  ASSERT_EQ(seed.init, ram.init(seed.r_a2));

  const Proved linear = prove(run, seed, false, 0);
  const StageVerification ok = verify(run, seed, linear.out.proof);
  ASSERT_TRUE(ok.ok()) << *ok.failure;

  // The output claims against the brute-force references at the stage's own points.
  const std::vector<Fr> r_a4 = *linear.acc.points().find(PN::kRegisterAddress4);
  const std::vector<Fr> r_c4 = *linear.acc.points().find(PN::kCycle4);
  const auto claim = [&](const ClaimKey& k) { return *linear.acc.find(k).value; };
  const ClaimPoint reg = at(PN::kRegisterAddress4, PN::kCycle4);
  EXPECT_EQ(claim({poly(PolyFamily::kRegistersVal), reg}), regs.val(r_a4, r_c4));
  EXPECT_EQ(claim({poly(PolyFamily::kRs1Ra), reg}), regs.ra1(r_a4, r_c4));
  EXPECT_EQ(claim({poly(PolyFamily::kRs2Ra), reg}), regs.ra2(r_a4, r_c4));
  EXPECT_EQ(claim({poly(PolyFamily::kRdWa), reg}), regs.wa(r_a4, r_c4));
  EXPECT_EQ(claim({poly(PolyFamily::kRdInc), at(PN::kCycle4)}), regs.rd_inc(r_c4));
  EXPECT_EQ(claim({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle4)}),
            ram.ra(seed.r_a2, r_c4));
  EXPECT_EQ(claim({poly(PolyFamily::kRamInc), at(PN::kCycle4)}), ram.inc(r_c4));
  // No sidecar claims: the passes are the batch's own.
  EXPECT_GT(linear.out.passes, 0u);

  for (bool streaming : {false, true})
    for (unsigned threads : {1u, 2u})
      for (u64 segment : {u64{0}, u64{16}, u64{256}}) {
        set_thread_count(threads);
        const Proved other = prove(run, seed, streaming, segment);
        EXPECT_EQ(other.out.proof, linear.out.proof)
            << "streaming " << streaming << " threads " << threads << " segment " << segment;
      }
  set_thread_count(0);
}

TEST_P(Stage4OnTrace, RejectsWrongInputsAndTamperedProofs) {
  const GuestRun run = make_run(GetParam());
  const std::vector<riscv::Row> rows = padded_rows(run);
  const testing::RamTwistReference ram(
      rows, run.machine->layout(),
      riscv::initial_memory(run.machine->program(), run.machine->layout(), run.input),
      run.summary.k_ram);
  const Seed seed = honest_seed(run, ram, 9);
  const StageProof proof = prove(run, seed, false, 0).out.proof;
  ASSERT_TRUE(verify(run, seed, proof).ok());

  for (int which = 0; which < 4; ++which) {
    Seed wrong = seed;
    (which == 0   ? wrong.rs1
     : which == 1 ? wrong.ram_val
     : which == 2 ? wrong.ram_val_final
                  : wrong.init) += Fr::one();
    EXPECT_FALSE(verify(run, wrong, proof).ok()) << "wrong input " << which;
  }
  StageProof tampered_round = proof;
  tampered_round.sumcheck.round_polys[3] = CompressedUniPoly([&] {
    std::vector<Fr> c = proof.sumcheck.round_polys[3].coeffs_except_linear();
    c[0] += Fr::one();
    return c;
  }());
  EXPECT_FALSE(verify(run, seed, tampered_round).ok());
  for (std::size_t c = 0; c < proof.claims.size(); ++c) {
    StageProof tampered_claim = proof;
    tampered_claim.claims[c] += Fr::one();
    EXPECT_FALSE(verify(run, seed, tampered_claim).ok()) << "claim " << c;
  }
}

INSTANTIATE_TEST_SUITE_P(Guests, Stage4OnTrace,
                         ::testing::Values("fibonacci", "muldiv", "memory_ops", "random"));

}  // namespace
}  // namespace rill::zkvm
