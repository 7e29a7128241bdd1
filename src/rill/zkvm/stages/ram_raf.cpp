#include "rill/zkvm/stages/ram_raf.hpp"

namespace rill::zkvm {

RamRafProver::RamRafProver(const RamReadWriteProver& rw, u32 lowest_address, const Fr& claim)
    : rw_(rw), log_k_(rw.log_k()), lowest_(lowest_address), claim_(claim) {}

std::unique_ptr<PassConsumer<CycleRecord>> RamRafProver::begin_pass(unsigned) {
  RILL_CHECK(false, "the RAF reads the read-write instance's pass");
  return nullptr;
}

UniPoly RamRafProver::round_poly(unsigned round, const Fr& claim) {
  if (round == 0) {
    const std::size_t k = std::size_t{1} << log_k_;
    const std::span<const Fr> access = rw_.round0_access();
    tracked_vector<Fr> f(k, Fr::zero());
    if (!access.empty()) std::copy(access.begin(), access.end(), f.begin());
    tracked_vector<Fr> unmap(k);
    for (std::size_t a = 0; a < k; ++a) unmap[a] = Fr::from_u64(u64{lowest_} + 4 * u64{a});
    std::vector<DensePoly> factors;
    factors.emplace_back(std::move(f));
    factors.emplace_back(std::move(unmap));
    rounds_.emplace(ProductShape::product(2), std::move(factors), Weight::none(), claim_);
  }
  return rounds_->round_poly(round, claim);
}

void RamRafProver::bind(unsigned round, const Fr& challenge) { rounds_->bind(round, challenge); }

Fr RamRafProver::ra_claim() const { return rounds_->factor_evals()[0]; }

void RamRafProver::output_claims(const PointTable&, StageClaims& claims) const {
  claims.set({poly(PolyFamily::kRamRa), at(PointName::kRamAddress2, PointName::kCycle1)},
             ra_claim());
}

RamRafVerifier::RamRafVerifier(unsigned log_k, u32 lowest_address, const Fr& ram_address,
                               const Fr& ra)
    : log_k_(log_k), lowest_(lowest_address), claim_(ram_address), ra_(ra) {}

Fr RamRafVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), std::size_t{log_k_}, "one challenge per round");
  return ra_ * ram_unmap_eval(lowest_, challenges);
}

Fr ram_unmap_eval(u32 lowest_address, std::span<const Fr> challenges) {
  // Σ_b 2^b·r_b by Horner from the top bit.
  Fr s = Fr::zero();
  for (std::size_t b = challenges.size(); b-- > 0;) s = s + s + challenges[b];
  return Fr::from_u64(lowest_address) + Fr::from_u64(4) * s;
}

}  // namespace rill::zkvm
