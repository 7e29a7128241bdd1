// `rill prove`: execute a guest and prove the execution (stages 0–8: the commitments, Spartan,
// RAM and registers read-write checking, instruction and bytecode read-RAF, booleanity, RA
// virtualization, the claim reductions and the batched Dory opening), then write the proof file
// atomically.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/progress.hpp"
#include "rill/util/rss.hpp"
#include "rill/util/timer.hpp"
#include "rill/zkvm/prover/memory_model.hpp"
#include "rill/zkvm/prover/prover.hpp"

namespace rill::cli {

Action add_prove_command(CLI::App& app) {
  struct Options {
    std::string program;
    InputOptions input;
    std::string output;
    std::string mode = "linear";
    std::string memory_budget, chunk_size, max_cycles;
    CLI::Option *memory_budget_opt = nullptr, *chunk_size_opt = nullptr, *max_cycles_opt = nullptr,
                *mode_opt = nullptr;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "prove",
      "Execute a guest and prove the execution. Both modes emit byte-identical proofs: 'linear'\n"
      "keeps the trace in memory (fastest); 'streaming' re-executes trace chunks from\n"
      "checkpoints so memory grows like sqrt(T). The proof covers the whole protocol: the\n"
      "commitments (stage 0), Spartan, RAM and registers read-write checking, instruction and\n"
      "bytecode read-RAF, booleanity, RA virtualization, claim reductions (stages 1-7) and the\n"
      "batched Dory opening (stage 8). The Dory setup is loaded from ~/.cache/rill (or\n"
      "$XDG_CACHE_HOME/rill), or generated and cached there on first use.\n"
      "The proof is written to a temporary file next to OUTPUT and renamed over it; an OUTPUT\n"
      "that exists and is not a regular file (a symlink, FIFO, device) is refused. '-o -' writes\n"
      "the proof to standard output and the report to standard error.\n"
      "Exit code 0: proof written; 1: proof written, the guest panicked (a panic is provable);\n"
      "2: usage or input error, cycle limit, out of memory (no proof file is left behind).");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF (RV32IM)")->required();
  opts->input.add_to(*cmd);
  cmd->add_option("-o,--output", opts->output, "Where to write the proof ('-': standard output)")
      ->required();
  opts->mode_opt =
      cmd->add_option("--mode", opts->mode,
                      "Proving mode (default: chosen by the memory budget, see --memory-budget)")
          ->check(CLI::IsMember({"linear", "streaming"}));
  opts->memory_budget_opt = cmd->add_option(
      "--memory-budget", opts->memory_budget,
      "Prove within this much memory (e.g. 2G, 512M; at most 1P): linear mode when its predicted\n"
      "peak fits, else streaming with checkpoints that fit; a budget too small for streaming is\n"
      "refused before the guest runs. Overrides --mode. Default (no --mode either): 3/4 of the\n"
      "machine's physical memory. The model is in docs/benchmarks.md ('Memory model')");
  opts->chunk_size_opt = cmd->add_option(
      "--chunk-size", opts->chunk_size,
      "Trace rows per parallel pass segment, 0 to 2^40 (0: automatic; small values are raised "
      "so a pass has at most 16 segments per thread); never changes the proof");
  opts->max_cycles_opt = cmd->add_option(
      "--max-cycles", opts->max_cycles,
      fmt::format("Stop with a 'cycle limit' error after this many expanded rows, 1 to 2^40 "
                  "(default: 2^26 = {}); checked before the trace is stored",
                  kDefaultMaxCycles));
  opts->common.add_threads(*cmd);
  opts->common.add_json(*cmd);
  return [opts] {
    const bool to_stdout = opts->output == "-";
    std::FILE* report = to_stdout ? stderr : stdout;
    Progress::set_globally_enabled(!opts->common.json);
    zkvm::ProverOptions options;
    options.mode = *zkvm::parse_mode(opts->mode);
    options.threads = opts->common.thread_count();
    if (opts->chunk_size_opt->count() > 0) {
      options.chunk_size = parse_count("--chunk-size", opts->chunk_size, 0, u64{1} << 40);
    }
    if (opts->memory_budget_opt->count() > 0) {
      options.memory_budget = parse_size("--memory-budget", opts->memory_budget, u64{1} << 50);
    } else if (opts->mode_opt->count() == 0) {
      options.memory_budget = zkvm::default_memory_budget();
    }
    const std::uint64_t max_cycles =
        parse_max_cycles(opts->max_cycles_opt, opts->max_cycles, kDefaultMaxCycles);

    set_stage("loading the program");
    const riscv::Program program = riscv::load_elf(opts->program);
    const riscv::MemoryLayout layout(riscv::MemoryConfig{}, program);
    set_stage("reading the input");
    const std::vector<std::uint8_t> input = opts->input.load(layout.config().max_input);

    const Stopwatch total;
    ProveSettings settings;
    settings.prover = options;
    settings.max_cycles = max_cycles;
    // set_stage keeps the pointer: the phases are string literals of the API.
    settings.on_phase = [](std::string_view phase) { set_stage(phase.data()); };
    const ProveReport result = rill::prove(program, input, settings);
    const std::vector<std::uint8_t>& bytes = result.proof;
    set_stage("writing the proof");
    write_output(opts->output, bytes);

    if (opts->common.json) {
      nlohmann::json stages = nlohmann::json::array();
      for (const auto& s : result.stages) {
        stages.push_back({{"name", s.name},
                          {"seconds", s.seconds},
                          {"passes", s.passes},
                          {"tracked_high_water_bytes", s.tracked_high_water_bytes}});
      }
      nlohmann::json sections = nlohmann::json::array();
      for (const zkvm::ProofSection& s : result.proof_sections)
        sections.push_back({{"name", s.name}, {"bytes", s.bytes}});
      const nlohmann::json j = {
          {"mode", std::string(zkvm::to_string(result.mode))},
          {"switch_early",
           result.switch_early ? nlohmann::json(*result.switch_early) : nlohmann::json(nullptr)},
          {"cycles", result.cycles},
          {"instructions", result.instructions},
          {"padded_t", result.padded_t},
          {"output", to_hex(result.output)},
          {"terminated", result.terminated},
          {"panicked", result.panicked},
          {"stages", stages},
          {"stages_proven", proven_stages()},
          {"seconds", total.seconds()},
          {"peak_rss_bytes", peak_rss_bytes()},
          {"proof_bytes", bytes.size()},
          {"proof_sections", sections},
          {"setup_seconds", result.setup_seconds},
          {"proof", opts->output}};
      fmt::print(report, "{}\n", j.dump());
    } else {
      fmt::print(report, "mode:          {}{}\n", zkvm::to_string(result.mode),
                 result.switch_early
                     ? fmt::format(" (cycle phases switch at ⌊log T/2⌋ − {})", *result.switch_early)
                     : std::string());
      fmt::print(report, "cycles:        {} rows ({} RISC-V instructions), padded T = {}\n",
                 result.cycles, result.instructions, result.padded_t);
      fmt::print(report, "output:        {}{}\n", to_hex(result.output),
                 result.panicked ? " (guest panicked)" : "");
      for (const auto& s : result.stages) {
        fmt::print(report, "{}: {:.3f} s, {} passes, tracked peak {:.2f} MiB\n", s.name, s.seconds,
                   s.passes, static_cast<double>(s.tracked_high_water_bytes) / (1 << 20));
      }
      fmt::print(report,
                 "total:         {:.3f} s ({:.3f} s loading the Dory setup), peak RSS {:.1f} MiB\n",
                 total.seconds(), result.setup_seconds,
                 static_cast<double>(peak_rss_bytes()) / (1 << 20));
      std::string sections;
      for (const zkvm::ProofSection& s : result.proof_sections)
        sections += fmt::format("{}{} {}", sections.empty() ? "" : ", ",
                                s.name.substr(0, s.name.find(' ', 6)), s.bytes);
      fmt::print(report, "proof bytes:   {}\n", sections);
      fmt::print(report, "proof:         {} ({} bytes; stages {}, see --help)\n",
                 to_stdout ? "(standard output)" : opts->output, bytes.size(), proven_stages());
    }
    return result.panicked ? kExitRejected : kExitOk;
  };
}

}  // namespace rill::cli
