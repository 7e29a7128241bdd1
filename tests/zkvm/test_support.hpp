// Shared helpers of the zkvm integration tests: canonical guests run to a materialized row
// source, and small random-instruction programs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rill/riscv/execution.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"
#include "row_vector_source.hpp"

namespace rill::zkvm::testing {

struct GuestRun {
  std::unique_ptr<riscv::Machine> machine;
  std::vector<u8> input;
  riscv::ExecutionSummary summary;
  RowVectorSource source;
};

// What the per-row records of a run are computed from (its bytecode, layout and chunking).
RecordContext record_context(const GuestRun& run);

// The guest <name>.elf from the build's guest directory, run on the little-endian u32 `n`.
GuestRun run_guest(const std::string& name, u32 n);

// A straight-line program of `length` random RV32IM instructions (ALU, M extension, loads and
// stores into a data buffer, forward branches), ending with the self-jump; seeded.
GuestRun run_random_program(u64 seed, unsigned length);

// The whole prover on a run, with the process's shared setup sized to it.
ProveResult prove_run(const GuestRun& run, const ProverOptions& options);

// The setup the tests verify with: it serves σ ≤ 10 (T ≤ 2^16 with 4-bit chunks), so a mutated
// header stating a larger T is refused rather than served by building a larger setup.
const DoryVerifierSetup& test_verifier_setup();

// verify() against the statement given, with the test setup.
VerifyResult verify_statement(const riscv::Machine& machine, std::span<const u8> input,
                              std::span<const u8> output, bool panicked, const Proof& proof);
// verify() against the run's own statement.
VerifyResult verify_run(const GuestRun& run, const Proof& proof);

// The verifier's transcript for the statement `proof` states about the run, after the preamble
// and the commitments (stage 0): where a replay of stages 1, 2, … starts.
Transcript transcript_after_stage0(const GuestRun& run, const Proof& proof);

// The report of stage `name` ("stage 1", "stage 6a", …) in a prover's result.
const StageReport& stage_report(const ProveResult& result, std::string_view name);

}  // namespace rill::zkvm::testing
