#include "rill/zkvm/stages/stage5.hpp"

#include "rill/zkvm/stages/stage6.hpp"

namespace rill::zkvm {

Stage5Inputs stage5_inputs(const ProtocolShape& shape, const OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k5, shape);
  const auto& inputs = [&](std::size_t i) { return spec.instances[i].inputs; };
  Stage5Inputs in;
  for (std::size_t k = 0; k < 3; ++k) {
    in.lookup[k] = earlier_claim(accumulator, inputs(0).at(k));
    in.ram_ra[k] = earlier_claim(accumulator, inputs(1).at(k));
  }
  in.registers_val = earlier_claim(accumulator, inputs(2).at(0));
  return in;
}

StageVerification verify_stage5(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator) {
  using PN = PointName;
  const StageSpec spec = stage_spec(StageId::k5, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& challenges, const StageClaims& claims,
          const OpeningAccumulator& acc) {
        // verify_stage has checked that every input claim and earlier point is present.
        const auto earlier = [&](const ClaimKey& key) { return *acc.find(key).value; };
        const auto point = [&](PN name) { return *acc.points().find(name); };
        const auto inputs = [&](std::size_t i) {
          const std::vector<ClaimKey>& keys = spec.instances[i].inputs;
          return std::array<Fr, 3>{earlier(keys.at(0)), earlier(keys.at(1)), earlier(keys.at(2))};
        };
        std::vector<Fr> flags;
        for (unsigned t = 0; t < lookups::kNumTables; ++t)
          flags.push_back(claims[{poly(PolyFamily::kLookupTableFlag, t), at(PN::kCycle5)}]);
        std::vector<Fr> ra_virtual;
        for (unsigned v = 0; v < shape.instruction_virtual_chunks; ++v)
          ra_virtual.push_back(claims[{
              poly(PolyFamily::kInstructionRaVirtual, v),
              at_chunk(PN::kInstructionAddress5, shape.ra_virtual_log_k_chunk, v, PN::kCycle5)}]);
        VerifierInstances instances;
        instances.push_back(std::make_unique<InstructionReadRafVerifier>(
            challenges.scalar("gamma_instruction_read_raf"), point(PN::kCycle2), inputs(0),
            std::move(flags), claims[{poly(PolyFamily::kInstructionRafFlag), at(PN::kCycle5)}],
            std::move(ra_virtual)));
        instances.push_back(std::make_unique<RamRaClaimReductionVerifier>(
            challenges.scalar("gamma_ram_ra_cr"), point(PN::kCycle1), point(PN::kCycle2),
            point(PN::kCycle4), inputs(1),
            claims[{poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle5)}]));
        instances.push_back(std::make_unique<RegistersValEvaluationVerifier>(
            point(PN::kCycle4), earlier(spec.instances[2].inputs.at(0)),
            claims[{poly(PolyFamily::kRdInc), at(PN::kCycle5)}],
            claims[{poly(PolyFamily::kRdWa), at(PN::kRegisterAddress4, PN::kCycle5)}]));
        return instances;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
