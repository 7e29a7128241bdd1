// The instruction → lookup map at XLEN = 32: every trace kind with a lookup has a table, and for
// random and edge operands the table's entry at the formed index is the instruction's result as
// the riscv layer specifies it (riscv::lookup_output, which the emulator executes) and, for native
// kinds, as the RISC-V ISA manual defines it (written out again below).
#include "rill/zkvm/lookups/instruction_lookup.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/field/fr.hpp"

namespace rill::zkvm::lookups {
namespace {

using riscv::Kind;

constexpr u32 kIntMin = 0x80000000u;
constexpr u32 kIntMax = 0x7FFFFFFFu;

bool has_lookup(Kind kind) {
  return riscv::writes_lookup_output_to_rd(kind) || riscv::is_branch(kind) ||
         riscv::is_jump(kind) || riscv::is_assert(kind);
}

// Edge operands: 0, 1, −1, INT_MIN, INT_MAX, small shift amounts and the shift masks of 0 and 31.
std::vector<u32> edge_operands() {
  return {0,
          1,
          ~0u,
          kIntMin,
          kIntMax,
          2,
          31,
          32,
          0x1F,
          0x20,
          0xFFFFFFFEu,
          kIntMin + 1,
          riscv::shift_bitmask(0),
          riscv::shift_bitmask(31),
          0x12345678u};
}

// Operand pairs for a kind: all pairs of edge operands, random pairs, and for the virtual shifts
// every mask-form shift amount with edge and random left operands.
std::vector<std::pair<u32, u32>> operand_pairs(Kind kind, std::mt19937_64& rng) {
  std::vector<std::pair<u32, u32>> pairs;
  const std::vector<u32> edges = edge_operands();
  for (u32 x : edges) {
    for (u32 y : edges) pairs.emplace_back(x, y);
  }
  for (int i = 0; i < 2000; ++i)
    pairs.emplace_back(static_cast<u32>(rng()), static_cast<u32>(rng()));
  const bool virtual_shift = kind == Kind::VirtualSrl || kind == Kind::VirtualSrli ||
                             kind == Kind::VirtualSra || kind == Kind::VirtualSrai;
  if (virtual_shift) {
    for (u32 s = 0; s < 32; ++s) {
      for (u32 x : edges) pairs.emplace_back(x, riscv::shift_bitmask(s));
      pairs.emplace_back(static_cast<u32>(rng()), riscv::shift_bitmask(s));
    }
  }
  return pairs;
}

// RV32IM results from the ISA manual for the native kinds (x = rs1 or PC, y = rs2 or immediate;
// branches give whether they are taken, jumps their target; LUI has x = 0).
std::optional<u32> isa_result(Kind kind, u32 x, u32 y) {
  const i32 sx = static_cast<i32>(x), sy = static_cast<i32>(y);
  switch (kind) {
    case Kind::Add:
    case Kind::Addi:
    case Kind::Auipc:
    case Kind::Jal:
    case Kind::Lui:
      return x + y;
    case Kind::Jalr:
      return (x + y) & ~1u;
    case Kind::Sub:
      return x - y;
    case Kind::And:
    case Kind::Andi:
      return x & y;
    case Kind::Or:
    case Kind::Ori:
      return x | y;
    case Kind::Xor:
    case Kind::Xori:
      return x ^ y;
    case Kind::Slt:
    case Kind::Slti:
    case Kind::Blt:
      return sx < sy ? 1 : 0;
    case Kind::Sltu:
    case Kind::Sltiu:
    case Kind::Bltu:
      return x < y ? 1 : 0;
    case Kind::Beq:
      return x == y ? 1 : 0;
    case Kind::Bne:
      return x != y ? 1 : 0;
    case Kind::Bge:
      return sx >= sy ? 1 : 0;
    case Kind::Bgeu:
      return x >= y ? 1 : 0;
    case Kind::Mul:
      return static_cast<u32>(static_cast<u64>(x) * y);
    case Kind::Mulhu:
      return static_cast<u32>((static_cast<u64>(x) * y) >> 32);
    default:
      return std::nullopt;
  }
}

TEST(InstructionLookup, EveryTraceKindWithALookupHasATable) {
  for (Kind kind : riscv::kTraceKinds) {
    const InstructionLookup lookup = instruction_lookup(kind);
    EXPECT_EQ(lookup.table.has_value(), has_lookup(kind)) << riscv::kind_name(kind);
  }
  // kTraceKinds is the emulator's whole output alphabet: every trace kind is listed in it.
  std::size_t trace_kinds = 0;
  for (Kind kind : riscv::kAllKinds) trace_kinds += riscv::is_trace_kind(kind) ? 1 : 0;
  EXPECT_EQ(trace_kinds, riscv::kTraceKinds.size());
}

// Kinds that are always expanded (or are outside the protocol) never reach a lookup: asking for
// one is a bug and aborts rather than returning a silent default.
TEST(InstructionLookupDeathTest, KindsOutsideTheTraceAbort) {
  for (Kind kind : {Kind::Lb, Kind::Sll, Kind::Div, Kind::Ecall}) {
    EXPECT_DEATH(instruction_lookup(kind), "not a trace kind") << riscv::kind_name(kind);
  }
}

TEST(InstructionLookup, OutputEqualsSpecifiedResultOnEdgeAndRandomOperands) {
  std::mt19937_64 rng(32);
  for (Kind kind : riscv::kTraceKinds) {
    const auto pairs = operand_pairs(kind, rng);
    std::size_t mismatches = 0;
    for (const auto& [x, y] : pairs) {
      const u32 expected = riscv::lookup_output(kind, x, y);
      const u32 got = table_lookup_output(kind, x, y);
      if (got != expected && mismatches++ < 3) {
        ADD_FAILURE() << riscv::kind_name(kind) << "(" << std::hex << x << ", " << y
                      << "): table gives " << got << ", specified " << expected;
      }
    }
    EXPECT_EQ(mismatches, 0u) << riscv::kind_name(kind);
  }
}

TEST(InstructionLookup, NativeKindsMatchTheIsaManual) {
  std::mt19937_64 rng(64);
  std::size_t kinds_checked = 0;
  for (Kind kind : riscv::kTraceKinds) {
    if (!isa_result(kind, 0, 0)) continue;
    ++kinds_checked;
    for (const auto& [x, y] : operand_pairs(kind, rng)) {
      ASSERT_EQ(table_lookup_output(kind, x, y), *isa_result(kind, x, y))
          << riscv::kind_name(kind) << "(" << x << ", " << y << ")";
    }
  }
  EXPECT_EQ(kinds_checked, 25u);
}

TEST(InstructionLookup, VirtualShiftsShiftByTheMaskAmount) {
  for (u32 s = 0; s < 32; ++s) {
    const u32 mask = riscv::shift_bitmask(s);
    for (u32 x : edge_operands()) {
      EXPECT_EQ(table_lookup_output(Kind::VirtualSrl, x, mask), x >> s);
      EXPECT_EQ(table_lookup_output(Kind::VirtualSrai, x, mask),
                static_cast<u32>(static_cast<i32>(x) >> s));
    }
    EXPECT_EQ(table_lookup_output(Kind::VirtualShiftRightBitmask, s, 0), mask);
    EXPECT_EQ(table_lookup_output(Kind::VirtualPow2, 0, s), u32{1} << s);
  }
}

TEST(InstructionLookup, OperandsFollowTheInterleavingFlag) {
  std::mt19937_64 rng(5);
  for (Kind kind : riscv::kTraceKinds) {
    const InstructionLookup lookup = instruction_lookup(kind);
    for (int i = 0; i < 100; ++i) {
      const u32 x = static_cast<u32>(rng()), y = static_cast<u32>(rng());
      const LookupQuery q = lookup_query(kind, x, y);
      if (!lookup.table) {
        EXPECT_EQ(q.index, 0u);
        EXPECT_EQ(q.left_operand, 0u);
        EXPECT_EQ(q.right_operand, 0u);
      } else if (lookup.interleaved()) {
        EXPECT_EQ(q.left_operand, x);
        EXPECT_EQ(q.right_operand, y);
        EXPECT_EQ(uninterleave<32>(q.index), std::make_pair(u64{x}, u64{y}));
      } else {
        EXPECT_EQ(q.left_operand, 0u);
        EXPECT_EQ(q.right_operand, q.index);
      }
    }
  }
  EXPECT_EQ(lookup_query(Kind::Sub, 5, 7).index, (u64{1} << 32) - 2);
  EXPECT_EQ(lookup_query(Kind::Mulhu, ~0u, ~0u).index, 0xFFFFFFFE00000001ull);
}

// The verifier's view: the table's MLE over Fr at the boolean point of the index is the output.
TEST(InstructionLookup, FrMleAtTheIndexGivesTheOutput) {
  std::mt19937_64 rng(11);
  for (Kind kind : riscv::kTraceKinds) {
    const InstructionLookup lookup = instruction_lookup(kind);
    if (!lookup.table) continue;
    for (int i = 0; i < 20; ++i) {
      const u32 x = static_cast<u32>(rng()),
                y = i < 5 ? edge_operands()[i] : static_cast<u32>(rng());
      const u64 index = lookup_query(kind, x, y).index;
      std::vector<Fr> point(64);
      for (unsigned p = 0; p < 64; ++p) point[p] = Fr::from_u64((index >> (63 - p)) & 1);
      const Fr mle = evaluate_table_mle<kLookupXlen, Fr>(*lookup.table, std::span<const Fr>(point));
      EXPECT_EQ(mle, Fr::from_u64(riscv::lookup_output(kind, x, y))) << riscv::kind_name(kind);
    }
  }
}

}  // namespace
}  // namespace rill::zkvm::lookups
