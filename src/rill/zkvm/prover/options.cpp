#include "rill/zkvm/prover/options.hpp"

#include "rill/zkvm/prover/memory_model.hpp"

namespace rill::zkvm {

std::string_view to_string(ProvingMode mode) {
  return mode == ProvingMode::kLinear ? "linear" : "streaming";
}

std::optional<ProvingMode> parse_mode(std::string_view name) {
  if (name == "linear") return ProvingMode::kLinear;
  if (name == "streaming") return ProvingMode::kStreaming;
  return std::nullopt;
}

ProvingMode ProverOptions::resolved_mode(std::uint64_t padded_len) const {
  if (memory_budget == 0) return mode;
  return predicted_linear_peak(padded_len) <= memory_budget ? ProvingMode::kLinear
                                                            : ProvingMode::kStreaming;
}

}  // namespace rill::zkvm
