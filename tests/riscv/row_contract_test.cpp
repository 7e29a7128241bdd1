// The trace rows satisfy what the proof will check of them (jolt-protocol.md §4.2 constraints that
// concern the machine, and Twist consistency of registers and RAM), checked row by row on the
// guests' eager traces: these are the facts the R1CS witness and the memory-checking stages rely
// on, stated independently of how the emulator computes them.
#include <gtest/gtest.h>

#include "rill/riscv/trace_source.hpp"
#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

void check_rows(const std::string& guest, u32 size) {
  SCOPED_TRACE(guest);
  const Machine machine(load_elf(guest_path(guest + ".elf")), MemoryConfig{});
  const std::vector<u8> input = {static_cast<u8>(size), static_cast<u8>(size >> 8), 0, 0};
  const MaterializedTrace trace(machine, input);
  const auto rows = trace.rows();
  const Bytecode& bytecode = machine.bytecode();
  const MemoryLayout& layout = machine.layout();

  std::vector<u32> regs(kNumRegisters, 0);  // registers start at 0
  std::vector<u32> ram = initial_memory(machine.program(), layout, input);
  EXPECT_EQ(rows[0].bytecode_index, bytecode.entry_row());

  for (u64 j = 0; j < trace.unpadded_len(); ++j) {
    const Row& r = rows[j];
    const Row& next = rows[j + 1];
    const BytecodeRow& b = bytecode.row(r.bytecode_index);
    SCOPED_TRACE("row " + std::to_string(j) + " " + std::string(kind_name(r.kind)));
    // The row repeats its bytecode row.
    ASSERT_EQ(r.kind, b.kind);
    ASSERT_EQ(r.address, b.address);
    ASSERT_EQ(r.rs1, b.rs1);
    ASSERT_EQ(r.rs2, b.rs2);
    ASSERT_EQ(r.rd, b.rd);
    ASSERT_EQ(r.sequence_remaining, b.sequence_remaining);
    // Register reads and writes are consistent with the previous writes (Twist, registers).
    if (r.rs1 != kNoRegister) {
      ASSERT_EQ(r.rs1_value, regs[r.rs1]);
    }
    if (r.rs2 != kNoRegister) {
      ASSERT_EQ(r.rs2_value, regs[r.rs2]);
    }
    if (r.rd != kNoRegister) {
      ASSERT_EQ(r.rd_pre, regs[r.rd]);
      regs[r.rd] = r.rd_post;
      if (r.rd == 0) {
        ASSERT_EQ(r.rd_post, 0u) << "x0 must stay 0";
      }
    }
    // RAM: only LW/SW touch it, at rs1 + imm, consistently with earlier accesses.
    const u32 imm = b.imm_word();
    if (r.kind == Kind::Lw || r.kind == Kind::Sw) {
      ASSERT_EQ(r.ram_address, r.rs1_value + imm);
      const u32 w = layout.word_index(r.ram_address);
      ASSERT_EQ(r.ram_pre, ram[w]);
      if (r.kind == Kind::Lw) {
        ASSERT_EQ(r.ram_op, RamOp::Read);
        ASSERT_EQ(r.ram_post, r.ram_pre);
        ASSERT_EQ(r.rd_post, r.ram_pre);
      } else {
        ASSERT_EQ(r.ram_op, RamOp::Write);
        ASSERT_EQ(r.ram_post, r.rs2_value);
      }
      ram[w] = r.ram_post;
    } else {
      ASSERT_EQ(r.ram_op, RamOp::None);
      ASSERT_EQ(r.ram_address, 0u);
    }
    // Lookup-output writes and control flow (constraints 12–17).
    const OperandSources src = operand_sources(r.kind);
    const u32 left = src.left == LeftOperand::Rs1  ? r.rs1_value
                     : src.left == LeftOperand::Pc ? r.address
                                                   : 0;
    const u32 right = src.right == RightOperand::Rs2   ? r.rs2_value
                      : src.right == RightOperand::Imm ? imm
                                                       : 0;
    const u32 output = lookup_output(r.kind, left, right);
    if (writes_lookup_output_to_rd(r.kind) && r.kind != Kind::VirtualAdvice) {
      ASSERT_EQ(r.rd_post, output);
    }
    if (is_assert(r.kind)) {
      ASSERT_EQ(output, 1u);
    }
    const bool last = j + 1 == trace.unpadded_len();
    if (r.in_sequence() && r.sequence_remaining > 0) {
      ASSERT_EQ(next.bytecode_index, r.bytecode_index + 1);  // NextPC = PC + 1
      ASSERT_EQ(next.address, r.address);                    // unexpanded PC held
    } else if (is_jump(r.kind)) {
      ASSERT_EQ(r.rd_post, r.address + 4);
      if (!last) {
        ASSERT_EQ(next.address, output);
      }
    } else if (is_branch(r.kind)) {
      ASSERT_EQ(next.address, output ? r.address + imm : r.address + 4);
    } else if (!last) {
      ASSERT_EQ(next.address, r.address + 4);
    }
    if (!last && next.in_sequence()) {
      ASSERT_EQ(next.is_first_in_sequence, !r.in_sequence() || r.sequence_remaining == 0);
    }
    if (last) {
      ASSERT_TRUE(is_jump(r.kind)) << "the trace ends with the self-jump";
    }
  }
  EXPECT_EQ(std::vector<u32>(ram.begin(), ram.end()), trace.summary().final_memory);
}

TEST(RowContract, Guests) {
  check_rows("fibonacci", 300);
  check_rows("muldiv", 30);
  check_rows("sha2_chain", 2);
  check_rows("echo", 0);
}

}  // namespace
}  // namespace rill::riscv::testing
