// `rill verify`: check a proof file against the program and its input. The proof file states
// the outputs it claims; the preprocessing is recomputed from the ELF.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/util/timer.hpp"
#include "rill/zkvm/prover/prover.hpp"

namespace rill::cli {

Action add_verify_command(CLI::App& app) {
  struct Options {
    std::string program;
    std::string proof;
    InputOptions input;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "verify",
      "Check a proof against the program, its input and the outputs the proof claims. The\n"
      "preprocessing is recomputed from the ELF. This build checks stages 1-3 of the protocol "
      "only\n"
      "(see 'rill prove --help'). The proof must be a regular file of at most the size the\n"
      "statement allows (the output region plus the stages' fixed bound, about 16 MiB).\n"
      "Exit code 0: valid; 1: invalid (the reason is printed), including a proof that does not\n"
      "parse; 2: usage or input error (an input longer than the input region, a proof path that\n"
      "is not a regular file or is over the limit).");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF the proof is about")->required();
  cmd->add_option("PROOF", opts->proof, "Proof file written by 'rill prove'")->required();
  opts->input.add_to(*cmd);
  opts->common.add_json(*cmd);
  return [opts] {
    set_stage("loading the program");
    const riscv::Machine machine(riscv::load_elf(opts->program), riscv::MemoryConfig{});
    set_stage("reading the input");
    const std::vector<std::uint8_t> input = opts->input.load(machine.layout().config().max_input);
    set_stage("reading the proof");
    const std::vector<std::uint8_t> bytes = read_proof_file(opts->proof, machine.layout());
    set_stage("verifying");
    const Stopwatch watch;
    const zkvm::ProofDecoding decoded = zkvm::deserialize(bytes);
    zkvm::VerifyResult verdict;
    if (decoded.proof) {
      const zkvm::Proof& proof = *decoded.proof;
      verdict = zkvm::verify(machine, input, proof.output, proof.panicked, proof);
    } else {
      verdict.reason = "malformed proof: " + decoded.error;
    }
    const double seconds = watch.seconds();
    if (opts->common.json) {
      nlohmann::json j = {{"valid", verdict.ok}, {"seconds", seconds}};
      if (decoded.proof) {
        j["output"] = to_hex(decoded.proof->output);
        j["panicked"] = decoded.proof->panicked;
      }
      if (!verdict.ok) j["reason"] = verdict.reason;
      fmt::print("{}\n", j.dump());
    } else if (verdict.ok) {
      fmt::print("valid (stages 1-3): output {}{}, {:.3f} s\n", to_hex(decoded.proof->output),
                 decoded.proof->panicked ? ", guest panicked" : "", seconds);
    } else {
      fmt::print("invalid: {}\n", verdict.reason);
    }
    return verdict.ok ? kExitOk : kExitRejected;
  };
}

}  // namespace rill::cli
