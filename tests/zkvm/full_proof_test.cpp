// Whole proofs (stages 0–8, proof format v6) end to end through prove() and verify(): canonical
// guests and random programs verify, their bytes are identical across modes, threads and chunk
// sizes, and the verifier's per-stage digests are the prover's. Soundness through the verifier:
// proofs of false statements, another input or program, single-byte mutations of the container
// (none is accepted), committed claims moved consistently with every sumcheck (caught by the final
// opening), witnesses corrupted after the records are computed (caught by stages 2–8), and a
// panicking guest.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <random>
#include <set>

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/batched.hpp"
#include "rill/util/parallel.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/r1cs/constraints.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;

using testing::prove_run;
using testing::verify_run;
using testing::verify_statement;

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Sets the worker-thread limit for its lifetime (the default again afterwards).
class Threads {
 public:
  explicit Threads(unsigned n) { set_thread_count(n); }
  ~Threads() { set_thread_count(0); }
  Threads(const Threads&) = delete;
  Threads& operator=(const Threads&) = delete;
};

struct Program {
  std::string name;
  GuestRun (*make)();
};

GuestRun fibonacci() { return testing::run_guest("fibonacci", 20); }
GuestRun muldiv() { return testing::run_guest("muldiv", 3); }
GuestRun sha2_chain() { return testing::run_guest("sha2_chain", 1); }
GuestRun memory_ops() { return testing::run_guest("memory_ops", 8); }
GuestRun random_a() { return testing::run_random_program(101, 300); }
GuestRun random_b() { return testing::run_random_program(202, 300); }

// ---------------------------------------------------------------------------------------------
// 1. Completeness and byte-identical proofs.

class FullProofOnTrace : public ::testing::TestWithParam<Program> {};

TEST_P(FullProofOnTrace, VerifiesAndIsIdenticalAcrossModesThreadsAndChunks) {
  const GuestRun run = GetParam().make();
  const std::size_t sections = sumcheck_stages().size();  // 1, 2, 3, 4, 5, 6a, 6b, 7
  ASSERT_EQ(sections, 8u);
  const std::size_t stages = sections + 2;  // and stage 0 (commitments), stage 8 (opening)
  std::vector<u8> reference;
  for (ProvingMode mode : {ProvingMode::kLinear, ProvingMode::kStreaming})
    for (unsigned threads : {1u, 2u})
      for (u64 chunk : {u64{0}, u64{64}, u64{1024}}) {
        const std::string where = std::string(to_string(mode)) + ", " + std::to_string(threads) +
                                  " threads, chunk " + std::to_string(chunk);
        const Threads limit(threads);
        const ProveResult result = prove_run(run, ProverOptions{.mode = mode, .chunk_size = chunk});
        ASSERT_EQ(result.mode, mode) << where;
        ASSERT_EQ(result.proof.stages.size(), sections) << where;
        ASSERT_EQ(result.stages.size(), stages) << where;
        const std::vector<u8> bytes = serialize(result.proof);
        if (reference.empty()) {
          reference = bytes;
          // The container round-trips and the proof verifies, with the verifier's transcript
          // after every stage equal to the prover's.
          const ProofDecoding decoded = deserialize(bytes);
          ASSERT_TRUE(decoded.proof.has_value()) << decoded.error;
          EXPECT_EQ(serialize(*decoded.proof), bytes);
          EXPECT_EQ(decoded.proof->output, run.summary.output);
          EXPECT_EQ(decoded.proof->panicked, run.summary.panicked);
          const VerifyResult verdict = verify_run(run, *decoded.proof);
          ASSERT_TRUE(verdict.ok) << where << ": " << verdict.reason;
          ASSERT_EQ(verdict.stage_digests.size(), stages);
          for (std::size_t s = 0; s < stages; ++s)
            EXPECT_EQ(verdict.stage_digests[s], result.stages[s].transcript_digest)
                << result.stages[s].name;
          // The digests differ from stage to stage (each stage absorbs something).
          for (std::size_t s = 1; s < stages; ++s)
            EXPECT_NE(verdict.stage_digests[s], verdict.stage_digests[s - 1]);
        } else {
          EXPECT_EQ(bytes, reference) << where;
        }
      }
  EXPECT_FALSE(run.summary.panicked);
}

INSTANTIATE_TEST_SUITE_P(
    FullProof, FullProofOnTrace,
    ::testing::Values(Program{"fibonacci", fibonacci}, Program{"muldiv", muldiv},
                      Program{"sha2_chain", sha2_chain}, Program{"memory_ops", memory_ops},
                      Program{"random_a", random_a}, Program{"random_b", random_b}),
    [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// 2. Soundness through the verifier: other statements.

TEST(FullProof, ProofIsRejectedForAnyOtherStatement) {
  const GuestRun run = fibonacci();
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  ASSERT_TRUE(verify_run(run, proof).ok);
  const riscv::Machine& machine = *run.machine;
  ASSERT_FALSE(run.summary.output.empty());

  // Another output: one byte changed, one byte more, none.
  std::vector<u8> other_output = run.summary.output;
  other_output[0] ^= 1;
  EXPECT_FALSE(verify_statement(machine, run.input, other_output, false, proof).ok);
  std::vector<u8> longer = run.summary.output;
  longer.push_back(0);
  EXPECT_FALSE(verify_statement(machine, run.input, longer, false, proof).ok);
  EXPECT_FALSE(verify_statement(machine, run.input, std::vector<u8>{}, false, proof).ok);
  // The panic flag flipped.
  EXPECT_FALSE(verify_statement(machine, run.input, run.summary.output, true, proof).ok);
  // Another input.
  std::vector<u8> other_input = run.input;
  other_input[0] ^= 1;
  EXPECT_FALSE(verify_statement(machine, other_input, run.summary.output, false, proof).ok);

  // Another program: a different guest ELF.
  const GuestRun other = muldiv();
  EXPECT_FALSE(verify_statement(*other.machine, run.input, run.summary.output, false, proof).ok);
  // Another program of the same expanded-bytecode size, so the K_bc check does not decide it:
  // the stages must.
  const GuestRun a = random_a();
  const GuestRun b = testing::run_random_program(303, 300);
  ASSERT_EQ(a.machine->bytecode().padded_size(), b.machine->bytecode().padded_size());
  const Proof proof_a = prove_run(a, ProverOptions{}).proof;
  ASSERT_TRUE(verify_run(a, proof_a).ok);
  ASSERT_EQ(a.summary.output, b.summary.output);  // both empty
  const VerifyResult v = verify_statement(*b.machine, a.input, a.summary.output, false, proof_a);
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(starts_with(v.reason, "stage ")) << v.reason;
}

// The prover is handed a false statement (an output or panic flag the run did not produce): the
// proof it makes of that statement is rejected against that statement.
TEST(FullProof, ProofsOfFalseStatementsAreRejected) {
  const GuestRun run = fibonacci();
  const ScopedSelfCheckOff cheating_prover;
  riscv::ExecutionSummary lie = run.summary;
  lie.output[0] ^= 1;
  const DorySetup& setup = shared_dory_setup(run_shape(*run.machine, run.summary));
  const Proof false_output =
      prove(*run.machine, run.input, lie, run.source, ProverOptions{}, setup).proof;
  const VerifyResult v1 =
      verify_statement(*run.machine, run.input, lie.output, lie.panicked, false_output);
  EXPECT_FALSE(v1.ok);
  EXPECT_TRUE(starts_with(v1.reason, "stage 2")) << v1.reason;  // the RAM output check

  riscv::ExecutionSummary panicked = run.summary;
  panicked.panicked = true;
  const Proof false_panic =
      prove(*run.machine, run.input, panicked, run.source, ProverOptions{}, setup).proof;
  const VerifyResult v2 =
      verify_statement(*run.machine, run.input, run.summary.output, true, false_panic);
  EXPECT_FALSE(v2.ok);
  EXPECT_TRUE(starts_with(v2.reason, "stage 2")) << v2.reason;
}

// Every part of the container is bound: a single changed byte anywhere (every header position
// and a seeded sample of 2,000 others, covering the commitments, the stage sections and the
// opening) either fails to decode or is rejected by the verifier; so is every claim plus one.
TEST(FullProof, SingleByteMutationsAreRejected) {
  const GuestRun run = fibonacci();
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  const std::vector<u8> bytes = serialize(proof);
  std::size_t total = 0;
  for (const ProofSection& section : proof_sections(proof)) total += section.bytes;
  ASSERT_EQ(total, bytes.size());
  const std::size_t header = proof_sections(proof).front().bytes;
  ASSERT_EQ(header, 8u + 4 + 8 + 8 + 8 + 4 + proof.output.size() + 1);

  std::vector<std::size_t> positions;
  for (std::size_t p = 0; p < header; ++p) positions.push_back(p);
  std::vector<std::size_t> rest;
  for (std::size_t p = header; p < bytes.size(); ++p) rest.push_back(p);
  std::mt19937_64 rng(0xF1195);
  std::sample(rest.begin(), rest.end(), std::back_inserter(positions), 2000, rng);
  ASSERT_GE(positions.size(), header + 2000);

  std::size_t undecodable = 0, rejected = 0;
  for (const std::size_t p : positions) {
    std::vector<u8> mutated = bytes;
    mutated[p] ^= static_cast<u8>(1 + rng() % 255);
    const ProofDecoding decoded = deserialize(mutated);
    if (!decoded.proof) {
      EXPECT_FALSE(decoded.error.empty());
      ++undecodable;
      continue;
    }
    // As rill::verify does: the statement is the one the proof states.
    const VerifyResult v = verify_statement(*run.machine, run.input, decoded.proof->output,
                                            decoded.proof->panicked, *decoded.proof);
    EXPECT_FALSE(v.ok) << "a mutation of byte " << p << " verifies";
    EXPECT_FALSE(v.reason.empty());
    if (!v.ok) ++rejected;
  }
  std::cout << "[ byte flips ] " << positions.size() << " positions (" << header << " header), "
            << undecodable << " fail to decode, " << rejected << " rejected, of " << bytes.size()
            << " bytes\n";
  EXPECT_EQ(undecodable + rejected, positions.size());

  // Each claim's value plus one, one at a time: rejected (by the stage that emits it when its
  // final check reads the claim, else by the later stage that reads it), the committed claims
  // for stage 8 included.
  const ProtocolShape shape = proof.shape();
  for (const StageId id : sumcheck_stages()) {
    const std::vector<ClaimKey> claims = new_output_claims(id, shape);
    for (std::size_t c = 0; c < claims.size(); ++c) {
      Proof changed = proof;
      changed.stage(id).claims[c] += Fr::one();
      const VerifyResult v = verify_run(run, changed);
      EXPECT_FALSE(v.ok) << stage_name(id) << " " << claim_name(claims[c]);
      EXPECT_TRUE(starts_with(v.reason, "stage ")) << claim_name(claims[c]) << ": " << v.reason;
    }
  }
}

// Parts of two honest proofs of different statements do not combine: the commitments or the
// opening of another run's proof, or two commitments swapped, are rejected.
TEST(FullProof, CommitmentsAndOpeningAreBoundToTheRestOfTheProof) {
  const GuestRun run = fibonacci();
  const GuestRun other = testing::run_guest("fibonacci", 21);
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  const Proof other_proof = prove_run(other, ProverOptions{}).proof;
  ASSERT_EQ(proof.shape().log_t, other_proof.shape().log_t);
  ASSERT_EQ(proof.commitments.size(), other_proof.commitments.size());

  Proof foreign_opening = proof;
  foreign_opening.opening = other_proof.opening;
  const VerifyResult a = verify_run(run, foreign_opening);
  EXPECT_FALSE(a.ok);
  EXPECT_TRUE(starts_with(a.reason, "stage 8")) << a.reason;

  // Commitments change the transcript, so a foreign or reordered set derails stage 1 already.
  Proof foreign_commitments = proof;
  foreign_commitments.commitments = other_proof.commitments;
  EXPECT_FALSE(verify_run(run, foreign_commitments).ok);
  Proof swapped = proof;
  std::swap(swapped.commitments[2], swapped.commitments[3]);
  EXPECT_FALSE(verify_run(run, swapped).ok);
}

// A setup that cannot serve the proof's σ is refused with a reason, never used.
TEST(FullProof, VerifierRefusesASetupTooSmallForTheProof) {
  const GuestRun run = fibonacci();
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  const unsigned sigma = opening_log_columns(proof.shape());
  const DorySetup small = shared_dory_setup(20).prefix(sigma - 1);
  const VerifyResult v = verify(*run.machine, run.input, run.summary.output, run.summary.panicked,
                                proof, small.verifier());
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.reason.find("setup"), std::string::npos) << v.reason;
}

// The verifier's coefficient of each stage-7 claim (the committed chunks @ (r_a^7 ‖ r_c^6)) in
// the stage's final check, which is linear in them: d_i = γ^{3i}·(1 + γ·eq(r_bool, ρ)
// + γ²·eq(r_virt_i, ρ)) (hamming_weight_reduction.cpp), from a replay of verify() on `proof`.
std::vector<Fr> stage7_claim_coefficients(const GuestRun& run, const Proof& proof) {
  const ProtocolShape shape = proof.shape();
  const riscv::Machine& machine = *run.machine;
  Transcript t = testing::transcript_after_stage0(run, proof);
  OpeningAccumulator acc;
  EXPECT_TRUE(verify_stage1(shape, proof.stage(StageId::k1), t, acc).ok());
  const auto& layout = machine.layout();
  const Stage2VerifierInputs in{layout.lowest(),
                                [&](std::span<const Fr> r) { return io_mask_mle(layout, r); },
                                [&](std::span<const Fr> r) {
                                  return io_mle(layout, run.input, proof.output, proof.panicked, r);
                                }};
  EXPECT_TRUE(verify_stage2(shape, proof.stage(StageId::k2), in, t, acc).ok());
  EXPECT_TRUE(verify_stage3(shape, proof.stage(StageId::k3), t, acc).ok());
  const Fr init = initial_ram_mle(machine.program(), layout, run.input,
                                  *acc.points().find(PointName::kRamAddress2));
  EXPECT_TRUE(verify_stage4(shape, proof.stage(StageId::k4), init, t, acc).ok());
  EXPECT_TRUE(verify_stage5(shape, proof.stage(StageId::k5), t, acc).ok());
  const shout::BytecodeValues bytecode(machine.bytecode());
  Stage6aCarry carry;
  EXPECT_TRUE(verify_stage6a(shape, bytecode, proof.stage(StageId::k6a), t, acc, carry).ok());
  EXPECT_TRUE(verify_stage6b(shape, bytecode, carry, proof.stage(StageId::k6b), t, acc).ok());
  Transcript before7 = t;
  EXPECT_TRUE(verify_stage7(shape, proof.stage(StageId::k7), t, acc).ok());
  const Fr gamma = before7.challenge_scalars(1)[0];  // γ_hamming_weight, stage 7's only draw
  const Stage7Inputs s7 = stage7_inputs(shape, acc, gamma);
  const std::vector<Fr> rho = *acc.points().find(PointName::kAddress7);  // reversed challenges
  const Fr eq_bool = eq_eval(s7.r_bool, rho);
  std::vector<Fr> d;
  Fr power = Fr::one();
  for (const std::vector<Fr>& r_virt : s7.r_virt) {
    const Fr c1 = power * gamma, c2 = c1 * gamma;
    d.push_back(power + c1 * eq_bool + c2 * eq_eval(r_virt, rho));
    power = c2 * gamma;
  }
  return d;
}

// What the final opening adds: stage 7's final check is one linear equation in its chunk claims,
// so a prover that moves two of them along it (ra_0 + d_1, ra_1 − d_0) passes every sumcheck; only
// the opening, which binds the values to the committed polynomials, rejects it.
TEST(FullProof, CommittedClaimsMovedAlongStage7sCheckAreRejectedByTheOpening) {
  const GuestRun run = fibonacci();
  const Proof proof = prove_run(run, ProverOptions{}).proof;
  const ProtocolShape shape = proof.shape();
  ASSERT_EQ(new_output_claims(StageId::k7, shape), stage_spec(StageId::k7, shape).outputs);
  const std::vector<ClaimKey> opened = stage_spec(StageId::k8, shape).inputs();
  const std::set<ClaimKey> committed(opened.begin(), opened.end());
  const std::vector<ClaimKey> keys = new_output_claims(StageId::k7, shape);
  ASSERT_GE(keys.size(), 2u);
  ASSERT_TRUE(committed.contains(keys[0]) && committed.contains(keys[1]));
  const std::vector<Fr> d = stage7_claim_coefficients(run, proof);
  ASSERT_EQ(d.size(), keys.size());

  Proof moved = proof;
  moved.stage(StageId::k7).claims[0] += d[1];
  moved.stage(StageId::k7).claims[1] -= d[0];
  ASSERT_NE(moved.stage(StageId::k7).claims, proof.stage(StageId::k7).claims);
  const VerifyResult v = verify_run(run, moved);
  EXPECT_FALSE(v.ok);
  EXPECT_TRUE(starts_with(v.reason, "stage 8")) << v.reason;
  // Off the equation, stage 7's final check already rejects it.
  Proof off = moved;
  off.stage(StageId::k7).claims[1] += Fr::one();
  const VerifyResult w = verify_run(run, off);
  EXPECT_FALSE(w.ok);
  EXPECT_TRUE(starts_with(w.reason, "stage 7 sumcheck")) << w.reason;
}

// ---------------------------------------------------------------------------------------------
// 3. Corrupted witnesses: a record source that alters one cycle's record after the honest record
// is computed, proven through every stage (as prove() runs them) and checked by verify().

template <class Inner>
class CorruptedRecords {
 public:
  using Record = CycleRecord;
  CorruptedRecords(const Inner& inner, u64 target, std::function<void(CycleRecord&)> corrupt)
      : inner_(inner), target_(target), corrupt_(std::move(corrupt)) {}
  u64 padded_len() const { return inner_.padded_len(); }
  u64 align() const { return inner_.align(); }
  SourceStats stats() const { return inner_.stats(); }
  void visit(u64 begin, u64 end, std::size_t max_span, ChunkVisitor<CycleRecord> f) const {
    std::vector<CycleRecord> buffer;
    auto alter = [&](std::span<const CycleRecord> rows, const CycleRecord& next, u64 first) {
      buffer.assign(rows.begin(), rows.end());
      CycleRecord lookahead = next;
      if (target_ >= first && target_ < first + rows.size()) corrupt_(buffer[target_ - first]);
      if (target_ == first + rows.size()) corrupt_(lookahead);
      f(std::span<const CycleRecord>(buffer), lookahead, first);
    };
    inner_.visit(begin, end, max_span, ChunkVisitor<CycleRecord>(alter));
  }

 private:
  const Inner& inner_;
  u64 target_;
  std::function<void(CycleRecord&)> corrupt_;
};

// The whole proof over a record source, through the prover's own path (prove_records).
template <class S>
Proof prove_altered(const GuestRun& run, const S& records, bool streaming) {
  StageConfig config;
  config.streaming = streaming;
  return prove_records(*run.machine, run.input, run.summary, records, config,
                       shared_dory_setup(run_shape(*run.machine, run.summary)))
      .proof;
}

// The records of a run, by cycle (the lookahead of the last row is a padding row).
std::vector<CycleRecord> all_records(const GuestRun& run) {
  const RecordContext ctx = testing::record_context(run);
  std::vector<CycleRecord> out;
  const u64 n = run.source.num_rows();
  for (u64 j = 0; j < n; ++j)
    out.push_back(
        cycle_record(ctx, run.source.row(j), j + 1 < n ? run.source.row(j + 1) : riscv::Row{}));
  return out;
}

bool satisfies_r1cs(const R1csInputs& z) {
  for (const Constraint& c : constraints())
    if (row_a(c, z) != 0 && row_b(c, z) != 0) return false;
  return true;
}

i128& input(CycleRecord& r, Input i) { return r.z.values[index_of(i)]; }

struct Corruption {
  std::string what;
  // The cycle to corrupt: the first at or after the middle of the trace that `where` accepts.
  std::function<bool(const std::vector<CycleRecord>&, u64)> where;
  std::function<void(CycleRecord&)> corrupt;
  // The prefix of the rejection reason ("stage 4"), or "" if the verifier accepts it.
  std::string rejected_by;
};

u64 find_cycle(const std::vector<CycleRecord>& records, const Corruption& c) {
  for (u64 j = records.size() / 2; j + 1 < records.size(); ++j)
    if (c.where(records, j)) return j;
  for (u64 j = 1; j < records.size() / 2; ++j)
    if (c.where(records, j)) return j;
  ADD_FAILURE() << "no cycle for " << c.what;
  return 0;
}

bool plain(const CycleRecord& r, riscv::Kind kind) {
  return r.row.kind == kind && !r.row.in_sequence() && !r.next_is_noop;
}

// Whether register `reg` is read or written by any cycle after j.
bool touched_after(const std::vector<CycleRecord>& records, u64 j, u32 reg) {
  for (u64 k = j + 1; k < records.size(); ++k)
    if (records[k].rs1 == reg || records[k].rs2 == reg || records[k].rd == reg) return true;
  return false;
}

TEST(FullProof, CorruptedWitnessesAreRejected) {
  const GuestRun run = testing::run_random_program(404, 400);
  const std::vector<CycleRecord> records = all_records(run);
  const CycleSource honest(run.source, testing::record_context(run));
  ASSERT_TRUE(verify_run(run, prove_altered(run, honest, false)).ok);
  const OneHotParams one_hot = testing::record_context(run).one_hot;
  u32 word = kNoAccess;  // a RAM word the program accesses
  for (const CycleRecord& r : records)
    if (r.ram_word != kNoAccess && word == kNoAccess) word = r.ram_word;
  ASSERT_NE(word, kNoAccess);

  const std::vector<Corruption> corruptions = {
      // A register read that differs from the register file: the record says the ADD read x0
      // (always 0) and got a non-zero Rs1Value; every other value of the row is consistent with
      // that read. The registers read-write checking binds Rs1Value to Val at the read address.
      {"Rs1 read from the wrong register",
       [](const auto& rs, u64 j) {
         return plain(rs[j], riscv::Kind::Add) && rs[j].rs1 != kNoAccess && rs[j].rs1 != 0 &&
                rs[j].row.rs1_value != 0;
       },
       [](CycleRecord& r) { r.rs1 = 0; }, "stage 4"},
      {"Rs2 read from the wrong register",
       [](const auto& rs, u64 j) {
         return plain(rs[j], riscv::Kind::Add) && rs[j].rs2 != kNoAccess && rs[j].rs2 != 0 &&
                rs[j].row.rs2_value != 0;
       },
       [](CycleRecord& r) { r.rs2 = 0; }, "stage 4"},
      // A load returning a value never stored: RamReadValue (and, as the R1CS requires, the
      // written-back word and rd's value and increment) one more than memory holds.
      {"LW returns a value never stored",
       [](const auto& rs, u64 j) {
         return rs[j].row.kind == riscv::Kind::Lw && rs[j].ram_word != kNoAccess &&
                rs[j].rd != kNoAccess && !rs[j].next_is_noop;
       },
       [](CycleRecord& r) {
         input(r, Input::kRamReadValue) += 1;
         input(r, Input::kRamWriteValue) += 1;
         input(r, Input::kRdWriteValue) += 1;
         r.rd_inc += 1;
       },
       "stage 2"},
      // A wrong lookup output, consistent everywhere else: rd gets it (RdWriteValue, RdInc) and
      // rd is never touched again, so the register twist stays consistent; only the
      // instruction read-RAF (the lookup table) binds LookupOutput.
      {"ALU row with a wrong LookupOutput",
       [](const auto& rs, u64 j) {
         const CycleRecord& r = rs[j];
         return r.table != CycleRecord::kNoTable && !r.row.in_sequence() &&
                r.z.values[index_of(Input::kFlagWriteLookupOutputToRd)] == 1 && r.rd != kNoAccess &&
                r.rd != 0 && !touched_after(rs, j, r.rd);
       },
       [](CycleRecord& r) {
         input(r, Input::kLookupOutput) += 1;
         input(r, Input::kRdWriteValue) += 1;
         r.rd_inc += 1;
       },
       "stage 5"},
      // A circuit flag its bytecode row does not have, with the R1CS still satisfied: a store
      // (no lookup, no rd) flagged WriteLookupOutputToRd. The bytecode read-RAF binds it.
      {"SW flagged WriteLookupOutputToRd",
       [](const auto& rs, u64 j) {
         return rs[j].row.kind == riscv::Kind::Sw && !rs[j].row.in_sequence() &&
                !rs[j].next_is_noop;
       },
       [](CycleRecord& r) { input(r, Input::kFlagWriteLookupOutputToRd) = 1; }, "stage 6a"},
      // One-hot chunk indices changed (to another valid index).
      {"instruction chunk 0 changed",
       [](const auto& rs, u64 j) { return plain(rs[j], riscv::Kind::Add); },
       [](CycleRecord& r) { r.instruction_chunks[0] ^= 1; }, "stage 6b"},
      {"last bytecode chunk changed",
       [](const auto& rs, u64 j) { return plain(rs[j], riscv::Kind::Add); },
       [one_hot](CycleRecord& r) { r.bytecode_chunks[one_hot.bytecode_chunks - 1] ^= 1; },
       "stage 6b"},
      {"last RAM chunk changed",
       [](const auto& rs, u64 j) { return rs[j].row.kind == riscv::Kind::Sw; },
       [one_hot](CycleRecord& r) { r.ram_chunks[one_hot.ram_chunks - 1] ^= 1; }, "stage 6b"},
      // An ADD with a phantom RAM access to a word the program uses (address and chunks
      // consistent, no increment): the RAM read-write checking and RAF bind the access to
      // RamReadValue and RamAddress (both 0 on an ADD).
      {"ADD with a phantom RAM access",
       [](const auto& rs, u64 j) { return plain(rs[j], riscv::Kind::Add); },
       [word, one_hot](CycleRecord& r) {
         r.ram_word = word;
         for (unsigned i = 0; i < one_hot.ram_chunks; ++i) {
           const unsigned shift = one_hot.log_k_chunk * (one_hot.ram_chunks - 1 - i);
           r.ram_chunks[i] = (word >> shift) & ((1u << one_hot.log_k_chunk) - 1);
         }
       },
       "stage 2"},
      // Hot RAM chunks on a cycle without access: the sumcheck kernels read a record's RAM
      // chunks only when ram_word != kNoAccess, so stages 1–7 see the honest witness, but the
      // committed RAM chunk columns get a 1 where they must be all zero: the opening rejects.
      {"RAM chunks hot on a cycle without access",
       [](const auto& rs, u64 j) { return plain(rs[j], riscv::Kind::Add); },
       [one_hot](CycleRecord& r) {
         for (unsigned i = 0; i < one_hot.ram_chunks; ++i) r.ram_chunks[i] = 0;
       },
       "stage 8"},
  };

  // The prover is given records that violate the relations: it must reach the verifier.
  const ScopedSelfCheckOff cheating_prover;
  for (const Corruption& c : corruptions) {
    const u64 target = find_cycle(records, c);
    CycleRecord altered = records[target];
    c.corrupt(altered);
    // Stage 1 alone cannot see any of these: the R1CS still holds on the altered row.
    EXPECT_TRUE(satisfies_r1cs(altered.z)) << c.what;
    const CorruptedRecords bad(honest, target, c.corrupt);
    for (bool streaming : {false, true}) {
      const VerifyResult v = verify_run(run, prove_altered(run, bad, streaming));
      std::cout << "[ corruption ] " << c.what << " (cycle " << target << ", "
                << (streaming ? "streaming" : "linear") << "): " << (v.ok ? "accepted" : v.reason)
                << "\n";
      if (c.rejected_by.empty()) {
        EXPECT_TRUE(v.ok) << c.what << ": " << v.reason;
      } else {
        EXPECT_FALSE(v.ok) << c.what;
        EXPECT_TRUE(starts_with(v.reason, c.rejected_by))
            << c.what << " (streaming " << streaming << "): " << v.reason;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 4. A panicking guest: echo panics when its first input byte is 0xff.

TEST(FullProof, PanickingGuestProvesAndVerifiesWithThePanicFlag) {
  const GuestRun run = testing::run_guest("echo", 0xff);
  ASSERT_TRUE(run.summary.panicked);
  ASSERT_EQ(run.summary.output, run.input);  // echo writes its input back before panicking
  const ProveResult result = prove_run(run, ProverOptions{});
  EXPECT_TRUE(result.proof.panicked);
  const ProofDecoding decoded = deserialize(serialize(result.proof));
  ASSERT_TRUE(decoded.proof.has_value()) << decoded.error;
  EXPECT_TRUE(decoded.proof->panicked);
  const VerifyResult ok =
      verify_statement(*run.machine, run.input, run.summary.output, true, *decoded.proof);
  EXPECT_TRUE(ok.ok) << ok.reason;
  const VerifyResult not_panicked =
      verify_statement(*run.machine, run.input, run.summary.output, false, *decoded.proof);
  EXPECT_FALSE(not_panicked.ok);
  // The container's flag cleared: the statement it then states is false.
  Proof cleared = *decoded.proof;
  cleared.panicked = false;
  const ProofDecoding redecoded = deserialize(serialize(cleared));
  ASSERT_TRUE(redecoded.proof.has_value());
  EXPECT_FALSE(verify_statement(*run.machine, run.input, redecoded.proof->output,
                                redecoded.proof->panicked, *redecoded.proof)
                   .ok);
  // And the same guest without the panic proves panicked = false.
  const GuestRun calm = testing::run_guest("echo", 0x01);
  ASSERT_FALSE(calm.summary.panicked);
  const Proof calm_proof = prove_run(calm, ProverOptions{}).proof;
  EXPECT_TRUE(verify_run(calm, calm_proof).ok);
  EXPECT_FALSE(
      verify_statement(*calm.machine, calm.input, calm.summary.output, true, calm_proof).ok);
}

}  // namespace
}  // namespace rill::zkvm
