#include "rill/zkvm/prover/options.hpp"

namespace rill::zkvm {

std::string_view to_string(ProvingMode mode) {
  return mode == ProvingMode::kLinear ? "linear" : "streaming";
}

std::optional<ProvingMode> parse_mode(std::string_view name) {
  if (name == "linear") return ProvingMode::kLinear;
  if (name == "streaming") return ProvingMode::kStreaming;
  return std::nullopt;
}

std::uint64_t linear_mode_bytes(std::uint64_t padded_len) {
  constexpr std::uint64_t kFieldBytes = 32;
  return padded_len * kFieldBytes * 9 / 2;  // 3 arrays of T, plus the 3 halves of the first bind
}

ProvingMode ProverOptions::resolved_mode(std::uint64_t padded_len) const {
  if (memory_budget == 0) return mode;
  return linear_mode_bytes(padded_len) <= memory_budget ? ProvingMode::kLinear
                                                        : ProvingMode::kStreaming;
}

}  // namespace rill::zkvm
