#include "rill/zkvm/stages/ram_ra_virtualization.hpp"

namespace rill::zkvm {

namespace {

// Factor i: eq(chunk_i(r_a^2), chunk i of the row's word), zero without an access.
OneHotEqKernel ram_kernel(std::span<const Fr> r_a2, const OneHotParams& p) {
  std::vector<OneHotColumn> columns;
  std::vector<std::vector<Fr>> points;
  std::vector<unsigned> table_of;
  for (unsigned i = 0; i < p.ram_chunks; ++i) {
    columns.push_back(OneHotColumn::of(poly(PolyFamily::kRamRaChunk, i)));
    points.push_back(point_chunk(r_a2, p.log_k_chunk, i));
    table_of.push_back(i);
  }
  return OneHotEqKernel(std::move(columns), points, std::move(table_of));
}

}  // namespace

RamRaVirtualizationProver::RamRaVirtualizationProver(std::span<const Fr> r_a2, std::vector<Fr> r_c5,
                                                     const OneHotParams& one_hot, Schedule schedule,
                                                     const Fr& claim)
    : KernelStageProver<OneHotEqKernel>(
          ram_kernel(r_a2, one_hot), static_cast<unsigned>(r_c5.size()),
          ProductShape::product(one_hot.ram_chunks), Weight::eq(r_c5), std::move(schedule), claim),
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
