// Expanded bytecode: every instruction of the program's text turned into its final rows
// (jolt-protocol.md §6), the table the bytecode Shout instance reads, and the map from ELF
// addresses to expanded row indices.
//
// Registers: 0–31 architectural, 32–39 the temporaries of virtual sequences, 40 the sink that
// side-effecting instructions with rd = x0 write instead (reference §4.2); kNumRegisters = 64.
#pragma once

#include <span>
#include <vector>

#include "rill/riscv/decoder.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/instruction.hpp"
#include "rill/util/int.hpp"

namespace rill::riscv {

inline constexpr unsigned kNumRegisters = 64;
inline constexpr u8 kFirstTemporary = 32;
inline constexpr unsigned kNumTemporaries = 8;
inline constexpr u8 kSinkRegister = 40;

// virtual_sequence_remaining of a row that is not part of a sequence ("None" in the reference).
inline constexpr u16 kNotInSequence = 0xFFFF;
// Row index sentinels of the address map and of BytecodeRow::target / fallthrough.
inline constexpr u32 kNoRow = 0xFFFFFFFFu;

// The value a VirtualAdvice row writes, computed by the emulator from the source instruction's
// rs1/rs2 values (sequence registers are untouched when the advice row, always the first, runs).
enum class Advice : u8 { None, UnsignedQuotient, SignedQuotient, SignedRemainderMagnitude };

struct BytecodeRow {
  // What the prover reads.
  Kind kind = Kind::NoOp;
  u8 rd = kNoRegister;   // kNoRegister when the kind writes no register
  u8 rs1 = kNoRegister;  // kNoRegister when the kind reads no rs1
  u8 rs2 = kNoRegister;
  u32 address = 0;  // ELF address of the source instruction (the "unexpanded PC"); 0 for NoOp
  // The protocol immediate (reference §4.1): signed for branches, LW and SW; for every other kind
  // the sign-extended immediate read as an unsigned 32-bit value.
  i64 imm = 0;
  u16 sequence_remaining = kNotInSequence;  // rows left after this one in its sequence
  bool is_first_in_sequence = false;
  // Emulator bookkeeping, derived from the above and the address map.
  Advice advice = Advice::None;
  u8 advice_rs1 = kNoRegister;  // the source instruction's rs1 / rs2 (advice rows only)
  u8 advice_rs2 = kNoRegister;
  u32 target = kNoRow;       // branches and JAL: the row index of address + imm
  u32 fallthrough = kNoRow;  // the next row index when no jump or branch is taken

  bool in_sequence() const { return sequence_remaining != kNotInSequence; }
  // The 32-bit immediate operand (both conventions of `imm` agree modulo 2^32).
  u32 imm_word() const { return static_cast<u32>(imm); }
  bool operator==(const BytecodeRow&) const = default;
};

// Expands one decoded instruction at `address` into its rows (without target/fallthrough), after
// the rd = x0 rewrite. Expansion of a system kind (ECALL/EBREAK) is a bug (RILL_CHECK).
std::vector<BytecodeRow> expand(const Decoded& instruction, u32 address);

class Bytecode {
 public:
  // Decodes and expands every word of the program's text. Words that do not decode (data in a
  // text section, unsupported encodings) get no rows; executing one is an error at run time.
  explicit Bytecode(const Program& program);

  // Row 0 is the NoOp; then the rows of each instruction in address order.
  std::span<const BytecodeRow> rows() const { return rows_; }
  const BytecodeRow& row(u32 index) const { return rows_[index]; }
  std::size_t size() const { return rows_.size(); }
  // K_bc: the table size padded with NoOps to a power of two (at least 2).
  std::size_t padded_size() const;

  // Index of the first row of the instruction at `address`, or kNoRow when there is none (not
  // in the text, unaligned, undecodable, or a system instruction).
  u32 row_of(u32 address) const {
    const u32 offset = address - text_begin_;
    if (offset >= text_size_ || (offset & 3u) != 0) return kNoRow;
    return first_row_[offset >> 2];
  }
  u32 entry_row() const { return entry_row_; }
  // True when `address` lies in the span of the program text.
  bool in_text(u32 address) const { return address - text_begin_ < text_size_; }
  // The raw instruction word at `address` (0 when outside the text), for error messages.
  u32 word_at(u32 address) const;
  bool is_system(u32 address) const;  // ECALL or EBREAK at that address

 private:
  std::vector<BytecodeRow> rows_;
  u32 text_begin_ = 0;
  u32 text_size_ = 0;
  std::vector<u32> first_row_;  // per text word
  std::vector<u32> words_;      // per text word
  u32 entry_row_ = kNoRow;
};

}  // namespace rill::riscv
