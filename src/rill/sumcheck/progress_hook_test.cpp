#include "rill/sumcheck/progress_hook.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rill {
namespace {

class RecordingHook final : public RoundHook {
 public:
  void before_round(unsigned global_round) override { rounds.push_back(global_round); }
  std::vector<unsigned> rounds;
};

TEST(ProgressRoundHook, ForwardsEveryRoundInOrder) {
  RecordingHook inner;
  {
    ProgressRoundHook hook(&inner, "test rounds", 4);
    for (unsigned r = 0; r < 4; ++r) hook.before_round(r);
  }
  EXPECT_EQ(inner.rounds, (std::vector<unsigned>{0, 1, 2, 3}));
}

TEST(ProgressRoundHook, WorksWithoutAnInnerHook) {
  ProgressRoundHook hook(nullptr, "test rounds", 2);
  hook.before_round(0);
  hook.before_round(1);
  SUCCEED();  // nothing to forward to; must not dereference a null hook
}

}  // namespace
}  // namespace rill
