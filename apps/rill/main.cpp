// rill: prove and verify RISC-V (RV32IM) executions with the Jolt proof system.
// This file only parses the command line and maps errors to exit codes; the work is in the
// library layers, reached through the subcommands in cmd_*.cpp.
#include <fmt/format.h>

#include <exception>
#include <new>
#include <utility>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/util/error.hpp"
#include "rill/util/parallel.hpp"

int main(int argc, char** argv) {
  using namespace rill::cli;
  CLI::App app{
      "Rill proves that a RISC-V (RV32IM) program, run on given inputs, produced given outputs.\n"
      "The proof system is Jolt's (sumcheck, Twist/Shout, Spartan, Dory over BN254). The\n"
      "streaming mode keeps memory growing like sqrt(T) in the cycle count and emits the same\n"
      "proof bytes as the linear mode.\n\n"
      "Exit codes: 0 success / proof valid, 1 proof invalid or guest panicked, 2 usage or input\n"
      "error.",
      "rill"};
  app.require_subcommand(1, 1);
  app.set_version_flag("--version", "rill 0.1.0");

  const std::pair<const char*, Action> commands[] = {
      {"run", add_run_command(app)},
      {"prove", add_prove_command(app)},
      {"verify", add_verify_command(app)},
      {"bench", add_bench_command(app)},
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "rill: {} (see 'rill --help')\n", e.what());
    return kExitUsage;
  }

  try {
    for (const auto& [name, action] : commands) {
      if (app.got_subcommand(name)) return action();
    }
  } catch (const rill::InputError& e) {
    fmt::print(stderr, "rill: {}\n", e.what());
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    // No proof file exists yet (the proof is written last, through a temporary file that is
    // removed on any failure).
    fmt::print(stderr,
               "rill: out of memory while {}; try '--mode streaming' or a '--memory-budget' below "
               "the available memory, or a smaller input\n",
               current_stage());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "rill: unexpected error: {}\n", e.what());
    return kExitUsage;
  }
  return kExitUsage;
}
