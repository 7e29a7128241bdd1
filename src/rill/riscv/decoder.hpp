// RV32IM decoder: one 32-bit instruction word to a kind and its operands.
#pragma once

#include <optional>
#include <string>

#include "rill/riscv/instruction.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

// Register index meaning "this operand is absent" (a branch has no rd, LUI has no rs1, …).
inline constexpr u8 kNoRegister = 0xFF;

// A decoded RV32IM instruction. `imm` is the sign-extended immediate as the ISA defines it (for
// LUI/AUIPC the value already shifted left by 12; for shifts by an immediate the shift amount).
struct Decoded {
  Kind kind = Kind::NoOp;
  u8 rd = kNoRegister;
  u8 rs1 = kNoRegister;
  u8 rs2 = kNoRegister;
  i32 imm = 0;
  bool operator==(const Decoded&) const = default;
};

// Decodes `word`; std::nullopt for anything that is not RV32IM (compressed encodings, CSR
// instructions, reserved bits set, FENCE.I, …).
std::optional<Decoded> decode(u32 word);

// "addi x1, x2, -3": for error messages and debugging.
std::string to_string(const Decoded& d);

}  // namespace rill::riscv
