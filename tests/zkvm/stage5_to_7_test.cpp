// Stages 5 → 6a → 6b → 7 in sequence on real traces: stage 5's own output claims and points
// (r_a^5, r_c^5, the virtual ra chunks, the flags, RamRa, RdInc, RdWa at r_c^5) feed the one-hot
// stages, whose other inputs (stages 1–4) are seeded densely from the records at random points,
// as are stage 5's inputs. All four stages prove and verify in order (so stage 5's outputs are the
// claims and points the one-hot stages expect), give the same bytes in linear and streaming mode,
// and a tampered stage-5 virtual ra claim is rejected by stage 5.
#include <gtest/gtest.h>

#include <random>

#include "rill/zkvm/stages/stage5.hpp"
#include "rill/zkvm/stages/stage6.hpp"
#include "rill/zkvm/stages/stage7.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"
#include "test_support.hpp"
#include "twist_reference.hpp"

namespace rill::zkvm {
namespace {

using testing::GuestRun;
using PN = PointName;

Fr eq_at(std::span<const Fr> r, u64 x) {
  Fr e = Fr::one();
  for (std::size_t b = 0; b < r.size(); ++b)
    e *= ((x >> (r.size() - 1 - b)) & 1u) ? r[b] : Fr::one() - r[b];
  return e;
}

struct ChainSetup {
  GuestRun run;
  ProtocolShape shape;
  std::vector<CycleRecord> records;
  PointTable points;  // of stages 1–4
  std::vector<Claim> stage5_inputs;
};

// A per-cycle or (address ‖ cycle) claim of stages 1–5, densely from the records.
Fr dense_claim(const ChainSetup& s, const PointTable& points, const ClaimKey& key) {
  const std::vector<Fr> full = *points.resolve(key.point);
  const std::span<const Fr> cycle = std::span<const Fr>(full).last(s.shape.log_t);
  const std::span<const Fr> address = std::span<const Fr>(full).first(full.size() - s.shape.log_t);
  std::vector<Fr> column;
  for (const CycleRecord& r : s.records) {
    const auto eq_or_zero = [&](u64 x) { return x == kNoAccess ? Fr::zero() : eq_at(address, x); };
    switch (key.poly.family) {
      case PolyFamily::kRdWa:
        column.push_back(eq_or_zero(r.rd));
        break;
      case PolyFamily::kRs1Ra:
        column.push_back(eq_or_zero(r.rs1));
        break;
      case PolyFamily::kRs2Ra:
        column.push_back(eq_or_zero(r.rs2));
        break;
      case PolyFamily::kRamRa:
        column.push_back(eq_or_zero(r.ram_word));
        break;
      default:
        column.push_back(Fr::from_i128(record_value(key.poly, r)));
    }
  }
  return testing::dense_eval(cycle, column);
}

ChainSetup make_setup(const std::string& name) {
  ChainSetup s{
      name == "random" ? testing::run_random_program(707, 400) : testing::run_guest(name, 25),
      {},
      {},
      {},
      {}};
  s.shape = ProtocolShape::from_sizes(s.run.source.padded_len(), s.run.summary.k_ram,
                                      s.run.machine->bytecode().padded_size());
  const CycleSource records(s.run.source, testing::record_context(s.run));
  records.visit(
      0, records.padded_len(), 1 << 12,
      ChunkVisitor<CycleRecord>([&](std::span<const CycleRecord> rows, const CycleRecord&, u64) {
        s.records.insert(s.records.end(), rows.begin(), rows.end());
      }));
  std::mt19937_64 rng(31);
  for (PN name : {PN::kCycle1, PN::kCycle2, PN::kCycle3, PN::kCycle4})
    s.points.set(name, testing::random_point(rng, s.shape.log_t));
  s.points.set(PN::kRamAddress2, testing::random_point(rng, s.shape.log_k_ram));
  s.points.set(PN::kRegisterAddress4, testing::random_point(rng, kLogKRegisters));
  std::vector<riscv::Row> rows;
  for (u64 j = 0; j < s.run.source.padded_len(); ++j) rows.push_back(s.run.source.row(j));
  const testing::RegisterTwistReference regs(rows);
  for (const ClaimKey& k : stage_spec(StageId::k5, s.shape).inputs())
    s.stage5_inputs.push_back(
        {k, k.poly.family == PolyFamily::kRegistersVal
                ? regs.val(*s.points.find(PN::kRegisterAddress4), *s.points.find(PN::kCycle4))
                : dense_claim(s, s.points, k)});
  return s;
}

OpeningAccumulator seeded(const ChainSetup& s) {
  OpeningAccumulator acc;
  for (PN name : {PN::kCycle1, PN::kCycle2, PN::kCycle3, PN::kCycle4, PN::kRamAddress2,
                  PN::kRegisterAddress4})
    acc.points().set(name, *s.points.find(name));
  for (const Claim& c : s.stage5_inputs) acc.add(c.key, c.value);
  return acc;
}

// After stage 5: the inputs of 6a/6b that stages 1–4 would have left, densely at their points.
void top_up(const ChainSetup& s, OpeningAccumulator& acc) {
  for (const StageId id : {StageId::k6a, StageId::k6b})
    for (const ClaimKey& k : stage_spec(id, s.shape).inputs()) {
      if (k.poly.family == PolyFamily::kBytecodeReadRafAddrClaim ||
          k.poly.family == PolyFamily::kBooleanityAddrClaim || acc.find(k).ok())
        continue;
      acc.add(k, dense_claim(s, acc.points(), k));
    }
}

std::vector<StageProof> prove_all(const ChainSetup& s, bool streaming) {
  const CycleSource records(s.run.source, testing::record_context(s.run));
  const auto bytecode = make_bytecode_values(s.run.machine->bytecode());
  OpeningAccumulator acc = seeded(s);
  Transcript transcript("stages 5-7");
  StageConfig config;
  config.streaming = streaming;
  ProverContext<decltype(records)> ctx{records, s.shape, config, transcript, acc};
  std::vector<StageProof> proofs;
  proofs.push_back(prove_stage5(ctx).proof);
  top_up(s, acc);
  const Stage6aOutput a = prove_stage6a(ctx, *bytecode);
  proofs.push_back(a.out.proof);
  proofs.push_back(prove_stage6b(ctx, *bytecode, a.carry).proof);
  proofs.push_back(prove_stage7(ctx).proof);
  return proofs;
}

// The first stage that rejects (4: none).
int first_rejecting(const ChainSetup& s, const std::vector<StageProof>& proofs) {
  const auto bytecode = make_bytecode_values(s.run.machine->bytecode());
  OpeningAccumulator acc = seeded(s);
  Transcript transcript("stages 5-7");
  if (!verify_stage5(s.shape, proofs[0], transcript, acc).ok()) return 0;
  top_up(s, acc);
  Stage6aCarry carry;
  if (!verify_stage6a(s.shape, *bytecode, proofs[1], transcript, acc, carry).ok()) return 1;
  if (!verify_stage6b(s.shape, *bytecode, carry, proofs[2], transcript, acc).ok()) return 2;
  if (!verify_stage7(s.shape, proofs[3], transcript, acc).ok()) return 3;
  return 4;
}

class Stage5To7 : public ::testing::TestWithParam<std::string> {};

TEST_P(Stage5To7, ProveVerifyInSequenceAndAgreeAcrossModes) {
  const ChainSetup s = make_setup(GetParam());
  const std::vector<StageProof> linear = prove_all(s, false);
  EXPECT_EQ(first_rejecting(s, linear), 4);
  const std::vector<StageProof> streaming = prove_all(s, true);
  ASSERT_EQ(streaming.size(), linear.size());
  for (std::size_t i = 0; i < linear.size(); ++i)
    EXPECT_TRUE(streaming[i] == linear[i]) << "stage " << i;

  // A stage-5 proof with one virtual ra claim changed is rejected by stage 5.
  const StageSpec spec5 = stage_spec(StageId::k5, s.shape);
  std::size_t ra_index = 0;
  while (spec5.outputs.at(ra_index).poly.family != PolyFamily::kInstructionRaVirtual) ++ra_index;
  std::vector<StageProof> tampered = linear;
  tampered[0].claims.at(ra_index) += Fr::one();
  EXPECT_EQ(first_rejecting(s, tampered), 0);
}

INSTANTIATE_TEST_SUITE_P(Guests, Stage5To7, ::testing::Values("fibonacci", "random"));

}  // namespace
}  // namespace rill::zkvm
