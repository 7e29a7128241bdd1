#include "rill/zkvm/prover/statement.hpp"

#include "rill/riscv/memory_layout.hpp"
#include "rill/zkvm/witness/cycle_witness.hpp"

namespace rill::zkvm {

namespace {

void put_le(std::vector<u8>& out, u64 v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(static_cast<u8>(v >> (8 * i)));
}

}  // namespace

std::array<u8, 32> program_digest(const riscv::Machine& machine) {
  std::vector<u8> code;
  for (const riscv::BytecodeRow& row : machine.bytecode().rows()) {
    put_le(code, static_cast<u8>(row.kind), 1);
    put_le(code, row.rd, 1);
    put_le(code, row.rs1, 1);
    put_le(code, row.rs2, 1);
    put_le(code, row.address, 4);
    put_le(code, static_cast<u64>(row.imm), 8);
    put_le(code, row.sequence_remaining, 2);
    put_le(code, row.is_first_in_sequence ? 1 : 0, 1);
  }
  std::vector<u8> image;
  for (const riscv::MemoryWord& w :
       riscv::program_image_words(machine.program(), machine.layout())) {
    put_le(image, w.index, 4);
    put_le(image, w.value, 4);
  }
  Transcript hash("rill-program-digest");
  hash.append_bytes("bytecode", code);
  hash.append_bytes("image", image);
  return hash.challenge_bytes();
}

Statement make_statement(const riscv::Machine& machine, std::span<const u8> input,
                         std::span<const u8> output, bool panicked, u64 trace_length, u64 ram_k) {
  Statement s;
  s.program_digest = program_digest(machine);
  s.memory = machine.layout().config();
  s.lowest = machine.layout().lowest();
  s.program_end = machine.layout().program_end();
  s.memory_end = machine.layout().memory_end();
  s.bytecode_k = machine.bytecode().padded_size();
  s.entry = machine.program().entry;
  s.input.assign(input.begin(), input.end());
  s.output.assign(output.begin(), output.end());
  s.panicked = panicked;
  s.trace_length = trace_length;
  s.ram_k = ram_k;
  s.log_k_chunk = trace_length >= 2 && ram_k >= 1
                      ? OneHotParams::for_sizes(trace_length, 2, ram_k).log_k_chunk
                      : 0;
  return s;
}

Transcript start_transcript(const Statement& s) {
  Transcript t(kTranscriptLabel);
  t.append_u64("format_version", kProofFormatVersion);
  t.append_bytes("program_digest", s.program_digest);
  t.append_u64("max_input", s.memory.max_input);
  t.append_u64("max_output", s.memory.max_output);
  t.append_u64("heap_size", s.memory.heap_size);
  // The whole layout, so that two programs with equal words but different segment sizes (a
  // longer bss) have different statements.
  t.append_u64("lowest", s.lowest);
  t.append_u64("program_end", s.program_end);
  t.append_u64("memory_end", s.memory_end);
  t.append_u64("entry", s.entry);
  t.append_bytes("input", s.input);
  t.append_bytes("output", s.output);
  t.append_u64("panic", s.panicked ? 1 : 0);
  t.append_u64("trace_length", s.trace_length);
  t.append_u64("ram_k", s.ram_k);
  t.append_u64("log_k_chunk", s.log_k_chunk);
  t.append_u64("bytecode_k", s.bytecode_k);
  // Protocol configuration: Twist binds address variables first (ARCHITECTURE.md §3), and the
  // committed polynomials use the CycleMajor layout (k·T + j) in one Dory shape.
  t.append_u64("rw_address_first", 1);
  t.append_u64("commitment_layout_cycle_major", 1);
  t.append_bytes("dory_setup", s.setup_digest);
  return t;
}

}  // namespace rill::zkvm
