#include "rill/riscv/bytecode.hpp"

#include <algorithm>

#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"

namespace rill::riscv {

namespace {

// The little-endian word at `address`, read from the segment that holds it (0 if none).
u32 read_word(const Program& program, u32 address) {
  for (const Segment& s : program.segments) {
    if (address >= s.vaddr && u64{address} + 4 <= u64{s.vaddr} + s.bytes.size()) {
      const u8* p = s.bytes.data() + (address - s.vaddr);
      return u32{p[0]} | u32{p[1]} << 8 | u32{p[2]} << 16 | u32{p[3]} << 24;
    }
  }
  return 0;
}

}  // namespace

Bytecode::Bytecode(const Program& program) {
  RILL_CHECK(!program.text.empty(), "program without text");
  text_begin_ = program.text.front().begin;
  text_size_ = program.text.back().end - text_begin_;
  first_row_.assign(text_size_ / 4, kNoRow);
  words_.assign(text_size_ / 4, 0);
  rows_.push_back(BytecodeRow{});  // row 0: the NoOp
  for (const AddressRange& range : program.text) {
    for (u32 a = range.begin; a < range.end; a += 4) {
      const u32 slot = (a - text_begin_) / 4;
      words_[slot] = read_word(program, a);
      const auto decoded = decode(words_[slot]);
      if (!decoded || decoded->kind == Kind::Ecall || decoded->kind == Kind::Ebreak) continue;
      first_row_[slot] = static_cast<u32>(rows_.size());
      for (BytecodeRow& r : expand(*decoded, a)) rows_.push_back(r);
    }
  }
  // Control-flow links: inside a sequence the next row; after a source instruction the first
  // row of the instruction at address + 4; branch and JAL targets at address + imm.
  for (std::size_t i = 1; i < rows_.size(); ++i) {
    BytecodeRow& r = rows_[i];
    const bool last = !r.in_sequence() || r.sequence_remaining == 0;
    r.fallthrough = last ? row_of(r.address + 4) : static_cast<u32>(i + 1);
    if (is_branch(r.kind) || r.kind == Kind::Jal) r.target = row_of(r.address + r.imm_word());
  }
  entry_row_ = row_of(program.entry);
}

std::size_t Bytecode::padded_size() const {
  return std::max<std::size_t>(2, next_pow2(rows_.size()));
}

u32 Bytecode::word_at(u32 address) const {
  const u32 offset = address - text_begin_;
  if (offset >= text_size_) return 0;
  return words_[offset >> 2];
}

bool Bytecode::is_system(u32 address) const {
  const u32 w = word_at(address);
  return (address & 3u) == 0 && (w == 0x00000073u || w == 0x00100073u);
}

}  // namespace rill::riscv
