// `rill bench`: prove the whole statement (stages 0–8) for a canonical guest sized to about 2^N
// cycles, in a chosen mode, verify the proof in process, and report cycles, T, prove and verify
// seconds, throughput, seconds and passes for every stage, the tracked high-water bytes and the
// peak RSS. bench/peak_rss.sh wraps it in /usr/bin/time -v.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rill/riscv/elf_loader.hpp"
#include "rill/riscv/trace_source.hpp"
#include "rill/util/progress.hpp"
#include "rill/util/rss.hpp"
#include "rill/util/timer.hpp"
#include "rill/zkvm/prover/api.hpp"
#include "rill/zkvm/prover/prover.hpp"
#include "rill/zkvm/prover/sizing.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::cli {

namespace {

// The guests are built next to the binary: <build>/bin/rill and <build>/guests/*.elf.
std::string default_guest_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "guests";
  return (exe.parent_path().parent_path() / "guests").string();
}

// memory_ops keeps its buffer at kMemoryOpsWords words (fixed K_ram) and grows T with its repeat
// count, linearly, so two probe runs size it; the other guests grow linearly in their n. 1024
// words (one repeat: 248,033 rows) make the guest fit T = 2^18 (4096 words need 2^21).
constexpr std::uint32_t kMemoryOpsWords = 1024;

std::vector<std::uint8_t> memory_ops_input(std::uint32_t repeat) {
  std::vector<std::uint8_t> input = zkvm::guest_input(kMemoryOpsWords);
  const std::vector<std::uint8_t> r = zkvm::guest_input(repeat);
  input.insert(input.end(), r.begin(), r.end());
  return input;
}

// The input that sizes `guest` to at most target_rows rows (its smallest run when even that is
// longer, e.g. for target_rows = 0).
std::vector<std::uint8_t> bench_input(const riscv::Machine& machine, const std::string& guest,
                                      std::uint64_t target_rows) {
  if (guest != "memory_ops") {
    return zkvm::guest_input(zkvm::guest_size_for_rows(machine, target_rows));
  }
  const std::uint64_t one = riscv::execute(machine, memory_ops_input(1)).rows;
  const std::uint64_t two = riscv::execute(machine, memory_ops_input(2)).rows;
  const std::uint64_t per_repeat = two - one;
  const std::uint64_t repeat = target_rows <= one ? 1 : 1 + (target_rows - one) / per_repeat;
  return memory_ops_input(static_cast<std::uint32_t>(repeat));
}

}  // namespace

Action add_bench_command(CLI::App& app) {
  struct Options {
    std::string guest = "sha2_chain";
    std::string guest_dir = default_guest_dir();
    std::string log_cycles;
    std::string mode = "linear";
    std::string chunk_size, max_cycles, memory_budget;
    CLI::Option *log_cycles_opt = nullptr, *chunk_size_opt = nullptr, *max_cycles_opt = nullptr,
                *memory_budget_opt = nullptr;
    CommonOptions common;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "bench",
      "Prove the whole statement for a canonical guest sized to fill T = 2^N cycles (about\n"
      "0.9·2^N rows) and report cycles, padded T, seconds and passes for every stage (0: the\n"
      "commitments, 1, 2, 3, 4, 5, 6a, 6b, 7, 8: the batched opening), prove_seconds (trace\n"
      "included, Dory setup loading excluded and reported as setup_seconds) and throughput,\n"
      "verify_seconds (in process, setup loaded), tracked high-water bytes and peak RSS.");
  cmd->add_option("--guest", opts->guest, "Canonical guest")
      ->check(CLI::IsMember({"fibonacci", "muldiv", "sha2_chain", "memory_ops"}));
  cmd->add_option("--guest-dir", opts->guest_dir, "Directory holding <guest>.elf")
      ->capture_default_str();
  opts->log_cycles_opt = cmd->add_option("--log-cycles", opts->log_cycles,
                                         "log2 of the padded cycle count T, 8 to 28 (default 16)");
  cmd->add_option("--mode", opts->mode, "Proving mode (default linear)")
      ->check(CLI::IsMember({"linear", "streaming"}));
  opts->memory_budget_opt = cmd->add_option(
      "--memory-budget", opts->memory_budget,
      "Pick the mode and checkpoints from this budget as 'rill prove' does (e.g. 512M, 8G);\n"
      "overrides --mode. The report's mode and peak_rss_bytes show what it chose and used");
  opts->chunk_size_opt = cmd->add_option(
      "--chunk-size", opts->chunk_size,
      "Trace records per pass segment, 0 to 2^40 (0: auto; small values are raised so a pass "
      "has at most 16 segments per thread)");
  opts->max_cycles_opt = cmd->add_option(
      "--max-cycles", opts->max_cycles,
      "Stop with a 'cycle limit' error after this many expanded rows, 1 to 2^40 (default: 2^N, "
      "N = --log-cycles)");
  opts->common.add_threads(*cmd);
  opts->common.add_json(*cmd);
  return [opts] {
    Progress::set_globally_enabled(!opts->common.json);
    const unsigned log_cycles =
        opts->log_cycles_opt->count() > 0
            ? static_cast<unsigned>(parse_count("--log-cycles", opts->log_cycles, 8, 28))
            : 16;
    const std::uint64_t max_cycles =
        parse_max_cycles(opts->max_cycles_opt, opts->max_cycles, std::uint64_t{1} << log_cycles);
    set_stage("loading the program");
    const riscv::Machine machine(riscv::load_elf(opts->guest_dir + "/" + opts->guest + ".elf"),
                                 riscv::MemoryConfig{});
    const std::uint64_t target = (std::uint64_t{1} << log_cycles) * 9 / 10;
    const std::vector<std::uint8_t> input = bench_input(machine, opts->guest, target);
    // A guest whose smallest run does not fit T = 2^N is refused with the N that would do, not
    // left to fail on the cycle limit.
    if (const std::uint64_t rows =
            riscv::execute(machine, bench_input(machine, opts->guest, 0)).rows;
        rows > (std::uint64_t{1} << log_cycles)) {
      unsigned fits = log_cycles;
      while (fits < 28 && (std::uint64_t{1} << fits) < rows) ++fits;
      throw InputError(fmt::format(
          "--log-cycles {}: {}'s smallest run is longer than T = 2^{}; use --log-cycles {} or more",
          log_cycles, opts->guest, log_cycles, fits));
    }
    zkvm::ProverOptions options;
    options.mode = *zkvm::parse_mode(opts->mode);
    options.threads = opts->common.thread_count();
    if (opts->chunk_size_opt->count() > 0) {
      options.chunk_size = parse_count("--chunk-size", opts->chunk_size, 0, u64{1} << 40);
    }
    if (opts->memory_budget_opt->count() > 0) {
      options.memory_budget = parse_size("--memory-budget", opts->memory_budget, u64{1} << 50);
    }
    // Linear mode keeps the rows; streaming mode keeps checkpoints and replays chunks. Under a
    // budget the guest runs once more (checkpointed) to learn T before the mode is chosen.
    Stopwatch trace_watch;
    const std::unique_ptr<riscv::TraceSource> source = open_trace(
        machine, input, options, max_cycles, [](std::string_view s) { set_stage(s.data()); });
    const double trace_seconds = trace_watch.seconds();
    // Checkpoint bytes are held before the stage's scope opens, so they are reported apart from
    // its tracked high-water mark (0 in linear mode).
    riscv::CheckpointBytes checkpoints;
    if (const auto* replay = dynamic_cast<const riscv::ReplayTrace*>(source.get())) {
      checkpoints = replay->checkpoint_bytes_breakdown();
    }
    const riscv::ExecutionSummary& summary = source->summary();
    // The Dory setup comes from the on-disk cache (or is generated once): reported apart, and
    // not part of prove_seconds, as a prover service keeps it loaded.
    set_stage("loading the Dory setup");
    const Stopwatch setup_watch;
    SetupLoadReport setup_report;
    const DorySetup& setup =
        zkvm::shared_dory_setup(zkvm::run_shape(machine, summary), &setup_report);
    const double setup_seconds = setup_watch.seconds();
    set_stage("proving");
    const zkvm::ProveResult result = zkvm::prove(machine, input, summary, *source, options, setup);
    // prove_seconds: the trace's first execution and every stage (what a user waits for).
    const double prove_seconds = trace_watch.seconds() - setup_seconds;
    const zkvm::StageReport& stage = result.stages.at(1);  // stage 1 (after stage 0)
    const double khz = static_cast<double>(summary.rows) / prove_seconds / 1e3;
    const std::size_t proof_bytes = zkvm::serialize(result.proof).size();
    set_stage("verifying");
    const Stopwatch verify_watch;
    const zkvm::VerifyResult verdict = zkvm::verify(
        machine, input, result.proof.output, result.proof.panicked, result.proof, setup.verifier());
    const double verify_seconds = verify_watch.seconds();
    if (!verdict.ok) throw std::runtime_error("the bench proof did not verify: " + verdict.reason);
    nlohmann::json stages = nlohmann::json::array();
    for (const zkvm::StageReport& s : result.stages) {
      stages.push_back({{"name", s.name},
                        {"seconds", s.seconds},
                        {"passes", s.passes},
                        {"tracked_bytes", s.tracked_high_water_bytes}});
    }
    std::vector<double> stage_seconds;
    std::vector<unsigned> stage_passes;
    std::size_t tracked_peak = 0;
    for (const zkvm::StageReport& s : result.stages) {
      stage_seconds.push_back(s.seconds);
      stage_passes.push_back(s.passes);
      tracked_peak = std::max(tracked_peak, s.tracked_high_water_bytes);
    }
    // Streaming mode: the rounds before ⌊log T/2⌋ at which the cycle phases switched.
    const bool streaming = result.mode == zkvm::ProvingMode::kStreaming;
    const unsigned switch_early = options.switch_early.value_or(zkvm::kSwitchEarly);
    const nlohmann::json switch_json =
        streaming ? nlohmann::json(switch_early) : nlohmann::json(nullptr);
    if (opts->common.json) {
      const nlohmann::json j = {{"guest", opts->guest},
                                {"mode", std::string(zkvm::to_string(result.mode))},
                                {"switch_early", switch_json},
                                {"cycles", summary.rows},
                                {"padded_t", summary.padded_len},
                                {"trace_seconds", trace_seconds},
                                {"setup_seconds", setup_seconds},
                                {"setup_from_cache", setup_report.loaded_from_cache},
                                {"prove_seconds", prove_seconds},
                                {"verify_seconds", verify_seconds},
                                {"stage1_seconds", stage.seconds},
                                {"throughput_khz", khz},
                                {"stages", stages},
                                {"stage1_passes", stage.passes},
                                {"stage_seconds", stage_seconds},
                                {"stage_passes", stage_passes},
                                {"tracked_high_water_bytes", tracked_peak},
                                {"checkpoint_bytes", checkpoints.total()},
                                {"checkpoint_image_bytes", checkpoints.images},
                                {"checkpoint_log_bytes", checkpoints.logs},
                                {"peak_rss_bytes", peak_rss_bytes()},
                                {"proof_bytes", proof_bytes}};
      fmt::print("{}\n", j.dump());
    } else {
      fmt::print("guest:            {} ({} mode{})\n", opts->guest, zkvm::to_string(result.mode),
                 streaming ? fmt::format(", cycle phases switch at ⌊log T/2⌋ − {}", switch_early)
                           : std::string());
      fmt::print("cycles:           {} (padded T = {})\n", summary.rows, summary.padded_len);
      fmt::print("trace:            {:.3f} s (first execution, {})\n", trace_seconds,
                 result.mode == zkvm::ProvingMode::kLinear ? "materialized" : "checkpointed");
      fmt::print("prove:            {:.3f} s ({:.1f} kHz), verify {:.3f} s\n", prove_seconds, khz,
                 verify_seconds);
      // Every stage from 0 (the commitments), labelled by the report's stage name ("stage 6a: …"
      // → "stage 6a"), not by position: the eighth report is stage 7.
      for (const zkvm::StageReport& s : result.stages) {
        fmt::print("{:<18}{:.3f} s, {} passes, tracked {:.2f} MiB\n",
                   s.name.substr(0, s.name.find(':')) + ":", s.seconds, s.passes,
                   static_cast<double>(s.tracked_high_water_bytes) / (1 << 20));
      }
      fmt::print("tracked peak:     {:.2f} MiB\n", static_cast<double>(tracked_peak) / (1 << 20));
      if (checkpoints.total() != 0) {
        fmt::print("checkpoints:      {:.2f} MiB (images {:.2f}, logs {:.2f}, states {:.2f})\n",
                   static_cast<double>(checkpoints.total()) / (1 << 20),
                   static_cast<double>(checkpoints.images) / (1 << 20),
                   static_cast<double>(checkpoints.logs) / (1 << 20),
                   static_cast<double>(checkpoints.states) / (1 << 20));
      }
      fmt::print("peak RSS:         {:.2f} MiB\n",
                 static_cast<double>(peak_rss_bytes()) / (1 << 20));
      fmt::print("proof:            {} bytes\n", proof_bytes);
    }
    return kExitOk;
  };
}

}  // namespace rill::cli
