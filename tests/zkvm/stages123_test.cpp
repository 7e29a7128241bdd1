// Stages 1–3 end to end on real traces through prove() and verify(): the proof verifies, every
// per-cycle claim of stages 2 and 3 equals a dense reference evaluation from the raw rows, the
// bytes are identical across modes, threads and chunk sizes, and the passes per stage are exactly
// the schedules' (both modes). Tampered stage-2/3 sections are rejected. Corrupted witnesses (a
// test-only record source that alters one cycle's record after it is computed) that stage 1
// cannot see are rejected by the stage that binds them.
#include <gtest/gtest.h>

#include <functional>

#include "reference_evaluator.hpp"
#include "rill/riscv/instruction.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/r1cs/checker.hpp"
#include "rill/zkvm/stages/record_values.hpp"
#include "rill/zkvm/witness/ram_mles.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;

using testing::prove_run;
using testing::verify_run;

// The per-cycle value of a claim's polynomial from the rows (no record code): R1CS inputs from
// the witness functions, flags from the kind, increments from the row.
Fr row_value(const riscv::Bytecode& bytecode, PolyId id, const riscv::Row& row,
             const riscv::Row& next) {
  switch (id.family) {
    case PolyFamily::kR1csInput:
      return Fr::from_i128(r1cs_inputs(bytecode, row, next).values[id.index]);
    case PolyFamily::kNextIsNoop:
      return next.kind == riscv::Kind::NoOp ? Fr::one() : Fr::zero();
    case PolyFamily::kRamInc:
      return Fr::from_i64(row.ram_op == riscv::RamOp::Write ? i64{row.ram_post} - i64{row.ram_pre}
                                                            : 0);
    case PolyFamily::kInstructionFlag: {
      const riscv::OperandSources s = riscv::operand_sources(row.kind);
      switch (static_cast<InstructionFlag>(id.index)) {
        case InstructionFlag::kLeftOperandIsPc:
          return Fr::from_u64(s.left == riscv::LeftOperand::Pc);
        case InstructionFlag::kRightOperandIsImm:
          return Fr::from_u64(s.right == riscv::RightOperand::Imm);
        case InstructionFlag::kLeftOperandIsRs1Value:
          return Fr::from_u64(s.left == riscv::LeftOperand::Rs1);
        case InstructionFlag::kRightOperandIsRs2Value:
          return Fr::from_u64(s.right == riscv::RightOperand::Rs2);
        case InstructionFlag::kBranch:
          return Fr::from_u64(riscv::is_branch(row.kind));
        case InstructionFlag::kIsNoop:
          return Fr::from_u64(row.kind == riscv::Kind::NoOp);
      }
      return Fr::zero();
    }
    default:
      ADD_FAILURE() << "unexpected family";
      return Fr::zero();
  }
}

// Replays the verifier of stages 1–3 into an accumulator (its claims and points).
OpeningAccumulator replay(const GuestRun& run, const Proof& proof) {
  Transcript transcript = testing::transcript_after_stage0(run, proof);
  OpeningAccumulator acc;
  EXPECT_TRUE(verify_stage1(proof.shape(), proof.stage(StageId::k1), transcript, acc).ok());
  const auto& layout = run.machine->layout();
  const Stage2VerifierInputs in{
      layout.lowest(), [&](std::span<const Fr> r) { return io_mask_mle(layout, r); },
      [&](std::span<const Fr> r) {
        return io_mle(layout, run.input, run.summary.output, run.summary.panicked, r);
      }};
  EXPECT_TRUE(verify_stage2(proof.shape(), proof.stage(StageId::k2), in, transcript, acc).ok());
  EXPECT_TRUE(verify_stage3(proof.shape(), proof.stage(StageId::k3), transcript, acc).ok());
  return acc;
}

struct Case {
  std::string name;
  GuestRun (*make)();
};

class Stages123OnTrace : public ::testing::TestWithParam<Case> {};

TEST_P(Stages123OnTrace, VerifiesMatchesTheReferenceAndIsIdentical) {
  const GuestRun run = GetParam().make();
  ASSERT_FALSE(check_constraints(run.source, run.machine->bytecode()).has_value());
  const ProveResult result = prove_run(run, ProverOptions{});
  ASSERT_EQ(result.proof.stages.size(), sumcheck_stages().size());  // stages 1–7 (8 sections)
  const std::size_t stages = result.stages.size();                  // and stage 0, stage 8
  ASSERT_EQ(stages, sumcheck_stages().size() + 2);
  const VerifyResult verdict = verify_run(run, result.proof);
  ASSERT_TRUE(verdict.ok) << verdict.reason;
  ASSERT_EQ(verdict.stage_digests.size(), stages);
  for (std::size_t s = 0; s < stages; ++s)
    EXPECT_EQ(verdict.stage_digests[s], result.stages[s].transcript_digest);

  // Every per-cycle claim at r_c^2 and r_c^3 against the rows.
  const OpeningAccumulator acc = replay(run, result.proof);
  const riscv::Bytecode& bc = run.machine->bytecode();
  unsigned checked = 0;
  for (const Claim& c : acc.claims()) {
    if (!is_per_cycle(c.key.poly.family)) continue;
    const ClaimPoint p = c.key.point;
    if (!(p == at(PointName::kCycle2) || p == at(PointName::kCycle3))) continue;
    const std::vector<Fr> point = *acc.points().resolve(p);
    const Fr expected = testing::reference_mle(
        run.source, point,
        [&](const riscv::Row& r, const riscv::Row& n) { return row_value(bc, c.key.poly, r, n); });
    EXPECT_EQ(c.value, expected) << claim_name(c.key);
    ++checked;
  }
  // Stage 2: RamInc, 6 product factors, 2 sidecars, 2 more lookup operands; stage 3: 13 distinct.
  EXPECT_EQ(checked, 11u + 13u);

  const unsigned log_k = log2_exact(run.summary.k_ram);
  const std::vector<u8> bytes = serialize(result.proof);
  for (ProvingMode mode : {ProvingMode::kLinear, ProvingMode::kStreaming})
    for (unsigned threads : {1u, 2u})
      for (u64 chunk : {u64{16}, u64{96}, u64{1024}}) {
        ProverOptions o;
        o.mode = mode;
        o.threads = threads;
        o.chunk_size = chunk;
        o.max_span = chunk == 96 ? 7 : 64;
        o.max_window = chunk == 1024 ? 2 : 10;
        // The switch too: at ⌊log T/2⌋ and two rounds before it, so that these small traces
        // still plan windows over several rounds (the default is four rounds before).
        if (chunk != 16) o.switch_early = chunk == 96 ? 0u : 2u;
        const ProveResult other = prove_run(run, o);
        EXPECT_EQ(serialize(other.proof), bytes)
            << to_string(mode) << ", " << threads << " threads, chunk " << chunk;
        ASSERT_EQ(other.stages.size(), stages);
        // Stage 2: one pass per RAM address round, then the passes of the batch plan of the
        // cycle rounds (RAM read-write's cycle phase, product virtualization and the
        // instruction claim reduction, all from global round log K_ram), and one sidecar pass
        // (r_c^2). Stage 3: the plan of shift, instruction input and registers, no sidecar.
        // Linear mode plans nothing: each cycle phase materializes in its first round.
        const StageReport& s2 = testing::stage_report(other, "stage 2");
        const StageReport& s3 = testing::stage_report(other, "stage 3");
        if (mode == ProvingMode::kStreaming) {
          EXPECT_EQ(s2.passes, log_k + s2.planned_passes + 1);
          EXPECT_EQ(s3.passes, s3.planned_passes);
          // At least the first round and the switch of the cycle phases.
          EXPECT_GE(s2.planned_passes, 2u);
          EXPECT_GE(s3.planned_passes, 2u);
        } else {
          EXPECT_EQ(s2.planned_passes, 0u);
          EXPECT_EQ(s2.passes, log_k + 2);
          EXPECT_EQ(s3.passes, 1u);
        }
      }
}

GuestRun fibonacci() { return testing::run_guest("fibonacci", 40); }
GuestRun muldiv() { return testing::run_guest("muldiv", 6); }
GuestRun sha2_chain() { return testing::run_guest("sha2_chain", 1); }
GuestRun random_a() { return testing::run_random_program(101, 400); }

INSTANTIATE_TEST_SUITE_P(Traces, Stages123OnTrace,
                         ::testing::Values(Case{"fibonacci", fibonacci}, Case{"muldiv", muldiv},
                                           Case{"sha2_chain", sha2_chain},
                                           Case{"random_a", random_a}),
                         [](const auto& info) { return info.param.name; });

TEST(Stages123, TamperedStage2And3SectionsAreRejected) {
  const GuestRun run = testing::run_guest("fibonacci", 20);
  const ProveResult result = prove_run(run, ProverOptions{});
  ASSERT_TRUE(verify_run(run, result.proof).ok);
  for (StageId id : {StageId::k2, StageId::k3}) {
    const std::string name(stage_name(id));
    for (std::size_t c = 0; c < result.proof.stage(id).claims.size(); ++c) {
      Proof wrong_claim = result.proof;
      wrong_claim.stage(id).claims[c] += Fr::one();
      const VerifyResult v = verify_run(run, wrong_claim);
      EXPECT_FALSE(v.ok) << name << " claim " << c;
    }
    const std::size_t rounds = result.proof.stage(id).sumcheck.round_polys.size();
    for (std::size_t g : {std::size_t{0}, rounds / 2, rounds - 1}) {
      Proof wrong_round = result.proof;
      wrong_round.stage(id).sumcheck.round_polys[g].mutable_coeffs()[0] += Fr::one();
      const VerifyResult v = verify_run(run, wrong_round);
      EXPECT_FALSE(v.ok) << name << " round " << g;
      EXPECT_NE(v.reason.find(name + " sumcheck"), std::string::npos) << v.reason;
    }
  }
  // A K_ram below the statement's range (the I/O block would not fit) is refused before any
  // stage runs, so the RAM evaluators never see it; so is one above it.
  for (u64 k : {u64{2}, u64{1} << 32}) {
    Proof wrong_k = result.proof;
    wrong_k.ram_k = k;
    EXPECT_EQ(verify_run(run, wrong_k).reason, "K_ram lies outside the range the statement allows");
  }
  // A wrong stage-1 claim that stages 2–3 read is caught by them (stage 1's own check is first).
  Proof wrong_input = result.proof;
  wrong_input.stage(StageId::k1).claims[index_of(Input::kNextPc)] += Fr::one();
  EXPECT_FALSE(verify_run(run, wrong_input).ok);
}

// A record source that alters one cycle's record after the honest record is computed: a witness
// the R1CS of stage 1 may accept but a later relation does not.
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

// Stages 1–3 over a record source (as prove() runs them), then their verifiers: the first
// failure, or "" when all three verify.
template <class S>
std::string prove_and_verify_123(const GuestRun& run, const S& records, bool streaming) {
  const ProtocolShape shape = ProtocolShape::from_sizes(run.summary.padded_len, run.summary.k_ram,
                                                        run.machine->bytecode().padded_size());
  const Statement statement =
      make_statement(*run.machine, run.input, run.summary.output, run.summary.panicked,
                     run.summary.padded_len, run.summary.k_ram);
  Transcript transcript = start_transcript(statement);
  OpeningAccumulator accumulator;
  StageConfig config;
  config.streaming = streaming;
  ProverContext<S> ctx{records, shape, config, transcript, accumulator};
  const auto& layout = run.machine->layout();
  const std::vector<u32> initial = riscv::initial_memory(run.machine->program(), layout, run.input);
  const std::vector<riscv::MemoryWord> io = riscv::io_words(
      layout, run.input, run.summary.output, run.summary.panicked, !run.summary.panicked);
  std::vector<StageProof> proofs;
  proofs.push_back(prove_stage1(ctx).proof);
  proofs.push_back(prove_stage2(ctx, {initial, layout.lowest(), layout.io_words(), io}).proof);
  proofs.push_back(prove_stage3(ctx).proof);

  Transcript vt = start_transcript(statement);
  OpeningAccumulator acc;
  StageVerification v = verify_stage1(shape, proofs[0], vt, acc);
  if (!v.ok()) return *v.failure;
  const Stage2VerifierInputs in{
      layout.lowest(), [&](std::span<const Fr> r) { return io_mask_mle(layout, r); },
      [&](std::span<const Fr> r) {
        return io_mle(layout, run.input, run.summary.output, run.summary.panicked, r);
      }};
  v = verify_stage2(shape, proofs[1], in, vt, acc);
  if (!v.ok()) return *v.failure;
  v = verify_stage3(shape, proofs[2], vt, acc);
  return v.ok() ? "" : *v.failure;
}

// The first cycle at or after the middle whose record satisfies `want`.
u64 find_cycle(const GuestRun& run, const std::function<bool(const CycleRecord&)>& want) {
  const riscv::Bytecode& bc = run.machine->bytecode();
  const RecordContext ctx = testing::record_context(run);
  for (u64 j = run.source.num_rows() / 2; j + 1 < run.source.num_rows(); ++j)
    if (want(cycle_record(ctx, run.source.row(j), run.source.row(j + 1)))) return j;
  (void)bc;
  ADD_FAILURE() << "no such cycle";
  return 0;
}

struct Corruption {
  std::string what;
  std::function<bool(const CycleRecord&)> where;
  std::function<void(CycleRecord&)> corrupt;
  std::string rejected_by;  // "" if stages 1–3 accept
};

TEST(Stages123, CorruptedWitnessesAreRejectedByTheStageThatBindsThem) {
  const GuestRun run = testing::run_random_program(303, 500);
  const CycleSource honest(run.source, testing::record_context(run));
  for (bool streaming : {false, true}) ASSERT_EQ(prove_and_verify_123(run, honest, streaming), "");
  const auto z = [](CycleRecord& r, Input i) -> i128& { return r.z.values[index_of(i)]; };
  const auto plain = [](const CycleRecord& r) {
    return r.row.kind == riscv::Kind::Add && !r.row.in_sequence() && !r.next_is_noop;
  };
  const std::vector<Corruption> corruptions = {
      // NextPC is unconstrained by the R1CS outside virtual sequences: the shift binds it.
      {"NextPC", plain, [&](CycleRecord& r) { z(r, Input::kNextPc) += 1; }, "stage 3 sumcheck"},
      // NextUnexpandedPC is bound by the R1CS (constraint 16) on a plain row.
      {"NextUnexpandedPC", plain, [&](CycleRecord& r) { z(r, Input::kNextUnexpandedPc) += 4; },
       "stage 1 sumcheck"},
      // Rs1Value is read by the R1CS only for loads and stores: on an ADD the instruction-input
      // virtualization binds it to LeftInstructionInput.
      {"Rs1Value", plain, [&](CycleRecord& r) { z(r, Input::kRs1Value) += 1; }, "stage 3 sumcheck"},
      // Product is read by the R1CS only under MultiplyOperands: the product virtualization
      // binds it.
      {"Product", plain, [&](CycleRecord& r) { z(r, Input::kProduct) += 1; }, "stage 2 sumcheck"},
      // NextIsNoop on a non-jump row is a factor of a zero term in stage 2; the shift binds it
      // to the next row's IsNoop.
      {"NextIsNoop", plain, [](CycleRecord& r) { r.next_is_noop = true; }, "stage 3 sumcheck"},
  };
  // The prover is given records that violate the relations: it must reach the verifier.
  const ScopedSelfCheckOff cheating_prover;
  for (const Corruption& c : corruptions) {
    const u64 target = find_cycle(run, c.where);
    const CorruptedRecords bad(honest, target, c.corrupt);
    for (bool streaming : {false, true}) {
      const std::string failure = prove_and_verify_123(run, bad, streaming);
      EXPECT_NE(failure.find(c.rejected_by), std::string::npos)
          << c.what << " (streaming " << streaming << "): " << failure;
    }
  }
}

}  // namespace
}  // namespace rill::zkvm
