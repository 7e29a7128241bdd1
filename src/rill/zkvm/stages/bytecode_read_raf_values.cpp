#include "rill/zkvm/stages/bytecode_read_raf_values.hpp"

#include "rill/poly/eq.hpp"
#include "rill/zkvm/shout/bytecode_values.hpp"

namespace rill::zkvm {

namespace {

using shout::BytecodeColumns;
using shout::BytecodeValues;
using shout::RegisterColumn;

// eq(r, x) for an integer x of r.size() bits (r big-endian).
Fr eq_at_index(std::span<const Fr> r, u64 x) {
  Fr e = Fr::one();
  for (std::size_t b = 0; b < r.size(); ++b)
    e *= ((x >> (r.size() - 1 - b)) & 1u) ? r[b] : Fr::one() - r[b];
  return e;
}

// V_s from Val_s, the PC column Id and the entry column (reference §8 weights).
std::array<Fr, kBytecodeGroups> combine(const BytecodeReadRafParams& p,
                                        const std::array<Fr, 5>& val, const Fr& id,
                                        const Fr& entry) {
  std::array<Fr, 8> g;  // γ⁰ … γ⁷
  g[0] = Fr::one();
  for (std::size_t i = 1; i < g.size(); ++i) g[i] = g[i - 1] * p.gamma;
  return {val[0] + g[5] * id, g[1] * val[1], g[2] * val[2] + g[6] * id,
          g[3] * val[3],      g[4] * val[4], g[7] * entry};
}

std::array<Fr, 5> vals(const BytecodeReadRafParams& p, const shout::BytecodeColumnValues& c,
                       const std::array<Fr, 3>& registers) {
  return {shout::bytecode_val_stage1(c, p.beta[0]), shout::bytecode_val_stage2(c, p.beta[1]),
          shout::bytecode_val_stage3(c, p.beta[2]),
          shout::bytecode_val_stage4(registers, p.beta[3]),
          shout::bytecode_val_stage5(c, registers[0], p.beta[4])};
}

}  // namespace

std::size_t bytecode_rows(const BytecodeValues& bytecode) { return bytecode.size(); }
unsigned bytecode_num_vars(const BytecodeValues& bytecode) { return bytecode.num_vars(); }

std::shared_ptr<const BytecodeValues> make_bytecode_values(const riscv::Bytecode& bytecode) {
  return std::make_shared<const BytecodeValues>(bytecode);
}

std::array<tracked_vector<Fr>, kBytecodeGroups> bytecode_value_tables(
    const BytecodeValues& bytecode, const BytecodeReadRafParams& params) {
  std::array<tracked_vector<Fr>, kBytecodeGroups> v;
  for (auto& column : v) column.resize(bytecode.size());
  for (std::size_t k = 0; k < bytecode.size(); ++k) {
    const auto row = bytecode_row_values(bytecode, params, k);
    for (unsigned s = 0; s < kBytecodeGroups; ++s) v[s][k] = row[s];
  }
  return v;
}

std::vector<std::vector<Fr>> BytecodeReadRafParams::group_points() const {
  std::vector<std::vector<Fr>> out(r_cycle.begin(), r_cycle.end());
  out.emplace_back(r_cycle[0].size(), Fr::zero());
  return out;
}

std::array<Fr, kBytecodeGroups> bytecode_row_values(const BytecodeValues& bytecode,
                                                    const BytecodeReadRafParams& params,
                                                    std::size_t k) {
  shout::BytecodeColumnValues c;
  for (std::size_t col = 0; col < BytecodeColumns::kCount; ++col)
    c[col] = Fr::from_i64(bytecode.value(col, k));
  std::array<Fr, 3> registers;
  const RegisterColumn which[3] = {RegisterColumn::kRd, RegisterColumn::kRs1, RegisterColumn::kRs2};
  for (unsigned i = 0; i < 3; ++i) {
    const u8 reg = bytecode.register_index(which[i], k);
    registers[i] = reg == riscv::kNoRegister ? Fr::zero() : eq_at_index(params.r_register, reg);
  }
  return combine(params, vals(params, c, registers), Fr::from_u64(k),
                 k == bytecode.entry_row() ? Fr::one() : Fr::zero());
}

std::array<Fr, kBytecodeGroups> bytecode_point_values(const BytecodeValues& bytecode,
                                                      const BytecodeReadRafParams& params,
                                                      std::span<const Fr> rho) {
  const shout::BytecodeColumnValues c = bytecode.evaluate(rho);
  const std::array<Fr, 3> registers = bytecode.evaluate_registers(rho, params.r_register);
  return combine(params, vals(params, c, registers), shout::bytecode_pc_mle(rho),
                 shout::bytecode_entry_mle(rho, bytecode.entry_row()));
}

Fr bytecode_read_raf_input_claim(const BytecodeReadRafParams& params,
                                 const std::array<std::vector<Fr>, 5>& group_claims,
                                 const Fr& pc_at_cycle1, const Fr& pc_at_cycle3) {
  Fr sum = Fr::zero(), g = Fr::one();
  for (unsigned s = 0; s < 5; ++s, g *= params.gamma) {
    Fr rv = Fr::zero(), b = Fr::one();
    for (const Fr& claim : group_claims[s]) {
      rv += b * claim;
      b *= params.beta[s];
    }
    sum += g * rv;
  }
  // g = γ⁵ here.
  sum += g * pc_at_cycle1;
  g *= params.gamma;
  sum += g * pc_at_cycle3;
  g *= params.gamma;
  return sum + g;
}

}  // namespace rill::zkvm
