// Bytecode read-RAF preprocessing on the expanded bytecode of a program holding every RV32IM
// instruction (hand-encoded from the ISA manual's formats):
//  * per row, the circuit flags equal the R1CS inputs r1cs_inputs() computes for a cycle executing
//    the row, the instruction flags equal the reference table (jolt-protocol.md §4.3, written out
//    below), the table flags are one-hot at instruction_lookup()'s table and the RAF flag is
//    Add + Sub + Mul + Advice;
//  * every column's MLE, the register eq columns, Id and the entry term at random points equal the
//    dense vectors of those independent values folded variable by variable (most significant
//    first), and so do the Val_s combinations.
#include "rill/zkvm/shout/bytecode_values.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "rill/riscv/elf_loader.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"

namespace rill::zkvm::shout {
namespace {

using riscv::Kind;
using C = BytecodeColumns;

// ISA manual instruction formats.
u32 enc_r(u32 f7, u32 f3, u32 op, u32 rd, u32 rs1, u32 rs2) {
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
u32 enc_i(i32 imm, u32 f3, u32 op, u32 rd, u32 rs1) {
  return (static_cast<u32>(imm) & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
u32 enc_s(i32 imm, u32 f3, u32 rs1, u32 rs2) {
  const u32 u = static_cast<u32>(imm);
  return ((u >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1F) << 7 | 0x23;
}
u32 enc_b(i32 imm, u32 f3, u32 rs1, u32 rs2) {
  const u32 u = static_cast<u32>(imm);
  return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
         ((u >> 1) & 0xF) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}
u32 enc_u(u32 imm20, u32 op, u32 rd) { return imm20 << 12 | rd << 7 | op; }
u32 enc_j(i32 imm, u32 rd) {
  const u32 u = static_cast<u32>(imm);
  return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3FF) << 21 | ((u >> 11) & 1) << 20 |
         ((u >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
}

constexpr u32 kBase = 0x80000000u;

riscv::Bytecode every_instruction_bytecode() {
  std::vector<u32> text;
  text.push_back(enc_u(0x12345, 0x37, 5));                                            // lui
  text.push_back(enc_u(0x00010, 0x17, 6));                                            // auipc
  text.push_back(enc_j(8, 1));                                                        // jal
  text.push_back(enc_i(-4, 0, 0x67, 1, 5));                                           // jalr
  for (u32 f3 : {0u, 1u, 4u, 5u, 6u, 7u}) text.push_back(enc_b(8, f3, 5, 6));         // branches
  for (u32 f3 : {0u, 1u, 2u, 4u, 5u}) text.push_back(enc_i(-8, f3, 0x03, 7, 5));      // loads
  for (u32 f3 : {0u, 1u, 2u}) text.push_back(enc_s(12, f3, 5, 6));                    // stores
  for (u32 f3 : {0u, 2u, 3u, 4u, 6u, 7u}) text.push_back(enc_i(-3, f3, 0x13, 8, 5));  // op-imm
  text.push_back(enc_i(3, 1, 0x13, 8, 5));                                            // slli
  text.push_back(enc_i(3, 5, 0x13, 8, 5));                                            // srli
  text.push_back(enc_i(0x400 | 3, 5, 0x13, 8, 5));                                    // srai
  for (u32 f3 = 0; f3 < 8; ++f3) text.push_back(enc_r(0, f3, 0x33, 9, 5, 6));         // op
  text.push_back(enc_r(0x20, 0, 0x33, 9, 5, 6));                                      // sub
  text.push_back(enc_r(0x20, 5, 0x33, 9, 5, 6));                                      // sra
  for (u32 f3 = 0; f3 < 8; ++f3) text.push_back(enc_r(1, f3, 0x33, 10, 5, 6));        // M extension
  text.push_back(enc_i(0, 0, 0x13, 0, 0));  // addi x0, x0, 0
  text.push_back(enc_i(5, 0, 0x13, 0, 5));  // addi x0, x5, 5 (rd = x0 rewrite)
  text.push_back(0x0FF0000Fu);              // fence
  text.push_back(enc_j(0, 0));              // self-jump
  riscv::Program program;
  program.entry = kBase;
  riscv::Segment segment;
  segment.vaddr = kBase;
  segment.executable = true;
  for (u32 w : text) {
    for (int b = 0; b < 4; ++b) segment.bytes.push_back(static_cast<u8>(w >> (8 * b)));
  }
  segment.mem_size = static_cast<u32>(segment.bytes.size());
  program.segments.push_back(segment);
  program.text.push_back({kBase, kBase + segment.mem_size});
  return riscv::Bytecode(program);
}

// Instruction flags per kind, from the reference's table (jolt-protocol.md §4.3):
// {LeftIsPC, RightIsImm, LeftIsRs1, RightIsRs2, Branch, IsNoop}.
std::array<bool, 6> reference_instruction_flags(Kind kind) {
  constexpr std::array<bool, 6> kRs1Rs2 = {0, 0, 1, 1, 0, 0};
  constexpr std::array<bool, 6> kRs1Imm = {0, 1, 1, 0, 0, 0};
  constexpr std::array<bool, 6> kPcImm = {1, 1, 0, 0, 0, 0};
  constexpr std::array<bool, 6> kNone = {0, 0, 0, 0, 0, 0};
  switch (kind) {
    case Kind::NoOp:
      return {0, 0, 0, 0, 0, 1};
    case Kind::Add:
    case Kind::Sub:
    case Kind::Mul:
    case Kind::Mulhu:
    case Kind::And:
    case Kind::Or:
    case Kind::Xor:
    case Kind::Slt:
    case Kind::Sltu:
    case Kind::VirtualSrl:
    case Kind::VirtualSra:
    case Kind::VirtualChangeDivisor:
    case Kind::VirtualAssertEq:
    case Kind::VirtualAssertLte:
    case Kind::VirtualAssertValidDiv0:
    case Kind::VirtualAssertValidUnsignedRemainder:
    case Kind::VirtualAssertMulUNoOverflow:
      return kRs1Rs2;
    case Kind::Beq:
    case Kind::Bne:
    case Kind::Blt:
    case Kind::Bge:
    case Kind::Bltu:
    case Kind::Bgeu:
      return {0, 0, 1, 1, 1, 0};
    case Kind::Addi:
    case Kind::Andi:
    case Kind::Ori:
    case Kind::Xori:
    case Kind::Slti:
    case Kind::Sltiu:
    case Kind::Jalr:
    case Kind::VirtualMovsign:
    case Kind::VirtualMuli:
    case Kind::VirtualSrli:
    case Kind::VirtualSrai:
    case Kind::VirtualAssertHalfwordAlignment:
      return kRs1Imm;
    case Kind::Lui:
      return {0, 1, 0, 0, 0, 0};
    case Kind::Auipc:
    case Kind::Jal:
      return kPcImm;
    case Kind::VirtualPow2:
    case Kind::VirtualShiftRightBitmask:
      return {0, 0, 1, 0, 0, 0};
    default:  // LW, SW, FENCE, VirtualAdvice
      return kNone;
  }
}

riscv::Row row_of(const riscv::BytecodeRow& c, u32 k) {
  riscv::Row r;
  r.bytecode_index = k;
  r.address = c.address;
  r.kind = c.kind;
  r.rs1 = c.rs1;
  r.rs2 = c.rs2;
  r.rd = c.rd;
  r.sequence_remaining = c.sequence_remaining;
  r.is_first_in_sequence = c.is_first_in_sequence;
  return r;
}

// The independent dense columns: R1CS inputs of a cycle executing the row (UnexpandedPC, Imm and
// the circuit flags), the reference instruction flags, instruction_lookup()'s table.
std::vector<std::array<i64, C::kCount>> independent_columns(const BytecodeValues& values) {
  std::vector<std::array<i64, C::kCount>> cols(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    const riscv::BytecodeRow& code = values.row(k);
    const R1csInputs z = r1cs_inputs(code, row_of(code, static_cast<u32>(k)), riscv::Row{});
    auto& c = cols[k];
    c.fill(0);
    c[C::kUnexpandedPc] = static_cast<i64>(z[Input::kUnexpandedPc]);
    c[C::kImm] = static_cast<i64>(z[Input::kImm]);
    for (std::size_t f = 0; f < kNumCircuitFlags; ++f) {
      c[C::kCircuitFlags + f] =
          static_cast<i64>(z[circuit_flag_input(static_cast<CircuitFlag>(f))]);
    }
    const auto instr = reference_instruction_flags(code.kind);
    for (std::size_t f = 0; f < kNumInstructionFlags; ++f) c[C::kInstructionFlags + f] = instr[f];
    c[C::kRafFlag] = static_cast<i64>(z[Input::kFlagAddOperands] + z[Input::kFlagSubtractOperands] +
                                      z[Input::kFlagMultiplyOperands] + z[Input::kFlagAdvice]);
    const auto table = lookups::instruction_lookup(code.kind).table;
    if (table) c[C::of(*table)] = 1;
  }
  return cols;
}

Fr fold(std::vector<Fr> f, std::span<const Fr> r) {
  for (const Fr& ri : r) {
    const std::size_t half = f.size() / 2;
    for (std::size_t i = 0; i < half; ++i) f[i] = f[i] + ri * (f[half + i] - f[i]);
    f.resize(half);
  }
  return f[0];
}

std::vector<Fr> random_point(std::mt19937_64& rng, std::size_t n) {
  std::vector<Fr> r(n);
  for (auto& v : r) v = Fr::random(rng);
  return r;
}

TEST(BytecodeValues, RowColumnsMatchIndependentSources) {
  const riscv::Bytecode bytecode = every_instruction_bytecode();
  const BytecodeValues values(bytecode);
  ASSERT_EQ(values.size(), bytecode.padded_size());
  ASSERT_EQ(values.entry_row(), 1u);
  const auto cols = independent_columns(values);
  std::set<Kind> kinds;
  for (std::size_t k = 0; k < values.size(); ++k) {
    kinds.insert(values.row(k).kind);
    for (std::size_t c = 0; c < C::kCount; ++c) {
      ASSERT_EQ(values.value(c, k), cols[k][c])
          << "row " << k << " column " << c << " kind " << riscv::kind_name(values.row(k).kind);
    }
  }
  // The program reaches every trace kind.
  for (Kind kind : riscv::kTraceKinds) {
    EXPECT_TRUE(kinds.count(kind) == 1) << riscv::kind_name(kind) << " is not in the bytecode";
  }
}

TEST(BytecodeValues, MlesEqualFoldedDenseColumns) {
  const BytecodeValues values(every_instruction_bytecode());
  const auto cols = independent_columns(values);
  std::mt19937_64 rng(61);
  for (int trial = 0; trial < 3; ++trial) {
    const std::vector<Fr> r = random_point(rng, values.num_vars());
    const BytecodeColumnValues got = values.evaluate(r);
    std::vector<Fr> dense(values.size());
    for (std::size_t c = 0; c < C::kCount; ++c) {
      for (std::size_t k = 0; k < values.size(); ++k) dense[k] = Fr::from_i64(cols[k][c]);
      EXPECT_EQ(got[c], fold(dense, r)) << "column " << c;
    }
    // Register columns: eq(reg(k), r_reg) = Π_b (bit_b ? r_reg[b] : 1 − r_reg[b]), 0 if absent.
    const std::vector<Fr> r_reg = random_point(rng, 6);
    const auto regs = values.evaluate_registers(r, r_reg);
    for (unsigned c = 0; c < 3; ++c) {
      for (std::size_t k = 0; k < values.size(); ++k) {
        const riscv::BytecodeRow& row = values.row(k);
        const u8 reg = c == 0 ? row.rd : c == 1 ? row.rs1 : row.rs2;
        Fr e = reg == riscv::kNoRegister ? Fr::zero() : Fr::one();
        for (unsigned b = 0; b < 6 && reg != riscv::kNoRegister; ++b) {
          e = e * (((reg >> (5 - b)) & 1) != 0 ? r_reg[b] : Fr::one() - r_reg[b]);
        }
        dense[k] = e;
      }
      EXPECT_EQ(regs[c], fold(dense, r)) << "register column " << c;
    }
    // Id and the entry term.
    for (std::size_t k = 0; k < values.size(); ++k) dense[k] = Fr::from_u64(k);
    EXPECT_EQ(bytecode_pc_mle(r), fold(dense, r));
    for (std::size_t k = 0; k < values.size(); ++k) {
      dense[k] = k == values.entry_row() ? Fr::one() : Fr::zero();
    }
    EXPECT_EQ(bytecode_entry_mle(r, values.entry_row()), fold(dense, r));

    // Val_s: the combination of the dense columns row by row, folded.
    const Fr beta = Fr::random(rng);
    auto dense_val = [&](auto&& per_row) {
      for (std::size_t k = 0; k < values.size(); ++k) {
        BytecodeColumnValues row;
        for (std::size_t c = 0; c < C::kCount; ++c) row[c] = Fr::from_i64(cols[k][c]);
        dense[k] = per_row(row, k);
      }
      return fold(dense, r);
    };
    EXPECT_EQ(bytecode_val_stage1(got, beta),
              dense_val([&](const BytecodeColumnValues& row, std::size_t) {
                Fr v = row[C::kUnexpandedPc] + beta * row[C::kImm];
                Fr p = beta * beta;
                for (std::size_t f = 0; f < kNumCircuitFlags; ++f) {
                  v = v + p * row[C::kCircuitFlags + f];
                  p = p * beta;
                }
                return v;
              }));
    EXPECT_EQ(bytecode_val_stage2(got, beta),
              dense_val([&](const BytecodeColumnValues& row, std::size_t) {
                return row[C::of(CircuitFlag::kJump)] +
                       beta * (row[C::of(InstructionFlag::kBranch)] +
                               beta * (row[C::of(CircuitFlag::kWriteLookupOutputToRd)] +
                                       beta * row[C::of(CircuitFlag::kVirtualInstruction)]));
              }));
    EXPECT_EQ(bytecode_val_stage3(got, beta),
              dense_val([&](const BytecodeColumnValues& row, std::size_t) {
                const std::size_t order[] = {C::kImm,
                                             C::kUnexpandedPc,
                                             C::of(InstructionFlag::kLeftOperandIsRs1Value),
                                             C::of(InstructionFlag::kLeftOperandIsPc),
                                             C::of(InstructionFlag::kRightOperandIsRs2Value),
                                             C::of(InstructionFlag::kRightOperandIsImm),
                                             C::of(InstructionFlag::kIsNoop),
                                             C::of(CircuitFlag::kVirtualInstruction),
                                             C::of(CircuitFlag::kIsFirstInSequence)};
                Fr v = Fr::zero(), p = Fr::one();
                for (std::size_t c : order) {
                  v = v + p * row[c];
                  p = p * beta;
                }
                return v;
              }));
    EXPECT_EQ(bytecode_val_stage4(regs, beta), regs[0] + beta * regs[1] + beta * beta * regs[2]);
    Fr table_part = Fr::zero(), p = beta * beta;
    for (std::size_t t = 0; t < lookups::kNumTables; ++t) {
      table_part = table_part + p * got[C::kTableFlags + t];
      p = p * beta;
    }
    EXPECT_EQ(bytecode_val_stage5(got, regs[0], beta),
              regs[0] + beta * got[C::kRafFlag] + table_part);
  }
}

// Rows given directly are padded with NoOps (IsNoop and DoNotUpdateUnexpandedPC set).
TEST(BytecodeValues, PaddingRowsAreNoOps) {
  riscv::BytecodeRow add;
  add.kind = Kind::Add;
  add.rd = 1;
  add.rs1 = 2;
  add.rs2 = 3;
  add.address = kBase;
  const BytecodeValues values({riscv::BytecodeRow{}, add, add}, 1);
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values.value(C::of(InstructionFlag::kIsNoop), 3), 1);
  EXPECT_EQ(values.value(C::of(CircuitFlag::kDoNotUpdateUnexpandedPc), 3), 1);
  EXPECT_EQ(values.value(C::of(CircuitFlag::kAddOperands), 2), 1);
  EXPECT_EQ(values.value(C::of(lookups::TableKind::kRangeCheck), 2), 1);
  EXPECT_EQ(values.register_index(RegisterColumn::kRs2, 3), riscv::kNoRegister);
}

}  // namespace
}  // namespace rill::zkvm::shout
