// Stage 1 end to end on real traces: the proof verifies, every opening claim matches the
// reference evaluator, and the proof bytes (and the transcript digest) are the same in linear
// and streaming mode, with 1 and 2 threads and several chunk sizes. Dishonest traces and
// tampered proofs are rejected.
#include <gtest/gtest.h>

#include "reference_evaluator.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/r1cs/checker.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;

using testing::prove_run;
using testing::verify_run;

struct Case {
  std::string name;
  GuestRun (*make)();
};

class Stage1OnTrace : public ::testing::TestWithParam<Case> {};

TEST_P(Stage1OnTrace, VerifiesAndMatchesTheReferenceEvaluator) {
  const GuestRun run = GetParam().make();
  ASSERT_FALSE(check_constraints(run.source, run.machine->bytecode()).has_value());
  const ProveResult result = prove_run(run, ProverOptions{});
  const VerifyResult verdict = verify_run(run, result.proof);
  ASSERT_TRUE(verdict.ok) << verdict.reason;
  ASSERT_EQ(verdict.stage_digests.size(), result.stages.size());  // stages 0–8
  EXPECT_EQ(verdict.stage_digests[1], testing::stage_report(result, "stage 1").transcript_digest);

  // Recover r_x by replaying the verifier's transcript: the stage-1 point is the reversed
  // cycle challenges, which verify_stage1 returns.
  Transcript transcript = testing::transcript_after_stage0(run, result.proof);
  OpeningAccumulator accumulator;
  const StageProof& stage1 = result.proof.stage(StageId::k1);
  const StageVerification v = verify_stage1(result.proof.shape(), stage1, transcript, accumulator);
  ASSERT_TRUE(v.ok()) << *v.failure;
  const std::vector<Fr>& r_x = *accumulator.points().find(PointName::kCycle1);
  const auto& bytecode = run.machine->bytecode();
  ASSERT_EQ(stage1.claims.size(), kNumInputs);
  for (std::size_t i = 0; i < kNumInputs; ++i) {
    const Fr expected =
        testing::reference_mle(run.source, r_x, [&](const riscv::Row& row, const riscv::Row& next) {
          return Fr::from_i128(r1cs_inputs(bytecode, row, next).values[i]);
        });
    EXPECT_EQ(stage1.claims[i], expected) << "claim on " << input_name(static_cast<Input>(i));
    const ClaimLookup stored =
        accumulator.find({poly(static_cast<Input>(i)), at(PointName::kCycle1)});
    ASSERT_TRUE(stored.ok()) << stored.error;
    EXPECT_EQ(*stored.value, expected);
  }
}

TEST_P(Stage1OnTrace, ProofBytesAreIdenticalAcrossModesThreadsAndChunks) {
  const GuestRun run = GetParam().make();
  const ProveResult reference = prove_run(run, ProverOptions{});
  const std::vector<u8> bytes = serialize(reference.proof);
  for (ProvingMode mode : {ProvingMode::kLinear, ProvingMode::kStreaming})
    for (unsigned threads : {1u, 2u})
      for (u64 chunk : {u64{16}, u64{96}, u64{1024}}) {
        ProverOptions options;
        options.mode = mode;
        options.threads = threads;
        options.chunk_size = chunk;
        options.max_span = chunk == 96 ? 7 : 64;
        options.max_window = chunk == 1024 ? 2 : 10;
        const ProveResult other = prove_run(run, options);
        EXPECT_EQ(serialize(other.proof), bytes)
            << to_string(mode) << ", " << threads << " threads, chunk " << chunk;
        EXPECT_EQ(testing::stage_report(other, "stage 1").transcript_digest,
                  testing::stage_report(reference, "stage 1").transcript_digest);
        // The plan: the constraint-pair pass, one pass per window, the materializing pass, and
        // the sidecar pass of the 34 input claims.
        StageConfig config;
        config.streaming = mode == ProvingMode::kStreaming;
        config.max_window = options.max_window;
        const unsigned log_t = log2_exact(run.source.padded_len());
        EXPECT_EQ(testing::stage_report(other, "stage 1").passes,
                  1 + stage1_cycle_schedule(log_t, config).passes() + 1);
        if (mode == ProvingMode::kLinear) {
          EXPECT_EQ(testing::stage_report(other, "stage 1").passes, 3u);
        }
      }
}

GuestRun fibonacci() { return testing::run_guest("fibonacci", 40); }
GuestRun muldiv() { return testing::run_guest("muldiv", 6); }
GuestRun sha2_chain() { return testing::run_guest("sha2_chain", 1); }
GuestRun random_a() { return testing::run_random_program(101, 400); }
GuestRun random_b() { return testing::run_random_program(202, 900); }

INSTANTIATE_TEST_SUITE_P(Traces, Stage1OnTrace,
                         ::testing::Values(Case{"fibonacci", fibonacci}, Case{"muldiv", muldiv},
                                           Case{"sha2_chain", sha2_chain},
                                           Case{"random_a", random_a}, Case{"random_b", random_b}),
                         [](const auto& info) { return info.param.name; });

// A test-only StageProver that forwards to another but adds 1 to its round polynomial's constant
// term in one local round: a planted divergence.
class PerturbedStageProver final : public StageProver {
 public:
  PerturbedStageProver(StageProver& inner, unsigned bad_round) : inner_(inner), bad_(bad_round) {}
  unsigned num_rounds() const override { return inner_.num_rounds(); }
  unsigned degree() const override { return inner_.degree(); }
  Fr input_claim() const override { return inner_.input_claim(); }
  bool needs_pass(unsigned round) const override { return inner_.needs_pass(round); }
  std::unique_ptr<PassConsumer<CycleRecord>> begin_pass(unsigned round) override {
    return inner_.begin_pass(round);
  }
  UniPoly round_poly(unsigned round, const Fr& claim) override {
    UniPoly h = inner_.round_poly(round, claim);
    if (round != bad_) return h;
    std::vector<Fr> c = h.coeffs();
    c[0] += Fr::one();
    return UniPoly(std::move(c));
  }
  void bind(unsigned round, const Fr& r) override { inner_.bind(round, r); }
  void output_claims(const PointTable& points, StageClaims& claims) const override {
    inner_.output_claims(points, claims);
  }

 private:
  StageProver& inner_;
  unsigned bad_;
};

// prove_stage runs the self-check with the stage's and the instance's names from the stage table:
// a divergence planted in round 7 of stage 1's Spartan outer instance is reported there, in both
// modes.
void prove_stage1_with_divergence(ProvingMode mode) {
  const GuestRun run = testing::run_guest("fibonacci", 20);
  const ProtocolShape shape = ProtocolShape::from_sizes(run.source.padded_len(), run.summary.k_ram,
                                                        run.machine->bytecode().padded_size());
  const CycleSource records(run.source, testing::record_context(run));
  Transcript transcript("planted");
  OpeningAccumulator accumulator;
  ProverOptions options;
  options.mode = mode;
  ProverContext<CycleSource<testing::RowVectorSource>> ctx{
      records, shape, stage_config(options, mode), transcript, accumulator};
  const StageSpec spec = stage_spec(StageId::k1, shape);
  const StageChallenges challenges = draw_stage_challenges(spec, transcript);
  SpartanOuterProver outer(challenges["tau"], shape.log_t,
                           stage1_cycle_schedule(shape.log_t, ctx.config));
  PerturbedStageProver bad(outer, 7);
  StageProver* const provers[] = {&bad};
  prove_stage(ctx, spec, provers);
}

TEST(Stage1DeathTest, APlantedDivergenceIsNamedByStageInstanceAndRound) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  for (ProvingMode mode : {ProvingMode::kLinear, ProvingMode::kStreaming})
    EXPECT_DEATH(prove_stage1_with_divergence(mode),
                 "prover self-check failed: stage 1, Spartan outer, round 7 \\(global round 7\\)");
}

TEST(Stage1, ProofOfACorruptedTraceFailsVerification) {
  const ScopedSelfCheckOff off;  // the prover's self-check would stop at round 0
  for (ProvingMode mode : {ProvingMode::kLinear, ProvingMode::kStreaming}) {
    GuestRun run = testing::run_guest("fibonacci", 30);
    u64 target = run.source.num_rows() / 2;
    while (!riscv::writes_lookup_output_to_rd(run.source.row(target).kind)) ++target;
    riscv::Row corrupted = run.source.row(target);
    corrupted.rd_post ^= 0x10;  // a wrong RdWriteValue
    run.source.replace_row(target, corrupted);
    const auto violation = check_constraints(run.source, run.machine->bytecode());
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->cycle, target);
    ProverOptions options;
    options.mode = mode;
    const ProveResult result = prove_run(run, options);
    const VerifyResult verdict = verify_run(run, result.proof);
    EXPECT_FALSE(verdict.ok);
    EXPECT_NE(verdict.reason.find("sumcheck"), std::string::npos) << verdict.reason;
  }
}

TEST(Stage1, TamperedProofsAreRejected) {
  const GuestRun run = testing::run_guest("fibonacci", 20);
  const ProveResult result = prove_run(run, ProverOptions{});
  ASSERT_TRUE(verify_run(run, result.proof).ok);

  Proof wrong_claim = result.proof;
  wrong_claim.stage(StageId::k1).claims[index_of(Input::kRdWriteValue)] += Fr::one();
  EXPECT_FALSE(verify_run(run, wrong_claim).ok);

  Proof wrong_round = result.proof;
  wrong_round.stage(StageId::k1).sumcheck.round_polys[3].mutable_coeffs()[0] += Fr::one();
  EXPECT_FALSE(verify_run(run, wrong_round).ok);

  Proof few_claims = result.proof;
  few_claims.stage(StageId::k1).claims.pop_back();
  EXPECT_FALSE(verify_run(run, few_claims).ok);

  Proof wrong_length = result.proof;
  wrong_length.trace_length = 3000;
  EXPECT_FALSE(verify_run(run, wrong_length).ok);

  Proof wrong_bytecode_k = result.proof;
  wrong_bytecode_k.bytecode_k *= 2;
  EXPECT_EQ(verify_run(run, wrong_bytecode_k).reason,
            "K_bc differs from the program's expanded bytecode");

  Proof no_stages = result.proof;
  no_stages.stages.clear();
  EXPECT_FALSE(verify_run(run, no_stages).ok);

  // A different statement (other output) changes the preamble, hence every challenge.
  std::vector<u8> output = run.summary.output;
  output.push_back(0);
  EXPECT_FALSE(
      testing::verify_statement(*run.machine, run.input, output, run.summary.panicked, result.proof)
          .ok);
  // So does a flipped panic flag.
  EXPECT_FALSE(testing::verify_statement(*run.machine, run.input, run.summary.output,
                                         !run.summary.panicked, result.proof)
                   .ok);
}

// Two programs with the same words but a longer last segment (more bss) have different layouts,
// so a proof of one does not verify against the other.
TEST(Statement, BindsTheWholeLayout) {
  const GuestRun run = testing::run_guest("fibonacci", 12);
  const ProveResult result = prove_run(run, ProverOptions{});
  ASSERT_TRUE(verify_run(run, result.proof).ok);
  riscv::Program longer = run.machine->program();
  longer.segments.back().mem_size += 4096;
  const riscv::Machine other(std::move(longer), run.machine->layout().config());
  ASSERT_EQ(program_digest(other), program_digest(*run.machine));  // same words
  ASSERT_NE(other.layout().program_end(), run.machine->layout().program_end());
  EXPECT_FALSE(testing::verify_statement(other, run.input, run.summary.output, run.summary.panicked,
                                         result.proof)
                   .ok);
  // An output longer than the layout's output region is rejected before any round is read.
  std::vector<u8> long_output(run.machine->layout().config().max_output + 1, 0);
  EXPECT_EQ(
      testing::verify_statement(*run.machine, run.input, long_output, false, result.proof).reason,
      "the claimed output is longer than the layout's output region");
}

TEST(ProofBytes, RoundTripAndRejectMalformedInput) {
  const GuestRun run = testing::run_guest("fibonacci", 10);
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  const std::vector<u8> bytes = serialize(proof);
  // Header 36 bytes (magic, version, T, K_ram, K_bc); outputs 4 + |output| + 1; the
  // commitments (tag, 384 bytes per committed polynomial); stage 1: tag, log T + 5 rounds of 3
  // coefficients, 34 claims; stages 2–7 (sizes from the table, pinned in docs/proof-format.md
  // and by stage_table_test); the opening (tag, 1029 + 2880·σ bytes). No counts: the table and
  // (T, K_ram, K_bc) fix them.
  const std::size_t rounds = proof.stage(StageId::k1).sumcheck.round_polys.size();
  EXPECT_EQ(u64{1} << (rounds - 5), proof.trace_length);  // log T + 5 rounds
  ASSERT_EQ(proof.output, run.summary.output);
  ASSERT_FALSE(proof.output.empty());
  const std::size_t output_section = 4 + proof.output.size() + 1;
  const ProtocolShape shape = proof.shape();
  const unsigned log_t = shape.log_t, log_k = shape.log_k_ram;
  // Stage 2: log K_ram rounds of degree 3 (the output check), log T of degree 3, 15 new claims;
  // stage 3: log T rounds of degree 3, 13 new claims.
  EXPECT_EQ(stage_proof_bytes(StageId::k2, shape), 1u + 32 * (3 * (log_k + log_t) + 15));
  EXPECT_EQ(stage_proof_bytes(StageId::k3, shape), 1u + 32 * (3 * log_t + 13));
  const std::size_t commitments =
      1 + 384 * (2 + shape.one_hot.instruction_chunks + shape.one_hot.ram_chunks +
                 shape.one_hot.bytecode_chunks);
  const unsigned sigma = (shape.one_hot.log_k_chunk + log_t + 1) / 2;
  const std::size_t opening = 1 + 1029 + 2880 * sigma;
  std::size_t later_sections = 0;
  for (const StageId id : sumcheck_stages())
    if (id != StageId::k1) later_sections += stage_proof_bytes(id, shape);
  EXPECT_EQ(bytes.size(), 36u + output_section + commitments + 1u + rounds * 3 * 32 +
                              kNumInputs * 32 + later_sections + opening);
  const std::vector<ProofSection> sections = proof_sections(proof);
  ASSERT_EQ(sections.size(), 1 + 1 + sumcheck_stages().size() + 1);
  EXPECT_EQ(sections[1].bytes, commitments);
  EXPECT_EQ(sections.back().bytes, opening);
  const ProofDecoding decoded = deserialize(bytes);
  ASSERT_TRUE(decoded.proof.has_value()) << decoded.error;
  EXPECT_EQ(serialize(*decoded.proof), bytes);
  EXPECT_EQ(decoded.proof->output, run.summary.output);
  EXPECT_FALSE(decoded.proof->panicked);

  std::vector<u8> bad_panic_flag = bytes;
  bad_panic_flag[36 + output_section - 1] = 2;
  EXPECT_NE(deserialize(bad_panic_flag).error.find("panic flag"), std::string::npos);
  std::vector<u8> huge_output = bytes;
  huge_output[39] = 0x7F;  // output length's top byte
  EXPECT_NE(deserialize(huge_output).error.find("output length"), std::string::npos);

  std::vector<u8> trailing = bytes;
  trailing.push_back(0);
  EXPECT_NE(deserialize(trailing).error.find("trailing"), std::string::npos);
  std::vector<u8> truncated(bytes.begin(), bytes.end() - 1);
  EXPECT_NE(deserialize(truncated).error.find("truncated"), std::string::npos);
  std::vector<u8> non_canonical = bytes;  // stage 7's last claim, just before the opening
  for (std::size_t i = 0; i < 32; ++i) non_canonical[bytes.size() - opening - 32 + i] = 0xFF;
  EXPECT_NE(deserialize(non_canonical).error.find("non-canonical"), std::string::npos);
  std::vector<u8> bad_commitment = bytes;  // the first commitment's first coordinate
  for (std::size_t i = 0; i < 48; ++i) bad_commitment[36 + output_section + 1 + i] = 0xFF;
  EXPECT_NE(deserialize(bad_commitment).error.find("stage 0"), std::string::npos);
  std::vector<u8> bad_opening = bytes;  // the opening's version byte
  bad_opening[bytes.size() - opening + 1] ^= 0x40;
  EXPECT_NE(deserialize(bad_opening).error.find("stage 8"), std::string::npos);
  std::vector<u8> bad_k_bc = bytes;
  bad_k_bc[28] = 3;  // K_bc = 3 + …: not a power of two
  EXPECT_NE(deserialize(bad_k_bc).error.find("K_bc"), std::string::npos);
  std::vector<u8> bad_commitments_tag = bytes;
  bad_commitments_tag[36 + output_section] = 1;
  EXPECT_NE(deserialize(bad_commitments_tag).error.find("commitments"), std::string::npos);
  std::vector<u8> bad_stage_tag = bytes;
  bad_stage_tag[36 + output_section + commitments] = 2;
  EXPECT_NE(deserialize(bad_stage_tag).error.find("stage 1 section"), std::string::npos);
  std::vector<u8> bad_opening_tag = bytes;
  bad_opening_tag[bytes.size() - opening] = 8;
  EXPECT_NE(deserialize(bad_opening_tag).error.find("opening"), std::string::npos);
  std::vector<u8> bad_version = bytes;
  bad_version[8] = 9;
  EXPECT_NE(deserialize(bad_version).error.find("version"), std::string::npos);
}

}  // namespace
}  // namespace rill::zkvm
