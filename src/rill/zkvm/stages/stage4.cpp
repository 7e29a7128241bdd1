#include "rill/zkvm/stages/stage4.hpp"

namespace rill::zkvm {

StageVerification verify_stage4(const ProtocolShape& shape, const StageProof& proof,
                                const Fr& init_at_r_a2, Transcript& transcript,
                                OpeningAccumulator& accumulator) {
  using PN = PointName;
  const StageSpec spec = stage_spec(StageId::k4, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& challenges, const StageClaims& claims,
          const OpeningAccumulator& acc) {
        // verify_stage has checked that every input claim and earlier point is present.
        const auto earlier = [&](const ClaimKey& key) { return *acc.find(key).value; };
        const auto point = [&](PointName name) { return *acc.points().find(name); };
        const ClaimPoint reg = at(PN::kRegisterAddress4, PN::kCycle4);
        VerifierInstances instances;
        instances.push_back(std::make_unique<RegistersReadWriteVerifier>(
            challenges.scalar("gamma_registers_rw"), shape.log_t, point(PN::kCycle3),
            std::array<Fr, 3>{earlier({poly(Input::kRdWriteValue), at(PN::kCycle3)}),
                              earlier({poly(Input::kRs1Value), at(PN::kCycle3)}),
                              earlier({poly(Input::kRs2Value), at(PN::kCycle3)})},
            std::array<Fr, 5>{claims[{poly(PolyFamily::kRegistersVal), reg}],
                              claims[{poly(PolyFamily::kRs1Ra), reg}],
                              claims[{poly(PolyFamily::kRs2Ra), reg}],
                              claims[{poly(PolyFamily::kRdWa), reg}],
                              claims[{poly(PolyFamily::kRdInc), at(PN::kCycle4)}]}));
        instances.push_back(std::make_unique<RamValCheckVerifier>(
            challenges.scalar("gamma_ram_val_check"), point(PN::kCycle2),
            earlier({poly(PolyFamily::kRamVal), at(PN::kRamAddress2, PN::kCycle2)}),
            earlier({poly(PolyFamily::kRamValFinal), at(PN::kRamAddress2)}), init_at_r_a2,
            claims[{poly(PolyFamily::kRamRa), at(PN::kRamAddress2, PN::kCycle4)}],
            claims[{poly(PolyFamily::kRamInc), at(PN::kCycle4)}]));
        return instances;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
