// The memory budget picks the mode and the streaming checkpoints from the memory model
// (memory_model.hpp); the figures below are the model's formulas written out by hand.
#include "rill/zkvm/prover/options.hpp"

#include <gtest/gtest.h>

#include "rill/util/error.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/prover/memory_model.hpp"
#include "rill/zkvm/stages/stage_context.hpp"

namespace rill::zkvm {
namespace {

constexpr u64 kMiB = u64{1} << 20;

TEST(MemoryModel, PredictionsFollowTheFittedFormulas) {
  // linear: (base + per-cycle · T) plus the headroom.
  const u64 t = u64{1} << 20;
  const u64 linear = kLinearBaseBytes + kLinearBytesPerCycle * t;
  EXPECT_EQ(predicted_linear_peak(t), linear + linear / 100 * kSafetyPercent);
  // Checkpoints: 16 segments · (1 + 2·400/100) · 4 bytes per word.
  riscv::ReplayOptions defaults;
  EXPECT_EQ(checkpoint_bound(defaults, 1000), 16u * 9 * 4 * 1000);
  riscv::ReplayOptions lean;
  lean.max_segments = 2;
  lean.log_budget_percent = 0;
  EXPECT_EQ(checkpoint_bound(lean, 1000), 2u * 4 * 1000);
  // streaming: base + checkpoints + (32 KiB + 2^early · 1.5 KiB)·√T, plus the headroom; it grows
  // like √T and its array term doubles per round of switch_early.
  const auto headroom = [](u64 b) { return b + b / 100 * 15; };
  const auto streaming = [&](u64 root, unsigned early) {
    return headroom((u64{28} << 20) + 16 * 9 * 4 * 1024 +
                    ((u64{32} << 10) + (1536u << early)) * root);
  };
  EXPECT_EQ(predicted_streaming_peak(u64{1} << 20, 1 << 10, defaults, 4), streaming(1024, 4));
  EXPECT_EQ(predicted_streaming_peak(u64{1} << 22, 1 << 10, defaults, 4), streaming(2048, 4));
  EXPECT_EQ(predicted_streaming_peak(u64{1} << 22, 1 << 10, defaults, 0), streaming(2048, 0));
  EXPECT_EQ(predicted_streaming_peak(u64{1} << 24, 1 << 10, defaults, 2), streaming(4096, 2));
  EXPECT_GE(default_memory_budget(), u64{1} << 20);
}

// The figures: at 2^22 cycles an 8 GiB budget picks linear and 512 MiB streaming; no
// budget keeps the mode asked for.
TEST(MemoryModel, BudgetPicksTheMode) {
  ProverOptions options;
  options.mode = ProvingMode::kStreaming;
  EXPECT_EQ(options.resolved_mode(u64{1} << 22), ProvingMode::kStreaming);  // no budget: as asked
  options.memory_budget = u64{8} << 30;
  EXPECT_EQ(options.resolved_mode(u64{1} << 22), ProvingMode::kLinear);
  options.memory_budget = 512 * kMiB;
  EXPECT_EQ(options.resolved_mode(u64{1} << 22), ProvingMode::kStreaming);
  EXPECT_EQ(options.resolved_mode(u64{1} << 12), ProvingMode::kLinear);  // small runs fit
  // The boundary is the prediction itself.
  options.memory_budget = predicted_linear_peak(u64{1} << 18);
  EXPECT_EQ(options.resolved_mode(u64{1} << 18), ProvingMode::kLinear);
  options.memory_budget -= 1;
  EXPECT_EQ(options.resolved_mode(u64{1} << 18), ProvingMode::kStreaming);
}

// Checkpoints shrink to fit a budget for a guest with a large memory, and a budget nothing fits
// is refused with the figure that would do.
TEST(MemoryModel, StreamingCheckpointsShrinkToFitTheBudget) {
  riscv::MemoryConfig big;
  big.heap_size = u64{64} << 20;  // 64 MiB of guest heap: 16 default segments need ~9 GiB bound
  const riscv::MemoryLayout layout(big, riscv::Program{});
  const u64 rows = u64{1} << 22;
  const riscv::ReplayOptions roomy = streaming_replay_options(u64{64} << 30, layout, rows);
  EXPECT_EQ(roomy.max_segments, 16u);
  EXPECT_EQ(roomy.log_budget_percent, 400u);
  const riscv::ReplayOptions tight = streaming_replay_options(u64{1} << 30, layout, rows);
  EXPECT_LT(checkpoint_bound(tight, layout.num_words()),
            checkpoint_bound(roomy, layout.num_words()));
  EXPECT_LE(
      predicted_streaming_peak(riscv::padded_trace_length(rows), layout.num_words(), tight, 0),
      u64{1} << 30);
  try {
    streaming_replay_options(32 * kMiB, layout, rows);
    ADD_FAILURE() << "a 32 MiB budget for a 64 MiB guest was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("too small"), std::string::npos) << e.what();
  }
}

// Once T is known, the switch is as early as the budget allows: kSwitchEarly with room to spare,
// earlier rounds' arrays given up under a tight budget, 0 when even that does not fit.
TEST(MemoryModel, TheSwitchIsAsEarlyAsTheBudgetAllows) {
  const riscv::MemoryLayout layout(riscv::MemoryConfig{}, riscv::Program{});
  const riscv::ReplayOptions replay;
  const u64 t = u64{1} << 24;
  EXPECT_EQ(streaming_switch_early(u64{8} << 30, t, layout, replay), kSwitchEarly);
  for (unsigned early = 0; early <= kSwitchEarly; ++early) {
    const u64 need = predicted_streaming_peak(t, layout.num_words(), replay, early);
    EXPECT_EQ(streaming_switch_early(need, t, layout, replay), early);
    if (early > 0) {
      EXPECT_EQ(streaming_switch_early(need - 1, t, layout, replay), early - 1);
    }
  }
  EXPECT_EQ(streaming_switch_early(1, t, layout, replay), 0u);
}

TEST(ProverOptions, ModeNames) {
  EXPECT_EQ(parse_mode("linear"), ProvingMode::kLinear);
  EXPECT_EQ(parse_mode("streaming"), ProvingMode::kStreaming);
  EXPECT_FALSE(parse_mode("quantum").has_value());
  EXPECT_EQ(to_string(ProvingMode::kStreaming), "streaming");
}

}  // namespace
}  // namespace rill::zkvm
