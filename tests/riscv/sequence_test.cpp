// Virtual-sequence equivalence: every expanded instruction, executed row by row by the emulator,
// must give the RV32IM result that the ISA manual defines, on exhaustive 8-bit operands
// (sign-extended, so negative values and the small corner cases are all there), edge values and
// random 32-bit operands, with every register aliasing pattern. The expected values come from
// the oracle below, written from the manual with 64-bit host arithmetic.
#include <gtest/gtest.h>

#include <random>

#include "rill/riscv/execution.hpp"
#include "test_support.hpp"

namespace rill::riscv::testing {
namespace {

u32 isa_result(Kind k, u32 a, u32 b) {
  const i64 sa = static_cast<i32>(a), sb = static_cast<i32>(b);
  const u64 ua = a, ub = b;
  switch (k) {
    case Kind::Sll:
      return a << (b % 32);
    case Kind::Srl:
      return a >> (b % 32);
    case Kind::Sra:
      return static_cast<u32>(sa >> (b % 32));
    case Kind::Mul:
      return static_cast<u32>(ua * ub);
    case Kind::Mulh:
      return static_cast<u32>(static_cast<u64>(sa * sb) >> 32);
    case Kind::Mulhu:
      return static_cast<u32>((ua * ub) >> 32);
    case Kind::Mulhsu:
      return static_cast<u32>(static_cast<u64>(sa * static_cast<i64>(ub)) >> 32);
    case Kind::Divu:
      return b == 0 ? 0xFFFFFFFFu : a / b;
    case Kind::Remu:
      return b == 0 ? a : a % b;
    case Kind::Div:
      return b == 0 ? 0xFFFFFFFFu : static_cast<u32>(sa / sb);  // INT_MIN/-1 = 2^31
    case Kind::Rem:
      return b == 0 ? a : static_cast<u32>(sa % sb);
    default:
      ADD_FAILURE() << "no oracle";
      return 0;
  }
}

// funct7, funct3 of the OP (0x33) encodings.
struct OpCode {
  Kind kind;
  u32 funct7, funct3;
};
constexpr OpCode kOps[] = {{Kind::Sll, 0, 1},   {Kind::Srl, 0, 5},  {Kind::Sra, 0x20, 5},
                           {Kind::Mul, 1, 0},   {Kind::Mulh, 1, 1}, {Kind::Mulhsu, 1, 2},
                           {Kind::Mulhu, 1, 3}, {Kind::Div, 1, 4},  {Kind::Divu, 1, 5},
                           {Kind::Rem, 1, 6},   {Kind::Remu, 1, 7}};

constexpr u32 kSelfJump = 0x0000006Fu;  // jal x0, 0

// A program of one instruction plus the final self-jump, run on preset registers.
class OneInstruction {
 public:
  explicit OneInstruction(u32 word, u32 data_words = 16)
      : machine_(program({word, kSelfJump}, data_words), MemoryConfig{}),
        emulator_(machine_.bytecode(), machine_.layout()),
        memory_(initial_memory(machine_.program(), machine_.layout(), {})) {
    // The self-jump halts only once the termination word is set (ARCHITECTURE.md §4).
    memory_[machine_.layout().word_index(machine_.layout().termination_address())] = 1;
  }

  MachineState run(MachineState s) {
    NullObserver none;
    EXPECT_EQ(emulator_.run(s, memory_, 1000, none), StopReason::Terminated);
    return s;
  }
  MachineState start() const { return machine_.initial_state(); }
  std::vector<u32>& memory() { return memory_; }
  const Machine& machine() const { return machine_; }

 private:
  static Program program(std::vector<u32> words, u32 data_words) {
    Program p;
    p.entry = kTextBase;
    Segment text{kTextBase, static_cast<u32>(4 * words.size()), true, {}};
    for (u32 w : words) {
      for (int i = 0; i < 4; ++i) text.bytes.push_back(static_cast<u8>(w >> (8 * i)));
    }
    p.segments = {text, Segment{kDataBase, 4 * data_words, false, {}}};
    p.text = {{kTextBase, static_cast<u32>(kTextBase + 4 * words.size())}};
    return p;
  }
  Machine machine_;
  Emulator emulator_;
  std::vector<u32> memory_;
};

u32 run_op(const OpCode& op, u32 rd, u32 rs1, u32 rs2, u32 a, u32 b) {
  OneInstruction one(enc_r(op.funct7, op.funct3, 0x33, rd, rs1, rs2));
  MachineState s = one.start();
  s.regs[rs1] = a;
  s.regs[rs2] = b;
  return one.run(s).regs[rd];
}

std::vector<u32> operand_values(std::mt19937& rng, int random_count) {
  std::vector<u32> v;
  for (int x = -128; x < 128; ++x) v.push_back(static_cast<u32>(x));
  for (u32 e : {0x80000000u, 0x7FFFFFFFu, 0x80000001u, 0xFFFF0000u, 0x0000FFFFu, 0x10000u})
    v.push_back(e);
  for (int i = 0; i < random_count; ++i) v.push_back(static_cast<u32>(rng()));
  return v;
}

TEST(SequenceEquivalence, RegisterOpsOnExhaustive8BitAndEdgeOperands) {
  std::mt19937 rng(1);
  const auto values = operand_values(rng, 0);
  for (const OpCode& op : kOps) {
    OneInstruction one(enc_r(op.funct7, op.funct3, 0x33, 3, 1, 2));
    for (u32 a : values) {
      for (u32 b : values) {
        MachineState s = one.start();
        s.regs[1] = a;
        s.regs[2] = b;
        const u32 got = one.run(s).regs[3];
        ASSERT_EQ(got, isa_result(op.kind, a, b))
            << kind_name(op.kind) << " " << std::hex << a << ", " << b;
        ASSERT_EQ(native_alu(op.kind, a, b), got) << kind_name(op.kind);
      }
    }
  }
}

TEST(SequenceEquivalence, RegisterOpsOnRandom32BitOperandsAndAliasing) {
  std::mt19937 rng(2);
  for (const OpCode& op : kOps) {
    OneInstruction distinct(enc_r(op.funct7, op.funct3, 0x33, 3, 1, 2));
    for (int i = 0; i < 20000; ++i) {
      const u32 a = static_cast<u32>(rng()), b = static_cast<u32>(rng());
      MachineState s = distinct.start();
      s.regs[1] = a;
      s.regs[2] = b;
      ASSERT_EQ(distinct.run(s).regs[3], isa_result(op.kind, a, b)) << kind_name(op.kind);
    }
    for (int i = 0; i < 50; ++i) {
      const u32 a = static_cast<u32>(rng()), b = static_cast<u32>(rng());
      EXPECT_EQ(run_op(op, 1, 1, 2, a, b), isa_result(op.kind, a, b)) << "rd = rs1";
      EXPECT_EQ(run_op(op, 2, 1, 2, a, b), isa_result(op.kind, a, b)) << "rd = rs2";
      EXPECT_EQ(run_op(op, 3, 1, 1, a, a), isa_result(op.kind, a, a)) << "rs1 = rs2";
      EXPECT_EQ(run_op(op, 1, 1, 1, a, a), isa_result(op.kind, a, a)) << "rd = rs1 = rs2";
    }
  }
}

TEST(SequenceEquivalence, ImmediateShiftsForEveryAmount) {
  std::mt19937 rng(3);
  const struct {
    Kind kind;
    u32 funct7, funct3;
  } shifts[] = {{Kind::Sll, 0, 1}, {Kind::Srl, 0, 5}, {Kind::Sra, 0x20, 5}};
  for (const auto& sh : shifts) {
    for (u32 amount = 0; amount < 32; ++amount) {
      OneInstruction one(enc_r(sh.funct7, sh.funct3, 0x13, 5, 5, amount));  // rd = rs1
      for (u32 a : {0u, 1u, 0x80000000u, 0xFFFFFFFFu, static_cast<u32>(rng())}) {
        MachineState s = one.start();
        s.regs[5] = a;
        ASSERT_EQ(one.run(s).regs[5], isa_result(sh.kind, a, amount)) << kind_name(sh.kind);
      }
    }
  }
}

// Byte-level model of little-endian memory for the narrow loads and stores.
TEST(SequenceEquivalence, NarrowLoadsAndStoresAtEveryOffset) {
  std::mt19937 rng(4);
  for (int trial = 0; trial < 40; ++trial) {
    const u32 word = static_cast<u32>(rng()), value = static_cast<u32>(rng());
    u8 bytes[4];
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<u8>(word >> (8 * i));
    for (u32 offset = 0; offset < 4; ++offset) {
      const i32 imm = static_cast<i32>(offset) - 4;  // base register points one word further
      const u32 base = kDataBase + 8;
      auto load = [&](u32 funct3) {
        OneInstruction one(enc_i(imm, funct3, 0x03, 6, 7));
        one.memory()[one.machine().layout().word_index(kDataBase + 4)] = word;
        MachineState s = one.start();
        s.regs[7] = base;
        return one.run(s).regs[6];
      };
      auto store = [&](u32 funct3) {
        OneInstruction one(enc_s(imm, funct3, 0x23, 7, 8));
        const u32 index = one.machine().layout().word_index(kDataBase + 4);
        one.memory()[index] = word;
        MachineState s = one.start();
        s.regs[7] = base;
        s.regs[8] = value;
        one.run(s);
        return one.memory()[index];
      };
      EXPECT_EQ(load(0), static_cast<u32>(static_cast<i32>(static_cast<i8>(bytes[offset]))));
      EXPECT_EQ(load(4), u32{bytes[offset]});
      u8 stored[4] = {bytes[0], bytes[1], bytes[2], bytes[3]};
      stored[offset] = static_cast<u8>(value);
      EXPECT_EQ(store(0),
                u32{stored[0]} | u32{stored[1]} << 8 | u32{stored[2]} << 16 | u32{stored[3]} << 24);
      if (offset % 2 == 0) {
        const u16 half = static_cast<u16>(bytes[offset] | bytes[offset + 1] << 8);
        EXPECT_EQ(load(1), static_cast<u32>(static_cast<i32>(static_cast<i16>(half))));
        EXPECT_EQ(load(5), u32{half});
        u8 h[4] = {bytes[0], bytes[1], bytes[2], bytes[3]};
        h[offset] = static_cast<u8>(value);
        h[offset + 1] = static_cast<u8>(value >> 8);
        EXPECT_EQ(store(1), u32{h[0]} | u32{h[1]} << 8 | u32{h[2]} << 16 | u32{h[3]} << 24);
      }
    }
  }
}

TEST(Expansion, SequenceBookkeeping) {
  const auto rows = expand(Decoded{Kind::Div, 3, 1, 2, 0}, 0x80000010u);
  ASSERT_GT(rows.size(), 1u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].address, 0x80000010u);
    EXPECT_EQ(rows[i].sequence_remaining, rows.size() - 1 - i);
    EXPECT_EQ(rows[i].is_first_in_sequence, i == 0);
    EXPECT_TRUE(is_trace_kind(rows[i].kind));
    // Only the last row writes the architectural destination.
    if (i + 1 < rows.size()) {
      EXPECT_TRUE(rows[i].rd == kNoRegister || rows[i].rd >= kFirstTemporary);
    }
  }
  EXPECT_EQ(rows.back().rd, 3);
  // Single-row expansions are one-row sequences; native instructions are not sequences.
  const auto slli = expand(Decoded{Kind::Slli, 3, 1, kNoRegister, 4}, 0x80000000u);
  ASSERT_EQ(slli.size(), 1u);
  EXPECT_EQ(slli[0].kind, Kind::VirtualMuli);
  EXPECT_EQ(slli[0].imm, 16);
  EXPECT_EQ(slli[0].sequence_remaining, 0);
  EXPECT_TRUE(slli[0].is_first_in_sequence);
  const auto add = expand(Decoded{Kind::Add, 3, 1, 2, 0}, 0x80000000u);
  ASSERT_EQ(add.size(), 1u);
  EXPECT_FALSE(add[0].in_sequence());
}

TEST(Expansion, WritesToX0AreRewritten) {
  // Pure computations into x0 become ADDI x0, x0, 0 (a single native row).
  for (Kind k : {Kind::Add, Kind::Div, Kind::Lui, Kind::Sll, Kind::Mulh}) {
    const auto rows = expand(Decoded{k, 0, 1, 2, 0}, 0x80000000u);
    ASSERT_EQ(rows.size(), 1u) << kind_name(k);
    EXPECT_EQ(rows[0].kind, Kind::Addi);
    EXPECT_EQ(rows[0].rd, 0);
    EXPECT_EQ(rows[0].rs1, 0);
    EXPECT_EQ(rows[0].imm, 0);
  }
  // Jumps and loads keep their effect and write the sink register.
  EXPECT_EQ(expand(Decoded{Kind::Jal, 0, kNoRegister, kNoRegister, 8}, 0x80000000u)[0].rd,
            kSinkRegister);
  EXPECT_EQ(expand(Decoded{Kind::Lw, 0, 1, kNoRegister, 0}, 0x80000000u)[0].rd, kSinkRegister);
  EXPECT_EQ(expand(Decoded{Kind::Lbu, 0, 1, kNoRegister, 0}, 0x80000000u).back().rd, kSinkRegister);
}

TEST(Expansion, ImmediateConventions) {
  // Branches, LW and SW keep signed immediates; I-type immediates are unsigned 32-bit words.
  EXPECT_EQ(expand(Decoded{Kind::Beq, kNoRegister, 1, 2, -8}, 0x80000000u)[0].imm, -8);
  EXPECT_EQ(expand(Decoded{Kind::Lw, 1, 2, kNoRegister, -4}, 0x80000000u)[0].imm, -4);
  EXPECT_EQ(expand(Decoded{Kind::Addi, 1, 2, kNoRegister, -1}, 0x80000000u)[0].imm, 0xFFFFFFFFll);
}

}  // namespace
}  // namespace rill::riscv::testing
