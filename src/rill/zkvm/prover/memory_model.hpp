// The memory model behind --memory-budget (issue 18; fitted to `make bench-e2e` measurements,
// docs/benchmarks.md, "Memory model").
//
// Peak RSS of a proof of T cycles (T = padded trace length), measured with /usr/bin/time -v:
//   linear:    kLinearBaseBytes + kLinearBytesPerCycle · T
//   streaming: kStreamingBaseBytes + checkpoint bytes + kStreamingBytesPerSqrtCycle · √T
//              + 2^switch_early · kSwitchArrayBytesPerSqrtCycle · √T
// (the second √T term: the cycle phases' materialized arrays, 2^{⌈log T/2⌉ + switch_early}
// entries per factor, StageConfig::switch_early)
// where the checkpoint bytes of a replayed trace are bounded by its options
// (riscv/trace_source.hpp): max_segments · (1 + 2·log_budget_percent/100) · 4 · K_ram bytes, and
// K_ram is at most the layout's word count (known before the guest runs). Each prediction carries
// kSafetyPercent of headroom. With a budget the prover picks linear mode when its prediction
// fits, else streaming with the largest checkpoint setting that fits at switch_early 0 (fewer
// segments and shorter first-touch logs cost replay time, not correctness), and refuses a budget
// that not even the leanest streaming setting fits, before it runs the guest; once T is known it
// switches as early as the budget allows (at most kSwitchEarly rounds: each round earlier saves
// a pass and doubles the arrays).
#pragma once

#include <cstdint>

#include "rill/riscv/memory_layout.hpp"
#include "rill/riscv/trace_source.hpp"

namespace rill::zkvm {

inline constexpr std::uint64_t kLinearBaseBytes = std::uint64_t{40} << 20;
inline constexpr std::uint64_t kLinearBytesPerCycle = 260;
inline constexpr std::uint64_t kStreamingBaseBytes = std::uint64_t{28} << 20;
inline constexpr std::uint64_t kStreamingBytesPerSqrtCycle = std::uint64_t{32} << 10;
inline constexpr std::uint64_t kSwitchArrayBytesPerSqrtCycle = 1536;
inline constexpr std::uint64_t kSafetyPercent = 15;

// The budget when none is given: three quarters of the machine's physical memory.
std::uint64_t default_memory_budget();

// Predicted peak RSS of linear mode at T cycles.
std::uint64_t predicted_linear_peak(std::uint64_t padded_len);
// Upper bound on a replayed trace's checkpoint bytes for a guest of at most k_ram_words words.
std::uint64_t checkpoint_bound(const riscv::ReplayOptions& options, std::uint64_t k_ram_words);
// Predicted peak RSS of streaming mode at T cycles with those checkpoints, switching
// switch_early rounds before ⌊log T/2⌋.
std::uint64_t predicted_streaming_peak(std::uint64_t padded_len, std::uint64_t k_ram_words,
                                       const riscv::ReplayOptions& options, unsigned switch_early);

// The replay options for streaming under `budget` for a guest with this layout, whose run is at
// most max_rows rows: the default options when they fit (at switch_early 0), else fewer segments
// and shorter logs. Throws InputError naming the smallest budget that would do when nothing fits.
riscv::ReplayOptions streaming_replay_options(std::uint64_t budget,
                                              const riscv::MemoryLayout& layout,
                                              std::uint64_t max_rows);

// The largest switch_early <= kSwitchEarly whose prediction at T = padded_len fits `budget` with
// those checkpoints (0 when none does: streaming_replay_options chose them to fit at 0).
unsigned streaming_switch_early(std::uint64_t budget, std::uint64_t padded_len,
                                const riscv::MemoryLayout& layout,
                                const riscv::ReplayOptions& options);

}  // namespace rill::zkvm
