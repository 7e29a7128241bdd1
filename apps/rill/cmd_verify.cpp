// `rill verify`: check a proof file against the program and its input. The proof file states
// the outputs it claims; the preprocessing is recomputed from the ELF. Checks every stage, 0–8.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/util/timer.hpp"

namespace rill::cli {

Action add_verify_command(CLI::App& app) {
  struct Options {
    std::string program;
    std::string proof;
    InputOptions input;
    std::string expect_output, max_cycles;
    CLI::Option *expect_output_opt = nullptr, *max_cycles_opt = nullptr;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "verify",
      "Check a proof against the program, its input and the outputs the proof claims. The\n"
      "preprocessing is recomputed from the ELF. Every stage is checked, from the commitments\n"
      "(stage 0) to the batched Dory opening (stage 8). The Dory setup is loaded from the same\n"
      "cache as 'rill prove' uses (generated on first use).\n"
      "The proof must be a regular file of at most the size the statement allows (the output\n"
      "region plus the stages' fixed bound, about 16 MiB).\n"
      "Exit code 0: valid; 1: invalid (the reason is printed), including a proof that does not\n"
      "parse; 2: usage or input error (an input longer than the input region, a proof path that\n"
      "is not a regular file or is over the limit).");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF the proof is about")->required();
  cmd->add_option("PROOF", opts->proof, "Proof file written by 'rill prove'")->required();
  opts->input.add_to(*cmd);
  opts->expect_output_opt = cmd->add_option(
      "--expect-output", opts->expect_output,
      "Also require the proven output to be these bytes (hex); another output is invalid (exit 1)");
  opts->max_cycles_opt = cmd->add_option(
      "--max-cycles", opts->max_cycles,
      fmt::format("Refuse a proof of a run longer than this many expanded rows, 1 to 2^40 "
                  "(default: 2^26 = {}, as 'rill prove'); a proof's T sizes the Dory setup "
                  "the verifier loads",
                  kDefaultMaxCycles));
  opts->common.add_json(*cmd);
  return [opts] {
    set_stage("loading the program");
    const riscv::Program program = riscv::load_elf(opts->program);
    const riscv::MemoryLayout layout(riscv::MemoryConfig{}, program);
    set_stage("reading the input");
    const std::vector<std::uint8_t> input = opts->input.load(layout.config().max_input);
    std::vector<std::uint8_t> expected;
    if (opts->expect_output_opt->count() > 0) {
      expected = parse_hex("--expect-output", opts->expect_output, layout.config().max_output,
                           "the output region", "--max-output");
    }
    const std::uint64_t max_cycles =
        parse_max_cycles(opts->max_cycles_opt, opts->max_cycles, kDefaultMaxCycles);
    set_stage("reading the proof");
    const std::vector<std::uint8_t> bytes = read_proof_file(opts->proof, layout);
    set_stage("verifying");
    const Stopwatch watch;
    const VerifyReport verdict =
        rill::verify(program, input, bytes, riscv::MemoryConfig{},
                     opts->expect_output_opt->count() > 0 ? &expected : nullptr, max_cycles);
    const double seconds = watch.seconds();
    const bool parsed = verdict.padded_t != 0;
    if (opts->common.json) {
      nlohmann::json j = {
          {"valid", verdict.valid}, {"seconds", seconds}, {"setup_seconds", verdict.setup_seconds}};
      if (parsed) {
        j["output"] = to_hex(verdict.output);
        j["panicked"] = verdict.panicked;
        j["padded_t"] = verdict.padded_t;
      }
      if (!verdict.valid) j["reason"] = verdict.reason;
      fmt::print("{}\n", j.dump());
    } else if (verdict.valid) {
      fmt::print("valid (stages {}): output {}{}, T = {}, {:.3f} s ({:.3f} s loading the setup)\n",
                 proven_stages(), to_hex(verdict.output),
                 verdict.panicked ? ", guest panicked" : ", no panic", verdict.padded_t, seconds,
                 verdict.setup_seconds);
    } else {
      fmt::print("invalid: {}\n", verdict.reason);
    }
    return verdict.valid ? kExitOk : kExitRejected;
  };
}

}  // namespace rill::cli
