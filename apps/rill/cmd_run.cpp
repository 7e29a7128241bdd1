// `rill run`: execute a guest in the emulator (no proof) and report its I/O and trace size.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/riscv/execution.hpp"

namespace rill::cli {

Action add_run_command(CLI::App& app) {
  struct Options {
    std::string program;
    InputOptions input;
    std::uint64_t max_cycles = 0;
    riscv::MemoryConfig memory;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "run",
      "Execute a guest program in the emulator (no proof): prints its output bytes (hex), the\n"
      "panic flag, the cycle count (RISC-V instructions and expanded rows) and the padded trace\n"
      "length T. Exit code 1 when the guest panicked, 2 for a bad ELF, an unprovable execution\n"
      "(illegal instruction, misaligned or out-of-layout access, ECALL) or the cycle limit.");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF (RV32IM, linked at 0x80000000)")
      ->required()
      ->check(CLI::ExistingFile);
  opts->input.add_to(*cmd);
  cmd->add_option("--max-cycles", opts->max_cycles,
                  "Stop with an error after this many expanded rows (default: no limit)");
  cmd->add_option("--max-input", opts->memory.max_input,
                  "Input region size in bytes (must match the guest's RILL_MAX_INPUT)")
      ->capture_default_str();
  cmd->add_option("--max-output", opts->memory.max_output,
                  "Output region size in bytes (must match the guest's RILL_MAX_OUTPUT)")
      ->capture_default_str();
  cmd->add_option("--heap-size", opts->memory.heap_size, "Heap bytes after the program image")
      ->capture_default_str();
  opts->common.add_json(*cmd);
  return [opts] {
    const std::vector<std::uint8_t> input = opts->input.load();
    const riscv::Machine machine(riscv::load_elf(opts->program), opts->memory);
    const riscv::ExecutionSummary run = riscv::execute(machine, input, opts->max_cycles);
    if (opts->common.json) {
      nlohmann::json j = {{"output", to_hex(run.output)},     {"panicked", run.panicked},
                          {"instructions", run.instructions}, {"rows", run.rows},
                          {"padded_t", run.padded_len},       {"k_ram", run.k_ram}};
      fmt::print("{}\n", j.dump());
    } else {
      fmt::print("output:       {}\n", run.output.empty() ? "(none)" : to_hex(run.output));
      fmt::print("panicked:     {}\n", run.panicked ? "yes" : "no");
      fmt::print("instructions: {} (RISC-V instructions retired)\n", run.instructions);
      fmt::print("rows:         {} (expanded trace rows)\n", run.rows);
      fmt::print("padded T:     {}\n", run.padded_len);
      fmt::print("K_ram:        {} words\n", run.k_ram);
    }
    return run.panicked ? kExitRejected : kExitOk;
  };
}

}  // namespace rill::cli
