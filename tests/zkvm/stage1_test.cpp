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

ProveResult prove_run(const GuestRun& run, const ProverOptions& options) {
  return prove(*run.machine, run.input, run.summary, run.source, options);
}

VerifyResult verify_run(const GuestRun& run, const Proof& proof) {
  return verify(*run.machine, run.input, run.summary.output, run.summary.panicked, proof);
}

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
  ASSERT_EQ(verdict.stage_digests.size(), 1u);
  EXPECT_EQ(verdict.stage_digests[0], result.stages[0].transcript_digest);

  // Recover r_x by replaying the verifier's transcript: the stage-1 point is the reversed
  // cycle challenges, which verify_stage1 returns.
  Transcript transcript = start_transcript(
      make_statement(*run.machine, run.input, run.summary.output, run.summary.panicked,
                     result.proof.trace_length, result.proof.ram_k));
  OpeningAccumulator accumulator;
  const Stage1Verification v =
      verify_stage1(result.proof.trace_length, result.proof.stage1, transcript, accumulator);
  ASSERT_TRUE(v.ok());
  const auto& bytecode = run.machine->bytecode();
  for (std::size_t i = 0; i < kNumInputs; ++i) {
    const Fr expected = testing::reference_mle(
        run.source, v.cycle_point, [&](const riscv::Row& row, const riscv::Row& next) {
          return Fr::from_i128(r1cs_inputs(bytecode, row, next).values[i]);
        });
    EXPECT_EQ(result.proof.stage1.input_claims[i], expected)
        << "claim on " << input_name(static_cast<Input>(i));
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
        EXPECT_EQ(other.stages[0].transcript_digest, reference.stages[0].transcript_digest);
        if (mode == ProvingMode::kStreaming) {
          EXPECT_GT(other.stages[0].passes, 2u);
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

TEST(Stage1, ProofOfACorruptedTraceFailsVerification) {
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
  wrong_claim.stage1.input_claims[index_of(Input::kRdWriteValue)] += Fr::one();
  EXPECT_FALSE(verify_run(run, wrong_claim).ok);

  Proof wrong_round = result.proof;
  wrong_round.stage1.sumcheck.round_polys[3].mutable_coeffs()[0] += Fr::one();
  EXPECT_FALSE(verify_run(run, wrong_round).ok);

  Proof few_claims = result.proof;
  few_claims.stage1.input_claims.pop_back();
  EXPECT_FALSE(verify_run(run, few_claims).ok);

  Proof wrong_length = result.proof;
  wrong_length.trace_length = 3000;
  EXPECT_FALSE(verify_run(run, wrong_length).ok);

  // A different statement (other output) changes the preamble, hence every challenge.
  std::vector<u8> output = run.summary.output;
  output.push_back(0);
  EXPECT_FALSE(verify(*run.machine, run.input, output, run.summary.panicked, result.proof).ok);
  // So does a flipped panic flag.
  EXPECT_FALSE(
      verify(*run.machine, run.input, run.summary.output, !run.summary.panicked, result.proof).ok);
}

TEST(ProofBytes, RoundTripAndRejectMalformedInput) {
  const GuestRun run = testing::run_guest("fibonacci", 10);
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  const std::vector<u8> bytes = serialize(proof);
  // Header 28 bytes; outputs 4 + |output| + 1; stage 1: 1 + 4 + 1 + rounds·3·32 + 4 + 34·32.
  const std::size_t rounds = proof.stage1.sumcheck.round_polys.size();
  EXPECT_EQ(u64{1} << (rounds - 5), proof.trace_length);  // log T + 5 rounds
  ASSERT_EQ(proof.output, run.summary.output);
  ASSERT_FALSE(proof.output.empty());
  const std::size_t output_section = 4 + proof.output.size() + 1;
  EXPECT_EQ(bytes.size(), 28u + output_section + 6u + rounds * 3 * 32 + 4u + kNumInputs * 32);
  const ProofDecoding decoded = deserialize(bytes);
  ASSERT_TRUE(decoded.proof.has_value()) << decoded.error;
  EXPECT_EQ(serialize(*decoded.proof), bytes);
  EXPECT_EQ(decoded.proof->output, run.summary.output);
  EXPECT_FALSE(decoded.proof->panicked);

  std::vector<u8> bad_panic_flag = bytes;
  bad_panic_flag[28 + output_section - 1] = 2;
  EXPECT_NE(deserialize(bad_panic_flag).error.find("panic flag"), std::string::npos);
  std::vector<u8> huge_output = bytes;
  huge_output[31] = 0x7F;  // output length's top byte
  EXPECT_NE(deserialize(huge_output).error.find("output length"), std::string::npos);

  std::vector<u8> trailing = bytes;
  trailing.push_back(0);
  EXPECT_NE(deserialize(trailing).error.find("trailing"), std::string::npos);
  std::vector<u8> truncated(bytes.begin(), bytes.end() - 1);
  EXPECT_NE(deserialize(truncated).error.find("truncated"), std::string::npos);
  std::vector<u8> non_canonical = bytes;
  for (std::size_t i = 0; i < 32; ++i) non_canonical[bytes.size() - 32 + i] = 0xFF;
  EXPECT_NE(deserialize(non_canonical).error.find("non-canonical"), std::string::npos);
  std::vector<u8> bad_version = bytes;
  bad_version[8] = 9;
  EXPECT_NE(deserialize(bad_version).error.find("version"), std::string::npos);
}

TEST(OpeningAccumulator, DeduplicatesAndRejectsConflicts) {
  OpeningAccumulator acc;
  const std::vector<Fr> point = {Fr::from_u64(3), Fr::from_u64(5)};
  const PolyId id = r1cs_input_id(Input::kPc);
  EXPECT_EQ(acc.add(id, point, Fr::from_u64(7)), OpeningAccumulator::Added::kNew);
  EXPECT_EQ(acc.add(id, point, Fr::from_u64(7)), OpeningAccumulator::Added::kDuplicate);
  EXPECT_EQ(acc.add(id, point, Fr::from_u64(8)), OpeningAccumulator::Added::kConflict);
  EXPECT_EQ(acc.find(id, point), Fr::from_u64(7));
  EXPECT_EQ(acc.add(r1cs_input_id(Input::kNextPc), point, Fr::from_u64(8)),
            OpeningAccumulator::Added::kNew);
  EXPECT_EQ(acc.size(), 2u);
  // Only new claims reach the transcript.
  Transcript a("acc"), b("acc");
  OpeningAccumulator fresh;
  fresh.add_and_absorb(id, point, Fr::from_u64(7), a);
  fresh.add_and_absorb(id, point, Fr::from_u64(7), a);
  b.append_scalar(kOpeningClaimLabel, Fr::from_u64(7));
  EXPECT_EQ(a.state(), b.state());
  EXPECT_FALSE(fresh.add_and_absorb(id, point, Fr::from_u64(1), a));
}

}  // namespace
}  // namespace rill::zkvm
