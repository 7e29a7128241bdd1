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
    std::string max_cycles, max_input, max_output, heap_size;
    CLI::Option *max_cycles_opt = nullptr, *max_input_opt = nullptr, *max_output_opt = nullptr,
                *heap_size_opt = nullptr;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  const riscv::MemoryConfig defaults;
  auto* cmd = app.add_subcommand(
      "run",
      "Execute a guest program in the emulator (no proof): prints its output bytes (hex), whether\n"
      "it terminated normally or panicked, the cycle count (RISC-V instructions and expanded\n"
      "rows) and the padded trace length T. A guest halts only at the runtime's final jump after\n"
      "rill_exit or rill_panic; any other endless loop runs into the cycle limit. Exit code 1\n"
      "when the guest panicked, 2 for a bad ELF, an unprovable execution (illegal instruction,\n"
      "misaligned or out-of-layout access, ECALL) or the cycle limit.");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF (RV32IM, linked at 0x80000000)")->required();
  opts->input.add_to(*cmd);
  opts->max_cycles_opt = cmd->add_option(
      "--max-cycles", opts->max_cycles,
      fmt::format("Stop with a 'cycle limit' error after this many expanded rows, 1 "
                  "to 2^40 (default: 2^26 = {})",
                  kDefaultMaxCycles));
  opts->max_input_opt =
      cmd->add_option("--max-input", opts->max_input,
                      fmt::format("Input region size in bytes, a multiple of 4 (default {}; must "
                                  "match the guest's RILL_MAX_INPUT)",
                                  defaults.max_input));
  opts->max_output_opt =
      cmd->add_option("--max-output", opts->max_output,
                      fmt::format("Output region size in bytes, a multiple of 4 (default {}; must "
                                  "match the guest's RILL_MAX_OUTPUT)",
                                  defaults.max_output));
  opts->heap_size_opt = cmd->add_option(
      "--heap-size", opts->heap_size,
      fmt::format("Heap bytes after the program image, a multiple of 4 (default {})",
                  defaults.heap_size));
  opts->common.add_json(*cmd);
  return [opts] {
    riscv::MemoryConfig memory;
    auto u32_option = [](const CLI::Option* opt, const std::string& text, u32& out) {
      if (opt->count() > 0)
        out = static_cast<u32>(parse_count(opt->get_name(), text, 0, 0xFFFFFFFFu));
    };
    u32_option(opts->max_input_opt, opts->max_input, memory.max_input);
    u32_option(opts->max_output_opt, opts->max_output, memory.max_output);
    u32_option(opts->heap_size_opt, opts->heap_size, memory.heap_size);
    const std::uint64_t max_cycles =
        parse_max_cycles(opts->max_cycles_opt, opts->max_cycles, kDefaultMaxCycles);
    set_stage("loading the program");
    const riscv::Machine machine(riscv::load_elf(opts->program), memory);
    set_stage("reading the input");
    const std::vector<std::uint8_t> input = opts->input.load(machine.layout().config().max_input);
    set_stage("executing the guest");
    const riscv::ExecutionSummary run = riscv::execute(machine, input, max_cycles);
    if (opts->common.json) {
      nlohmann::json j = {{"output", to_hex(run.output)},
                          {"terminated", run.terminated},
                          {"panicked", run.panicked},
                          {"instructions", run.instructions},
                          {"rows", run.rows},
                          {"padded_t", run.padded_len},
                          {"k_ram", run.k_ram}};
      fmt::print("{}\n", j.dump());
    } else {
      fmt::print("output:       {}\n", run.output.empty() ? "(none)" : to_hex(run.output));
      fmt::print("terminated:   {}\n", run.terminated ? "yes (rill_exit)" : "no");
      fmt::print("panicked:     {}\n", run.panicked ? "yes (rill_panic)" : "no");
      fmt::print("instructions: {} (RISC-V instructions retired)\n", run.instructions);
      fmt::print("rows:         {} (expanded trace rows)\n", run.rows);
      fmt::print("padded T:     {}\n", run.padded_len);
      fmt::print("K_ram:        {} words\n", run.k_ram);
    }
    return run.panicked ? kExitRejected : kExitOk;
  };
}

}  // namespace rill::cli
