// The statement a proof proves and the transcript preamble that binds it (ARCHITECTURE.md §3,
// §4; docs/proof-format.md, "Proof container and stage 1").
#pragma once

#include <array>
#include <span>
#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/util/int.hpp"

namespace rill::zkvm {

// Version history: 1, stage 1 only; 2, the container carries the claimed output bytes and panic
// flag, so a proof file states its own public outputs; 3, the stage table: K_bc in the header, one
// codec for every stage (per-round degrees, counts from the table); 4, stages 2–3; 5, stages 4–7;
// 6, the whole proof: commitments (stage 0), the batched Dory opening (stage 8) and the setup
// digest in the preamble (docs/proof-format.md).
inline constexpr u32 kProofFormatVersion = 6;
inline constexpr std::string_view kTranscriptLabel = "rill";

struct Statement {
  std::array<u8, 32> program_digest{};
  riscv::MemoryConfig memory;  // with the program, determines the layout
  u64 lowest = 0;              // the layout's lowest address (start of the I/O block)
  u64 program_end = 0;         // end of the program image (text, data, bss, stack)
  u64 memory_end = 0;          // end of the heap, exclusive
  u64 bytecode_k = 0;          // K_bc
  u32 entry = 0;
  std::vector<u8> input, output;
  bool panicked = false;
  u64 trace_length = 0;  // T
  u64 ram_k = 0;         // K_ram
  u32 log_k_chunk = 0;
  // DoryVerifierSetup::digest(σ) of the setup the commitments and the opening use (dory_setup.hpp);
  // set by prove() and verify() after make_statement (stage-level tests leave it zero).
  std::array<u8, 32> setup_digest{};
};

// BLAKE2b-based digest of the preprocessing: the expanded bytecode (every field the prover
// reads) and the program's initial image words.
std::array<u8, 32> program_digest(const riscv::Machine& machine);

Statement make_statement(const riscv::Machine& machine, std::span<const u8> input,
                         std::span<const u8> output, bool panicked, u64 trace_length, u64 ram_k);

// A fresh transcript with the preamble appended.
Transcript start_transcript(const Statement& statement);

}  // namespace rill::zkvm
