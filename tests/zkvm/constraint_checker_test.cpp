// The constraint checker on real traces: honest traces of the canonical guests and of random
// programs satisfy all 19 constraints; a corrupted row is named with its constraint.
#include <gtest/gtest.h>

#include "rill/zkvm/r1cs/checker.hpp"
#include "test_support.hpp"

namespace rill::zkvm {
namespace {

struct GuestCase {
  const char* name;
  u32 n;
};

class HonestGuest : public ::testing::TestWithParam<GuestCase> {};

TEST_P(HonestGuest, SatisfiesEveryConstraint) {
  const testing::GuestRun run = testing::run_guest(GetParam().name, GetParam().n);
  ASSERT_GT(run.summary.rows, 100u);
  const auto violation = check_constraints(run.source, run.machine->bytecode(), 256);
  EXPECT_FALSE(violation.has_value()) << violation->describe();
}

INSTANTIATE_TEST_SUITE_P(Guests, HonestGuest,
                         ::testing::Values(GuestCase{"fibonacci", 50}, GuestCase{"muldiv", 20},
                                           GuestCase{"sha2_chain", 2}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ConstraintChecker, RandomProgramsSatisfyEveryConstraint) {
  for (u64 seed = 1; seed <= 20; ++seed) {
    const testing::GuestRun run = testing::run_random_program(seed, 300);
    const auto violation = check_constraints(run.source, run.machine->bytecode(), 64);
    EXPECT_FALSE(violation.has_value()) << "seed " << seed << ": " << violation->describe();
  }
}

// The first row at or after `from` whose kind writes its lookup output to rd.
u64 find_alu_row(const testing::RowVectorSource& source, u64 from) {
  for (u64 i = from; i < source.num_rows(); ++i)
    if (riscv::writes_lookup_output_to_rd(source.row(i).kind)) return i;
  return source.num_rows();
}

TEST(ConstraintChecker, NamesTheCorruptedRowAndConstraint) {
  testing::GuestRun run = testing::run_guest("fibonacci", 30);
  const u64 target = find_alu_row(run.source, run.source.num_rows() / 2);
  ASSERT_LT(target, run.source.num_rows());
  riscv::Row corrupted = run.source.row(target);
  corrupted.rd_post += 1;  // a wrong RdWriteValue
  run.source.replace_row(target, corrupted);
  const auto violation = check_constraints(run.source, run.machine->bytecode(), 256);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->cycle, target);
  EXPECT_EQ(violation->label(), "RdWriteEqLookupIfWriteLookupToRd");
  EXPECT_NE(violation->describe().find("RdWriteEqLookupIfWriteLookupToRd"), std::string::npos);
}

TEST(ConstraintChecker, NamesABrokenControlFlow) {
  testing::GuestRun run = testing::run_guest("fibonacci", 30);
  const testing::RowVectorSource& rows = run.source;
  // Pretend a non-jump, non-branch row was followed by a row elsewhere in the program.
  u64 target = rows.num_rows();
  for (u64 i = 10; i + 1 < rows.num_rows(); ++i)
    if (rows.row(i).kind == riscv::Kind::Addi &&
        rows.row(i).sequence_remaining == riscv::kNotInSequence &&
        rows.row(i + 1).sequence_remaining == riscv::kNotInSequence) {
      target = i;
      break;
    }
  ASSERT_LT(target, rows.num_rows());
  riscv::Row moved = rows.row(target + 1);
  moved.address += 8;
  run.source.replace_row(target + 1, moved);
  const auto violation = check_constraints(run.source, run.machine->bytecode(), 256);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->cycle, target);
  EXPECT_EQ(violation->label(), "NextUnexpPCUpdateOtherwise");
}

}  // namespace
}  // namespace rill::zkvm
