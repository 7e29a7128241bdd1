#include "cli_common.hpp"
#include "commands.hpp"

namespace rill::cli {

Action add_run_command(CLI::App& app) {
  struct Options {
    std::string program;
    InputOptions input;
    std::uint64_t max_cycles = 0;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "run",
      "Execute a guest program in the emulator (no proof): prints its output bytes (hex), the\n"
      "panic flag, the cycle count (RISC-V instructions and expanded rows) and the padded trace\n"
      "length T.");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF (RV32IM, linked at 0x80000000)")
      ->required()
      ->check(CLI::ExistingFile);
  opts->input.add_to(*cmd);
  cmd->add_option("--max-cycles", opts->max_cycles,
                  "Stop with an error after this many expanded rows (default: no limit)");
  opts->common.add_json(*cmd);
  return [opts] { return not_available("run", "the RISC-V emulator"); };
}

}  // namespace rill::cli
