// `rill prove`: execute a guest and prove the execution with every stage this build has (today
// stage 1, the Spartan outer sumcheck), then write the proof file atomically.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/progress.hpp"
#include "rill/util/rss.hpp"
#include "rill/util/timer.hpp"
#include "rill/zkvm/prover/prover.hpp"

namespace rill::cli {

Action add_prove_command(CLI::App& app) {
  struct Options {
    std::string program;
    InputOptions input;
    std::string output;
    std::string mode = "linear";
    std::string memory_budget;
    std::uint64_t chunk_size = 0;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "prove",
      "Execute a guest and prove the execution. Both modes emit byte-identical proofs: 'linear'\n"
      "keeps the trace in memory (fastest); 'streaming' re-executes trace chunks from\n"
      "checkpoints so memory grows like sqrt(T). This build proves stage 1 of the protocol\n"
      "(the Spartan outer sumcheck) only; its opening claims are not yet bound to commitments,\n"
      "so a proof is not yet evidence of a correct execution.\n"
      "Exit code 0: proof written; 1: proof written, the guest panicked (a panic is provable);\n"
      "2: usage or input error (no proof file is left behind).");
  cmd->add_option("PROGRAM", opts->program, "Guest ELF (RV32IM)")
      ->required()
      ->check(CLI::ExistingFile);
  opts->input.add_to(*cmd);
  cmd->add_option("-o,--output", opts->output, "Where to write the proof")->required();
  cmd->add_option("--mode", opts->mode, "Proving mode")
      ->check(CLI::IsMember({"linear", "streaming"}));
  cmd->add_option("--memory-budget", opts->memory_budget,
                  "Choose the mode that fits this much memory (e.g. 2G, 512M); overrides --mode");
  cmd->add_option("--chunk-size", opts->chunk_size,
                  "Trace rows per parallel pass segment (0: automatic); never changes the proof");
  opts->common.add_threads(*cmd);
  opts->common.add_json(*cmd);
  return [opts] {
    Progress::set_globally_enabled(!opts->common.json);
    const riscv::Machine machine(riscv::load_elf(opts->program), riscv::MemoryConfig{});
    const std::vector<std::uint8_t> input = opts->input.load();
    zkvm::ProverOptions options;
    options.mode = *zkvm::parse_mode(opts->mode);
    options.threads = static_cast<unsigned>(opts->common.threads);
    options.chunk_size = opts->chunk_size;
    if (!opts->memory_budget.empty()) options.memory_budget = parse_size(opts->memory_budget);

    const Stopwatch total;
    // The streaming source costs only checkpoints, so it also answers "how long is the trace"
    // when a memory budget must pick the mode first.
    std::unique_ptr<riscv::TraceSource> source;
    if (options.memory_budget != 0 || options.mode == zkvm::ProvingMode::kStreaming) {
      source = std::make_unique<riscv::ReplayTrace>(machine, input);
    }
    if (options.memory_budget != 0) {
      options.mode = options.resolved_mode(source->summary().padded_len);
      options.memory_budget = 0;
    }
    if (options.mode == zkvm::ProvingMode::kLinear) {
      source = std::make_unique<riscv::MaterializedTrace>(machine, input);
    }
    const riscv::ExecutionSummary& summary = source->summary();
    const zkvm::ProveResult result = zkvm::prove(machine, input, summary, *source, options);
    const std::vector<std::uint8_t> bytes = zkvm::serialize(result.proof);
    write_file_atomically(opts->output, bytes);

    if (opts->common.json) {
      nlohmann::json stages = nlohmann::json::array();
      for (const auto& s : result.stages) {
        stages.push_back({{"name", s.name},
                          {"seconds", s.seconds},
                          {"passes", s.passes},
                          {"tracked_high_water_bytes", s.tracked_high_water_bytes}});
      }
      const nlohmann::json j = {{"mode", std::string(zkvm::to_string(result.mode))},
                                {"cycles", summary.rows},
                                {"instructions", summary.instructions},
                                {"padded_t", summary.padded_len},
                                {"output", to_hex(summary.output)},
                                {"panicked", summary.panicked},
                                {"stages", stages},
                                {"stages_proven", "stage 1 only (partial protocol)"},
                                {"seconds", total.seconds()},
                                {"peak_rss_bytes", peak_rss_bytes()},
                                {"proof_bytes", bytes.size()},
                                {"proof", opts->output}};
      fmt::print("{}\n", j.dump());
    } else {
      fmt::print("mode:          {}\n", zkvm::to_string(result.mode));
      fmt::print("cycles:        {} rows ({} RISC-V instructions), padded T = {}\n", summary.rows,
                 summary.instructions, summary.padded_len);
      fmt::print("output:        {}{}\n", to_hex(summary.output),
                 summary.panicked ? " (guest panicked)" : "");
      for (const auto& s : result.stages) {
        fmt::print("{}: {:.3f} s, {} passes, tracked peak {:.2f} MiB\n", s.name, s.seconds,
                   s.passes, static_cast<double>(s.tracked_high_water_bytes) / (1 << 20));
      }
      fmt::print("total:         {:.3f} s, peak RSS {:.1f} MiB\n", total.seconds(),
                 static_cast<double>(peak_rss_bytes()) / (1 << 20));
      fmt::print("proof:         {} ({} bytes; stage 1 only, see --help)\n", opts->output,
                 bytes.size());
    }
    return summary.panicked ? kExitRejected : kExitOk;
  };
}

}  // namespace rill::cli
