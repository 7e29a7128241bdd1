// The emulator's row loop (Emulator::run), included from emulator.hpp.
#pragma once

#include <algorithm>

#include "rill/riscv/instruction.hpp"
#include "rill/util/check.hpp"

namespace rill::riscv {

namespace detail {

// The value of a VirtualAdvice row from the source instruction's operands: the RISC-V quotient,
// or the magnitude of the RISC-V remainder.
inline u32 advice_value(Advice advice, u32 rs1, u32 rs2) {
  switch (advice) {
    case Advice::UnsignedQuotient:
      return native_alu(Kind::Divu, rs1, rs2);
    case Advice::SignedQuotient:
      return native_alu(Kind::Div, rs1, rs2);
    case Advice::SignedRemainderMagnitude: {
      const u32 r = native_alu(Kind::Rem, rs1, rs2);
      return static_cast<i32>(r) < 0 ? 0u - r : r;
    }
    case Advice::None:
      break;
  }
  RILL_CHECK(false, "advice row without an advice kind");
  return 0;
}

[[noreturn]] void assertion_failed(const BytecodeRow& b, u32 x, u32 y);

}  // namespace detail

template <class Observer>
StopReason Emulator::run(MachineState& state, std::span<u32> memory, u64 max_rows,
                         Observer& obs) const {
  // 256 slots so that kNoRegister (0xFF) indexes a register that always reads 0.
  std::array<u32, 256> regs{};
  std::copy(state.regs.begin(), state.regs.end(), regs.begin());
  const BytecodeRow* code = bytecode_.rows().data();
  u32* mem = memory.data();
  const u32 lowest = layout_.lowest();
  const u32 mem_bytes = layout_.num_words() * 4u;
  const u32 panic_word = layout_.word_index(layout_.panic_address());
  const u32 termination_word = layout_.word_index(layout_.termination_address());
  u32 pc = state.row;
  u64 rows = state.rows_executed;
  u64 instructions = state.instructions;
  const u64 limit = rows + max_rows;
  auto save = [&] {
    std::copy(regs.begin(), regs.begin() + kNumRegisters, state.regs.begin());
    state.row = pc;
    state.rows_executed = rows;
    state.instructions = instructions;
  };

  while (rows < limit) {
    const BytecodeRow& b = code[pc];
    const u32 x = regs[b.rs1], y = regs[b.rs2], imm = b.imm_word();
    const u32 rd_pre = regs[b.rd];
    u32 next = b.fallthrough;
    u32 next_address = b.address + 4;  // where `next` points, for the slow path
    u32 out = 0;
    bool write = true;
    RamOp ram_op = RamOp::None;
    u32 ram_address = 0, ram_pre = 0, ram_post = 0;
    if constexpr (Observer::kTracksInstructions) {
      if (!b.in_sequence() || b.is_first_in_sequence) obs.instruction(b.address);
    }
    switch (b.kind) {
// Each macro expands to one `case` ending in `break` (the `;` comes from the invocation).
#define RILL_RR(K)                      \
  case Kind::K:                         \
    out = lookup_output(Kind::K, x, y); \
    break
#define RILL_RI(K)                        \
  case Kind::K:                           \
    out = lookup_output(Kind::K, x, imm); \
    break
#define RILL_BRANCH(K)                  \
  case Kind::K:                         \
    write = false;                      \
    if (lookup_output(Kind::K, x, y)) { \
      next = b.target;                  \
      next_address = b.address + imm;   \
    }                                   \
    break
#define RILL_ASSERT(K, RIGHT)                                \
  case Kind::K:                                              \
    write = false;                                           \
    if (!lookup_output(Kind::K, x, RIGHT)) [[unlikely]] {    \
      if (Kind::K == Kind::VirtualAssertHalfwordAlignment) { \
        throw_access(b, x + imm, true);                      \
      }                                                      \
      detail::assertion_failed(b, x, RIGHT);                 \
    }                                                        \
    break
      RILL_RR(Add);
      RILL_RR(Sub);
      RILL_RR(And);
      RILL_RR(Or);
      RILL_RR(Xor);
      RILL_RR(Slt);
      RILL_RR(Sltu);
      RILL_RR(Mul);
      RILL_RR(Mulhu);
      RILL_RR(VirtualSrl);
      RILL_RR(VirtualSra);
      RILL_RR(VirtualChangeDivisor);
      RILL_RI(Addi);
      RILL_RI(Andi);
      RILL_RI(Ori);
      RILL_RI(Xori);
      RILL_RI(Slti);
      RILL_RI(Sltiu);
      RILL_RI(VirtualMovsign);
      RILL_RI(VirtualMuli);
      RILL_RI(VirtualSrli);
      RILL_RI(VirtualSrai);
      RILL_RI(VirtualPow2);
      RILL_RI(VirtualShiftRightBitmask);
      RILL_BRANCH(Beq);
      RILL_BRANCH(Bne);
      RILL_BRANCH(Blt);
      RILL_BRANCH(Bge);
      RILL_BRANCH(Bltu);
      RILL_BRANCH(Bgeu);
      RILL_ASSERT(VirtualAssertEq, y);
      RILL_ASSERT(VirtualAssertLte, y);
      RILL_ASSERT(VirtualAssertValidDiv0, y);
      RILL_ASSERT(VirtualAssertValidUnsignedRemainder, y);
      RILL_ASSERT(VirtualAssertMulUNoOverflow, y);
      RILL_ASSERT(VirtualAssertHalfwordAlignment, imm);
#undef RILL_RR
#undef RILL_RI
#undef RILL_BRANCH
#undef RILL_ASSERT
      case Kind::Lui:
        out = imm;
        break;
      case Kind::Auipc:
        out = b.address + imm;
        break;
      case Kind::VirtualAdvice:
        out = detail::advice_value(b.advice, regs[b.advice_rs1], regs[b.advice_rs2]);
        break;
      case Kind::Jal:
        out = b.address + 4;
        next = b.target;
        next_address = b.address + imm;
        break;
      case Kind::Jalr:
        out = b.address + 4;
        next_address = lookup_output(Kind::Jalr, x, imm);
        next = bytecode_.row_of(next_address);
        break;
      case Kind::Lw:
      case Kind::Sw: {
        ram_address = x + imm;
        const u32 offset = ram_address - lowest;
        if ((ram_address & 3u) != 0 || offset >= mem_bytes) [[unlikely]] {
          throw_access(b, ram_address, (ram_address & 3u) != 0);
        }
        u32& word = mem[offset >> 2];
        ram_pre = word;
        if constexpr (Observer::kTracksRam) obs.ram(offset >> 2, ram_pre);
        if (b.kind == Kind::Lw) {
          ram_op = RamOp::Read;
          out = ram_post = ram_pre;
        } else {
          ram_op = RamOp::Write;
          word = ram_post = y;
          write = false;
        }
        break;
      }
      default:  // NoOp, Fence
        write = false;
        break;
    }
    if (write) regs[b.rd] = out;
    if constexpr (Observer::kRecordsRows) {
      Row r;
      r.bytecode_index = pc;
      r.address = b.address;
      r.rs1_value = x;
      r.rs2_value = y;
      r.rd_pre = rd_pre;
      r.rd_post = write ? out : 0;
      r.ram_address = ram_address;
      r.ram_pre = ram_pre;
      r.ram_post = ram_post;
      r.sequence_remaining = b.sequence_remaining;
      r.kind = b.kind;
      r.rs1 = b.rs1;
      r.rs2 = b.rs2;
      r.rd = b.rd;
      r.ram_op = ram_op;
      r.is_first_in_sequence = b.is_first_in_sequence;
      obs.row(r);
    }
    ++rows;
    instructions += static_cast<u16>(b.sequence_remaining + 1) <= 1;  // None or Some(0)
    // Halting (ARCHITECTURE.md §4): only the runtime's final `jal x0, 0` (guest.h) after it set
    // the termination or panic word. Any other self-loop (`while (1);`, a JALR that jumps to
    // itself while changing its base register) keeps running into the cycle limit.
    if (next == pc && b.kind == Kind::Jal && b.address == next_address &&
        (mem[termination_word] | mem[panic_word]) != 0 &&
        bytecode_.word_at(b.address) == kHaltInstruction) [[unlikely]] {
      save();
      return StopReason::Terminated;
    }
    if (next == kNoRow) [[unlikely]] {
      // Only a system instruction with a handler may run without a row (qemu tests).
      while (system_ != nullptr && bytecode_.is_system(next_address)) {
        if constexpr (Observer::kTracksInstructions) obs.instruction(next_address);
        pc = kNoRow;
        save();
        ++state.instructions;
        const bool go_on = system_->handle(next_address, state, memory);
        std::copy(state.regs.begin(), state.regs.end(), regs.begin());
        instructions = state.instructions;
        if (!go_on) return StopReason::SystemExit;
        next_address += 4;
        next = bytecode_.row_of(next_address);
        if (next != kNoRow) break;
      }
      if (next == kNoRow) {
        save();
        throw_no_row(b.address, next_address);
      }
    }
    pc = next;
  }
  save();
  return StopReason::RowBudget;
}

}  // namespace rill::riscv
