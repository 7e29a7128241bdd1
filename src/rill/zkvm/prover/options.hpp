// How the prover runs (ARCHITECTURE.md §2): none of these change the proof bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rill::zkvm {

enum class ProvingMode { kLinear, kStreaming };

std::string_view to_string(ProvingMode mode);
std::optional<ProvingMode> parse_mode(std::string_view name);

struct ProverOptions {
  ProvingMode mode = ProvingMode::kLinear;
  // When non-zero, overrides `mode`: linear if its predicted peak RSS fits, else streaming with
  // checkpoints that fit (memory_model.hpp).
  std::uint64_t memory_budget = 0;
  // Worker threads (0: oneTBB's default, every core).
  unsigned threads = 0;
  // Trace records per parallel segment of a pass (0: about four segments per thread).
  std::uint64_t chunk_size = 0;
  // Records per visitor call within a segment.
  std::size_t max_span = 1 << 12;
  // Largest sumcheck window of the streaming schedule.
  unsigned max_window = 10;
  // Streaming cycle phases switch to memory this many rounds before ⌊log T/2⌋ (nullopt:
  // StageConfig's default, kSwitchEarly): each round earlier doubles their arrays and saves a
  // pass.
  std::optional<unsigned> switch_early = std::nullopt;

  // The mode actually used for a trace of `padded_len` cycles.
  ProvingMode resolved_mode(std::uint64_t padded_len) const;
};

}  // namespace rill::zkvm
