#include "rill/zkvm/witness/cycle_record.hpp"

#include <algorithm>

namespace rill::zkvm {

namespace {

u32 register_or_none(u8 reg) { return reg == riscv::kNoRegister ? kNoAccess : u32{reg}; }

}  // namespace

// chunk_i(x) = (x >> w·(d − 1 − i)) & (2^w − 1), chunk 0 most significant (cycle_witness.hpp).
template <class Out>
void split_chunks(u64 x, unsigned d, unsigned w, Out* out) {
  const u64 mask = (u64{1} << w) - 1;
  for (unsigned i = 0; i < d; ++i) {
    const unsigned shift = w * (d - 1 - i);
    out[i] = static_cast<Out>(shift >= 64 ? 0 : (x >> shift) & mask);
  }
}

void fill_cycle_record(const RecordContext& ctx, const riscv::Row& row, const riscv::Row& next,
                       CycleRecord& r) {
  const riscv::BytecodeRow& code = ctx.bytecode->row(row.bytecode_index);
  const OneHotParams& p = ctx.one_hot;
  r.row = row;
  const CycleLookup lookup = cycle_lookup(code, row);
  fill_r1cs_inputs(code, row, next, lookup, r.z);
  r.lookup_index = lookup.query.index;
  const lookups::InstructionLookup kind = lookups::instruction_lookup(row.kind);
  r.table = kind.table ? static_cast<u8>(*kind.table) : CycleRecord::kNoTable;
  r.interleaved = kind.interleaved();
  r.next_is_noop = next.is_noop();
  r.rd_inc = rd_inc(row);
  r.ram_inc = ram_inc(row);
  r.ram_word = ram_word(*ctx.layout, row);
  r.rs1 = register_or_none(row.rs1);
  r.rs2 = register_or_none(row.rs2);
  r.rd = register_or_none(row.rd);
  RILL_DCHECK(p.instruction_chunks <= kMaxInstructionChunks, "too many instruction chunks");
  split_chunks(r.lookup_index, p.instruction_chunks, p.log_k_chunk, r.instruction_chunks.data());
  split_chunks(row.bytecode_index, p.bytecode_chunks, p.log_k_chunk, r.bytecode_chunks.data());
  if (r.ram_word == kNoAccess) {
    std::fill_n(r.ram_chunks.begin(), p.ram_chunks, kNoAccess);
  } else {
    split_chunks(r.ram_word, p.ram_chunks, p.log_k_chunk, r.ram_chunks.data());
  }
}

CycleRecord cycle_record(const RecordContext& ctx, const riscv::Row& row, const riscv::Row& next) {
  CycleRecord r;
  fill_cycle_record(ctx, row, next, r);
  return r;
}

}  // namespace rill::zkvm
