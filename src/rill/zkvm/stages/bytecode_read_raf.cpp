#include "rill/zkvm/stages/bytecode_read_raf.hpp"

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/product.hpp"

namespace rill::zkvm {

BytecodeAddressProver::BytecodeAddressProver(const shout::BytecodeValues& bytecode,
                                             BytecodeReadRafParams params, const Fr& claim)
    : bytecode_(bytecode),
      num_vars_(bytecode_num_vars(bytecode)),
      params_(std::move(params)),
      claim_(claim) {}

std::unique_ptr<PassConsumer<CycleRecord>> BytecodeAddressProver::begin_pass(unsigned round) {
  RILL_CHECK_EQ(round, 0u, "one pass, before round 0");
  return std::make_unique<PushforwardPass>(
      params_.group_points(), std::vector<OneHotColumn>{OneHotColumn::pc()}, num_vars_,
      [this](PushforwardTables f) {
        std::vector<DensePoly> factors;
        for (unsigned s = 0; s < kBytecodeGroups; ++s) {
          const std::span<const Fr> t = f.table(s, 0);
          factors.emplace_back(tracked_vector<Fr>(t.begin(), t.end()));
        }
        for (auto& column : bytecode_value_tables(bytecode_, params_))
          factors.emplace_back(std::move(column));
        std::vector<std::vector<unsigned>> terms;
        for (unsigned s = 0; s < kBytecodeGroups; ++s) terms.push_back({s, kBytecodeGroups + s});
        rounds_.emplace(ProductShape(2 * kBytecodeGroups, std::move(terms)), std::move(factors),
                        Weight::none(), claim_);
      });
}

UniPoly BytecodeAddressProver::round_poly(unsigned round, const Fr& claim) {
  RILL_CHECK(rounds_.has_value(), "the pushforward pass has not run");
  return rounds_->round_poly(round, claim);
}

void BytecodeAddressProver::bind(unsigned round, const Fr& r) { rounds_->bind(round, r); }

Fr BytecodeAddressProver::address_claim() const {
  const std::vector<Fr> f = rounds_->factor_evals();
  Fr sum = Fr::zero();
  for (unsigned s = 0; s < kBytecodeGroups; ++s) sum += f[s] * f[kBytecodeGroups + s];
  return sum;
}

std::array<Fr, kBytecodeGroups> BytecodeAddressProver::point_values() const {
  const std::vector<Fr> f = rounds_->factor_evals();
  std::array<Fr, kBytecodeGroups> out;
  for (unsigned s = 0; s < kBytecodeGroups; ++s) out[s] = f[kBytecodeGroups + s];
  return out;
}

void BytecodeAddressProver::output_claims(const PointTable&, StageClaims& claims) const {
  claims.set({poly(PolyFamily::kBytecodeReadRafAddrClaim), at(PointName::kBytecodeAddress)},
             address_claim());
}

namespace {

OneHotEqKernel bytecode_kernel(std::span<const Fr> rho, const OneHotParams& p) {
  std::vector<OneHotColumn> columns;
  std::vector<std::vector<Fr>> points;
  std::vector<unsigned> table_of;
  for (unsigned i = 0; i < p.bytecode_chunks; ++i) {
    columns.push_back(OneHotColumn::of(poly(PolyFamily::kBytecodeRaChunk, i)));
    points.push_back(point_chunk(rho, p.log_k_chunk, i));
    table_of.push_back(i);
  }
  return OneHotEqKernel(std::move(columns), points, std::move(table_of));
}

}  // namespace

Weight BytecodeCycleProver::weight(const BytecodeReadRafParams& params,
                                   const std::array<Fr, kBytecodeGroups>& values) {
  return Weight::eq_combination(params.group_points(),
                                std::vector<Fr>(values.begin(), values.end()));
}

BytecodeCycleProver::BytecodeCycleProver(std::span<const Fr> rho,
                                         const BytecodeReadRafParams& params,
                                         const std::array<Fr, kBytecodeGroups>& values,
                                         const OneHotParams& one_hot, Schedule schedule,
                                         const Fr& claim)
    : KernelStageProver<OneHotEqKernel>(bytecode_kernel(rho, one_hot),
                                        static_cast<unsigned>(params.r_cycle[0].size()),
                                        ProductShape::product(one_hot.bytecode_chunks),
                                        weight(params, values), std::move(schedule), claim),
      one_hot_(one_hot) {}

void BytecodeCycleProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  for (unsigned i = 0; i < one_hot_.bytecode_chunks; ++i)
    claims.set({poly(PolyFamily::kBytecodeRaChunk, i),
                at_chunk(PointName::kBytecodeAddress, one_hot_.log_k_chunk, i, PointName::kCycle6)},
               f[i]);
}

BytecodeCycleVerifier::BytecodeCycleVerifier(BytecodeReadRafParams params,
                                             std::array<Fr, kBytecodeGroups> values,
                                             const Fr& address_claim, std::vector<Fr> chunk_claims)
    : params_(std::move(params)),
      values_(values),
      address_claim_(address_claim),
      chunk_claims_(std::move(chunk_claims)) {}

Fr BytecodeCycleVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), std::size_t{num_rounds()}, "one challenge per round");
  const std::vector<Fr> r_c6(challenges.rbegin(), challenges.rend());
  const std::vector<std::vector<Fr>> points = params_.group_points();
  Fr omega = Fr::zero();
  for (unsigned s = 0; s < kBytecodeGroups; ++s) omega += values_[s] * eq_eval(points[s], r_c6);
  for (const Fr& c : chunk_claims_) omega *= c;
  return omega;
}

}  // namespace rill::zkvm
