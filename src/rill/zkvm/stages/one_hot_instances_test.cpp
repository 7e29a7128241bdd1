// The one-hot instances on small synthetic records (K_chunk = 4, T = 8, RAM chunks with cycles
// that do not access RAM): the booleanity address rounds against a brute-force prover of the
// relation over dense matrices (identical bytes for one-hot data; an entry 2 rejected), and the
// Hamming-weight reduction against a prover built from the dense references
// (shout/one_hot_checks.hpp) — identical bytes for one-hot data, and a column with two hot entries
// rejected whoever proves it.
#include <gtest/gtest.h>

#include <random>

#include "rill/poly/eq.hpp"
#include "rill/sumcheck/product.hpp"
#include "rill/zkvm/shout/one_hot_checks.hpp"
#include "rill/zkvm/stages/booleanity.hpp"
#include "rill/zkvm/stages/hamming_weight_reduction.hpp"
#include "rill/zkvm/stages/twist_test_util.hpp"

namespace rill::zkvm {
namespace {

using Indices = std::vector<std::optional<u32>>;

constexpr unsigned kLogK = 2, kLogT = 3;

OneHotParams params() {
  OneHotParams p;
  p.log_k_chunk = kLogK;
  p.instruction_chunks = 3;
  p.bytecode_chunks = 1;
  p.ram_chunks = 2;
  return p;
}

struct Synthetic {
  std::vector<CycleRecord> records;
  std::vector<Indices> chunks;  // protocol order
};

Synthetic synthetic(u64 seed) {
  std::mt19937_64 rng(seed);
  const OneHotParams p = params();
  Synthetic s;
  s.chunks.resize(p.instruction_chunks + p.bytecode_chunks + p.ram_chunks);
  for (u64 j = 0; j < (u64{1} << kLogT); ++j) {
    CycleRecord r;
    std::size_t c = 0;
    for (unsigned i = 0; i < p.instruction_chunks; ++i, ++c) {
      r.instruction_chunks[i] = static_cast<u8>(rng() % 4);
      s.chunks[c].push_back(r.instruction_chunks[i]);
    }
    r.bytecode_chunks[0] = static_cast<u8>(rng() % 4);
    s.chunks[c++].push_back(r.bytecode_chunks[0]);
    const bool access = rng() % 3 != 0;
    r.ram_word = access ? 0 : kNoAccess;
    for (unsigned i = 0; i < p.ram_chunks; ++i, ++c) {
      r.ram_chunks[i] = access ? static_cast<u32>(rng() % 4) : kNoAccess;
      s.chunks[c].push_back(access ? std::optional<u32>(r.ram_chunks[i]) : std::nullopt);
    }
    s.records.push_back(r);
  }
  return s;
}

std::vector<Fr> point(u64 seed, unsigned n) {
  std::mt19937_64 rng(seed);
  return testing::random_point(rng, n);
}

// The booleanity address rounds by brute force over dense K × T matrices (any entries):
// h_m(x) = Σ_{k'} eq(r_a, a)·Σ_j eq(r_c, j)·Σ_i γ^{2i}(M_i(a, j)² − M_i(a, j)), with
// a = (k', x, r_{m−1}, …, r_0) big-endian and M_i(a, j) = Σ_k eq(a, k)·ra_i(k, j). Claims 0.
class BruteForceBooleanityAddress final : public SumcheckInstance {
 public:
  BruteForceBooleanityAddress(std::vector<shout::DenseRa> dense, std::vector<Fr> r_a,
                              std::vector<Fr> r_c, const Fr& gamma)
      : dense_(std::move(dense)), r_a_(std::move(r_a)), r_c_(std::move(r_c)), gamma_(gamma) {}
  unsigned num_rounds() const override { return kLogK; }
  unsigned degree() const override { return kBooleanityDegree; }
  Fr input_claim() const override { return Fr::zero(); }
  UniPoly round_poly(unsigned m, const Fr&) override {
    const tracked_vector<Fr> eq_c = eq_table(r_c_);
    std::vector<Fr> evals;
    for (u64 xi = 0; xi <= kBooleanityDegree; ++xi) {
      Fr h = Fr::zero();
      for (u64 kp = 0; kp < (u64{1} << (kLogK - 1 - m)); ++kp) {
        std::vector<Fr> a;
        for (unsigned b = kLogK - 1 - m; b-- > 0;) a.push_back(Fr::from_u64((kp >> b) & 1));
        a.push_back(Fr::from_u64(xi));
        for (unsigned l = m; l-- > 0;) a.push_back(r_[l]);
        const tracked_vector<Fr> eq_a = eq_table(a);
        Fr sum = Fr::zero(), power = Fr::one();
        for (const shout::DenseRa& ra : dense_) {
          for (std::size_t j = 0; j < ra.num_cycles(); ++j) {
            Fr v = Fr::zero();
            for (std::size_t k = 0; k < ra.num_addresses(); ++k) v += eq_a[k] * ra.at(k, j);
            sum += power * eq_c[j] * (v * v - v);
          }
          power *= gamma_ * gamma_;
        }
        h += eq_eval(r_a_, a) * sum;
      }
      evals.push_back(h);
    }
    last_ = UniPoly::from_evals(evals);
    return last_;
  }
  void bind(unsigned, const Fr& r) override {
    r_.push_back(r);
    final_ = last_.evaluate(r);
  }
  const Fr& final_claim() const { return final_; }

 private:
  std::vector<shout::DenseRa> dense_;
  std::vector<Fr> r_a_, r_c_;
  Fr gamma_;
  std::vector<Fr> r_;
  UniPoly last_;
  Fr final_ = Fr::zero();
};

TEST(BooleanityAddress, MatchesBruteForceAndRejectsANonBooleanEntry) {
  const Synthetic s = synthetic(7);
  const auto source = testing::record_source(s.records);
  const std::vector<Fr> r_a = point(1, kLogK), r_c = point(2, kLogT);
  const Fr gamma = Fr::from_u64(9);
  std::vector<shout::DenseRa> dense;
  for (const Indices& ix : s.chunks) dense.push_back(shout::dense_ra_from_indices(kLogK, ix));

  BooleanityAddressProver prover(r_a, r_c, gamma, params());
  const BatchItem items[] = {{&prover, 0}};
  const testing::BatchRun run = testing::prove_batch(source, items, {}, "booleanity");
  BruteForceBooleanityAddress brute(dense, r_a, r_c, gamma);
  const BatchItem brute_items[] = {{&brute, 0}};
  Transcript t("booleanity");
  const BatchedProverOutput reference = prove_batched(brute_items, t);
  EXPECT_EQ(run.out.proof.round_polys, reference.proof.round_polys);
  EXPECT_EQ(prover.address_claim(), brute.final_claim());
  const BooleanityAddressVerifier verifier(kLogK, prover.address_claim());
  const VerifierItem vitems[] = {{&verifier, 0}};
  EXPECT_TRUE(testing::verify_batch(vitems, run.out.proof, "booleanity").ok());

  // An entry 2 in a RAM chunk (a cycle without an access gets ra = 2 at address 1): the
  // relation's sum is no longer 0, so the brute-force prover's first round fails the claim 0.
  std::vector<shout::DenseRa> bad = dense;
  std::size_t j = 0;
  while (s.chunks.back()[j].has_value()) ++j;
  bad.back().at(1, j) = Fr::from_u64(2);
  BruteForceBooleanityAddress cheat(bad, r_a, r_c, gamma);
  const BatchItem cheat_items[] = {{&cheat, 0}};
  Transcript t2("booleanity");
  const BatchedProverOutput cheated = [&] {
    const ScopedSelfCheckOff cheating_prover;  // the verifier must be the one to reject it
    return prove_batched(cheat_items, t2);
  }();
  const BooleanityAddressVerifier cheat_verifier(kLogK, cheat.final_claim());
  const VerifierItem cheat_vitems[] = {{&cheat_verifier, 0}};
  EXPECT_FALSE(testing::verify_batch(cheat_vitems, cheated.proof, "booleanity").ok());
}

// The Hamming-weight reduction proven from dense tables: G_i (dense_hamming_g) and the reference
// weights W_i, one term G_i·W_i each.
DenseProductSumcheck dense_hamming_prover(const std::vector<shout::DenseRa>& dense,
                                          std::span<const Fr> r_c, std::span<const Fr> r_bool,
                                          const std::vector<std::vector<Fr>>& r_virt,
                                          const Fr& gamma, const Fr& claim) {
  const unsigned n = static_cast<unsigned>(dense.size());
  std::vector<DensePoly> factors;
  for (const auto& ra : dense) {
    const std::vector<Fr> g = shout::dense_hamming_g(ra, r_c);
    factors.emplace_back(tracked_vector<Fr>(g.begin(), g.end()));
  }
  for (unsigned i = 0; i < n; ++i) {
    const std::vector<Fr> w = shout::hamming_reduction_weights(r_bool, r_virt[i], i, gamma);
    factors.emplace_back(tracked_vector<Fr>(w.begin(), w.end()));
  }
  std::vector<std::vector<unsigned>> terms;
  for (unsigned i = 0; i < n; ++i) terms.push_back({i, n + i});
  return DenseProductSumcheck(ProductShape(2 * n, std::move(terms)), std::move(factors),
                              Weight::none(), claim);
}

TEST(HammingWeightReduction, MatchesADenseProverAndRejectsATwoHotColumn) {
  const Synthetic s = synthetic(11);
  const auto source = testing::record_source(s.records);
  const std::vector<Fr> r_c = point(1, kLogT), r_bool = point(2, kLogK);
  std::vector<std::vector<Fr>> r_virt;
  for (std::size_t i = 0; i < s.chunks.size(); ++i) r_virt.push_back(point(10 + i, kLogK));
  const Fr gamma = Fr::from_u64(5);

  const auto claims_of = [&](const std::vector<shout::DenseRa>& dense) {
    std::vector<Fr> b, v;
    for (std::size_t i = 0; i < dense.size(); ++i) {
      b.push_back(shout::dense_ra_mle(dense[i], r_bool, r_c));
      v.push_back(shout::dense_ra_mle(dense[i], r_virt[i], r_c));
    }
    // H(r_c) from the RAM access pattern (the first RAM chunk's columns).
    std::vector<Fr> h;
    for (const auto& ix : s.chunks.back()) h.push_back(ix ? Fr::one() : Fr::zero());
    return hamming_weight_input_claim(
        hamming_weight_activation(params(), testing::dense_eval(r_c, h)), b, v, gamma);
  };
  std::vector<shout::DenseRa> dense;
  for (const Indices& ix : s.chunks) dense.push_back(shout::dense_ra_from_indices(kLogK, ix));
  const Fr claim = claims_of(dense);

  HammingWeightReductionProver prover(r_c, gamma, params(), r_bool, r_virt, claim);
  const BatchItem items[] = {{&prover, 0}};
  const testing::BatchRun run = testing::prove_batch(source, items, {}, "hamming");
  DenseProductSumcheck reference = dense_hamming_prover(dense, r_c, r_bool, r_virt, gamma, claim);
  const BatchItem ref_items[] = {{&reference, 0}};
  Transcript t("hamming");
  const BatchedProverOutput ref = prove_batched(ref_items, t);
  EXPECT_EQ(run.out.proof.round_polys, ref.proof.round_polys);
  const std::vector<Fr> v = prover.chunk_claims();
  const std::vector<Fr> ref_evals = reference.factor_evals();
  EXPECT_EQ(v, std::vector<Fr>(ref_evals.begin(), ref_evals.begin() + static_cast<long>(v.size())));
  const HammingWeightReductionVerifier verifier(gamma, r_bool, r_virt, claim, v);
  const VerifierItem vitems[] = {{&verifier, 0}};
  EXPECT_TRUE(testing::verify_batch(vitems, run.out.proof, "hamming").ok());

  // Chunk 1 (an instruction chunk) gets a second hot entry in cycle 4: booleanity still holds,
  // but Σ_k G_1(k) = 1 + eq(r_c, 4) ≠ A_1 = 1. The claims are this matrix's; the dense prover
  // proves its true sum, which is not the claim, and the verifier rejects.
  std::vector<shout::DenseRa> two_hot = dense;
  const u32 hot = *s.chunks[1][4];
  two_hot[1].at((hot + 1) % 4, 4) = Fr::one();
  const Fr bad_claim = claims_of(two_hot);
  DenseProductSumcheck cheat = dense_hamming_prover(two_hot, r_c, r_bool, r_virt, gamma, bad_claim);
  const BatchItem cheat_items[] = {{&cheat, 0}};
  Transcript t2("hamming");
  const BatchedProverOutput cheated = prove_batched(cheat_items, t2);
  const std::vector<Fr> fe = cheat.factor_evals();
  const HammingWeightReductionVerifier bad(
      gamma, r_bool, r_virt, bad_claim,
      std::vector<Fr>(fe.begin(), fe.begin() + static_cast<long>(v.size())));
  const VerifierItem bad_items[] = {{&bad, 0}};
  EXPECT_FALSE(testing::verify_batch(bad_items, cheated.proof, "hamming").ok());
}

}  // namespace
}  // namespace rill::zkvm
