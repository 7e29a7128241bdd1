// The memory model behind --memory-budget (issue 18; fitted to `make bench-e2e` measurements,
// docs/benchmarks.md, "Memory model").
//
// Peak RSS of a proof of T cycles (T = padded trace length), measured with /usr/bin/time -v:
//   linear:    kLinearBaseBytes + kLinearBytesPerCycle · T
//   streaming: kStreamingBaseBytes + checkpoint bytes + kStreamingBytesPerSqrtCycle · √T
// where the checkpoint bytes of a replayed trace are bounded by its options
// (riscv/trace_source.hpp): max_segments · (1 + 2·log_budget_percent/100) · 4 · K_ram bytes, and
// K_ram is at most the layout's word count (known before the guest runs). Each prediction carries
// kSafetyPercent of headroom. With a budget the prover picks linear mode when its prediction
// fits, else streaming with the largest checkpoint setting that fits (fewer segments and shorter
// first-touch logs cost replay time, not correctness), and refuses a budget that not even the
// leanest streaming setting fits, before it runs the guest.
#pragma once

#include <cstdint>

#include "rill/riscv/memory_layout.hpp"
#include "rill/riscv/trace_source.hpp"

namespace rill::zkvm {

inline constexpr std::uint64_t kLinearBaseBytes = std::uint64_t{40} << 20;
inline constexpr std::uint64_t kLinearBytesPerCycle = 260;
inline constexpr std::uint64_t kStreamingBaseBytes = std::uint64_t{28} << 20;
inline constexpr std::uint64_t kStreamingBytesPerSqrtCycle = std::uint64_t{56} << 10;
inline constexpr std::uint64_t kSafetyPercent = 15;

// The budget when none is given: three quarters of the machine's physical memory.
std::uint64_t default_memory_budget();

// Predicted peak RSS of linear mode at T cycles.
std::uint64_t predicted_linear_peak(std::uint64_t padded_len);
// Upper bound on a replayed trace's checkpoint bytes for a guest of at most k_ram_words words.
std::uint64_t checkpoint_bound(const riscv::ReplayOptions& options, std::uint64_t k_ram_words);
// Predicted peak RSS of streaming mode at T cycles with those checkpoints.
std::uint64_t predicted_streaming_peak(std::uint64_t padded_len, std::uint64_t k_ram_words,
                                       const riscv::ReplayOptions& options);

// The replay options for streaming under `budget` for a guest with this layout, whose run is at
// most max_rows rows: the default options when they fit, else fewer segments and shorter logs.
// Throws InputError naming the smallest budget that would do when nothing fits.
riscv::ReplayOptions streaming_replay_options(std::uint64_t budget,
                                              const riscv::MemoryLayout& layout,
                                              std::uint64_t max_rows);

}  // namespace rill::zkvm
