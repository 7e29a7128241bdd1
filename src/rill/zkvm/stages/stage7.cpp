#include "rill/zkvm/stages/stage7.hpp"

namespace rill::zkvm {

Stage7Inputs stage7_inputs(const ProtocolShape& shape, const OpeningAccumulator& accumulator,
                           const Fr& gamma) {
  const StageSpec spec = stage_spec(StageId::k7, shape);
  const std::vector<ClaimKey>& keys = spec.instances[0].inputs;
  const auto value = [&](const ClaimKey& k) {
    const ClaimLookup found = accumulator.find(k);
    RILL_CHECK(found.ok(), found.error);
    return *found.value;
  };
  const PointTable& points = accumulator.points();
  Stage7Inputs in;
  in.r_c6 = *points.find(PointName::kCycle6);
  in.r_bool = *points.find(PointName::kBooleanityAddress);
  // The table lists, per chunk, the booleanity claim then the virtualization claim; then
  // RamHammingWeight @ r_c^6.
  std::vector<Fr> booleanity, virtualization;
  for (std::size_t i = 0; i + 1 < keys.size(); i += 2) {
    booleanity.push_back(value(keys[i]));
    virtualization.push_back(value(keys[i + 1]));
    const PointPart& address = keys[i + 1].point.parts[0];
    in.r_virt.push_back(
        point_chunk(*points.find(address.name), address.chunk_width, address.chunk));
  }
  in.claim =
      hamming_weight_input_claim(hamming_weight_activation(shape.one_hot, value(keys.back())),
                                 booleanity, virtualization, gamma);
  return in;
}

StageVerification verify_stage7(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k7, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& challenges, const StageClaims& claims,
          const OpeningAccumulator& acc) {
        const Fr gamma = challenges.scalar("gamma_hamming_weight");
        Stage7Inputs in = stage7_inputs(shape, acc, gamma);
        std::vector<Fr> chunk_claims;
        for (const ClaimKey& k : spec.outputs) chunk_claims.push_back(claims[k]);
        VerifierInstances instances;
        instances.push_back(std::make_unique<HammingWeightReductionVerifier>(
            gamma, std::move(in.r_bool), std::move(in.r_virt), in.claim, std::move(chunk_claims)));
        return instances;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
