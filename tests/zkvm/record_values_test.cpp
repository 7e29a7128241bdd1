// The per-row record and the sidecar pass: every per-cycle polynomial of the registry evaluated
// at a random point by the sidecar pass equals a dense evaluation from the raw trace rows, with
// the expected per-row values written from the reference (jolt-protocol.md §1.2–§1.4, §4.3),
// not from record_value.
#include <gtest/gtest.h>

#include "reference_evaluator.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"
#include "rill/zkvm/stages/record_values.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

using riscv::Kind;

TEST(InstructionFlags, MatchTheReferenceTable) {
  // Reference §4.3: (kind) → LeftIsPC, RightIsImm, LeftIsRs1, RightIsRs2, Branch, IsNoop.
  struct Expect {
    Kind kind;
    std::array<bool, 6> flags;
  };
  const Expect table[] = {
      {Kind::Add, {false, false, true, true, false, false}},
      {Kind::Addi, {false, true, true, false, false, false}},
      {Kind::Lui, {false, true, false, false, false, false}},
      {Kind::Auipc, {true, true, false, false, false, false}},
      {Kind::Jal, {true, true, false, false, false, false}},
      {Kind::Jalr, {false, true, true, false, false, false}},
      {Kind::Beq, {false, false, true, true, true, false}},
      {Kind::Bgeu, {false, false, true, true, true, false}},
      {Kind::Lw, {false, false, false, false, false, false}},
      {Kind::Sw, {false, false, false, false, false, false}},
      {Kind::NoOp, {false, false, false, false, false, true}},
  };
  for (const Expect& e : table)
    for (unsigned f = 0; f < kNumInstructionFlags; ++f)
      EXPECT_EQ(instruction_flag(static_cast<InstructionFlag>(f), e.kind), e.flags[f])
          << static_cast<int>(e.kind) << " flag " << f;
}

// The expected value of a per-cycle polynomial on (row, next), from the rows.
i128 expected_value(PolyId id, const riscv::Bytecode& bytecode, const riscv::Row& row,
                    const riscv::Row& next) {
  switch (id.family) {
    case PolyFamily::kR1csInput:
      return r1cs_inputs(bytecode, row, next).values[id.index];
    case PolyFamily::kLookupTableFlag: {
      const auto table = lookups::instruction_lookup(row.kind).table;
      return table && static_cast<unsigned>(*table) == id.index ? 1 : 0;
    }
    case PolyFamily::kNextIsNoop:
      return next.kind == Kind::NoOp ? 1 : 0;
    case PolyFamily::kInstructionRafFlag:
      return lookups::instruction_lookup(row.kind).combination ==
                     lookups::OperandCombination::kInterleave
                 ? 0
                 : 1;
    case PolyFamily::kRamHammingWeight:
      return row.ram_op == riscv::RamOp::None ? 0 : 1;
    case PolyFamily::kRdInc:
      return i128{row.rd_post} - i128{row.rd_pre};
    case PolyFamily::kRamInc:
      return row.ram_op == riscv::RamOp::Write ? i128{row.ram_post} - i128{row.ram_pre} : 0;
    default:
      return 0;
  }
}

TEST(SidecarPass, EveryPerCyclePolynomialMatchesADenseEvaluation) {
  for (const testing::GuestRun& run :
       {testing::run_guest("muldiv", 5), testing::run_random_program(303, 500)}) {
    const CycleSource records(run.source, testing::record_context(run));
    const unsigned log_t = log2_exact(run.source.padded_len());
    Transcript t("sidecar-test");
    const std::vector<Fr> point = t.challenge_scalars(log_t);
    std::vector<PolyId> polys;
    for (const PolyId id : all_polys(FamilySizes{16, 1, 1, 8}))
      if (is_per_cycle(id.family) && id.family != PolyFamily::kInstructionFlag) polys.push_back(id);
    ASSERT_EQ(polys.size(), 34u + 26 + 3 + 2);
    for (u64 segment : {u64{0}, u64{64}}) {
      PassOptions options;
      options.segment_records = segment;
      options.max_span = 17;
      const std::vector<Fr> values = evaluate_at_point(records, polys, point, options);
      for (std::size_t k = 0; k < polys.size(); ++k) {
        const Fr expected = testing::reference_mle(
            run.source, point, [&](const riscv::Row& row, const riscv::Row& next) {
              return Fr::from_i128(expected_value(polys[k], run.machine->bytecode(), row, next));
            });
        EXPECT_EQ(values[k], expected) << poly_name(polys[k]);
      }
    }
  }
}

TEST(CycleRecord, NoAccessIsOneEncoding) {
  const testing::GuestRun run = testing::run_guest("fibonacci", 5);
  const RecordContext ctx = testing::record_context(run);
  for (u64 j = 0; j < run.source.num_rows(); ++j) {
    const CycleRecord r = cycle_record(ctx, run.source.row(j), run.source.row(j + 1));
    if (r.row.ram_op == riscv::RamOp::None) {
      EXPECT_EQ(r.ram_word, kNoAccess);
      for (unsigned i = 0; i < ctx.one_hot.ram_chunks; ++i) EXPECT_EQ(r.ram_chunks[i], kNoAccess);
    } else {
      EXPECT_LT(r.ram_word, run.summary.k_ram);
    }
    EXPECT_EQ(r.rd == kNoAccess, r.row.rd == riscv::kNoRegister);
  }
}

}  // namespace
}  // namespace rill::zkvm
