// The `rill` subcommands. Each add_*_command registers its subcommand, its options and its
// help text on `app`, and returns the action to run when that subcommand was chosen (the action
// returns the process exit code, see cli_common.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace rill::cli {

using Action = std::function<int()>;

Action add_run_command(CLI::App& app);
Action add_prove_command(CLI::App& app);
Action add_verify_command(CLI::App& app);
Action add_bench_command(CLI::App& app);

}  // namespace rill::cli
