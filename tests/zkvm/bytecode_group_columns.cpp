#include "bytecode_group_columns.hpp"

#include "rill/zkvm/shout/bytecode_values.hpp"

namespace rill::zkvm::testing {

namespace {

Fr eq_reg(std::span<const Fr> r, u8 reg) {
  if (reg == riscv::kNoRegister) return Fr::zero();
  Fr e = Fr::one();
  for (std::size_t b = 0; b < r.size(); ++b)
    e *= ((reg >> (r.size() - 1 - b)) & 1u) ? r[b] : Fr::one() - r[b];
  return e;
}

}  // namespace

std::array<std::vector<Fr>, 5> bytecode_group_columns(const shout::BytecodeValues& bc,
                                                      std::size_t k, std::span<const Fr> r_reg) {
  using C = shout::BytecodeColumns;
  const auto v = [&](std::size_t column) { return Fr::from_i64(bc.value(column, k)); };
  std::array<std::vector<Fr>, 5> g;
  g[0] = {v(C::kUnexpandedPc), v(C::kImm)};
  for (std::size_t f = 0; f < kNumCircuitFlags; ++f) g[0].push_back(v(C::kCircuitFlags + f));
  g[1] = {v(C::of(CircuitFlag::kJump)), v(C::of(InstructionFlag::kBranch)),
          v(C::of(CircuitFlag::kWriteLookupOutputToRd)),
          v(C::of(CircuitFlag::kVirtualInstruction))};
  g[2] = {v(C::kImm),
          v(C::kUnexpandedPc),
          v(C::of(InstructionFlag::kLeftOperandIsRs1Value)),
          v(C::of(InstructionFlag::kLeftOperandIsPc)),
          v(C::of(InstructionFlag::kRightOperandIsRs2Value)),
          v(C::of(InstructionFlag::kRightOperandIsImm)),
          v(C::of(InstructionFlag::kIsNoop)),
          v(C::of(CircuitFlag::kVirtualInstruction)),
          v(C::of(CircuitFlag::kIsFirstInSequence))};
  const Fr rd = eq_reg(r_reg, bc.register_index(shout::RegisterColumn::kRd, k));
  g[3] = {rd, eq_reg(r_reg, bc.register_index(shout::RegisterColumn::kRs1, k)),
          eq_reg(r_reg, bc.register_index(shout::RegisterColumn::kRs2, k))};
  g[4] = {rd, v(C::kRafFlag)};
  for (std::size_t t = 0; t < lookups::kNumTables; ++t) g[4].push_back(v(C::kTableFlags + t));
  return g;
}

}  // namespace rill::zkvm::testing
