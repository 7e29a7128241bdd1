// Stages 6a, 6b and 7 end to end on real traces, standalone: the accumulator is pre-seeded with
// the points of stages 1–5 (random) and every input claim evaluated densely from the trace's
// records (record_value, eq tables); the three stages are proven and verified in order, the
// proofs are byte-identical in linear and streaming mode, on 1 or 2 threads and three pass
// segmentations, the final claims at (r_a^7 ‖ r_c^6)
// equal the dense one-hot MLEs, and a tampered stage-6b claim is rejected.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <tuple>

#include "rill/util/parallel.hpp"

#include "rill/zkvm/shout/one_hot_checks.hpp"
#include "rill/zkvm/stages/stage6.hpp"
#include "rill/zkvm/stages/stage7.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using testing::dense_eval;
using testing::GuestRun;

Fr eq_at(std::span<const Fr> r, u64 x) {
  Fr e = Fr::one();
  for (std::size_t b = 0; b < r.size(); ++b)
    e *= ((x >> (r.size() - 1 - b)) & 1u) ? r[b] : Fr::one() - r[b];
  return e;
}

GuestRun make_run(const std::string& name) {
  if (name == "random") return testing::run_random_program(606, 400);
  return testing::run_guest(name, name == "fibonacci" ? 25 : 2);
}

struct StagesSetup {
  ProtocolShape shape;
  std::vector<CycleRecord> records;
  PointTable points;
  std::vector<Claim> claims;
};

// The dense value of an input claim of stages 6a/6b.
Fr dense_claim(const StagesSetup& s, const ClaimKey& key) {
  const unsigned log_t = s.shape.log_t;
  const std::vector<Fr> full = *s.points.resolve(key.point);
  const std::span<const Fr> cycle = std::span<const Fr>(full).last(log_t);
  const std::span<const Fr> address = std::span<const Fr>(full).first(full.size() - log_t);
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
      case PolyFamily::kInstructionRaVirtual: {
        const unsigned w = s.shape.ra_virtual_log_k_chunk, n = s.shape.instruction_virtual_chunks;
        column.push_back(eq_at(
            address, (r.lookup_index >> (w * (n - 1 - key.poly.index))) & ((u64{1} << w) - 1)));
        break;
      }
      default:
        column.push_back(Fr::from_i128(record_value(key.poly, r)));
    }
  }
  return dense_eval(cycle, column);
}

StagesSetup make_setup(const GuestRun& run) {
  StagesSetup s;
  s.shape = ProtocolShape::from_sizes(run.source.padded_len(), run.summary.k_ram,
                                      run.machine->bytecode().padded_size());
  const CycleSource records(run.source, testing::record_context(run));
  auto collect = [&](std::span<const CycleRecord> rows, const CycleRecord&, u64) {
    s.records.insert(s.records.end(), rows.begin(), rows.end());
  };
  records.visit(0, records.padded_len(), 1 << 12, ChunkVisitor<CycleRecord>(collect));
  std::mt19937_64 rng(77);
  const std::pair<PointName, unsigned> points[] = {
      {PointName::kCycle1, s.shape.log_t},
      {PointName::kCycle2, s.shape.log_t},
      {PointName::kCycle3, s.shape.log_t},
      {PointName::kCycle4, s.shape.log_t},
      {PointName::kCycle5, s.shape.log_t},
      {PointName::kRamAddress2, s.shape.log_k_ram},
      {PointName::kRegisterAddress4, kLogKRegisters},
      {PointName::kInstructionAddress5, kLogKInstruction}};
  for (const auto& [name, n] : points) s.points.set(name, testing::random_point(rng, n));
  std::set<ClaimKey> seen;
  for (const StageId id : {StageId::k6a, StageId::k6b})
    for (const ClaimKey& k : stage_spec(id, s.shape).inputs()) {
      if (k.poly.family == PolyFamily::kBytecodeReadRafAddrClaim ||
          k.poly.family == PolyFamily::kBooleanityAddrClaim || !seen.insert(k).second)
        continue;
      s.claims.push_back({k, dense_claim(s, k)});
    }
  return s;
}

OpeningAccumulator seeded(const StagesSetup& s) {
  OpeningAccumulator acc;
  const std::pair<PointName, unsigned> names[] = {
      {PointName::kCycle1, 0},           {PointName::kCycle2, 0},
      {PointName::kCycle3, 0},           {PointName::kCycle4, 0},
      {PointName::kCycle5, 0},           {PointName::kRamAddress2, 0},
      {PointName::kRegisterAddress4, 0}, {PointName::kInstructionAddress5, 0}};
  for (const auto& [name, unused] : names) acc.points().set(name, *s.points.find(name));
  for (const Claim& c : s.claims)
    EXPECT_EQ(acc.add(c.key, c.value), OpeningAccumulator::Added::kNew);
  return acc;
}

struct Proofs {
  std::vector<StageProof> stages;
  std::vector<Fr> final_claims;  // every chunk @ (r_a^7 ‖ r_c^6)
  std::vector<Fr> r_a7, r_c6;
};

Proofs prove_all(const GuestRun& run, const StagesSetup& s, bool streaming, std::size_t threads = 1,
                 u64 segment = 0) {
  const std::size_t threads_before = thread_count();
  set_thread_count(threads);
  const CycleSource records(run.source, testing::record_context(run));
  const auto bytecode = make_bytecode_values(run.machine->bytecode());
  OpeningAccumulator acc = seeded(s);
  Transcript transcript("one-hot stages");
  StageConfig config;
  config.streaming = streaming;
  config.pass.segment_records = segment;
  // A segment size also switches at ⌊log T/2⌋ (not four rounds earlier), so that the small
  // traces here still plan windows over several rounds.
  if (segment != 0) config.switch_early = 0;
  ProverContext<decltype(records)> ctx{records, s.shape, config, transcript, acc};
  Proofs p;
  const Stage6aOutput a = prove_stage6a(ctx, *bytecode);
  p.stages.push_back(a.out.proof);
  p.stages.push_back(prove_stage6b(ctx, *bytecode, a.carry).proof);
  p.stages.push_back(prove_stage7(ctx).proof);
  for (const ClaimKey& k : stage_spec(StageId::k7, s.shape).outputs)
    p.final_claims.push_back(*acc.find(k).value);
  p.r_a7 = *acc.points().find(PointName::kAddress7);
  p.r_c6 = *acc.points().find(PointName::kCycle6);
  set_thread_count(threads_before);
  return p;
}

// Verifies the three stages; `tamper` may change the 6b proof first.
bool verify_all(const GuestRun& run, const StagesSetup& s, Proofs p, bool tamper_6b) {
  const auto bytecode = make_bytecode_values(run.machine->bytecode());
  OpeningAccumulator acc = seeded(s);
  Transcript transcript("one-hot stages");
  if (tamper_6b) p.stages[1].claims.at(0) += Fr::one();
  Stage6aCarry carry;
  if (!verify_stage6a(s.shape, *bytecode, p.stages[0], transcript, acc, carry).ok()) return false;
  if (!verify_stage6b(s.shape, *bytecode, carry, p.stages[1], transcript, acc).ok()) return false;
  return verify_stage7(s.shape, p.stages[2], transcript, acc).ok();
}

class OneHotStageOrchestrators : public ::testing::TestWithParam<std::string> {};

TEST_P(OneHotStageOrchestrators, ProveVerifyAndAgreeAcrossModes) {
  const GuestRun run = make_run(GetParam());
  const StagesSetup s = make_setup(run);
  const Proofs linear = prove_all(run, s, false);
  for (const auto& [streaming, threads, segment] :
       {std::tuple{true, 1u, u64{0}}, std::tuple{true, 2u, u64{64}},
        std::tuple{false, 2u, u64{96}}}) {
    const Proofs other = prove_all(run, s, streaming, threads, segment);
    for (std::size_t i = 0; i < linear.stages.size(); ++i)
      EXPECT_TRUE(linear.stages[i] == other.stages[i]) << i << " " << streaming << " " << threads;
  }
  EXPECT_TRUE(verify_all(run, s, linear, false));
  EXPECT_FALSE(verify_all(run, s, linear, true));

  // Every committed chunk's final claim is its one-hot MLE at (r_a^7 ‖ r_c^6).
  const unsigned lk = s.shape.one_hot.log_k_chunk;
  const std::vector<PolyId> chunks = committed_one_hot_chunks(s.shape.one_hot);
  ASSERT_EQ(linear.final_claims.size(), chunks.size());
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    std::vector<std::optional<u32>> idx;
    for (const CycleRecord& r : s.records) {
      const u32 mask = (u32{1} << lk) - 1;
      switch (chunks[i].family) {
        case PolyFamily::kInstructionRaChunk:
          idx.push_back(
              static_cast<u32>((r.lookup_index >>
                                (lk * (s.shape.one_hot.instruction_chunks - 1 - chunks[i].index))) &
                               mask));
          break;
        case PolyFamily::kBytecodeRaChunk:
          idx.push_back((r.row.bytecode_index >>
                         (lk * (s.shape.one_hot.bytecode_chunks - 1 - chunks[i].index))) &
                        mask);
          break;
        default:
          if (r.ram_word == kNoAccess)
            idx.push_back(std::nullopt);
          else
            idx.push_back(
                (r.ram_word >> (lk * (s.shape.one_hot.ram_chunks - 1 - chunks[i].index))) & mask);
      }
    }
    EXPECT_EQ(linear.final_claims[i], shout::one_hot_ra_mle(lk, idx, linear.r_a7, linear.r_c6))
        << poly_name(chunks[i]);
  }
}

INSTANTIATE_TEST_SUITE_P(Guests, OneHotStageOrchestrators,
                         ::testing::Values("fibonacci", "random"));

}  // namespace
}  // namespace rill::zkvm
