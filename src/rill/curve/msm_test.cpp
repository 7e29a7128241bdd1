// MSM and subset sums against the naive Σ k_i·B_i (scalar multiplication is itself checked
// against @noble/curves in group_test.cpp), and one MSM computed by noble.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/curve/msm.hpp"
#include "rill/curve/pippenger.hpp"
#include "rill/curve/test_vectors.hpp"
#include "rill/util/parallel.hpp"

namespace rill {
namespace {

// n distinct points R, R + S, R + 2S, … for random R and S (cheaper than n scalar multiplications).
std::vector<G1Affine> random_g1(std::size_t n, std::mt19937_64& rng) {
  const G1Affine step = (G1::generator() * Fr::random(rng)).to_affine();
  G1 p = G1::generator() * Fr::random(rng);
  std::vector<G1> pts;
  for (std::size_t i = 0; i < n; ++i, p = p.add_mixed(step)) pts.push_back(p);
  return batch_normalize(pts);
}

G1 naive(std::span<const G1Affine> bases, std::span<const Fr> scalars) {
  G1 acc;
  for (std::size_t i = 0; i < bases.size(); ++i) acc += G1::from_affine(bases[i]) * scalars[i];
  return acc;
}

// Sizes around the naive/Pippenger threshold and several window widths.
const std::vector<std::size_t> kSizes = {0, 1, 2, 15, 16, 17, 100, 700};

TEST(Msm, RandomScalarsMatchNaive) {
  std::mt19937_64 rng(1);
  for (std::size_t n : kSizes) {
    const std::vector<G1Affine> bases = random_g1(n, rng);
    std::vector<Fr> scalars;
    for (std::size_t i = 0; i < n; ++i) scalars.push_back(Fr::random(rng));
    EXPECT_EQ(msm(bases, scalars), naive(bases, scalars)) << n;
  }
}

TEST(Msm, ZeroRepeatedAndExtremeScalars) {
  std::mt19937_64 rng(2);
  const std::size_t n = 400;  // batch-affine buckets
  const std::vector<G1Affine> bases = random_g1(n, rng);
  std::vector<Fr> zeros(n, Fr::zero());
  EXPECT_TRUE(msm(bases, zeros).is_identity());
  // One repeated scalar: Σ k·B_i = k·ΣB_i, and every point lands in the same bucket.
  const Fr k = Fr::random(rng);
  std::vector<Fr> same(n, k);
  G1 sum;
  for (const G1Affine& b : bases) sum = sum.add_mixed(b);
  EXPECT_EQ(msm(bases, same), sum * k);
  // r − 1 everywhere (all windows at their top digit) and a mix with zeros.
  std::vector<Fr> minus_one(n, Fr::zero() - Fr::one());
  EXPECT_EQ(msm(bases, minus_one), -sum);
  std::vector<Fr> mixed(n);
  for (std::size_t i = 0; i < n; ++i) mixed[i] = i % 3 == 0 ? Fr::zero() : Fr::random(rng);
  EXPECT_EQ(msm(bases, mixed), naive(bases, mixed));
}

TEST(Msm, RepeatedAndOpposedBases) {
  // The same base many times and P next to −P exercise the doubling and cancelling cases of the
  // batch-affine additions.
  std::mt19937_64 rng(3);
  const G1Affine p = random_g1(1, rng)[0];
  for (std::size_t n : {64u, 400u}) {  // Jacobian and batch-affine buckets
    std::vector<G1Affine> bases(n, p);
    for (std::size_t i = 0; i < n; i += 4) bases[i] = -p;
    std::vector<Fr> scalars(n, Fr::from_u64(5));
    EXPECT_EQ(msm(bases, scalars), naive(bases, scalars)) << n;
    std::vector<u8> all(n, 1);
    EXPECT_EQ(sum_selected(bases, all), G1::from_affine(p) * Fr::from_u64(n / 2)) << n;
  }
}

TEST(Msm, MatchesNobleVector) {
  const nlohmann::json v = test::load_vectors("curve_vectors.json")["msm"];
  std::vector<G1Affine> bases;
  std::vector<G2Affine> bases2;
  std::vector<Fr> scalars;
  for (std::size_t i = 0; i < v["scalars"].size(); ++i) {
    const Fr k = test::hex_fr(v["base_scalars"][i]);
    bases.push_back((G1::generator() * k).to_affine());
    bases2.push_back((G2::generator() * k).to_affine());
    scalars.push_back(test::hex_fr(v["scalars"][i]));
  }
  EXPECT_EQ(msm(bases, scalars).to_affine(), test::json_g1(v["g1"]));
  EXPECT_EQ(msm(bases2, scalars).to_affine(), test::json_g2(v["g2"]));
}

TEST(Msm, SmallIntegerScalars) {
  std::mt19937_64 rng(4);
  for (std::size_t n : kSizes) {
    const std::vector<G1Affine> bases = random_g1(n, rng);
    std::vector<u64> u(n);
    std::vector<i64> s(n);
    std::vector<Fr> fu(n), fs(n);
    for (std::size_t i = 0; i < n; ++i) {
      u[i] = i % 5 == 0 ? ~u64(0) : rng() >> (rng() % 64);
      s[i] = i % 7 == 0 ? INT64_MIN : static_cast<i64>(rng()) >> (rng() % 64);
      fu[i] = Fr::from_u64(u[i]);
      fs[i] = Fr::from_i64(s[i]);
    }
    EXPECT_EQ(msm_u64(bases, u), naive(bases, fu)) << n;
    EXPECT_EQ(msm_i64(bases, s), naive(bases, fs)) << n;
  }
}

TEST(Msm, SubsetSumsMatchNaive) {
  std::mt19937_64 rng(5);
  for (std::size_t n : {0u, 1u, 2u, 3u, 33u, 1000u, 20000u}) {
    const std::vector<G1Affine> bases = random_g1(n, rng);
    std::vector<u8> bits(n);
    std::vector<u32> indices;
    G1 expected;
    for (std::size_t i = 0; i < n; ++i) {
      bits[i] = rng() & 1;
      if (bits[i]) {
        expected = expected.add_mixed(bases[i]);
        indices.push_back(static_cast<u32>(i));
      }
    }
    EXPECT_EQ(sum_selected(bases, bits), expected) << n;
    EXPECT_EQ(sum_indices(bases, indices), expected) << n;
    if (n > 0) {
      // Repeats: index 0 three more times.
      indices.insert(indices.end(), {0, 0, 0});
      const G1 b0 = G1::from_affine(bases[0]);
      EXPECT_EQ(sum_indices(bases, indices), expected + b0 + b0 + b0) << n;
    }
  }
}

TEST(Msm, SameResultForOneAndTwoThreads) {
  std::mt19937_64 rng(6);
  const std::size_t n = 2000;
  const std::vector<G1Affine> bases = random_g1(n, rng);
  std::vector<Fr> scalars;
  for (std::size_t i = 0; i < n; ++i) scalars.push_back(Fr::random(rng));
  set_thread_count(1);
  const G1Affine one_thread = msm(bases, scalars).to_affine();
  set_thread_count(2);
  const G1Affine two_threads = msm(bases, scalars).to_affine();
  set_thread_count(0);
  EXPECT_EQ(one_thread, two_threads);
  EXPECT_EQ(one_thread, naive(bases, scalars).to_affine());
}

// Every window width, including the widest (16 bits, digits up to 2^15, windows straddling limb
// boundaries), on full-size and negative scalars.
TEST(Msm, EveryWindowWidthMatchesNaive) {
  std::mt19937_64 rng(8);
  // 120 points: Jacobian buckets; 400: batch-affine buckets (detail::kBatchAffineMinPoints).
  for (std::size_t n : {120u, 400u}) {
    const std::vector<G1Affine> bases = random_g1(n, rng);
    std::vector<detail::SignedScalar> scalars(n);
    std::vector<Fr> as_fr(n);
    for (std::size_t i = 0; i < n; ++i) {
      as_fr[i] = i == 0 ? Fr::zero() - Fr::one() : Fr::random(rng);
      const bool negative = i % 3 == 1;
      scalars[i] = {as_fr[i].to_limbs(), negative};
      if (negative) as_fr[i] = -as_fr[i];
    }
    const G1 expected = naive(bases, as_fr);
    for (unsigned c : {1u, 2u, 3u, 7u, 11u, 13u, 16u}) {
      EXPECT_EQ(detail::pippenger<G1>(bases, scalars, c), expected) << n << " points, c = " << c;
    }
  }
}

TEST(Msm, G2RandomScalarsMatchNaive) {
  std::mt19937_64 rng(7);
  for (std::size_t n : {0u, 3u, 40u}) {
    std::vector<G2> pts;
    std::vector<Fr> scalars;
    G2 expected;
    for (std::size_t i = 0; i < n; ++i) {
      pts.push_back(G2::generator() * Fr::random(rng));
      scalars.push_back(Fr::random(rng));
      expected += pts.back() * scalars.back();
    }
    EXPECT_EQ(msm(batch_normalize(pts), scalars), expected) << n;
  }
}

}  // namespace
}  // namespace rill
