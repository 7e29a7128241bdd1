#include "rill/sumcheck/weight.hpp"

#include <gtest/gtest.h>

#include "rill/poly/test_util.hpp"
#include "rill/sumcheck/product.hpp"

namespace rill {
namespace {

using testing::boolean_point;
using testing::random_vector;

// For every weight kind and every split point m, Σ_k prefix_k[x_lo]·suffix_k[x_hi] equals the
// closed-form W at the Boolean point x (eq_eval, eq_plus_one_eval, lt_eval), and so does
// weight_table.
TEST(Weight, PrefixSuffixSplitsMatchTheClosedFormsAtEverySplitPoint) {
  std::mt19937_64 rng(40);
  for (unsigned n : {1u, 4u, 7u}) {
    const std::vector<Fr> w = random_vector(rng, n);
    const Weight weights[] = {
        Weight::eq(w), Weight::eq_plus_one(w), Weight::less_than(w),
        Weight::eq_combination({w, random_vector(rng, n), random_vector(rng, n)},
                               random_vector(rng, 3))};
    for (const Weight& weight : weights) {
      std::vector<Fr> expected;
      for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x)
        expected.push_back(weight.evaluate(boolean_point(x, n)));
      const tracked_vector<Fr> table = weight_table(weight, n);
      EXPECT_TRUE(std::equal(expected.begin(), expected.end(), table.begin()));
      for (unsigned m = 0; m <= n; ++m) {
        const PrefixSuffix ps = weight.split(m);
        ASSERT_EQ(ps.prefix.size(), ps.suffix.size());
        for (std::uint64_t x = 0; x < expected.size(); ++x) {
          Fr sum = Fr::zero();
          for (std::size_t k = 0; k < ps.prefix.size(); ++k)
            sum += ps.prefix[k][x & ((std::uint64_t{1} << m) - 1)] * ps.suffix[k][x >> m];
          ASSERT_EQ(sum, expected[x]) << "n " << n << " m " << m << " x " << x;
        }
      }
    }
  }
}

TEST(Weight, ClosedFormsOnBooleanPoints) {
  const unsigned n = 3;
  for (std::uint64_t a = 0; a < 8; ++a) {
    const std::vector<Fr> w = boolean_point(a, n);
    for (std::uint64_t x = 0; x < 8; ++x) {
      const std::vector<Fr> p = boolean_point(x, n);
      EXPECT_EQ(Weight::eq(w).evaluate(p), x == a ? Fr::one() : Fr::zero());
      EXPECT_EQ(Weight::eq_plus_one(w).evaluate(p), x == a + 1 ? Fr::one() : Fr::zero());
      EXPECT_EQ(Weight::less_than(w).evaluate(p), x < a ? Fr::one() : Fr::zero());
    }
  }
  EXPECT_EQ(Weight::none().evaluate(boolean_point(5, n)), Fr::one());
}

}  // namespace
}  // namespace rill
