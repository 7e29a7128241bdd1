// The witness functions on the worked examples of reference jolt-protocol.md §4.4 (expected
// values computed by hand from the ISA manual and the reference tables), plus the increments
// and the one-hot chunking of §1.3.
#include "rill/zkvm/witness/cycle_witness.hpp"

#include <gtest/gtest.h>

namespace rill::zkvm {
namespace {

using riscv::BytecodeRow;
using riscv::Kind;
using riscv::Row;

BytecodeRow code(Kind kind, i64 imm, u8 rd = 5, u8 rs1 = 6, u8 rs2 = 7) {
  BytecodeRow c;
  c.kind = kind;
  c.imm = imm;
  c.rd = rd;
  c.rs1 = rs1;
  c.rs2 = rs2;
  c.address = 0x80000100u;
  return c;
}

Row row_of(const BytecodeRow& c, u32 bytecode_index) {
  Row r;
  r.bytecode_index = bytecode_index;
  r.address = c.address;
  r.kind = c.kind;
  r.rs1 = c.rs1;
  r.rs2 = c.rs2;
  r.rd = c.rd;
  r.sequence_remaining = c.sequence_remaining;
  r.is_first_in_sequence = c.is_first_in_sequence;
  return r;
}

Row next_real_row() {
  Row n;
  n.kind = Kind::Add;
  n.bytecode_index = 9;
  n.address = 0x80000104u;
  return n;
}

TEST(CycleWitness, AddiMinusOne) {
  const BytecodeRow c = code(Kind::Addi, 0xFFFFFFFF);
  Row r = row_of(c, 3);
  r.rs1_value = 5;
  r.rd_pre = 17;
  r.rd_post = 4;
  const R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kLeftInstructionInput], 5);
  EXPECT_EQ(z[Input::kRightInstructionInput], 0xFFFFFFFFll);
  EXPECT_EQ(z[Input::kLeftLookupOperand], 0);
  EXPECT_EQ(z[Input::kRightLookupOperand], 0x100000004ll);
  EXPECT_EQ(z[Input::kLookupOutput], 4);
  EXPECT_EQ(z[Input::kRdWriteValue], 4);
  EXPECT_EQ(z[Input::kFlagAddOperands], 1);
  EXPECT_EQ(z[Input::kFlagWriteLookupOutputToRd], 1);
  EXPECT_EQ(z[Input::kFlagJump], 0);
  EXPECT_EQ(z[Input::kPc], 3);
  EXPECT_EQ(z[Input::kNextPc], 9);
  EXPECT_EQ(z[Input::kNextUnexpandedPc], 0x80000104ll);
  EXPECT_EQ(rd_inc(r), 4 - 17);
}

TEST(CycleWitness, BeqTakenIsInterleavedWithSignedImm) {
  const BytecodeRow c = code(Kind::Beq, -8);
  Row r = row_of(c, 3);
  r.rs1_value = 0x1234;
  r.rs2_value = 0x1234;
  const R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kLeftLookupOperand], 0x1234);
  EXPECT_EQ(z[Input::kRightLookupOperand], 0x1234);
  EXPECT_EQ(z[Input::kLookupOutput], 1);
  EXPECT_EQ(z[Input::kShouldBranch], 1);
  EXPECT_EQ(z[Input::kImm], -8);
  EXPECT_EQ(z[Input::kFlagAddOperands], 0);
  // 0x1234 interleaved with itself: every set bit j of x gives index bits 2j+1 and 2j.
  u64 expected = 0;
  for (unsigned j = 0; j < 32; ++j)
    if ((0x1234u >> j) & 1u) expected |= u64{3} << (2 * j);
  EXPECT_EQ(cycle_lookup(c, r).query.index, expected);
}

TEST(CycleWitness, LoadWord) {
  const BytecodeRow c = code(Kind::Lw, -4);
  Row r = row_of(c, 3);
  r.rs1_value = 0x80001008u;
  r.ram_op = riscv::RamOp::Read;
  r.ram_address = 0x80001004u;
  r.ram_pre = r.ram_post = 0xDEADBEEFu;
  r.rd_post = 0xDEADBEEFu;
  const R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kLeftInstructionInput], 0);
  EXPECT_EQ(z[Input::kRightInstructionInput], 0);
  EXPECT_EQ(z[Input::kLookupOutput], 0);
  EXPECT_EQ(z[Input::kFlagLoad], 1);
  EXPECT_EQ(z[Input::kRamAddress], 0x80001004ll);
  EXPECT_EQ(z[Input::kRamReadValue], 0xDEADBEEFll);
  EXPECT_EQ(z[Input::kRamWriteValue], 0xDEADBEEFll);
  EXPECT_EQ(z[Input::kImm], -4);
  EXPECT_EQ(ram_inc(r), 0);
}

TEST(CycleWitness, StoreWord) {
  const BytecodeRow c = code(Kind::Sw, 8);
  Row r = row_of(c, 3);
  r.rs1_value = 0x80001000u;
  r.rs2_value = 7;
  r.ram_op = riscv::RamOp::Write;
  r.ram_address = 0x80001008u;
  r.ram_pre = 10;
  r.ram_post = 7;
  const R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kFlagStore], 1);
  EXPECT_EQ(z[Input::kRamReadValue], 10);
  EXPECT_EQ(z[Input::kRamWriteValue], 7);
  EXPECT_EQ(ram_inc(r), -3);
}

TEST(CycleWitness, JalJumpsUnlessNextIsNoop) {
  const BytecodeRow c = code(Kind::Jal, 0xFFFFFFF0);  // −16 as an unsigned word
  Row r = row_of(c, 3);
  r.rd_post = 0x80000104u;
  R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kLeftInstructionInput], 0x80000100ll);
  EXPECT_EQ(z[Input::kRightLookupOperand], 0x80000100ll + 0xFFFFFFF0ll);
  EXPECT_EQ(z[Input::kLookupOutput], 0x800000F0ll);
  EXPECT_EQ(z[Input::kFlagJump], 1);
  EXPECT_EQ(z[Input::kShouldJump], 1);
  z = r1cs_inputs(c, r, Row{});
  EXPECT_EQ(z[Input::kShouldJump], 0);
}

TEST(CycleWitness, MulhuAndSub) {
  const BytecodeRow c = code(Kind::Mulhu, 0);
  Row r = row_of(c, 3);
  r.rs1_value = 0xFFFFFFFFu;
  r.rs2_value = 0xFFFFFFFFu;
  R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kProduct], static_cast<i128>(0xFFFFFFFE00000001ull));
  EXPECT_EQ(z[Input::kRightLookupOperand], static_cast<i128>(0xFFFFFFFE00000001ull));
  EXPECT_EQ(z[Input::kLookupOutput], 0xFFFFFFFEll);
  EXPECT_EQ(z[Input::kFlagMultiplyOperands], 1);

  const BytecodeRow s = code(Kind::Sub, 0);
  r = row_of(s, 3);
  r.rs1_value = 3;
  r.rs2_value = 5;
  z = r1cs_inputs(s, r, next_real_row());
  EXPECT_EQ(z[Input::kRightLookupOperand], (i128{1} << 32) - 2);
  EXPECT_EQ(z[Input::kLookupOutput], 0xFFFFFFFEll);
  EXPECT_EQ(z[Input::kFlagSubtractOperands], 1);
}

TEST(CycleWitness, SequenceFlags) {
  BytecodeRow c = code(Kind::VirtualMuli, 4);
  c.sequence_remaining = 2;
  c.is_first_in_sequence = true;
  Row r = row_of(c, 3);
  R1csInputs z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kFlagVirtualInstruction], 1);
  EXPECT_EQ(z[Input::kFlagDoNotUpdateUnexpandedPc], 1);
  EXPECT_EQ(z[Input::kFlagIsFirstInSequence], 1);
  EXPECT_EQ(z[Input::kFlagIsLastInSequence], 0);
  c.sequence_remaining = 0;
  c.is_first_in_sequence = false;
  r = row_of(c, 3);
  z = r1cs_inputs(c, r, next_real_row());
  EXPECT_EQ(z[Input::kFlagDoNotUpdateUnexpandedPc], 0);
  EXPECT_EQ(z[Input::kFlagIsLastInSequence], 1);
  // Padding: NoOp does not move.
  z = r1cs_inputs(BytecodeRow{}, Row{}, Row{});
  EXPECT_EQ(z[Input::kFlagDoNotUpdateUnexpandedPc], 1);
  EXPECT_EQ(z[Input::kFlagVirtualInstruction], 0);
}

TEST(CycleWitness, OneHotChunksAreMostSignificantFirst) {
  const OneHotParams p = OneHotParams::for_sizes(1 << 10, 1 << 9, 1 << 13);
  EXPECT_EQ(p.log_k_chunk, 4u);
  EXPECT_EQ(p.instruction_chunks, 16u);
  EXPECT_EQ(p.bytecode_chunks, 3u);  // ⌈9/4⌉
  EXPECT_EQ(p.ram_chunks, 4u);       // ⌈13/4⌉
  EXPECT_EQ(instruction_ra_index(p, 0xF123456789ABCDE0ull, 0), 0xFu);
  EXPECT_EQ(instruction_ra_index(p, 0xF123456789ABCDE0ull, 14), 0xEu);
  EXPECT_EQ(instruction_ra_index(p, 0xF123456789ABCDE0ull, 15), 0x0u);
  EXPECT_EQ(bytecode_ra_index(p, 0x1A5, 0), 0x1u);
  EXPECT_EQ(bytecode_ra_index(p, 0x1A5, 1), 0xAu);
  EXPECT_EQ(bytecode_ra_index(p, 0x1A5, 2), 0x5u);
  EXPECT_EQ(ram_ra_index(p, 0x1234u, 0), 1u);
  EXPECT_EQ(ram_ra_index(p, kNoAccess, 0), kNoAccess);
  EXPECT_EQ(OneHotParams::for_sizes(u64{1} << 25, 2, 2).log_k_chunk, 8u);
}

TEST(CycleWitness, RamWordIsTheRemappedAddress) {
  // An ELF with one text word at kRamStart; the layout puts the I/O block below it, so word
  // index (a − lowest)/4 of kRamStart is the I/O block's size in words.
  riscv::Program program;
  program.entry = riscv::kRamStart;
  program.segments.push_back({riscv::kRamStart, 4, true, {0x13, 0, 0, 0}});
  program.text.push_back({riscv::kRamStart, riscv::kRamStart + 4});
  const riscv::MemoryLayout layout(riscv::MemoryConfig{}, program);
  Row r;
  EXPECT_EQ(ram_word(layout, r), kNoAccess);
  r.ram_op = riscv::RamOp::Write;
  r.ram_address = riscv::kRamStart + 8;
  EXPECT_EQ(ram_word(layout, r), layout.io_words() + 2);
}

}  // namespace
}  // namespace rill::zkvm
