#include "cli_common.hpp"
#include "commands.hpp"

namespace rill::cli {

Action add_bench_command(CLI::App& app) {
  struct Options {
    std::string guest = "sha2_chain";
    unsigned log_cycles = 16;
    std::string mode = "linear";
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "bench",
      "Prove a canonical guest sized to about 2^N cycles and report cycles, padded T, seconds per\n"
      "stage, throughput and peak RSS.");
  cmd->add_option("--guest", opts->guest, "Canonical guest")
      ->check(CLI::IsMember({"fibonacci", "muldiv", "sha2_chain"}));
  cmd->add_option("--log-cycles", opts->log_cycles, "log2 of the target cycle count")
      ->check(CLI::Range(8u, 28u));
  cmd->add_option("--mode", opts->mode, "Proving mode")
      ->check(CLI::IsMember({"linear", "streaming"}));
  opts->common.add_threads(*cmd);
  opts->common.add_json(*cmd);
  return [opts] { return not_available("bench", "proving"); };
}

}  // namespace rill::cli
