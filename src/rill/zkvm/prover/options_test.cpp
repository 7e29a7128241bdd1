// The memory budget picks the mode: linear while its estimate fits (3 arrays of T field elements
// and the halves of the first bind: 4.5·32·T bytes), streaming beyond.
#include "rill/zkvm/prover/options.hpp"

#include <gtest/gtest.h>

#include "rill/util/int.hpp"

namespace rill::zkvm {
namespace {

TEST(ProverOptions, MemoryBudgetPicksTheMode) {
  EXPECT_EQ(linear_mode_bytes(u64{1} << 20), u64{144} << 20);
  ProverOptions options;
  options.mode = ProvingMode::kStreaming;
  EXPECT_EQ(options.resolved_mode(1 << 20), ProvingMode::kStreaming);  // no budget: as asked
  options.memory_budget = u64{144} << 20;
  EXPECT_EQ(options.resolved_mode(1 << 20), ProvingMode::kLinear);
  EXPECT_EQ(options.resolved_mode(1 << 21), ProvingMode::kStreaming);
}

TEST(ProverOptions, ModeNames) {
  EXPECT_EQ(parse_mode("linear"), ProvingMode::kLinear);
  EXPECT_EQ(parse_mode("streaming"), ProvingMode::kStreaming);
  EXPECT_FALSE(parse_mode("quantum").has_value());
  EXPECT_EQ(to_string(ProvingMode::kStreaming), "streaming");
}

}  // namespace
}  // namespace rill::zkvm
