// Rill's C++ API: prove a guest's run and verify a proof, in one header. The `rill` command line
// program only wraps these two calls (apps/rill); examples/prove_and_verify.cpp shows them in use.
//
//   const riscv::Program program = riscv::load_elf("guest.elf");
//   const rill::ProveReport proved = rill::prove(program, input);
//   const rill::VerifyReport checked = rill::verify(program, input, proved.proof);
//   // checked.valid, checked.output, checked.panicked
//
// Errors: bad programs, inputs and the cycle limit throw rill::InputError or
// riscv::ExecutionError (both derive from std::runtime_error, with a message for the user);
// verify never throws on untrusted proof bytes, it reports why a proof is invalid.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/memory_layout.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/hex.hpp"  // to_hex, for reports
#include "rill/zkvm/prover/options.hpp"
#include "rill/zkvm/prover/prover.hpp"

namespace rill {

// The cycle limit when none is given: 2^26 expanded rows, four times the largest canonical
// benchmark (2^24).
inline constexpr std::uint64_t kDefaultMaxCycles = std::uint64_t{1} << 26;

struct ProveSettings {
  zkvm::ProverOptions prover;  // mode, memory budget, threads, chunk size: never the proof bytes
  std::uint64_t max_cycles = kDefaultMaxCycles;  // a run longer than this is an error
  riscv::MemoryConfig memory{};  // the guest's memory layout (part of the statement)
  // Called with what the prover starts doing ("executing the guest", "proving (linear mode)", …),
  // e.g. to name the phase in an out-of-memory message.
  std::function<void(std::string_view)> on_phase;
};

struct ProveReport {
  std::vector<std::uint8_t> proof;  // the serialized proof (docs/proof-format.md)
  std::vector<std::uint8_t> output;
  bool panicked = false;
  bool terminated = false;
  std::uint64_t cycles = 0;        // expanded rows executed
  std::uint64_t instructions = 0;  // RISC-V instructions retired
  std::uint64_t padded_t = 0;      // T
  zkvm::ProvingMode mode = zkvm::ProvingMode::kLinear;
  // Streaming mode: how many rounds before ⌊log T/2⌋ the cycle phases switched to memory (the
  // budget's choice, memory_model.hpp); empty in linear mode.
  std::optional<unsigned> switch_early;
  std::vector<zkvm::StageReport> stages;           // stages 0–8, in run order
  std::vector<zkvm::ProofSection> proof_sections;  // bytes per part of `proof`
  double setup_seconds = 0;  // loading (or generating) the Dory setup, not in any stage
};

// Executes the guest (twice when a budget picks linear mode: first checkpointed, to learn T) and
// returns the trace source its proof will read, resolving `options` in place: under a memory
// budget (options.memory_budget != 0) the mode comes from the memory model (memory_model.hpp) and
// the budget is cleared; streaming mode gets a replayed trace whose checkpoints fit the budget,
// linear mode the stored trace. Throws InputError before the guest runs when not even streaming
// fits the budget. `phase` (optional) is told what starts.
std::unique_ptr<riscv::TraceSource> open_trace(
    const riscv::Machine& machine, std::span<const std::uint8_t> input,
    zkvm::ProverOptions& options, std::uint64_t max_cycles,
    const std::function<void(std::string_view)>& phase = {});

// Runs `program` on `input` and proves the run in the mode the settings choose.
ProveReport prove(const riscv::Program& program, std::span<const std::uint8_t> input,
                  const ProveSettings& settings = {});

struct VerifyReport {
  bool valid = false;
  std::string reason;  // why the proof is invalid (empty when valid)
  // What the proof states (filled when the proof parses).
  std::vector<std::uint8_t> output;
  bool panicked = false;
  std::uint64_t padded_t = 0;
  double setup_seconds = 0;  // loading the Dory setup (0 when this process already had it)
};

// Checks `proof` against the program, the input and the output and panic flag the proof states;
// with `expected_output`, a proof of any other output is invalid too. A proof of a run longer
// than `max_cycles` (its padded T above that of max_cycles) is invalid: its size picks the Dory
// setup the verifier loads.
VerifyReport verify(const riscv::Program& program, std::span<const std::uint8_t> input,
                    std::span<const std::uint8_t> proof, const riscv::MemoryConfig& memory = {},
                    const std::vector<std::uint8_t>* expected_output = nullptr,
                    std::uint64_t max_cycles = kDefaultMaxCycles);

}  // namespace rill
