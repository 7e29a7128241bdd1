#include "rill/zkvm/stages/stage1.hpp"

namespace rill::zkvm {

Schedule stage1_cycle_schedule(unsigned log_t, const StageConfig& config) {
  constexpr unsigned kFirstWindow = 4;
  if (!config.streaming) return Schedule::linear_only(log_t);
  const unsigned switch_round = log_t / 2;
  std::vector<unsigned> windows;
  for (unsigned covered = 0; covered < switch_round;) {
    const unsigned wanted = windows.empty() ? kFirstWindow : config.max_window;
    const unsigned size = std::min({wanted, config.max_window, switch_round - covered});
    windows.push_back(size);
    covered += size;
  }
  return Schedule::from_windows(log_t, std::move(windows));
}

StageVerification verify_stage1(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k1, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& challenges, const StageClaims& claims, const OpeningAccumulator&) {
        std::vector<Fr> z;
        for (std::size_t i = 0; i < kNumInputs; ++i)
          z.push_back(claims[{poly(static_cast<Input>(i)), at(PointName::kCycle1)}]);
        VerifierInstances instances;
        instances.push_back(
            std::make_unique<SpartanOuterVerifier>(challenges["tau"], shape.log_t, std::move(z)));
        return instances;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
