// Specified results of the trace kinds (instruction.hpp) on edge operands, with expected values
// worked out by hand from jolt-protocol.md §5.2 and the RISC-V manual.
#include "rill/riscv/instruction.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rill::riscv {
namespace {

constexpr u32 kMin = 0x80000000u, kAll = 0xFFFFFFFFu;

TEST(Instruction, KindListsAreConsistent) {
  std::set<std::string_view> names;
  for (Kind k : kAllKinds) EXPECT_TRUE(names.insert(kind_name(k)).second) << kind_name(k);
  for (std::size_t i = 0; i < kTraceKinds.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kTraceKinds[i]), i) << "trace kinds come first, in order";
    EXPECT_TRUE(is_trace_kind(kTraceKinds[i]));
  }
  EXPECT_FALSE(is_trace_kind(Kind::Div));
  EXPECT_FALSE(is_trace_kind(Kind::Ecall));
  EXPECT_EQ(kind_name(Kind::VirtualMovsign), "virtual_movsign");
}

TEST(Instruction, BaseKinds) {
  EXPECT_EQ(lookup_output(Kind::Addi, 5, kAll), 4u);  // ADDI rd, rs1, -1 (unsigned imm word)
  EXPECT_EQ(lookup_output(Kind::Sub, 0, 1), kAll);
  EXPECT_EQ(lookup_output(Kind::Slt, kMin, 0), 1u);
  EXPECT_EQ(lookup_output(Kind::Sltu, kMin, 0), 0u);
  EXPECT_EQ(lookup_output(Kind::Bge, kAll, kAll), 1u);
  EXPECT_EQ(lookup_output(Kind::Bge, kAll, 0), 0u);
  EXPECT_EQ(lookup_output(Kind::Bgeu, kAll, 0), 1u);
  EXPECT_EQ(lookup_output(Kind::Jalr, 0x80000001u, 2), 0x80000002u);  // low bit cleared
  EXPECT_EQ(lookup_output(Kind::Mulhu, kAll, kAll), 0xFFFFFFFEu);
  EXPECT_EQ(lookup_output(Kind::Mul, 0x10000u, 0x10000u), 0u);
  EXPECT_EQ(lookup_output(Kind::Lw, 1, 2), 0u);  // no lookup
}

TEST(Instruction, VirtualKinds) {
  EXPECT_EQ(lookup_output(Kind::VirtualMovsign, kMin, 0), kAll);
  EXPECT_EQ(lookup_output(Kind::VirtualMovsign, 0x7FFFFFFFu, 0), 0u);
  EXPECT_EQ(lookup_output(Kind::VirtualPow2, 33, 0), 2u);  // shift amount mod 32
  EXPECT_EQ(lookup_output(Kind::VirtualShiftRightBitmask, 4, 0), 0xFFFFFFF0u);
  EXPECT_EQ(lookup_output(Kind::VirtualShiftRightBitmask, 0, 0), kAll);
  EXPECT_EQ(lookup_output(Kind::VirtualSrl, kMin, 0xFFFFFFF0u), 0x08000000u);
  EXPECT_EQ(lookup_output(Kind::VirtualSra, kMin, 0xFFFFFFF0u), 0xF8000000u);
  EXPECT_EQ(lookup_output(Kind::VirtualSrai, kMin, kMin), kAll);        // shift by 31
  EXPECT_EQ(lookup_output(Kind::VirtualSrli, 0x1234u, kAll), 0x1234u);  // shift by 0
  EXPECT_EQ(lookup_output(Kind::VirtualChangeDivisor, kMin, kAll), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualChangeDivisor, kMin + 1, kAll), kAll);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertValidDiv0, 0, kAll), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertValidDiv0, 0, 5), 0u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertValidDiv0, 3, 5), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertValidUnsignedRemainder, 7, 0), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertValidUnsignedRemainder, 7, 7), 0u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertMulUNoOverflow, 0x10000u, 0xFFFFu), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertMulUNoOverflow, 0x10000u, 0x10000u), 0u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertHalfwordAlignment, 3, 1), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertHalfwordAlignment, 3, 0), 0u);
  EXPECT_EQ(lookup_output(Kind::VirtualAssertLte, 5, 5), 1u);
  EXPECT_EQ(lookup_output(Kind::VirtualAdvice, 9, 42), 42u);
}

TEST(Instruction, NativeDivisionCornerCases) {
  EXPECT_EQ(native_alu(Kind::Div, 7, 0), kAll);
  EXPECT_EQ(native_alu(Kind::Divu, 7, 0), kAll);
  EXPECT_EQ(native_alu(Kind::Rem, 7, 0), 7u);
  EXPECT_EQ(native_alu(Kind::Remu, 7, 0), 7u);
  EXPECT_EQ(native_alu(Kind::Div, kMin, kAll), kMin);
  EXPECT_EQ(native_alu(Kind::Rem, kMin, kAll), 0u);
  EXPECT_EQ(native_alu(Kind::Div, static_cast<u32>(-7), 2), static_cast<u32>(-3));  // toward 0
  EXPECT_EQ(native_alu(Kind::Rem, static_cast<u32>(-7), 2), static_cast<u32>(-1));  // dividend sign
  EXPECT_EQ(native_alu(Kind::Mulh, kMin, kMin), 0x40000000u);
  EXPECT_EQ(native_alu(Kind::Mulhsu, kAll, kAll), kAll);    // -1 * (2^32 - 1) >> 32
  EXPECT_EQ(native_alu(Kind::Sra, kMin, 33), 0xC0000000u);  // shift amount mod 32
}

TEST(Instruction, OperandSources) {
  EXPECT_EQ(operand_sources(Kind::Auipc).left, LeftOperand::Pc);
  EXPECT_EQ(operand_sources(Kind::Auipc).right, RightOperand::Imm);
  EXPECT_EQ(operand_sources(Kind::Beq).right, RightOperand::Rs2);
  EXPECT_EQ(operand_sources(Kind::Lui).left, LeftOperand::None);
  EXPECT_TRUE(writes_lookup_output_to_rd(Kind::VirtualAdvice));
  EXPECT_FALSE(writes_lookup_output_to_rd(Kind::Jal));
  EXPECT_FALSE(writes_lookup_output_to_rd(Kind::VirtualAssertEq));
}

}  // namespace
}  // namespace rill::riscv
