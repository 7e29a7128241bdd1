// The one-hot checks' reference math on small K_chunk × T matrices:
//  * ra MLEs (dense, one-hot pushforward) equal the cycle-major values folded over (r_a ‖ r_c);
//  * booleanity is 0 on one-hot and all-zero columns and catches a non-boolean entry; a two-hot
//    column passes booleanity but breaks the Hamming weight (A_i ≠ 1, RAM Hamming booleanity ≠ 0);
//  * a dense sumcheck over all address and cycle variables of the booleanity summand ends at
//    booleanity_final_value, and one over the address variables of the stage-7 summand starts at
//    hamming_reduction_input and ends at hamming_reduction_final_value.
#include "rill/zkvm/shout/one_hot_checks.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/poly/univariate.hpp"

namespace rill::zkvm::shout {
namespace {

std::vector<Fr> random_point(std::mt19937_64& rng, std::size_t n) {
  std::vector<Fr> r(n);
  for (auto& v : r) v = Fr::random(rng);
  return r;
}

// eq(r, x) for the n-bit integer x, r big-endian: Π_b (bit ? r_b : 1 − r_b).
Fr eq_bits(std::span<const Fr> r, u64 x) {
  Fr e = Fr::one();
  const std::size_t n = r.size();
  for (std::size_t b = 0; b < n; ++b) {
    e = e * (((x >> (n - 1 - b)) & 1) != 0 ? r[b] : Fr::one() - r[b]);
  }
  return e;
}

Fr fold(std::vector<Fr> f, std::span<const Fr> r) {
  for (const Fr& ri : r) {
    const std::size_t half = f.size() / 2;
    for (std::size_t i = 0; i < half; ++i) f[i] = f[i] + ri * (f[half + i] - f[i]);
    f.resize(half);
  }
  return f[0];
}

std::vector<Fr> concat(std::span<const Fr> a, std::span<const Fr> b) {
  std::vector<Fr> out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

std::vector<std::optional<u32>> random_indices(std::mt19937_64& rng, unsigned log_k, unsigned log_t,
                                               bool with_gaps) {
  std::vector<std::optional<u32>> idx(std::size_t{1} << log_t);
  for (auto& v : idx) {
    if (with_gaps && rng() % 3 == 0) continue;
    v = static_cast<u32>(rng() % (1u << log_k));
  }
  return idx;
}

constexpr unsigned kLogK = 4;
constexpr unsigned kLogT = 5;

TEST(OneHotChecks, RaMlesEqualFoldedCycleMajorValues) {
  std::mt19937_64 rng(71);
  for (bool gaps : {false, true}) {
    const auto idx = random_indices(rng, kLogK, kLogT, gaps);
    const DenseRa ra = dense_ra_from_indices(kLogK, idx);
    const auto r_a = random_point(rng, kLogK);
    const auto r_c = random_point(rng, kLogT);
    const Fr folded = fold(ra.values, concat(r_a, r_c));  // index k·T + j: address bits high
    EXPECT_EQ(dense_ra_mle(ra, r_a, r_c), folded);
    EXPECT_EQ(one_hot_ra_mle(kLogK, idx, r_a, r_c), folded);
    Fr brute = Fr::zero();
    for (std::size_t j = 0; j < idx.size(); ++j) {
      if (idx[j]) brute = brute + eq_bits(r_c, j) * eq_bits(r_a, *idx[j]);
    }
    EXPECT_EQ(brute, folded);
    // G(k) = Σ_j eq(r_c, j)·ra(k, j); Σ_k G(k) = Σ_j eq(r_c, j)·H(j).
    const auto g = one_hot_hamming_g(kLogK, idx, r_c);
    EXPECT_EQ(g, dense_hamming_g(ra, r_c));
    Fr total = Fr::zero(), weight = Fr::zero();
    for (const Fr& v : g) total = total + v;
    for (std::size_t j = 0; j < idx.size(); ++j) {
      if (idx[j]) weight = weight + eq_bits(r_c, j);
    }
    EXPECT_EQ(total, weight);
    if (!gaps) {
      EXPECT_EQ(total, Fr::one());  // Σ_j eq(r_c, j) = 1: Hamming weight 1
    }
  }
}

TEST(OneHotChecks, BooleanityAndHammingWeightCatchBadChunks) {
  std::mt19937_64 rng(72);
  const auto r_a = random_point(rng, kLogK);
  const auto r_c = random_point(rng, kLogT);
  const Fr gamma = Fr::random(rng);
  std::vector<DenseRa> chunks;
  for (int i = 0; i < 3; ++i) {
    chunks.push_back(dense_ra_from_indices(kLogK, random_indices(rng, kLogK, kLogT, i == 2)));
  }
  EXPECT_EQ(booleanity_sum(chunks, r_a, r_c, gamma), Fr::zero());
  EXPECT_EQ(ram_hamming_booleanity_sum(chunks[2], r_c), Fr::zero());

  // A non-boolean entry 2 in chunk 1 at (k, j): the sum is γ^2·eq(r_a, k)·eq(r_c, j)·(4 − 2).
  std::vector<DenseRa> bad = chunks;
  const u32 k = 5, j = 9;
  bad[1].at(k, j) = Fr::from_u64(2);
  // Chunk 1's column j already held a 1 somewhere; if that was at k the entry is now 2 in place.
  EXPECT_EQ(booleanity_sum(bad, r_a, r_c, gamma),
            gamma * gamma * eq_bits(r_a, k) * eq_bits(r_c, j) * Fr::from_u64(2));

  // A second hot entry in a column: still boolean, but the Hamming weight is 2 there.
  std::vector<DenseRa> two_hot = chunks;
  u32 spare = 0;
  while (two_hot[0].at(spare, j) == Fr::one()) ++spare;
  two_hot[0].at(spare, j) = Fr::one();
  EXPECT_EQ(booleanity_sum(two_hot, r_a, r_c, gamma), Fr::zero());
  Fr a0 = Fr::zero();
  for (const Fr& v : dense_hamming_g(two_hot[0], r_c)) a0 = a0 + v;
  EXPECT_EQ(a0, Fr::one() + eq_bits(r_c, j));
  EXPECT_NE(ram_hamming_booleanity_sum(two_hot[0], r_c), Fr::zero());
  EXPECT_EQ(ram_hamming_booleanity_sum(two_hot[0], r_c), eq_bits(r_c, j) * Fr::from_u64(2));
}

// A dense sumcheck, most significant variable first, over g(x) = Σ_terms c·Π_f a_f(x); returns the
// final claim after checking h(0) + h(1) against the running claim in every round.
struct Term {
  Fr c;
  std::vector<std::vector<Fr>> factors;
};

Fr dense_sumcheck(std::vector<Term> terms, unsigned degree, Fr claim, std::span<const Fr> rho) {
  for (std::size_t round = 0; round < rho.size(); ++round) {
    std::vector<Fr> h(degree + 1, Fr::zero());
    for (const Term& t : terms) {
      const std::size_t half = t.factors[0].size() / 2;
      for (std::size_t i = 0; i < half; ++i) {
        for (unsigned x = 0; x <= degree; ++x) {
          Fr prod = t.c;
          for (const auto& a : t.factors) {
            prod = prod * (a[i] + Fr::from_u64(x) * (a[half + i] - a[i]));
          }
          h[x] = h[x] + prod;
        }
      }
    }
    EXPECT_EQ(h[0] + h[1], claim) << "round " << round;
    claim = UniPoly::from_evals(h).evaluate(rho[round]);
    for (Term& t : terms) {
      for (auto& a : t.factors) {
        const std::size_t half = a.size() / 2;
        for (std::size_t i = 0; i < half; ++i) a[i] = a[i] + rho[round] * (a[half + i] - a[i]);
        a.resize(half);
      }
    }
  }
  return claim;
}

TEST(OneHotChecks, BooleanitySumcheckEndsAtTheFinalValue) {
  std::mt19937_64 rng(73);
  const auto r_a = random_point(rng, kLogK);
  const auto r_c = random_point(rng, kLogT);
  const Fr gamma = Fr::random(rng);
  std::vector<DenseRa> chunks;
  for (int i = 0; i < 3; ++i) {
    chunks.push_back(dense_ra_from_indices(kLogK, random_indices(rng, kLogK, kLogT, i == 2)));
  }
  chunks[2].at(3, 4) = Fr::from_u64(7);  // non-zero claim, so the check has content
  const std::vector<Fr> point = concat(r_a, r_c);
  std::vector<Fr> eq(chunks[0].values.size());
  for (std::size_t x = 0; x < eq.size(); ++x) eq[x] = eq_bits(point, x);
  // g = Σ_i γ^{2i}·(eq·ra_i·ra_i − eq·ra_i).
  std::vector<Term> terms;
  Fr w = Fr::one();
  for (const DenseRa& m : chunks) {
    terms.push_back({w, {eq, m.values, m.values}});
    terms.push_back({Fr::zero() - w, {eq, m.values}});
    w = w * gamma * gamma;
  }
  for (Term& t : terms) {
    while (t.factors.size() < 3) t.factors.push_back(std::vector<Fr>(eq.size(), Fr::one()));
  }
  const auto rho = random_point(rng, kLogK + kLogT);
  const Fr final_claim = dense_sumcheck(terms, 3, booleanity_sum(chunks, r_a, r_c, gamma), rho);
  const std::span<const Fr> rho_a(rho.data(), kLogK), rho_c(rho.data() + kLogK, kLogT);
  std::vector<Fr> claims;
  for (const DenseRa& m : chunks) claims.push_back(dense_ra_mle(m, rho_a, rho_c));
  EXPECT_EQ(final_claim, booleanity_final_value(r_a, r_c, rho_a, rho_c, claims, gamma));
}

TEST(OneHotChecks, HammingReductionSumcheckFromInputToFinalValue) {
  std::mt19937_64 rng(74);
  const auto r_c = random_point(rng, kLogT);
  const auto r_bool = random_point(rng, kLogK);
  const Fr gamma = Fr::random(rng);
  std::vector<std::vector<std::optional<u32>>> idx;
  std::vector<std::vector<Fr>> g, r_virt;
  std::vector<Fr> activation, bool_claims, virt_claims;
  for (int i = 0; i < 4; ++i) {
    idx.push_back(random_indices(rng, kLogK, kLogT, i == 3));  // chunk 3 is a RAM chunk
    g.push_back(one_hot_hamming_g(kLogK, idx.back(), r_c));
    r_virt.push_back(random_point(rng, kLogK));
    Fr a = Fr::zero();
    for (std::size_t j = 0; j < idx.back().size(); ++j) {
      if (idx.back()[j]) a = a + eq_bits(r_c, j);  // H(r_c) for RAM, 1 otherwise
    }
    activation.push_back(a);
    bool_claims.push_back(one_hot_ra_mle(kLogK, idx.back(), r_bool, r_c));
    virt_claims.push_back(one_hot_ra_mle(kLogK, idx.back(), r_virt.back(), r_c));
  }
  for (int i = 0; i < 3; ++i) EXPECT_EQ(activation[i], Fr::one());
  const Fr input = hamming_reduction_input(activation, bool_claims, virt_claims, gamma);
  EXPECT_EQ(hamming_reduction_sum(g, r_bool, r_virt, gamma), input);
  std::vector<Term> terms;
  for (std::size_t i = 0; i < g.size(); ++i) {
    terms.push_back({Fr::one(), {g[i], hamming_reduction_weights(r_bool, r_virt[i], i, gamma)}});
  }
  const auto rho = random_point(rng, kLogK);
  const Fr final_claim = dense_sumcheck(terms, 2, input, rho);
  std::vector<Fr> ra_claims;
  for (const auto& chunk : idx) ra_claims.push_back(one_hot_ra_mle(kLogK, chunk, rho, r_c));
  EXPECT_EQ(final_claim, hamming_reduction_final_value(ra_claims, r_bool, r_virt, rho, gamma));
}

}  // namespace
}  // namespace rill::zkvm::shout
