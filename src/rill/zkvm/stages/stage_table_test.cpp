// The claim registry, the accumulator with named points, the stage table and the one stage
// codec. Expected values are written out from the reference (jolt-protocol.md §1.3–§1.4, §3),
// not derived from the table under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "rill/zkvm/stages/stage_proof.hpp"
#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {
namespace {

// log T = 10, K_ram = 2^13, K_bc = 2^9.
ProtocolShape small_shape() { return ProtocolShape::from_sizes(1 << 10, 1 << 13, 1 << 9); }

TEST(ClaimRegistry, EveryReferencePolynomialHasAnIdAndNamesRoundTrip) {
  // Reference §1.3 (committed) and §1.4 (virtual), RV32IM names (IsCompressed dropped).
  const char* names[] = {"RdInc",
                         "RamInc",
                         "InstructionRa(0)",
                         "InstructionRa(15)",
                         "BytecodeRa(0)",
                         "RamRaChunk(0)",
                         "PC",
                         "UnexpandedPC",
                         "NextPC",
                         "NextUnexpandedPC",
                         "NextIsNoop",
                         "NextIsVirtual",
                         "NextIsFirstInSequence",
                         "LeftLookupOperand",
                         "RightLookupOperand",
                         "LeftInstructionInput",
                         "RightInstructionInput",
                         "Product",
                         "ShouldJump",
                         "ShouldBranch",
                         "Imm",
                         "Rs1Value",
                         "Rs2Value",
                         "RdWriteValue",
                         "LookupOutput",
                         "RamAddress",
                         "RamReadValue",
                         "RamWriteValue",
                         "OpFlags(Load)",
                         "OpFlags(IsLastInSequence)",
                         "InstructionFlags(LeftOperandIsPC)",
                         "InstructionFlags(IsNoop)",
                         "InstructionFlags(Branch)",
                         "LookupTableFlag(And)",
                         "LookupTableFlag(ChangeDivisor)",
                         "InstructionRafFlag",
                         "RamHammingWeight",
                         "Rs1Ra",
                         "Rs2Ra",
                         "RdWa",
                         "RegistersVal",
                         "RamRa",
                         "RamVal",
                         "RamValFinal",
                         "InstructionRaVirtual(7)"};
  for (const char* name : names) {
    const auto id = parse_poly_name(name);
    ASSERT_TRUE(id.has_value()) << name;
    EXPECT_EQ(poly_name(*id), name);
  }
  EXPECT_FALSE(parse_poly_name("IsCompressed").has_value());
  EXPECT_FALSE(parse_poly_name("RamRa(").has_value());

  const FamilySizes sizes = small_shape().family_sizes();
  std::set<std::string> seen;
  for (const PolyId id : all_polys(sizes)) {
    const std::string name = poly_name(id);
    EXPECT_TRUE(seen.insert(name).second) << "two polynomials named " << name;
    EXPECT_EQ(parse_poly_name(name), id) << name;
  }
  // 34 inputs + 6 + 26 flags + 3 singles + 7 two-dimensional/address + n_virtual (8) + 2
  // intermediate + RdInc, RamInc + d_I (16) + d_B (3) + d_R (4).
  EXPECT_EQ(all_polys(sizes).size(), 34u + 6 + 26 + 3 + 7 + 8 + 2 + 2 + 16 + 3 + 4);
  EXPECT_TRUE(is_committed(PolyFamily::kRdInc));
  EXPECT_TRUE(is_committed(PolyFamily::kRamRaChunk));
  EXPECT_FALSE(is_committed(PolyFamily::kRamRa));
  EXPECT_FALSE(is_committed(PolyFamily::kR1csInput));
}

TEST(ClaimRegistry, PointChunksPadTheHighEndWithZeros) {
  const std::vector<Fr> r = {Fr::from_u64(1), Fr::from_u64(2), Fr::from_u64(3), Fr::from_u64(4),
                             Fr::from_u64(5)};
  // 5 coordinates in chunks of 4: (0, 0, 0, 1) and (2, 3, 4, 5).
  EXPECT_EQ(point_chunk(r, 4, 0),
            (std::vector<Fr>{Fr::zero(), Fr::zero(), Fr::zero(), Fr::from_u64(1)}));
  EXPECT_EQ(point_chunk(r, 4, 1),
            (std::vector<Fr>{Fr::from_u64(2), Fr::from_u64(3), Fr::from_u64(4), Fr::from_u64(5)}));
  PointTable points;
  points.set(PointName::kRamAddress2, r);
  points.set(PointName::kCycle6, {Fr::from_u64(9)});
  const auto full = points.resolve(at_chunk(PointName::kRamAddress2, 4, 1, PointName::kCycle6));
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(*full, (std::vector<Fr>{Fr::from_u64(2), Fr::from_u64(3), Fr::from_u64(4),
                                    Fr::from_u64(5), Fr::from_u64(9)}));
  EXPECT_FALSE(points.resolve(at(PointName::kCycle1)).has_value());
  EXPECT_EQ(claim_point_name(at_chunk(PointName::kRamAddress2, 4, 1, PointName::kCycle6)),
            "(chunk_1(r_a^2) ‖ r_c^6)");
}

TEST(OpeningAccumulator, DeduplicatesRejectsConflictsAndNamesMissingClaims) {
  OpeningAccumulator acc;
  const ClaimKey pc{poly(Input::kPc), at(PointName::kCycle1)};
  // Asking at a point nobody produced is an error that says so, not a silent miss.
  const ClaimLookup early = acc.find(pc);
  EXPECT_FALSE(early.ok());
  EXPECT_NE(early.error.find("r_c^1 has not been produced"), std::string::npos) << early.error;

  acc.points().set(PointName::kCycle1, {Fr::from_u64(3), Fr::from_u64(5)});
  EXPECT_EQ(acc.find(pc).error, "no claim on PC @ (r_c^1)");
  EXPECT_EQ(acc.add(pc, Fr::from_u64(7)), OpeningAccumulator::Added::kNew);
  EXPECT_EQ(acc.add(pc, Fr::from_u64(7)), OpeningAccumulator::Added::kDuplicate);
  EXPECT_EQ(acc.add(pc, Fr::from_u64(8)), OpeningAccumulator::Added::kConflict);
  EXPECT_EQ(acc.find(pc).value, Fr::from_u64(7));
  const ClaimKey inc{poly(PolyFamily::kRdInc), at(PointName::kCycle1)};
  EXPECT_EQ(acc.add(inc, Fr::from_u64(8)), OpeningAccumulator::Added::kNew);
  EXPECT_EQ(acc.size(), 2u);
  ASSERT_EQ(acc.committed_claims().size(), 1u);
  EXPECT_EQ(acc.committed_claims()[0].key, inc);

  // Only new claims reach the transcript.
  Transcript a("acc"), b("acc");
  OpeningAccumulator fresh;
  fresh.points().set(PointName::kCycle1, {Fr::from_u64(3)});
  fresh.add_and_absorb(pc, Fr::from_u64(7), a);
  fresh.add_and_absorb(pc, Fr::from_u64(7), a);
  b.append_scalar(kOpeningClaimLabel, Fr::from_u64(7));
  EXPECT_EQ(a.state(), b.state());
  EXPECT_FALSE(fresh.add_and_absorb(pc, Fr::from_u64(1), a));
}

TEST(StageTable, RoundsDegreesAndOffsetsFollowTheAddressFirstLayout) {
  const ProtocolShape s = small_shape();
  EXPECT_EQ(s.one_hot.log_k_chunk, 4u);
  EXPECT_EQ(s.one_hot.instruction_chunks, 16u);
  EXPECT_EQ(s.one_hot.bytecode_chunks, 3u);  // ⌈9/4⌉
  EXPECT_EQ(s.one_hot.ram_chunks, 4u);       // ⌈13/4⌉
  EXPECT_EQ(s.instruction_virtual_chunks, 8u);

  const StageSpec s1 = stage_spec(StageId::k1, s);
  EXPECT_EQ(s1.round_degrees(), std::vector<unsigned>(15, 3));  // log T + 5 rounds of degree 3

  const StageSpec s2 = stage_spec(StageId::k2, s);
  EXPECT_EQ(s2.total_rounds(), 13u + 10u);
  EXPECT_EQ(s2.round_degrees(), std::vector<unsigned>(23, 3));
  EXPECT_EQ(s2.instances[1].offset, 13u);  // product virtualization after the address rounds
  EXPECT_EQ(s2.instances[3].offset, 0u);   // RAF shares the RW address rounds

  // Stage 4: six register-address rounds of degree 2, then log T rounds of degree 3.
  std::vector<unsigned> d4(6, 2);
  d4.insert(d4.end(), 10, 3);
  EXPECT_EQ(stage_spec(StageId::k4, s).round_degrees(), d4);

  // Stage 5: 64 address rounds of degree 2, then log T cycle rounds of degree n_virtual + 2.
  std::vector<unsigned> d5(64, 2);
  d5.insert(d5.end(), 10, 10);
  EXPECT_EQ(stage_spec(StageId::k5, s).round_degrees(), d5);

  // Stage 6a: max(log K_bc, log_k_chunk) = 9 rounds; booleanity (degree 3) in the last 4.
  std::vector<unsigned> d6a(5, 2);
  d6a.insert(d6a.end(), 4, 3);
  EXPECT_EQ(stage_spec(StageId::k6a, s).round_degrees(), d6a);

  // Stage 6b: log T rounds at max(d_B + 1, 3, d_R + 1, M + 1, 2) = 5.
  EXPECT_EQ(stage_spec(StageId::k6b, s).round_degrees(), std::vector<unsigned>(10, 5));
  EXPECT_EQ(stage_spec(StageId::k7, s).round_degrees(), std::vector<unsigned>(4, 2));
}

TEST(StageTable, PointsAreTheDocumentedChallengeRanges) {
  const ProtocolShape s = small_shape();
  // Stage 2: challenges 0..22; r_a^2 = reverse(0..12), r_c^2 = reverse(13..22).
  std::vector<Fr> ch;
  for (unsigned i = 0; i < 23; ++i) ch.push_back(Fr::from_u64(100 + i));
  PointTable points;
  set_stage_points(stage_spec(StageId::k2, s), ch, points);
  ASSERT_NE(points.find(PointName::kRamAddress2), nullptr);
  EXPECT_EQ(points.find(PointName::kRamAddress2)->front(), Fr::from_u64(112));
  EXPECT_EQ(points.find(PointName::kRamAddress2)->back(), Fr::from_u64(100));
  EXPECT_EQ(points.find(PointName::kCycle2)->front(), Fr::from_u64(122));
  EXPECT_EQ(points.find(PointName::kCycle2)->size(), 10u);
  // Stage 5 binds its address variables MSB first: r_a^5 is in round order.
  ch.clear();
  for (unsigned i = 0; i < 74; ++i) ch.push_back(Fr::from_u64(i));
  set_stage_points(stage_spec(StageId::k5, s), ch, points);
  EXPECT_EQ(points.find(PointName::kInstructionAddress5)->front(), Fr::from_u64(0));
  EXPECT_EQ(points.find(PointName::kCycle5)->front(), Fr::from_u64(73));
}

// Every claim a landed stage emits is read by a landed stage, or is on pending_consumers naming
// a stage that reads it and has not landed. And the whole table is closed: every input of every
// stage is an output of an earlier stage, and every output is read by a later one, so the
// pending list empties when the whole proof lands.
TEST(StageTable, ClaimWalk) {
  for (const ProtocolShape s :
       {small_shape(), ProtocolShape::from_sizes(u64{1} << 26, 1 << 20, 1 << 14)}) {
    std::set<StageId> landed;
    for (const StageId id : landed_stages()) landed.insert(id);
    std::map<ClaimKey, std::set<StageId>> readers;
    std::set<ClaimKey> produced;
    for (const StageId id : all_stages()) {
      const StageSpec spec = stage_spec(id, s);
      for (const ClaimKey& k : spec.inputs()) {
        EXPECT_TRUE(produced.contains(k))
            << stage_name(id) << " reads " << claim_name(k) << ", which no earlier stage emits";
        readers[k].insert(id);
      }
      for (const ClaimKey& k : spec.outputs) produced.insert(k);
    }
    for (const StageId id : all_stages()) {
      for (const ClaimKey& k : stage_spec(id, s).outputs) {
        bool later = false;
        for (const StageId r : readers[k]) later |= r > id;
        EXPECT_TRUE(later) << claim_name(k) << " from " << stage_name(id) << " is never read";
      }
    }
    std::map<ClaimKey, StageId> pending;
    for (const PendingConsumer& p : pending_consumers(s)) {
      EXPECT_TRUE(readers[p.claim].contains(p.reader))
          << stage_name(p.reader) << " does not read pending " << claim_name(p.claim);
      EXPECT_FALSE(landed.contains(p.reader)) << "stale pending entry " << claim_name(p.claim);
      pending[p.claim] = p.reader;
    }
    for (const StageId id : landed) {
      for (const ClaimKey& k : stage_spec(id, s).outputs) {
        bool read = false;
        for (const StageId r : readers[k]) read |= landed.contains(r) && r > id;
        EXPECT_TRUE(read || pending.contains(k))
            << claim_name(k) << " from " << stage_name(id) << " is unread and not pending";
      }
    }
  }
}

// Every stage has landed, so nothing is pending: each committed claim stages 6b and 7 emit (RdInc
// and RamInc at r_c^6, one claim per committed one-hot chunk at (r_a^7 ‖ r_c^6)) is read by the
// final opening, and the proof has a sumcheck section for every stage but 8.
TEST(StageTable, EveryStageHasLanded) {
  EXPECT_EQ(landed_stages(), all_stages());
  EXPECT_EQ(sumcheck_stages(),
            (std::vector<StageId>{StageId::k1, StageId::k2, StageId::k3, StageId::k4, StageId::k5,
                                  StageId::k6a, StageId::k6b, StageId::k7}));
  const ProtocolShape s = small_shape();
  EXPECT_TRUE(pending_consumers(s).empty());
  const unsigned chunks =
      s.one_hot.instruction_chunks + s.one_hot.bytecode_chunks + s.one_hot.ram_chunks;
  const std::vector<ClaimKey> opened = stage_spec(StageId::k8, s).inputs();
  EXPECT_EQ(opened.size(), 2u + chunks);
  for (const ClaimKey& k : opened) EXPECT_TRUE(is_committed(k.poly.family)) << claim_name(k);
}

TEST(StageTable, NewClaimsSkipRepeatsOfEarlierClaims) {
  const ProtocolShape s = small_shape();
  EXPECT_EQ(new_output_claims(StageId::k1, s).size(), kNumInputs);
  // Stage 2 lists 18 claims; LookupOutput and the two instruction inputs at r_c^2 repeat.
  EXPECT_EQ(stage_spec(StageId::k2, s).outputs.size(), 18u);
  EXPECT_EQ(new_output_claims(StageId::k2, s).size(), 15u);
  // Stage 3: UnexpandedPC, Rs1Value, Rs2Value at r_c^3 repeat.
  EXPECT_EQ(new_output_claims(StageId::k3, s).size(), 16u - 3u);
}

TEST(StageCodec, PerRoundDegreesAndCountsComeFromTheTable) {
  const ProtocolShape s = small_shape();
  StageProof proof;
  proof.id = StageId::k4;
  for (const unsigned d : stage_spec(StageId::k4, s).round_degrees()) {
    std::vector<Fr> coeffs;
    for (unsigned k = 0; k < d; ++k) coeffs.push_back(Fr::from_u64(d * 10 + k));
    proof.sumcheck.round_polys.emplace_back(std::move(coeffs));
  }
  for (std::size_t i = 0; i < new_output_claims(StageId::k4, s).size(); ++i)
    proof.claims.push_back(Fr::from_u64(i + 1));
  ByteWriter w;
  write_stage_proof(w, proof, s);
  const std::vector<u8> bytes = w.take();
  // tag + (6·2 + 10·3) coefficients + 7 claims.
  EXPECT_EQ(bytes.size(), 1u + 32 * (6 * 2 + 10 * 3 + 7));
  EXPECT_EQ(stage_proof_bytes(StageId::k4, s), bytes.size());
  ByteReader r(bytes);
  EXPECT_EQ(read_stage_proof(r, StageId::k4, s), proof);
  EXPECT_TRUE(r.ok() && r.at_end());
  ByteReader wrong(bytes);
  read_stage_proof(wrong, StageId::k3, s);
  EXPECT_NE(wrong.error().find("expected the stage 3 section"), std::string::npos);
  ByteReader short_read(std::span<const u8>(bytes).first(bytes.size() - 1));
  read_stage_proof(short_read, StageId::k4, s);
  EXPECT_NE(short_read.error().find("truncated"), std::string::npos);
}

}  // namespace
}  // namespace rill::zkvm
