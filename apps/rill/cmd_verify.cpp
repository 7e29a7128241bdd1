#include "cli_common.hpp"
#include "commands.hpp"

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
      "preprocessing is recomputed from the ELF. Exit code 0: valid; 1: invalid (the reason is\n"
      "printed); 2: usage or input error.");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF the proof is about")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("PROOF", opts->proof, "Proof file written by 'rill prove'")
      ->required()
      ->check(CLI::ExistingFile);
  opts->input.add_to(*cmd);
  opts->common.add_json(*cmd);
  return [opts] { return not_available("verify", "verification"); };
}

}  // namespace rill::cli
