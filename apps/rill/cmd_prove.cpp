#include "cli_common.hpp"
#include "commands.hpp"

namespace rill::cli {

Action add_prove_command(CLI::App& app) {
  struct Options {
    std::string program;
    InputOptions input;
    std::string output;
    std::string mode = "linear";
    std::string memory_budget;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "prove",
      "Execute a guest and prove the execution. Both modes emit byte-identical proofs: 'linear'\n"
      "keeps the trace in memory (fastest); 'streaming' re-executes trace chunks from\n"
      "checkpoints so memory grows like sqrt(T).");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF (RV32IM)")
      ->required()
      ->check(CLI::ExistingFile);
  opts->input.add_to(*cmd);
  cmd->add_option("-o,--output", opts->output, "Where to write the proof")->required();
  cmd->add_option("--mode", opts->mode, "Proving mode")
      ->check(CLI::IsMember({"linear", "streaming"}));
  cmd->add_option("--memory-budget", opts->memory_budget,
                  "Pick the mode and chunk sizes that fit this much memory (e.g. 2G, 512M)");
  opts->common.add_threads(*cmd);
  opts->common.add_json(*cmd);
  return [opts] { return not_available("prove", "proving"); };
}

}  // namespace rill::cli
