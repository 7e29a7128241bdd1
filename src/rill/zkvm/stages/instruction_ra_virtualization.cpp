#include "rill/zkvm/stages/instruction_ra_virtualization.hpp"

namespace rill::zkvm {

namespace {

OneHotEqKernel instruction_kernel(std::span<const Fr> r_a5, const OneHotParams& p) {
  std::vector<OneHotColumn> columns;
  std::vector<std::vector<Fr>> points;
  std::vector<unsigned> table_of;
  for (unsigned i = 0; i < p.instruction_chunks; ++i) {
    columns.push_back(OneHotColumn::of(poly(PolyFamily::kInstructionRaChunk, i)));
    points.push_back(point_chunk(r_a5, p.log_k_chunk, i));
    table_of.push_back(i);
  }
  return OneHotEqKernel(std::move(columns), points, std::move(table_of));
}

}  // namespace

Fr instruction_ra_virtualization_claim(std::span<const Fr> virtual_claims, const Fr& gamma) {
  Fr sum = Fr::zero(), power = Fr::one();
  for (const Fr& v : virtual_claims) {
    sum += power * v;
    power *= gamma;
  }
  return sum;
}

ProductShape InstructionRaVirtualizationProver::shape(unsigned chunks, unsigned chunks_per_virtual,
                                                      const Fr& gamma) {
  RILL_CHECK(chunks_per_virtual >= 1 && chunks % chunks_per_virtual == 0,
             "M divides the committed chunk count");
  std::vector<ProductTerm> terms;
  Fr power = Fr::one();
  for (unsigned v = 0; v < chunks / chunks_per_virtual; ++v, power *= gamma) {
    ProductTerm t;
    for (unsigned m = 0; m < chunks_per_virtual; ++m)
      t.factors.push_back(v * chunks_per_virtual + m);
    t.coeff = power;
    terms.push_back(std::move(t));
  }
  return ProductShape::from_terms(chunks, std::move(terms));
}

InstructionRaVirtualizationProver::InstructionRaVirtualizationProver(
    std::span<const Fr> r_a5, std::vector<Fr> r_c5, const Fr& gamma, const OneHotParams& one_hot,
    unsigned chunks_per_virtual, Schedule schedule, const Fr& claim)
    : KernelStageProver<OneHotEqKernel>(
          instruction_kernel(r_a5, one_hot), static_cast<unsigned>(r_c5.size()),
          shape(one_hot.instruction_chunks, chunks_per_virtual, gamma), Weight::eq(r_c5),
          std::move(schedule), claim),
      one_hot_(one_hot) {}

void InstructionRaVirtualizationProver::output_claims(const PointTable&,
                                                      StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  for (unsigned i = 0; i < one_hot_.instruction_chunks; ++i)
    claims.set(
        {poly(PolyFamily::kInstructionRaChunk, i),
         at_chunk(PointName::kInstructionAddress5, one_hot_.log_k_chunk, i, PointName::kCycle6)},
        f[i]);
}

InstructionRaVirtualizationVerifier::InstructionRaVirtualizationVerifier(
    std::vector<Fr> r_c5, const Fr& gamma, unsigned chunks_per_virtual, const Fr& claim,
    std::vector<Fr> chunk_claims)
    : r_c5_(std::move(r_c5)),
      gamma_(gamma),
      m_(chunks_per_virtual),
      claim_(claim),
      chunk_claims_(std::move(chunk_claims)) {}

Fr InstructionRaVirtualizationVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c5_.size(), "one challenge per round");
  const std::vector<Fr> r_c6(challenges.rbegin(), challenges.rend());
  Fr sum = Fr::zero(), power = Fr::one();
  for (std::size_t v = 0; v * m_ < chunk_claims_.size(); ++v, power *= gamma_) {
    Fr p = power;
    for (unsigned m = 0; m < m_; ++m) p *= chunk_claims_[v * m_ + m];
    sum += p;
  }
  return eq_eval(r_c5_, r_c6) * sum;
}

}  // namespace rill::zkvm
