// Per-cycle witness functions (ARCHITECTURE.md §2): everything a proof stage needs to know about
// cycle j is a pure function of trace row j, row j + 1 (the lookahead; the padding row after the
// last) and small static tables (the expanded bytecode, the memory layout). Both proving modes
// call exactly these functions, which is half of why their proofs are byte-identical.
#pragma once

#include <optional>

#include "rill/riscv/bytecode.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/riscv/trace_row.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/instruction_lookup.hpp"
#include "rill/zkvm/witness/r1cs_inputs.hpp"

namespace rill::zkvm {

// LeftInstructionInput and RightInstructionInput of a row (reference §4.1): the rs1 value, the
// unexpanded PC or 0 on the left; the rs2 value, the immediate as a 32-bit word or 0 on the right.
struct InstructionInputs {
  u32 left = 0;
  u32 right = 0;
};
InstructionInputs instruction_inputs(const riscv::BytecodeRow& code, const riscv::Row& row);

// The instruction lookup of a row (reference §5.1): index, operands, and the table's output at
// the index. VirtualAdvice looks up its advice value, which is the value it writes to rd.
struct CycleLookup {
  lookups::LookupQuery query;
  u32 output = 0;
};
CycleLookup cycle_lookup(const riscv::BytecodeRow& code, const riscv::Row& row);

// All R1CS inputs of cycle `row` (which executed bytecode row `code`), with `next` the
// following row.
R1csInputs r1cs_inputs(const riscv::BytecodeRow& code, const riscv::Row& row,
                       const riscv::Row& next);
// The same, with the row's lookup already computed (cycle_lookup(code, row)); fill_ writes
// every input in place.
R1csInputs r1cs_inputs(const riscv::BytecodeRow& code, const riscv::Row& row,
                       const riscv::Row& next, const CycleLookup& lookup);
void fill_r1cs_inputs(const riscv::BytecodeRow& code, const riscv::Row& row, const riscv::Row& next,
                      const CycleLookup& lookup, R1csInputs& z);
inline R1csInputs r1cs_inputs(const riscv::Bytecode& bytecode, const riscv::Row& row,
                              const riscv::Row& next) {
  return r1cs_inputs(bytecode.row(row.bytecode_index), row, next);
}

// RdInc = rd_post − rd_pre (0 without rd); RamInc = post − pre on a write, else 0.
i64 rd_inc(const riscv::Row& row);
i64 ram_inc(const riscv::Row& row);

// The one-hot chunking of ra polynomials (reference §1.3, §1.5): an address x of `bits` bits is
// cut into d = ⌈bits / log_k_chunk⌉ chunks, chunk 0 the most significant:
//   chunk_i(x) = (x >> log_k_chunk·(d − 1 − i)) & (K_chunk − 1).
struct OneHotParams {
  unsigned log_k_chunk = 4;
  unsigned instruction_chunks = 16;  // d_I = 64 / log_k_chunk
  unsigned bytecode_chunks = 1;      // d_B = ⌈log2 K_bc / log_k_chunk⌉
  unsigned ram_chunks = 1;           // d_R = ⌈log2 K_ram / log_k_chunk⌉

  // log_k_chunk = 4 for log T < 25, else 8 (ARCHITECTURE.md §3); k_bytecode and k_ram are
  // powers of two.
  static OneHotParams for_sizes(u64 padded_len, u64 k_bytecode, u64 k_ram);
};

u32 one_hot_chunk(u64 address, unsigned chunk, unsigned num_chunks, unsigned log_k_chunk);

// InstructionRa(i): chunk i of the lookup index.
u32 instruction_ra_index(const OneHotParams& p, u64 lookup_index, unsigned chunk);
// BytecodeRa(i): chunk i of the expanded PC.
u32 bytecode_ra_index(const OneHotParams& p, u32 pc, unsigned chunk);
// The RAM word index remap(address) = (address − lowest) / 4 of the row's access, or kNoAccess.
u32 ram_word(const riscv::MemoryLayout& layout, const riscv::Row& row);
// RamRa(i): chunk i of the RAM word index, or kNoAccess (an all-zero column) without an access.
u32 ram_ra_index(const OneHotParams& p, u32 ram_word, unsigned chunk);

}  // namespace rill::zkvm
