#include "rill/zkvm/shout/bytecode_values.hpp"

#include <bit>

#include "rill/poly/eq.hpp"
#include "rill/util/check.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"

namespace rill::zkvm::shout {

namespace {

using C = BytecodeColumns;

std::vector<riscv::BytecodeRow> padded(std::vector<riscv::BytecodeRow> rows) {
  const std::size_t size = std::max<std::size_t>(2, std::bit_ceil(rows.size()));
  rows.resize(size, riscv::BytecodeRow{});
  return rows;
}

// β^0, β^1, … as a running power.
struct Powers {
  Fr beta;
  Fr next = Fr::one();
  Fr operator()() {
    const Fr p = next;
    next = next * beta;
    return p;
  }
};

constexpr unsigned kRegisterBits = std::countr_zero(riscv::kNumRegisters);

}  // namespace

BytecodeValues::BytecodeValues(const riscv::Bytecode& bytecode)
    : BytecodeValues(
          std::vector<riscv::BytecodeRow>(bytecode.rows().begin(), bytecode.rows().end()),
          bytecode.entry_row()) {
  RILL_CHECK_EQ(size(), bytecode.padded_size(), "padded like the bytecode");
}

BytecodeValues::BytecodeValues(std::vector<riscv::BytecodeRow> rows, u32 entry_row)
    : rows_(padded(std::move(rows))),
      num_vars_(static_cast<unsigned>(std::countr_zero(rows_.size()))),
      entry_row_(entry_row) {}

i64 BytecodeValues::value(std::size_t column, std::size_t k) const {
  RILL_CHECK(column < C::kCount && k < rows_.size(), "column and row in range");
  const riscv::BytecodeRow& row = rows_[k];
  if (column == C::kUnexpandedPc) return row.address;
  if (column == C::kImm) return row.imm;
  if (column < C::kInstructionFlags) return circuit_flags(row)[column - C::kCircuitFlags] ? 1 : 0;
  if (column < C::kRafFlag) return instruction_flags(row)[column - C::kInstructionFlags] ? 1 : 0;
  if (column == C::kRafFlag) return instruction_raf_flag(row) ? 1 : 0;
  const auto table = lookups::instruction_lookup(row.kind).table;
  return table && C::of(*table) == column ? 1 : 0;
}

u8 BytecodeValues::register_index(RegisterColumn column, std::size_t k) const {
  const riscv::BytecodeRow& row = rows_[k];
  switch (column) {
    case RegisterColumn::kRd:
      return row.rd;
    case RegisterColumn::kRs1:
      return row.rs1;
    case RegisterColumn::kRs2:
      return row.rs2;
  }
  return riscv::kNoRegister;
}

// column(r) = Σ_k eq(r, k)·column(k): flags add eq(r, k) when set, the two word columns add
// eq(r, k)·value.
BytecodeColumnValues BytecodeValues::evaluate(std::span<const Fr> r) const {
  RILL_CHECK_EQ(r.size(), std::size_t{num_vars_}, "one coordinate per row-index bit");
  const auto eq = eq_table(r);
  BytecodeColumnValues acc;
  acc.fill(Fr::zero());
  for (std::size_t k = 0; k < rows_.size(); ++k) {
    const riscv::BytecodeRow& row = rows_[k];
    const Fr& e = eq[k];
    acc[C::kUnexpandedPc] = acc[C::kUnexpandedPc] + e.mul_u64(row.address);
    acc[C::kImm] = acc[C::kImm] + e.mul_i64(row.imm);
    const auto circuit = circuit_flags(row);
    for (std::size_t f = 0; f < kNumCircuitFlags; ++f) {
      if (circuit[f]) acc[C::kCircuitFlags + f] = acc[C::kCircuitFlags + f] + e;
    }
    const auto instruction = instruction_flags(row);
    for (std::size_t f = 0; f < kNumInstructionFlags; ++f) {
      if (instruction[f]) acc[C::kInstructionFlags + f] = acc[C::kInstructionFlags + f] + e;
    }
    const lookups::InstructionLookup lookup = lookups::instruction_lookup(row.kind);
    if (!lookup.interleaved()) acc[C::kRafFlag] = acc[C::kRafFlag] + e;
    if (lookup.table) acc[C::of(*lookup.table)] = acc[C::of(*lookup.table)] + e;
  }
  return acc;
}

std::array<Fr, 3> BytecodeValues::evaluate_registers(std::span<const Fr> r,
                                                     std::span<const Fr> r_reg) const {
  RILL_CHECK_EQ(r.size(), std::size_t{num_vars_}, "one coordinate per row-index bit");
  RILL_CHECK_EQ(r_reg.size(), std::size_t{kRegisterBits}, "one coordinate per register bit");
  const auto eq = eq_table(r);
  const auto eq_reg = eq_table(r_reg);  // eq(r_reg, register index)
  std::array<Fr, 3> acc = {Fr::zero(), Fr::zero(), Fr::zero()};
  for (std::size_t k = 0; k < rows_.size(); ++k) {
    for (unsigned c = 0; c < 3; ++c) {
      const u8 reg = register_index(static_cast<RegisterColumn>(c), k);
      if (reg != riscv::kNoRegister) acc[c] = acc[c] + eq[k] * eq_reg[reg];
    }
  }
  return acc;
}

Fr bytecode_pc_mle(std::span<const Fr> r) {
  Fr sum = Fr::zero();
  for (const Fr& ri : r) sum = sum + sum + ri;  // Horner: Σ_i 2^{n−1−i}·r[i]
  return sum;
}

Fr bytecode_entry_mle(std::span<const Fr> r, u32 entry_row) {
  Fr e = Fr::one();
  const std::size_t n = r.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool bit = ((u64{entry_row} >> (n - 1 - i)) & 1) != 0;
    e = e * (bit ? r[i] : Fr::one() - r[i]);
  }
  return e;
}

Fr bytecode_val_stage1(const BytecodeColumnValues& c, const Fr& beta) {
  Powers p{beta};
  Fr v = p() * c[C::kUnexpandedPc];
  v = v + p() * c[C::kImm];
  for (std::size_t f = 0; f < kNumCircuitFlags; ++f) v = v + p() * c[C::kCircuitFlags + f];
  return v;
}

Fr bytecode_val_stage2(const BytecodeColumnValues& c, const Fr& beta) {
  Powers p{beta};
  Fr v = p() * c[C::of(CircuitFlag::kJump)];
  v = v + p() * c[C::of(InstructionFlag::kBranch)];
  v = v + p() * c[C::of(CircuitFlag::kWriteLookupOutputToRd)];
  v = v + p() * c[C::of(CircuitFlag::kVirtualInstruction)];
  return v;
}

Fr bytecode_val_stage3(const BytecodeColumnValues& c, const Fr& beta) {
  Powers p{beta};
  Fr v = p() * c[C::kImm];
  v = v + p() * c[C::kUnexpandedPc];
  v = v + p() * c[C::of(InstructionFlag::kLeftOperandIsRs1Value)];
  v = v + p() * c[C::of(InstructionFlag::kLeftOperandIsPc)];
  v = v + p() * c[C::of(InstructionFlag::kRightOperandIsRs2Value)];
  v = v + p() * c[C::of(InstructionFlag::kRightOperandIsImm)];
  v = v + p() * c[C::of(InstructionFlag::kIsNoop)];
  v = v + p() * c[C::of(CircuitFlag::kVirtualInstruction)];
  v = v + p() * c[C::of(CircuitFlag::kIsFirstInSequence)];
  return v;
}

Fr bytecode_val_stage4(const std::array<Fr, 3>& registers, const Fr& beta) {
  return registers[0] + beta * (registers[1] + beta * registers[2]);
}

Fr bytecode_val_stage5(const BytecodeColumnValues& c, const Fr& rd_eq, const Fr& beta) {
  Powers p{beta};
  Fr v = p() * rd_eq;
  v = v + p() * c[C::kRafFlag];
  for (std::size_t t = 0; t < lookups::kNumTables; ++t) v = v + p() * c[C::kTableFlags + t];
  return v;
}

}  // namespace rill::zkvm::shout
