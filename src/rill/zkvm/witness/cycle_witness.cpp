#include "rill/zkvm/witness/cycle_witness.hpp"

#include <bit>

#include "rill/util/bits.hpp"
#include "rill/util/check.hpp"

namespace rill::zkvm {

namespace {

using riscv::Kind;
using riscv::Row;

i128 flag(bool b) { return b ? 1 : 0; }

unsigned chunks_for(unsigned bits, unsigned log_k_chunk) {
  return std::max(1u, (bits + log_k_chunk - 1) / log_k_chunk);
}

}  // namespace

InstructionInputs instruction_inputs(const riscv::BytecodeRow& code, const Row& row) {
  const riscv::OperandSources sources = riscv::operand_sources(row.kind);
  InstructionInputs in;
  switch (sources.left) {
    case riscv::LeftOperand::Rs1:
      in.left = row.rs1_value;
      break;
    case riscv::LeftOperand::Pc:
      in.left = row.address;
      break;
    case riscv::LeftOperand::None:
      break;
  }
  switch (sources.right) {
    case riscv::RightOperand::Rs2:
      in.right = row.rs2_value;
      break;
    case riscv::RightOperand::Imm:
      in.right = code.imm_word();
      break;
    case riscv::RightOperand::None:
      break;
  }
  return in;
}

CycleLookup cycle_lookup(const riscv::BytecodeRow& code, const Row& row) {
  const InstructionInputs in = instruction_inputs(code, row);
  // The advice value is not an instruction input; it is what the row writes to rd.
  const u32 y = row.kind == Kind::VirtualAdvice ? row.rd_post : in.right;
  return {lookups::lookup_query(row.kind, in.left, y),
          lookups::table_lookup_output(row.kind, in.left, y)};
}

R1csInputs r1cs_inputs(const riscv::BytecodeRow& code, const Row& row, const Row& next) {
  return r1cs_inputs(code, row, next, cycle_lookup(code, row));
}

R1csInputs r1cs_inputs(const riscv::BytecodeRow& code, const Row& row, const Row& next,
                       const CycleLookup& lookup) {
  R1csInputs z;
  fill_r1cs_inputs(code, row, next, lookup, z);
  return z;
}

void fill_r1cs_inputs(const riscv::BytecodeRow& code, const Row& row, const Row& next,
                      const CycleLookup& lookup, R1csInputs& z) {
  const InstructionInputs in = instruction_inputs(code, row);
  const lookups::OperandCombination combination = lookups::instruction_lookup(row.kind).combination;
  const bool load = row.kind == Kind::Lw;
  const bool store = row.kind == Kind::Sw;
  const bool jump = riscv::is_jump(row.kind);
  const bool in_sequence = row.sequence_remaining != riscv::kNotInSequence;

  z[Input::kLeftInstructionInput] = in.left;
  z[Input::kRightInstructionInput] = in.right;
  z[Input::kProduct] = static_cast<i128>(u64{in.left} * u64{in.right});
  z[Input::kShouldBranch] = riscv::is_branch(row.kind) ? lookup.output : 0;
  z[Input::kPc] = row.bytecode_index;
  z[Input::kUnexpandedPc] = row.address;
  z[Input::kImm] = code.imm;
  z[Input::kRamAddress] = row.ram_op == riscv::RamOp::None ? 0 : row.ram_address;
  z[Input::kRs1Value] = row.rs1_value;
  z[Input::kRs2Value] = row.rs2_value;
  z[Input::kRdWriteValue] = row.rd_post;
  z[Input::kRamReadValue] = row.ram_op == riscv::RamOp::None ? 0 : row.ram_pre;
  z[Input::kRamWriteValue] = row.ram_op == riscv::RamOp::None ? 0 : row.ram_post;
  z[Input::kLeftLookupOperand] = static_cast<i128>(lookup.query.left_operand);
  z[Input::kRightLookupOperand] = static_cast<i128>(lookup.query.right_operand);
  z[Input::kNextUnexpandedPc] = next.address;
  z[Input::kNextPc] = next.bytecode_index;
  z[Input::kNextIsVirtual] = flag(next.sequence_remaining != riscv::kNotInSequence);
  z[Input::kNextIsFirstInSequence] = flag(next.is_first_in_sequence);
  z[Input::kLookupOutput] = lookup.output;
  // ShouldJump = Jump·(1 − NextIsNoop): the jump into the padding does not constrain NextPC.
  z[Input::kShouldJump] = flag(jump && !next.is_noop());

  z[Input::kFlagAddOperands] = flag(combination == lookups::OperandCombination::kAdd);
  z[Input::kFlagSubtractOperands] = flag(combination == lookups::OperandCombination::kSubtract);
  z[Input::kFlagMultiplyOperands] = flag(combination == lookups::OperandCombination::kMultiply);
  z[Input::kFlagLoad] = flag(load);
  z[Input::kFlagStore] = flag(store);
  z[Input::kFlagJump] = flag(jump);
  z[Input::kFlagWriteLookupOutputToRd] = flag(riscv::writes_lookup_output_to_rd(row.kind));
  z[Input::kFlagVirtualInstruction] = flag(in_sequence);
  z[Input::kFlagAssert] = flag(riscv::is_assert(row.kind));
  // Set inside a sequence except on its last row, and on NoOp (padding stays where it is).
  z[Input::kFlagDoNotUpdateUnexpandedPc] =
      flag(row.is_noop() || (in_sequence && row.sequence_remaining != 0));
  z[Input::kFlagAdvice] = flag(combination == lookups::OperandCombination::kAdvice);
  z[Input::kFlagIsFirstInSequence] = flag(row.is_first_in_sequence);
  z[Input::kFlagIsLastInSequence] = flag(in_sequence && row.sequence_remaining == 0);
}

i64 rd_inc(const Row& row) { return i64{row.rd_post} - i64{row.rd_pre}; }

i64 ram_inc(const Row& row) {
  return row.ram_op == riscv::RamOp::Write ? i64{row.ram_post} - i64{row.ram_pre} : 0;
}

OneHotParams OneHotParams::for_sizes(u64 padded_len, u64 k_bytecode, u64 k_ram) {
  RILL_CHECK(is_pow2(padded_len) && is_pow2(k_bytecode) && is_pow2(k_ram),
             "sizes must be powers of two");
  OneHotParams p;
  p.log_k_chunk = log2_exact(padded_len) < 25 ? 4 : 8;
  p.instruction_chunks = 64 / p.log_k_chunk;
  p.bytecode_chunks = chunks_for(log2_exact(k_bytecode), p.log_k_chunk);
  p.ram_chunks = chunks_for(log2_exact(k_ram), p.log_k_chunk);
  return p;
}

u32 one_hot_chunk(u64 address, unsigned chunk, unsigned num_chunks, unsigned log_k_chunk) {
  RILL_CHECK(chunk < num_chunks, "chunk index out of range");
  const unsigned shift = log_k_chunk * (num_chunks - 1 - chunk);
  const u64 shifted = shift >= 64 ? 0 : address >> shift;
  return static_cast<u32>(shifted & ((u64{1} << log_k_chunk) - 1));
}

u32 instruction_ra_index(const OneHotParams& p, u64 lookup_index, unsigned chunk) {
  return one_hot_chunk(lookup_index, chunk, p.instruction_chunks, p.log_k_chunk);
}

u32 bytecode_ra_index(const OneHotParams& p, u32 pc, unsigned chunk) {
  return one_hot_chunk(pc, chunk, p.bytecode_chunks, p.log_k_chunk);
}

u32 ram_word(const riscv::MemoryLayout& layout, const Row& row) {
  if (row.ram_op == riscv::RamOp::None) return kNoAccess;
  return layout.word_index(row.ram_address);
}

u32 ram_ra_index(const OneHotParams& p, u32 ram_word, unsigned chunk) {
  if (ram_word == kNoAccess) return kNoAccess;
  return one_hot_chunk(ram_word, chunk, p.ram_chunks, p.log_k_chunk);
}

}  // namespace rill::zkvm
