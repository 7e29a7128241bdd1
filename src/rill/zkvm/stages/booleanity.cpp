#include "rill/zkvm/stages/booleanity.hpp"

namespace rill::zkvm {

namespace {

std::vector<OneHotColumn> chunk_columns(const OneHotParams& p) {
  std::vector<OneHotColumn> out;
  for (const PolyId id : committed_one_hot_chunks(p)) out.push_back(OneHotColumn::of(id));
  return out;
}

Fr eq1(const Fr& u, const Fr& x) { return u * x + (Fr::one() - u) * (Fr::one() - x); }

}  // namespace

BooleanityAddressProver::BooleanityAddressProver(std::vector<Fr> r_a_b, std::vector<Fr> r_c_b,
                                                 const Fr& gamma, const OneHotParams& one_hot)
    : r_a_b_(std::move(r_a_b)), r_c_b_(std::move(r_c_b)), gamma_(gamma), one_hot_(one_hot) {
  RILL_CHECK_EQ(r_a_b_.size(), std::size_t{one_hot.log_k_chunk},
                "r_a^b has log_k_chunk coordinates");
}

std::unique_ptr<PassConsumer<CycleRecord>> BooleanityAddressProver::begin_pass(unsigned round) {
  RILL_CHECK_EQ(round, 0u, "one pass, before round 0");
  const std::vector<OneHotColumn> columns = chunk_columns(one_hot_);
  return std::make_unique<PushforwardPass>(
      std::vector<std::vector<Fr>>{r_c_b_}, columns, one_hot_.log_k_chunk,
      [this, n = columns.size()](PushforwardTables g) {
        // A = B = Σ_i γ^{2i}·G_i before any address bit is bound.
        const std::size_t k = std::size_t{1} << one_hot_.log_k_chunk;
        a_.assign(k, Fr::zero());
        const Fr gamma2 = gamma_ * gamma_;
        Fr power = Fr::one();
        for (unsigned i = 0; i < n; ++i, power *= gamma2) {
          const std::span<const Fr> gi = g.table(0, i);
          for (std::size_t x = 0; x < k; ++x) a_[x] += power * gi[x];
        }
        b_ = a_;
      });
}

UniPoly BooleanityAddressProver::round_poly(unsigned round, const Fr&) {
  RILL_CHECK_EQ(round, bound_, "rounds out of order");
  RILL_CHECK(!a_.empty(), "the pushforward pass has not run");
  const unsigned n = num_rounds();
  const Fr& u = r_a_b_[n - 1 - round];  // eq coordinate of address bit `round`
  // eq(u_{>m}, k') over the n − m − 1 unbound bits above bit m.
  const tracked_vector<Fr> eq_hi = eq_table(std::span<const Fr>(r_a_b_).first(n - 1 - round));
  Fr s_a0 = Fr::zero(), s_a1 = Fr::zero(), s_b0 = Fr::zero(), s_b1 = Fr::zero();
  for (std::size_t kp = 0; kp < eq_hi.size(); ++kp) {
    s_a0 += eq_hi[kp] * a_[2 * kp];
    s_a1 += eq_hi[kp] * a_[2 * kp + 1];
    s_b0 += eq_hi[kp] * b_[2 * kp];
    s_b1 += eq_hi[kp] * b_[2 * kp + 1];
  }
  std::vector<Fr> evals;
  for (u64 xi = 0; xi <= kBooleanityDegree; ++xi) {
    const Fr x = Fr::from_u64(xi), one_minus = Fr::one() - x;
    const Fr inner = one_minus * one_minus * s_b0 + x * x * s_b1 - one_minus * s_a0 - x * s_a1;
    evals.push_back(eq_bound_ * eq1(u, x) * inner);
  }
  return UniPoly::from_evals(evals);
}

void BooleanityAddressProver::bind(unsigned round, const Fr& r) {
  RILL_CHECK_EQ(round, bound_, "rounds out of order");
  eq_bound_ *= eq1(r_a_b_[num_rounds() - 1 - round], r);
  const Fr s = Fr::one() - r, s2 = s * s, r2 = r * r;
  const std::size_t half = a_.size() / 2;
  for (std::size_t x = 0; x < half; ++x) {
    a_[x] = s * a_[2 * x] + r * a_[2 * x + 1];
    b_[x] = s2 * b_[2 * x] + r2 * b_[2 * x + 1];
  }
  a_.resize(half);
  b_.resize(half);
  ++bound_;
}

Fr BooleanityAddressProver::address_claim() const {
  RILL_CHECK_EQ(bound_, num_rounds(), "the address rounds are not over");
  return eq_bound_ * (b_[0] - a_[0]);
}

void BooleanityAddressProver::output_claims(const PointTable&, StageClaims& claims) const {
  claims.set({poly(PolyFamily::kBooleanityAddrClaim), at(PointName::kBooleanityAddress)},
             address_claim());
}

ProductShape BooleanityCycleProver::shape(std::span<const Fr> r_a_b, std::span<const Fr> rho,
                                          const Fr& gamma, unsigned chunks) {
  const Fr e = eq_eval(r_a_b, rho), gamma2 = gamma * gamma;
  std::vector<ProductTerm> terms;
  Fr power = e;
  // γ^{2i}·eq(r_a, ρ)·ra_i·(ra_i − 1): one term of two multiplications per chunk.
  for (unsigned i = 0; i < chunks; ++i, power *= gamma2)
    terms.push_back({{i, i}, power, 0, {Fr::zero(), -Fr::one()}});
  return ProductShape::from_terms(chunks, std::move(terms));
}

BooleanityCycleProver::BooleanityCycleProver(std::span<const Fr> r_a_b, std::vector<Fr> r_c_b,
                                             std::vector<Fr> rho, const Fr& gamma,
                                             const OneHotParams& one_hot, Schedule schedule,
                                             const Fr& claim)
    : KernelStageProver<OneHotEqKernel>(
          OneHotEqKernel(chunk_columns(one_hot), {rho},
                         std::vector<unsigned>(committed_one_hot_chunks(one_hot).size(), 0)),
          static_cast<unsigned>(r_c_b.size()),
          shape(r_a_b, rho, gamma, static_cast<unsigned>(committed_one_hot_chunks(one_hot).size())),
          Weight::eq(r_c_b), std::move(schedule), claim),
      one_hot_(one_hot) {}

void BooleanityCycleProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> f = factor_evals();
  const std::vector<PolyId> chunks = committed_one_hot_chunks(one_hot_);
  for (std::size_t i = 0; i < chunks.size(); ++i)
    claims.set({chunks[i], at(PointName::kBooleanityAddress, PointName::kCycle6)}, f[i]);
}

BooleanityCycleVerifier::BooleanityCycleVerifier(std::vector<Fr> r_a_b, std::vector<Fr> r_c_b,
                                                 std::vector<Fr> rho, const Fr& gamma,
                                                 const Fr& address_claim,
                                                 std::vector<Fr> chunk_claims)
    : r_a_b_(std::move(r_a_b)),
      r_c_b_(std::move(r_c_b)),
      rho_(std::move(rho)),
      gamma_(gamma),
      address_claim_(address_claim),
      chunk_claims_(std::move(chunk_claims)) {}

Fr BooleanityCycleVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_c_b_.size(), "one challenge per round");
  const std::vector<Fr> r_c6(challenges.rbegin(), challenges.rend());
  const Fr gamma2 = gamma_ * gamma_;
  Fr sum = Fr::zero(), power = Fr::one();
  for (const Fr& v : chunk_claims_) {
    sum += power * (v * v - v);
    power *= gamma2;
  }
  return eq_eval(r_a_b_, rho_) * eq_eval(r_c_b_, r_c6) * sum;
}

}  // namespace rill::zkvm
