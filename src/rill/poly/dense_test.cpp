#include "rill/poly/dense.hpp"

#include <gtest/gtest.h>

#include "rill/poly/eq.hpp"
#include "rill/poly/test_util.hpp"

namespace rill {
namespace {

using testing::boolean_point;
using testing::random_table;
using testing::random_vector;

// Multilinear evaluation by the recursive definition on the most significant variable:
// P(p_0, rest) = (1 − p_0)·P(0, rest) + p_0·P(1, rest).
Fr recursive_eval(std::span<const Fr> table, std::span<const Fr> point) {
  if (point.empty()) return table[0];
  const std::size_t half = table.size() / 2;
  const Fr lo = recursive_eval(table.first(half), point.subspan(1));
  const Fr hi = recursive_eval(table.subspan(half), point.subspan(1));
  return lo + point[0] * (hi - lo);
}

TEST(DensePoly, EvaluateMatchesRecursiveDefinition) {
  std::mt19937_64 rng(7);
  for (unsigned n : {0u, 1u, 4u, 9u}) {
    DensePoly p(random_table(rng, n));
    const std::vector<Fr> point = random_vector(rng, n);
    EXPECT_EQ(p.evaluate(point), recursive_eval(p.evals(), point));
    const std::uint64_t x = (std::uint64_t{1} << n) - 1;
    EXPECT_EQ(p.evaluate(boolean_point(x, n)), p[x]);
  }
}

TEST(DensePoly, BindLowAndHighFollowTheVariableOrder) {
  std::mt19937_64 rng(8);
  const unsigned n = 6;
  const tracked_vector<Fr> table = random_table(rng, n);
  const std::vector<Fr> point = random_vector(rng, n);  // big-endian
  const Fr expected = recursive_eval(table, point);
  // Low-to-high binds x_0 first, which pairs with the last coordinate of the point.
  DensePoly low{tracked_vector<Fr>(table)};
  for (unsigned k = n; k-- > 0;) low.bind_low(point[k]);
  EXPECT_EQ(low.num_vars(), 0u);
  EXPECT_EQ(low[0], expected);
  DensePoly high{tracked_vector<Fr>(table)};
  for (unsigned k = 0; k < n; ++k) high.bind_high(point[k]);
  EXPECT_EQ(high[0], expected);
  // Partial binding leaves a polynomial in the remaining variables.
  DensePoly part{tracked_vector<Fr>(table)};
  part.bind_low(point[n - 1]);
  part.bind_low(point[n - 2]);
  EXPECT_EQ(part.evaluate(std::span<const Fr>(point).first(n - 2)), expected);
}

}  // namespace
}  // namespace rill
