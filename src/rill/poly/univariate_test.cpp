#include "rill/poly/univariate.hpp"

#include <gtest/gtest.h>

#include "rill/poly/test_util.hpp"

namespace rill {
namespace {

// Σ c_k x^k with explicit powers (not Horner's rule).
Fr power_sum(const std::vector<Fr>& c, const Fr& x) {
  Fr sum = Fr::zero();
  for (std::size_t k = 0; k < c.size(); ++k) sum += c[k] * x.pow(static_cast<u64>(k));
  return sum;
}

TEST(UniPoly, InterpolationRecoversCoefficients) {
  std::mt19937_64 rng(1);
  for (std::size_t d = 0; d <= 12; ++d) {
    const std::vector<Fr> coeffs = testing::random_vector(rng, d + 1);
    std::vector<Fr> evals;
    for (std::size_t k = 0; k <= d; ++k) evals.push_back(power_sum(coeffs, Fr::from_u64(k)));
    const UniPoly p = UniPoly::from_evals(evals);
    EXPECT_EQ(p.coeffs(), coeffs) << "degree " << d;
    const Fr x = Fr::random(rng);
    EXPECT_EQ(p.evaluate(x), power_sum(coeffs, x));
  }
}

TEST(UniPoly, SmallKnownPolynomial) {
  // 3 − 2x + x^2 at 0, 1, 2: 3, 2, 3.
  const std::vector<Fr> evals = {Fr::from_u64(3), Fr::from_u64(2), Fr::from_u64(3)};
  const UniPoly p = UniPoly::from_evals(evals);
  EXPECT_EQ(p.coeffs(), (std::vector<Fr>{Fr::from_u64(3), -Fr::from_u64(2), Fr::one()}));
  EXPECT_EQ(p.sum_over_boolean(), Fr::from_u64(5));
}

TEST(UniPoly, CompressionDropsOnlyTheLinearCoefficient) {
  std::mt19937_64 rng(2);
  for (std::size_t d = 1; d <= 9; ++d) {
    const UniPoly p(testing::random_vector(rng, d + 1));
    const CompressedUniPoly c = p.compress();
    EXPECT_EQ(c.degree(), d);
    EXPECT_EQ(c.coeffs_except_linear()[0], p.coeffs()[0]);
    for (std::size_t k = 2; k <= d; ++k) EXPECT_EQ(c.coeffs_except_linear()[k - 1], p.coeffs()[k]);
    const Fr claim = power_sum(p.coeffs(), Fr::zero()) + power_sum(p.coeffs(), Fr::one());
    EXPECT_EQ(c.decompress(claim), p);
    EXPECT_NE(c.decompress(claim + Fr::one()), p);
  }
}

TEST(UniPoly, AddScaledWidensDegree) {
  UniPoly a(std::vector<Fr>{Fr::one(), Fr::from_u64(2)});
  const UniPoly b(std::vector<Fr>{Fr::from_u64(5), Fr::zero(), Fr::from_u64(7)});
  a.add_scaled(Fr::from_u64(3), b);
  EXPECT_EQ(a, UniPoly(std::vector<Fr>{Fr::from_u64(16), Fr::from_u64(2), Fr::from_u64(21)}));
}

TEST(LagrangeBasis, InterpolatesAtAnyPoint) {
  std::mt19937_64 rng(3);
  for (std::size_t d = 0; d <= 10; ++d) {
    const std::vector<Fr> coeffs = testing::random_vector(rng, d + 1);
    const Fr r = Fr::random(rng);
    const std::vector<Fr> basis = lagrange_basis_at(d, r);
    Fr sum = Fr::zero();
    for (std::size_t k = 0; k <= d; ++k) sum += basis[k] * power_sum(coeffs, Fr::from_u64(k));
    EXPECT_EQ(sum, power_sum(coeffs, r)) << "degree " << d;
  }
  // At a node the basis is the indicator of that node.
  const std::vector<Fr> at_two = lagrange_basis_at(4, Fr::from_u64(2));
  for (std::size_t k = 0; k <= 4; ++k) EXPECT_EQ(at_two[k], k == 2 ? Fr::one() : Fr::zero());
}

}  // namespace
}  // namespace rill
