#include "rill/zkvm/stages/inc_claim_reduction.hpp"

namespace rill::zkvm {

IncReductionKernel::IncReductionKernel(const Fr& gamma, std::span<const Fr> r_c2,
                                       std::span<const Fr> r_c4, std::span<const Fr> r_c5)
    : gamma_(gamma),
      gamma2_(gamma * gamma),
      eq2_(std::make_shared<const HalvedEqTable>(r_c2)),
      eq4_(std::make_shared<const HalvedEqTable>(r_c4)),
      eq5_(std::make_shared<const HalvedEqTable>(r_c5)) {}

void IncReductionKernel::factors(const CycleRecord& r, const CycleRecord&, u64 j, i64* small,
                                 Fr* field) const {
  const Fr e4 = (*eq4_)(j);
  small[0] = r.ram_word == kNoAccess ? 0 : r.ram_inc;
  small[1] = r.rd == kNoAccess ? 0 : r.rd_inc;
  field[2] = (*eq2_)(j) + gamma_ * e4;
  field[3] = gamma2_ * (e4 + gamma_ * (*eq5_)(j));
}

IncClaimReductionProver::IncClaimReductionProver(const Fr& gamma, std::span<const Fr> r_c2,
                                                 std::span<const Fr> r_c4, std::span<const Fr> r_c5,
                                                 Schedule schedule, const Fr& claim)
    : KernelStageProver<IncReductionKernel>(
          IncReductionKernel(gamma, r_c2, r_c4, r_c5), static_cast<unsigned>(r_c2.size()),
          ProductShape(4, {{0, 2}, {1, 3}}), Weight::none(), std::move(schedule), claim) {}

void IncClaimReductionProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  claims.set({poly(PolyFamily::kRamInc), at(PointName::kCycle6)}, f[0]);
  claims.set({poly(PolyFamily::kRdInc), at(PointName::kCycle6)}, f[1]);
}

IncClaimReductionVerifier::IncClaimReductionVerifier(const Fr& gamma, std::vector<Fr> r_c2,
                                                     std::vector<Fr> r_c4, std::vector<Fr> r_c5,
                                                     std::array<Fr, 4> inputs,
                                                     std::array<Fr, 2> outputs)
    : gamma_(gamma),
      r_c2_(std::move(r_c2)),
      r_c4_(std::move(r_c4)),
      r_c5_(std::move(r_c5)),
      claim_(inputs[0] + gamma * (inputs[1] + gamma * (inputs[2] + gamma * inputs[3]))),
      out_(outputs) {}

Fr IncClaimReductionVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c2_.size(), "one challenge per round");
  const std::vector<Fr> r(challenges.rbegin(), challenges.rend());
  const Fr e4 = eq_eval(r_c4_, r);
  return out_[0] * (eq_eval(r_c2_, r) + gamma_ * e4) +
         gamma_ * gamma_ * out_[1] * (e4 + gamma_ * eq_eval(r_c5_, r));
}

}  // namespace rill::zkvm
