#include "rill/zkvm/stages/ram_ra_virtualization.hpp"

namespace rill::zkvm {

RamRaChunksKernel::RamRaChunksKernel(std::span<const Fr> r_a2, unsigned log_k_chunk,
                                     unsigned chunks) {
  auto tables = std::make_shared<std::vector<tracked_vector<Fr>>>();
  for (unsigned i = 0; i < chunks; ++i)
    tables->push_back(eq_table(point_chunk(r_a2, log_k_chunk, i)));
  chunk_eq_ = std::move(tables);
}

void RamRaChunksKernel::factors(const CycleRecord& r, const CycleRecord&, u64, Fr* out) const {
  const auto& tables = *chunk_eq_;
  for (std::size_t i = 0; i < tables.size(); ++i)
    out[i] = r.ram_word == kNoAccess ? Fr::zero() : tables[i][r.ram_chunks[i]];
}

RamRaVirtualizationProver::RamRaVirtualizationProver(std::span<const Fr> r_a2, std::vector<Fr> r_c5,
                                                     const OneHotParams& one_hot, Schedule schedule,
                                                     const Fr& claim)
    : KernelStageProver<RamRaChunksKernel>(
          RamRaChunksKernel(r_a2, one_hot.log_k_chunk, one_hot.ram_chunks),
          static_cast<unsigned>(r_c5.size()), ProductShape::product(one_hot.ram_chunks),
          Weight::eq(r_c5), std::move(schedule), claim),
      one_hot_(one_hot) {}

void RamRaVirtualizationProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  for (unsigned i = 0; i < one_hot_.ram_chunks; ++i)
    claims.set({poly(PolyFamily::kRamRaChunk, i),
                at_chunk(PointName::kRamAddress2, one_hot_.log_k_chunk, i, PointName::kCycle6)},
               f[i]);
}

RamRaVirtualizationVerifier::RamRaVirtualizationVerifier(std::vector<Fr> r_c5, const Fr& ram_ra,
                                                         std::vector<Fr> chunks)
    : r_c5_(std::move(r_c5)), claim_(ram_ra), chunks_(std::move(chunks)) {}

Fr RamRaVirtualizationVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c5_.size(), "one challenge per round");
  const std::vector<Fr> r_c6(challenges.rbegin(), challenges.rend());
  Fr p = eq_eval(r_c5_, r_c6);
  for (const Fr& c : chunks_) p *= c;
  return p;
}

}  // namespace rill::zkvm
