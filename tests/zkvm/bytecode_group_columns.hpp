// Test helper: the bytecode columns each read group of the bytecode read-RAF weighs (reference §8
// table), per bytecode row, straight from shout::BytecodeValues. In its own translation unit
// because shout/bytecode_values.hpp and zkvm/stages/claims.hpp cannot share one.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/field/fr.hpp"

namespace rill::zkvm::shout {
class BytecodeValues;
}

namespace rill::zkvm::testing {

// Group s's columns at row k in weight order (group 4: eq(rd), eq(rs1), eq(rs2) at r_reg;
// group 5: eq(rd), InstructionRafFlag, LookupTableFlag(t)).
std::array<std::vector<Fr>, 5> bytecode_group_columns(const shout::BytecodeValues& bytecode,
                                                      std::size_t k, std::span<const Fr> r_reg);

}  // namespace rill::zkvm::testing
