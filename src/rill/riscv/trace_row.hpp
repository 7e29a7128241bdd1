// One trace row: one executed expanded-bytecode row (jolt-protocol.md §1.2), everything the
// per-cycle witness functions read besides the bytecode row itself.
#pragma once

#include "rill/riscv/bytecode.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

enum class RamOp : u8 { None, Read, Write };

// Padding rows (and bytecode row 0) are Row{}: bytecode_index 0, kind NoOp, no registers, no RAM.
struct Row {
  u32 bytecode_index = 0;  // expanded PC: the row of Bytecode::rows() that was executed
  u32 address = 0;         // unexpanded PC (ELF address of the source instruction); 0 for NoOp
  u32 rs1_value = 0;       // value read from rs1 (0 when the row has no rs1)
  u32 rs2_value = 0;       // value read from rs2 (0 when the row has no rs2)
  u32 rd_pre = 0;          // rd before the write (0 when the row has no rd)
  u32 rd_post = 0;         // rd after the write (0 when the row has no rd)
  u32 ram_address = 0;     // byte address of the LW/SW (0 when ram_op is None)
  u32 ram_pre = 0;         // word before the access (a read leaves it: ram_post == ram_pre)
  u32 ram_post = 0;        // word after the access
  u16 sequence_remaining = kNotInSequence;  // copied from the bytecode row
  Kind kind = Kind::NoOp;                   // copied from the bytecode row
  u8 rs1 = kNoRegister;                     // register indices, copied from the bytecode row
  u8 rs2 = kNoRegister;
  u8 rd = kNoRegister;
  RamOp ram_op = RamOp::None;
  bool is_first_in_sequence = false;

  bool is_noop() const { return kind == Kind::NoOp; }
  bool in_sequence() const { return sequence_remaining != kNotInSequence; }
  bool operator==(const Row&) const = default;
};

static_assert(sizeof(Row) <= 48, "a trace row must stay within 48 bytes");

}  // namespace rill::riscv
