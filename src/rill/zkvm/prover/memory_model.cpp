#include "rill/zkvm/prover/memory_model.hpp"

#include <unistd.h>

#include <cmath>
#include <string>

#include "rill/util/error.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {

namespace {

std::uint64_t with_headroom(std::uint64_t bytes) { return bytes + bytes / 100 * kSafetyPercent; }

// Rounded up, in the units --memory-budget takes.
std::string size_text(std::uint64_t bytes) {
  if (bytes < (std::uint64_t{1} << 20)) return std::to_string((bytes + 1023) >> 10) + "K";
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + "M";
}

}  // namespace

std::uint64_t default_memory_budget() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return std::uint64_t{4} << 30;  // unknown: assume 4 GiB
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 4 * 3;
}

std::uint64_t predicted_linear_peak(std::uint64_t padded_len) {
  return with_headroom(kLinearBaseBytes + kLinearBytesPerCycle * padded_len);
}

std::uint64_t checkpoint_bound(const riscv::ReplayOptions& options, std::uint64_t k_ram_words) {
  return options.max_segments * (100 + 2 * options.log_budget_percent) / 100 * 4 * k_ram_words;
}

std::uint64_t predicted_streaming_peak(std::uint64_t padded_len, std::uint64_t k_ram_words,
                                       const riscv::ReplayOptions& options, unsigned switch_early) {
  const double root = std::sqrt(static_cast<double>(padded_len));
  const std::uint64_t per_root =
      kStreamingBytesPerSqrtCycle + (kSwitchArrayBytesPerSqrtCycle << switch_early);
  return with_headroom(kStreamingBaseBytes + checkpoint_bound(options, k_ram_words) +
                       static_cast<std::uint64_t>(static_cast<double>(per_root) * root));
}

riscv::ReplayOptions streaming_replay_options(std::uint64_t budget,
                                              const riscv::MemoryLayout& layout,
                                              std::uint64_t max_rows) {
  const std::uint64_t padded = riscv::padded_trace_length(max_rows);
  const std::uint64_t words = layout.num_words();
  // From the default (16 segments, logs up to 4× an image) down to 2 segments without logs.
  riscv::ReplayOptions options;
  for (const std::uint64_t segments : {16, 8, 4, 2}) {
    for (const std::uint64_t logs : {400, 100, 0}) {
      options.max_segments = segments;
      options.log_budget_percent = logs;
      if (predicted_streaming_peak(padded, words, options, 0) <= budget) return options;
    }
  }
  throw InputError("a memory budget of " + size_text(budget) +
                   " is too small for this guest: streaming " + "mode needs about " +
                   size_text(predicted_streaming_peak(padded, words, options, 0)) + " for up to " +
                   std::to_string(max_rows) + " cycles (--max-cycles) and " + size_text(4 * words) +
                   " of guest memory");
}

unsigned streaming_switch_early(std::uint64_t budget, std::uint64_t padded_len,
                                const riscv::MemoryLayout& layout,
                                const riscv::ReplayOptions& options) {
  unsigned early = kSwitchEarly;
  while (early > 0 &&
         predicted_streaming_peak(padded_len, layout.num_words(), options, early) > budget)
    --early;
  return early;
}

}  // namespace rill::zkvm
