#include "rill/zkvm/stages/hamming_weight_reduction.hpp"

#include "rill/poly/eq.hpp"

namespace rill::zkvm {

Fr hamming_weight_input_claim(std::span<const Fr> activation, std::span<const Fr> booleanity,
                              std::span<const Fr> virtualization, const Fr& gamma) {
  RILL_CHECK(activation.size() == booleanity.size() && booleanity.size() == virtualization.size(),
             "three claims per chunk");
  Fr sum = Fr::zero(), power = Fr::one();
  for (std::size_t i = 0; i < activation.size(); ++i) {
    sum += power * activation[i];
    power *= gamma;
    sum += power * booleanity[i];
    power *= gamma;
    sum += power * virtualization[i];
    power *= gamma;
  }
  return sum;
}

std::vector<Fr> hamming_weight_activation(const OneHotParams& one_hot,
                                          const Fr& ram_hamming_weight) {
  std::vector<Fr> out;
  for (const PolyId id : committed_one_hot_chunks(one_hot))
    out.push_back(id.family == PolyFamily::kRamRaChunk ? ram_hamming_weight : Fr::one());
  return out;
}

HammingWeightReductionProver::HammingWeightReductionProver(std::vector<Fr> r_c6, const Fr& gamma,
                                                           const OneHotParams& one_hot,
                                                           std::vector<Fr> r_bool,
                                                           std::vector<std::vector<Fr>> r_virt,
                                                           const Fr& claim)
    : r_c6_(std::move(r_c6)),
      gamma_(gamma),
      one_hot_(one_hot),
      r_bool_(std::move(r_bool)),
      r_virt_(std::move(r_virt)),
      claim_(claim) {
  RILL_CHECK_EQ(r_virt_.size(), committed_one_hot_chunks(one_hot_).size(), "one point per chunk");
}

std::unique_ptr<PassConsumer<CycleRecord>> HammingWeightReductionProver::begin_pass(
    unsigned round) {
  RILL_CHECK_EQ(round, 0u, "one pass, before round 0");
  std::vector<OneHotColumn> columns;
  for (const PolyId id : committed_one_hot_chunks(one_hot_))
    columns.push_back(OneHotColumn::of(id));
  return std::make_unique<PushforwardPass>(
      std::vector<std::vector<Fr>>{r_c6_}, columns, one_hot_.log_k_chunk,
      [this, n = columns.size()](PushforwardTables g) {
        const tracked_vector<Fr> eq_bool = eq_table(r_bool_);
        Fr power = Fr::one();
        for (std::size_t i = 0; i < n; ++i) {
          const std::span<const Fr> gi = g.table(0, static_cast<unsigned>(i));
          g_.emplace_back(gi.begin(), gi.end());
          const Fr c0 = power, c1 = power * gamma_, c2 = c1 * gamma_;
          power = c2 * gamma_;
          const tracked_vector<Fr> eq_virt = eq_table(r_virt_[i]);
          tracked_vector<Fr> w(gi.size());
          for (std::size_t k = 0; k < w.size(); ++k) w[k] = c0 + c1 * eq_bool[k] + c2 * eq_virt[k];
          w_.push_back(std::move(w));
        }
      });
}

UniPoly HammingWeightReductionProver::round_poly(unsigned round, const Fr&) {
  RILL_CHECK_EQ(round, bound_, "rounds out of order");
  RILL_CHECK(!g_.empty(), "the pushforward pass has not run");
  // h(X) = Σ_i Σ_{k'} G_i(X, k')·W_i(X, k'), both linear in X.
  std::array<Fr, kHammingWeightDegree + 1> evals{};
  for (std::size_t i = 0; i < g_.size(); ++i)
    for (std::size_t kp = 0; kp < g_[i].size() / 2; ++kp) {
      const Fr g0 = g_[i][2 * kp], g1 = g_[i][2 * kp + 1];
      const Fr w0 = w_[i][2 * kp], w1 = w_[i][2 * kp + 1];
      evals[0] += g0 * w0;
      evals[1] += g1 * w1;
      evals[2] += (g1 + g1 - g0) * (w1 + w1 - w0);
    }
  return UniPoly::from_evals(evals);
}

void HammingWeightReductionProver::bind(unsigned round, const Fr& r) {
  RILL_CHECK_EQ(round, bound_, "rounds out of order");
  for (auto* tables : {&g_, &w_})
    for (auto& t : *tables) {
      const std::size_t half = t.size() / 2;
      for (std::size_t x = 0; x < half; ++x) t[x] = t[2 * x] + r * (t[2 * x + 1] - t[2 * x]);
      t.resize(half);
    }
  ++bound_;
}

std::vector<Fr> HammingWeightReductionProver::chunk_claims() const {
  RILL_CHECK_EQ(bound_, num_rounds(), "the rounds are not over");
  std::vector<Fr> out;
  for (const auto& g : g_) out.push_back(g[0]);
  return out;
}

void HammingWeightReductionProver::output_claims(const PointTable&, StageClaims& claims) const {
  const std::vector<Fr> v = chunk_claims();
  const std::vector<PolyId> chunks = committed_one_hot_chunks(one_hot_);
  for (std::size_t i = 0; i < chunks.size(); ++i)
    claims.set({chunks[i], at(PointName::kAddress7, PointName::kCycle6)}, v[i]);
}

HammingWeightReductionVerifier::HammingWeightReductionVerifier(const Fr& gamma,
                                                               std::vector<Fr> r_bool,
                                                               std::vector<std::vector<Fr>> r_virt,
                                                               const Fr& claim,
                                                               std::vector<Fr> chunk_claims)
    : gamma_(gamma),
      r_bool_(std::move(r_bool)),
      r_virt_(std::move(r_virt)),
      claim_(claim),
      chunk_claims_(std::move(chunk_claims)) {
  RILL_CHECK_EQ(r_virt_.size(), chunk_claims_.size(), "one point per chunk");
}

Fr HammingWeightReductionVerifier::expected_output(std::span<const Fr> challenges) const {
  RILL_CHECK_EQ(challenges.size(), r_bool_.size(), "one challenge per round");
  const std::vector<Fr> rho(challenges.rbegin(), challenges.rend());
  const Fr eq_bool = eq_eval(r_bool_, rho);
  Fr sum = Fr::zero(), power = Fr::one();
  for (std::size_t i = 0; i < chunk_claims_.size(); ++i) {
    const Fr c0 = power, c1 = power * gamma_, c2 = c1 * gamma_;
    power = c2 * gamma_;
    sum += chunk_claims_[i] * (c0 + c1 * eq_bool + c2 * eq_eval(r_virt_[i], rho));
  }
  return sum;
}

}  // namespace rill::zkvm
