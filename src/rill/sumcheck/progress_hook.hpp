// A RoundHook decorator that reports a batched sumcheck's rounds as terminal progress
// ("stage 1: Spartan outer  40%"), then forwards each round to the wrapped hook (typically the
// pass driver). Silent when stderr is not a terminal (rill/util/progress.hpp).
#pragma once

#include <string>

#include "rill/sumcheck/batched.hpp"
#include "rill/util/progress.hpp"

namespace rill {

class ProgressRoundHook final : public RoundHook {
 public:
  // `inner` may be null; `total_rounds` is the batch's round count.
  ProgressRoundHook(RoundHook* inner, std::string label, unsigned total_rounds)
      : inner_(inner), progress_(std::move(label), total_rounds) {}

  void before_round(unsigned global_round) override {
    if (global_round > 0) progress_.advance();  // the previous round is done
    if (inner_ != nullptr) inner_->before_round(global_round);
  }

 private:
  RoundHook* inner_;
  Progress progress_;
};

}  // namespace rill
