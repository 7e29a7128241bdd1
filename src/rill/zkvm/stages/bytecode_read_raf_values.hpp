// The bytecode side of the bytecode read-RAF (bytecode_read_raf.hpp): the value columns V_s over
// the expanded bytecode rows and at a point. Kept apart from the stage code because
// witness/bytecode_flags.hpp (read by shout/bytecode_values.hpp) and stages/claims.hpp both
// declare rill::zkvm::InstructionFlag: no translation unit may include both.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/util/tracked_alloc.hpp"

namespace rill::riscv {
class Bytecode;
}
namespace rill::zkvm::shout {
class BytecodeValues;
}

namespace rill::zkvm {

inline constexpr unsigned kBytecodeGroups = 6;  // the five Val_s groups and the entry term

// The randomness the relation depends on.
struct BytecodeReadRafParams {
  std::array<std::vector<Fr>, 5> r_cycle;  // r_c^1 … r_c^5 (log T each)
  std::vector<Fr> r_register;              // r_a^4 (6 coordinates)
  Fr gamma;
  std::array<Fr, 5> beta;
  // The cycle points of the six groups: r_c^1 … r_c^5, then 0 (the entry term).
  std::vector<std::vector<Fr>> group_points() const;
};

// V_1 … V_5, V_e at row k (exact integers of the row, combined in the field).
std::array<Fr, kBytecodeGroups> bytecode_row_values(const shout::BytecodeValues& bytecode,
                                                    const BytecodeReadRafParams& params,
                                                    std::size_t k);
// V_1 … V_5, V_e at a big-endian point ρ (log K_bc coordinates): their MLEs, O(K_bc).
std::array<Fr, kBytecodeGroups> bytecode_point_values(const shout::BytecodeValues& bytecode,
                                                      const BytecodeReadRafParams& params,
                                                      std::span<const Fr> rho);
// The input claim Σ_s γ^{s−1}·rv_s + γ⁵·pc1 + γ⁶·pc3 + γ⁷ from rv_s = Σ_f β_s^f·claim_f.
Fr bytecode_read_raf_input_claim(const BytecodeReadRafParams& params,
                                 const std::array<std::vector<Fr>, 5>& group_claims,
                                 const Fr& pc_at_cycle1, const Fr& pc_at_cycle3);

// V_s over every row: tables[s][k], s < kBytecodeGroups.
std::array<tracked_vector<Fr>, kBytecodeGroups> bytecode_value_tables(
    const shout::BytecodeValues& bytecode, const BytecodeReadRafParams& params);
// K_bc and log K_bc.
std::size_t bytecode_rows(const shout::BytecodeValues& bytecode);
unsigned bytecode_num_vars(const shout::BytecodeValues& bytecode);
// The columns of an expanded program (padded to K_bc).
std::shared_ptr<const shout::BytecodeValues> make_bytecode_values(const riscv::Bytecode& bytecode);

}  // namespace rill::zkvm
