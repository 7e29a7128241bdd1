#include "rill/zkvm/stages/stage2.hpp"

namespace rill::zkvm {

namespace stage2_detail {

Fr claim_at(const OpeningAccumulator& acc, Input input, PointName point) {
  return earlier_claim(acc, {poly(input), at(point)});
}

}  // namespace stage2_detail

StageVerification verify_stage2(const ProtocolShape& shape, const StageProof& proof,
                                const Stage2VerifierInputs& in, Transcript& transcript,
                                OpeningAccumulator& accumulator) {
  const StageSpec spec = stage_spec(StageId::k2, shape);
  const unsigned log_t = shape.log_t, log_k = shape.log_k_ram;
  return verify_stage(
      spec, proof,
      [&](const StageChallenges& ch, const StageClaims& out, const OpeningAccumulator& acc) {
        using I = Input;
        using PN = PointName;
        using PF = PolyFamily;
        const auto c = [&](Input i) { return stage2_detail::claim_at(acc, i, PN::kCycle1); };
        const auto o = [&](PolyId p, ClaimPoint point) { return out[{p, point}]; };
        const std::vector<Fr> r_c1 = *acc.points().find(PN::kCycle1);
        const ClaimPoint c2 = at(PN::kCycle2), a2c2 = at(PN::kRamAddress2, PN::kCycle2);
        VerifierInstances v;
        v.push_back(std::make_unique<RamReadWriteVerifier>(
            ch.scalar("gamma_ram_rw"), log_k, log_t, r_c1, c(I::kRamReadValue),
            c(I::kRamWriteValue), o(poly(PF::kRamVal), a2c2), o(poly(PF::kRamRa), a2c2),
            o(poly(PF::kRamInc), c2)));
        std::array<Fr, 6> product_out;
        const std::vector<CycleFactor> pf = product_virtualization_factors();
        for (std::size_t f = 0; f < pf.size(); ++f) product_out[f] = o(pf[f].poly, c2);
        v.push_back(std::make_unique<ProductVirtualizationVerifier>(
            ch.scalar("gamma_product"), r_c1,
            std::array<Fr, 3>{c(I::kProduct), c(I::kShouldBranch), c(I::kShouldJump)},
            product_out));
        std::array<Fr, 5> instruction_in, instruction_out;
        const std::vector<CycleFactor> inf = instruction_claim_reduction_factors();
        for (std::size_t f = 0; f < inf.size(); ++f) {
          instruction_in[f] = *acc.find({inf[f].poly, at(PN::kCycle1)}).value;
          instruction_out[f] = o(inf[f].poly, c2);
        }
        v.push_back(std::make_unique<InstructionClaimReductionVerifier>(
            ch.scalar("gamma_instruction_cr"), r_c1, instruction_in, instruction_out));
        v.push_back(std::make_unique<RamRafVerifier>(
            log_k, in.lowest_address, c(I::kRamAddress),
            o(poly(PF::kRamRa), at(PN::kRamAddress2, PN::kCycle1))));
        v.push_back(std::make_unique<RamOutputCheckVerifier>(
            ch["r_output"], o(poly(PF::kRamValFinal), at(PN::kRamAddress2)), in.io_mask,
            in.val_io));
        return v;
      },
      transcript, accumulator);
}

}  // namespace rill::zkvm
