#include "rill/poly/eq.hpp"

#include <gtest/gtest.h>

#include "rill/poly/dense.hpp"
#include "rill/poly/test_util.hpp"

namespace rill {
namespace {

using testing::boolean_point;
using testing::random_vector;

// Σ_x table[x]·eq(x, point): the multilinear extension of a table at a field point, computed
// term by term with eq_eval.
Fr mle_at(const tracked_vector<Fr>& table, const std::vector<Fr>& point) {
  const auto n = static_cast<unsigned>(point.size());
  Fr sum = Fr::zero();
  for (std::uint64_t x = 0; x < table.size(); ++x)
    sum += table[x] * eq_eval(boolean_point(x, n), point);
  return sum;
}

TEST(Eq, EvalOnBooleanPointsIsIndicator) {
  for (std::uint64_t a = 0; a < 8; ++a)
    for (std::uint64_t b = 0; b < 8; ++b)
      EXPECT_EQ(eq_eval(boolean_point(a, 3), boolean_point(b, 3)), a == b ? Fr::one() : Fr::zero());
}

TEST(Eq, TableMatchesEvalSerialAndParallel) {
  std::mt19937_64 rng(4);
  for (unsigned n : {0u, 1u, 3u, 7u, 14u}) {
    const std::vector<Fr> w = random_vector(rng, n);
    const Fr scale = Fr::random(rng);
    const tracked_vector<Fr> t = eq_table(w, scale);
    ASSERT_EQ(t.size(), std::size_t{1} << n);
    std::mt19937_64 pick(n);
    for (int s = 0; s < 40; ++s) {
      const std::uint64_t x = pick() % t.size();
      EXPECT_EQ(t[x], scale * eq_eval(w, boolean_point(x, n))) << "n " << n << " x " << x;
    }
  }
}

TEST(EqPlusOne, TableIsShiftedIndicatorAndEvalIsItsExtension) {
  std::mt19937_64 rng(5);
  for (unsigned n : {1u, 2u, 5u}) {
    // On Boolean w the table is [x = w + 1] with no wrap-around.
    for (std::uint64_t w = 0; w < (1u << n); ++w) {
      const tracked_vector<Fr> t = eq_plus_one_table(boolean_point(w, n));
      for (std::uint64_t x = 0; x < t.size(); ++x)
        EXPECT_EQ(t[x], x == w + 1 ? Fr::one() : Fr::zero());
    }
    const std::vector<Fr> w = random_vector(rng, n);
    const std::vector<Fr> x = random_vector(rng, n);
    EXPECT_EQ(eq_plus_one_eval(w, x), mle_at(eq_plus_one_table(w), x));
  }
}

TEST(LessThan, TableIsIndicatorAndEvalIsItsExtension) {
  std::mt19937_64 rng(6);
  for (unsigned n : {1u, 2u, 5u}) {
    for (std::uint64_t w = 0; w < (1u << n); ++w) {
      const tracked_vector<Fr> t = lt_table(boolean_point(w, n));
      for (std::uint64_t x = 0; x < t.size(); ++x) EXPECT_EQ(t[x], x < w ? Fr::one() : Fr::zero());
    }
    const std::vector<Fr> w = random_vector(rng, n);
    const std::vector<Fr> x = random_vector(rng, n);
    EXPECT_EQ(lt_eval(x, w), mle_at(lt_table(w), x));
  }
}

}  // namespace
}  // namespace rill
