// Stage 5 (instruction read-RAF + RAM RA claim reduction + registers value evaluation) on its
// orchestrator, on real traces: the accumulator is seeded with honest claims of stages 1–4 at
// random points (LookupOutput and the lookup operands from the R1CS inputs of the rows, RamRa and
// RegistersVal from the brute-force Twist references), then prove_stage5 must verify, emit claims
// equal to dense references (flags per row, the virtual ra chunks by brute force over each row's
// lookup index, the Twist references), give the same bytes in both modes, 1 and 2 threads and
// three segment sizes, and the verifier must reject wrong inputs, a LookupOutput claim of a trace
// with one wrong lookup output, tampered rounds (address and cycle) and tampered claims.
#include <gtest/gtest.h>

#include <random>

#include "reference_evaluator.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"
#include "rill/zkvm/stages/stage5.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"
#include "test_support.hpp"
#include "twist_reference.hpp"

namespace rill::zkvm {
namespace {

using riscv::Row;
using testing::GuestRun;
using PN = PointName;

std::vector<Fr> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> r;
  for (unsigned i = 0; i < n; ++i) r.push_back(Fr::random(rng));
  return r;
}

std::vector<Row> padded_rows(const GuestRun& run) {
  std::vector<Row> rows;
  for (u64 j = 0; j < run.source.padded_len(); ++j) rows.push_back(run.source.row(j));
  return rows;
}

ProtocolShape shape_of(const GuestRun& run) {
  return ProtocolShape::from_sizes(run.summary.padded_len, run.summary.k_ram,
                                   run.machine->bytecode().padded_size());
}

// An R1CS input of a row, from the witness layer (not from the stage under test).
Fr input_of(const GuestRun& run, Input input, const Row& row, const Row& next) {
  return Fr::from_i128(r1cs_inputs(run.machine->bytecode(), row, next)[input]);
}

// The claims and points stages 1–4 leave for stage 5, honest, at random points.
struct Seed {
  std::vector<Fr> r_c1, r_c2, r_c4, r_a2, r_a4;
  std::array<Fr, 3> lookup;  // LookupOutput, LeftLookupOperand, RightLookupOperand @ r_c^2
  std::array<Fr, 3> ram_ra;  // RamRa @ (r_a^2 ‖ r_c^1), (‖ r_c^2), (‖ r_c^4)
  Fr registers_val;
};

Seed honest_seed(const GuestRun& run, const testing::RamTwistReference& ram,
                 const testing::RegisterTwistReference& regs, u64 seed) {
  std::mt19937_64 rng(seed);
  const unsigned log_t = log2_exact(run.summary.padded_len);
  Seed s;
  s.r_c1 = random_point(rng, log_t);
  s.r_c2 = random_point(rng, log_t);
  s.r_c4 = random_point(rng, log_t);
  s.r_a2 = random_point(rng, log2_exact(run.summary.k_ram));
  s.r_a4 = random_point(rng, kLogKRegisters);
  const Input inputs[] = {Input::kLookupOutput, Input::kLeftLookupOperand,
                          Input::kRightLookupOperand};
  for (std::size_t k = 0; k < 3; ++k)
    s.lookup[k] = testing::reference_mle(run.source, s.r_c2, [&](const Row& r, const Row& n) {
      return input_of(run, inputs[k], r, n);
    });
  s.ram_ra = {ram.ra(s.r_a2, s.r_c1), ram.ra(s.r_a2, s.r_c2), ram.ra(s.r_a2, s.r_c4)};
  s.registers_val = regs.val(s.r_a4, s.r_c4);
  return s;
}

void seed_accumulator(const Seed& s, OpeningAccumulator& acc) {
  for (const auto& [name, value] :
       {std::pair{PN::kCycle1, s.r_c1}, std::pair{PN::kCycle2, s.r_c2},
        std::pair{PN::kCycle4, s.r_c4}, std::pair{PN::kRamAddress2, s.r_a2},
        std::pair{PN::kRegisterAddress4, s.r_a4}})
    acc.points().set(name, value);
  acc.add({poly(Input::kLookupOutput), at(PN::kCycle2)}, s.lookup[0]);
  acc.add({poly(Input::kLeftLookupOperand), at(PN::kCycle2)}, s.lookup[1]);
  acc.add({poly(Input::kRightLookupOperand), at(PN::kCycle2)}, s.lookup[2]);
  acc.add({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle1)}, s.ram_ra[0]);
  acc.add({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle2)}, s.ram_ra[1]);
  acc.add({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle4)}, s.ram_ra[2]);
  acc.add({poly(PolyFamily::kRegistersVal), at(PN::kRegisterAddress4, PN::kCycle4)},
          s.registers_val);
}

struct Proved {
  StageOutput out;
  OpeningAccumulator acc;
};

Proved prove(const GuestRun& run, const Seed& seed, bool streaming, u64 segment) {
  Proved p;
  seed_accumulator(seed, p.acc);
  Transcript transcript("stage 5 test");
  const CycleSource records(run.source, testing::record_context(run));
  StageConfig config;
  config.streaming = streaming;
  config.pass.segment_records = segment;
  // The segment sizes also vary the switch, so that the small traces here still plan windows
  // over several rounds (the default switches four rounds before ⌊log T/2⌋).
  config.switch_early = segment == 16 ? 0u : segment == 256 ? 2u : kSwitchEarly;
  ProverContext<CycleSource<testing::RowVectorSource>> ctx{records, shape_of(run), config,
                                                           transcript, p.acc};
  p.out = prove_stage5(ctx);
  return p;
}

StageVerification verify(const GuestRun& run, const Seed& seed, const StageProof& proof) {
  OpeningAccumulator acc;
  seed_accumulator(seed, acc);
  Transcript transcript("stage 5 test");
  return verify_stage5(shape_of(run), proof, transcript, acc);
}

GuestRun make_run(const std::string& name) {
  if (name == "random") return testing::run_random_program(55, 500);
  return testing::run_guest(name, name == "fibonacci" ? 30 : 5);
}

// eq(ρ, bits) with bits the |ρ|-bit integer x read most significant first.
Fr eq_bits(std::span<const Fr> rho, u64 x) {
  Fr e = Fr::one();
  for (std::size_t i = 0; i < rho.size(); ++i) {
    const bool bit = ((x >> (rho.size() - 1 - i)) & 1) != 0;
    e *= bit ? rho[i] : Fr::one() - rho[i];
  }
  return e;
}

class Stage5OnTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(Stage5OnTrace, VerifiesMatchesReferencesAndIsModeIndependent) {
  const GuestRun run = make_run(GetParam());
  const std::vector<Row> rows = padded_rows(run);
  const testing::RamTwistReference ram(
      rows, run.machine->layout(),
      riscv::initial_memory(run.machine->program(), run.machine->layout(), run.input),
      run.summary.k_ram);
  const testing::RegisterTwistReference regs(rows);
  const Seed seed = honest_seed(run, ram, regs, 5);
  const ProtocolShape shape = shape_of(run);

  const Proved linear = prove(run, seed, false, 0);
  const StageVerification ok = verify(run, seed, linear.out.proof);
  ASSERT_TRUE(ok.ok()) << *ok.failure;

  const std::vector<Fr> r_a5 = *linear.acc.points().find(PN::kInstructionAddress5);
  const std::vector<Fr> r_c5 = *linear.acc.points().find(PN::kCycle5);
  ASSERT_EQ(r_a5.size(), 64u);
  const auto claim = [&](const ClaimKey& k) { return *linear.acc.find(k).value; };

  // Flags per row (reference §4.3, from the instruction kinds).
  for (unsigned t = 0; t < lookups::kNumTables; ++t)
    EXPECT_EQ(claim({poly(PolyFamily::kLookupTableFlag, t), at(PN::kCycle5)}),
              testing::reference_mle(run.source, r_c5,
                                     [&](const Row& r, const Row&) {
                                       const auto table = lookups::instruction_lookup(r.kind).table;
                                       return Fr::from_u64(
                                           table && static_cast<unsigned>(*table) == t ? 1 : 0);
                                     }))
        << "table " << t;
  EXPECT_EQ(claim({poly(PolyFamily::kInstructionRafFlag), at(PN::kCycle5)}),
            testing::reference_mle(run.source, r_c5, [&](const Row& r, const Row&) {
              return Fr::from_u64(lookups::instruction_lookup(r.kind).combination ==
                                          lookups::OperandCombination::kInterleave
                                      ? 0
                                      : 1);
            }));
  // The virtual ra chunks by brute force over each row's lookup index (the witness layer's).
  const RecordContext rctx = testing::record_context(run);
  const unsigned w = shape.ra_virtual_log_k_chunk;
  for (unsigned v = 0; v < shape.instruction_virtual_chunks; ++v) {
    const std::vector<Fr> rho(r_a5.begin() + v * w, r_a5.begin() + (v + 1) * w);
    const Fr expected = testing::reference_mle(run.source, r_c5, [&](const Row& r, const Row& n) {
      const u64 index = cycle_record(rctx, r, n).lookup_index;
      return eq_bits(rho, (index >> (64 - (v + 1) * w)) & ((u64{1} << w) - 1));
    });
    EXPECT_EQ(claim({poly(PolyFamily::kInstructionRaVirtual, v),
                     at_chunk(PN::kInstructionAddress5, w, v, PN::kCycle5)}),
              expected)
        << "virtual chunk " << v;
  }
  // 5b and 5c against the Twist references.
  EXPECT_EQ(claim({poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle5)}),
            ram.ra(seed.r_a2, r_c5));
  EXPECT_EQ(claim({poly(PolyFamily::kRdInc), at(PN::kCycle5)}), regs.rd_inc(r_c5));
  EXPECT_EQ(claim({poly(PolyFamily::kRdWa), at(PN::kRegisterAddress4, PN::kCycle5)}),
            regs.wa(seed.r_a4, r_c5));
  // 8 phase passes + the cycle rounds' passes + one sidecar pass.
  EXPECT_GT(linear.out.passes, 9u);

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

TEST_P(Stage5OnTrace, RejectsWrongInputsAWrongLookupOutputAndTamperedProofs) {
  const GuestRun run = make_run(GetParam());
  const std::vector<Row> rows = padded_rows(run);
  const testing::RamTwistReference ram(
      rows, run.machine->layout(),
      riscv::initial_memory(run.machine->program(), run.machine->layout(), run.input),
      run.summary.k_ram);
  const testing::RegisterTwistReference regs(rows);
  const Seed seed = honest_seed(run, ram, regs, 9);
  const StageProof proof = prove(run, seed, false, 0).out.proof;
  ASSERT_TRUE(verify(run, seed, proof).ok());

  // The honest prover is also given wrong claims: the verifier, not its self-check, must reject.
  const ScopedSelfCheckOff cheating_prover;
  for (int which = 0; which < 7; ++which) {
    Seed wrong = seed;
    (which < 3   ? wrong.lookup[which]
     : which < 6 ? wrong.ram_ra[which - 3]
                 : wrong.registers_val) += Fr::one();
    EXPECT_FALSE(verify(run, wrong, proof).ok()) << "wrong input " << which;
    // The honest prover on the wrong claims is rejected too.
    EXPECT_FALSE(verify(run, wrong, prove(run, wrong, false, 0).out.proof).ok())
        << "wrong input " << which;
  }

  // A trace whose row j0 (an instruction with a lookup table) has a wrong lookup output: the
  // LookupOutput claim stage 2 would leave is the MLE of the corrupted column.
  u64 j0 = 0;
  while (!lookups::instruction_lookup(rows.at(j0).kind).table) ++j0;
  Seed corrupted = seed;
  corrupted.lookup[0] = seed.lookup[0] + Fr::from_u64(7) * eq_table(seed.r_c2)[j0];
  ASSERT_NE(corrupted.lookup[0], seed.lookup[0]);
  EXPECT_FALSE(verify(run, corrupted, prove(run, corrupted, false, 0).out.proof).ok());
  EXPECT_FALSE(verify(run, corrupted, proof).ok());

  // Tampered rounds: an address round, the first cycle round, the last round.
  const std::size_t n = proof.sumcheck.round_polys.size();
  for (std::size_t round : {std::size_t{3}, std::size_t{64}, n - 1}) {
    StageProof tampered_round = proof;
    tampered_round.sumcheck.round_polys[round] = CompressedUniPoly([&] {
      std::vector<Fr> c = proof.sumcheck.round_polys[round].coeffs_except_linear();
      c[0] += Fr::one();
      return c;
    }());
    EXPECT_FALSE(verify(run, seed, tampered_round).ok()) << "round " << round;
  }
  for (std::size_t c = 0; c < proof.claims.size(); ++c) {
    StageProof tampered_claim = proof;
    tampered_claim.claims[c] += Fr::one();
    EXPECT_FALSE(verify(run, seed, tampered_claim).ok()) << "claim " << c;
  }
}

INSTANTIATE_TEST_SUITE_P(Guests, Stage5OnTrace, ::testing::Values("fibonacci", "muldiv", "random"));

}  // namespace
}  // namespace rill::zkvm
