#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

namespace {

u32 register_or_none(u8 reg) { return reg == riscv::kNoRegister ? kNoAccess : u32{reg}; }

}  // namespace

CycleRecord cycle_record(const RecordContext& ctx, const riscv::Row& row, const riscv::Row& next) {
  const riscv::BytecodeRow& code = ctx.bytecode->row(row.bytecode_index);
  const OneHotParams& p = ctx.one_hot;
  CycleRecord r;
  r.row = row;
  r.z = r1cs_inputs(code, row, next);
  const CycleLookup lookup = cycle_lookup(code, row);
  r.lookup_index = lookup.query.index;
  const lookups::InstructionLookup kind = lookups::instruction_lookup(row.kind);
  if (kind.table) r.table = static_cast<u8>(*kind.table);
  r.interleaved = kind.interleaved();
  r.next_is_noop = next.is_noop();
  r.rd_inc = rd_inc(row);
  r.ram_inc = ram_inc(row);
  r.ram_word = ram_word(*ctx.layout, row);
  r.rs1 = register_or_none(row.rs1);
  r.rs2 = register_or_none(row.rs2);
  r.rd = register_or_none(row.rd);
  RILL_DCHECK(p.instruction_chunks <= kMaxInstructionChunks, "too many instruction chunks");
  for (unsigned i = 0; i < p.instruction_chunks; ++i)
    r.instruction_chunks[i] = static_cast<u8>(instruction_ra_index(p, r.lookup_index, i));
  for (unsigned i = 0; i < p.bytecode_chunks; ++i)
    r.bytecode_chunks[i] = static_cast<u8>(bytecode_ra_index(p, row.bytecode_index, i));
  for (unsigned i = 0; i < p.ram_chunks; ++i) r.ram_chunks[i] = ram_ra_index(p, r.ram_word, i);
  return r;
}

}  // namespace rill::zkvm
