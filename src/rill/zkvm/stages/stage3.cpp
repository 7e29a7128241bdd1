#include "rill/zkvm/stages/stage3.hpp"

namespace rill::zkvm {

namespace {

template <std::size_t N>
std::array<Fr, N> claims_of(const std::vector<CycleFactor>& factors, const StageClaims& out,
                            ClaimPoint point) {
  std::array<Fr, N> values;
  for (std::size_t f = 0; f < N; ++f) values[f] = out[{factors[f].poly, point}];
  return values;
}

}  // namespace

StageVerification verify_stage3(const ProtocolShape& shape, const StageProof& proof,
                                Transcript& transcript, OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k3, shape);
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& ch, const StageClaims& out, const OpeningAccumulator& acc) {
        using I = Input;
        using PN = PointName;
        const auto c = [&](Input i, PointName p) { return stage2_detail::claim_at(acc, i, p); };
        const std::vector<Fr> r_c1 = *acc.points().find(PN::kCycle1);
        const std::vector<Fr> r_c2 = *acc.points().find(PN::kCycle2);
        const ClaimPoint c3 = at(PN::kCycle3);
        VerifierInstances v;
        v.push_back(std::make_unique<ShiftVerifier>(
            ch.scalar("gamma_shift"), r_c1, r_c2,
            std::array<Fr, 5>{c(I::kNextUnexpandedPc, PN::kCycle1), c(I::kNextPc, PN::kCycle1),
                              c(I::kNextIsVirtual, PN::kCycle1),
                              c(I::kNextIsFirstInSequence, PN::kCycle1),
                              *acc.find({poly(PolyFamily::kNextIsNoop), at(PN::kCycle2)}).value},
            claims_of<5>(shift_factors(), out, c3)));
        v.push_back(std::make_unique<InstructionInputVerifier>(
            ch.scalar("gamma_instruction_input"), r_c2,
            std::array<Fr, 2>{c(I::kRightInstructionInput, PN::kCycle2),
                              c(I::kLeftInstructionInput, PN::kCycle2)},
            claims_of<8>(instruction_input_factors(), out, c3)));
        v.push_back(std::make_unique<RegistersClaimReductionVerifier>(
            ch.scalar("gamma_registers_cr"), r_c1,
            std::array<Fr, 3>{c(I::kRdWriteValue, PN::kCycle1), c(I::kRs1Value, PN::kCycle1),
                              c(I::kRs2Value, PN::kCycle1)},
            claims_of<3>(registers_claim_reduction_factors(), out, c3)));
        return v;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
