#include "rill/poly/split_eq.hpp"

#include <gtest/gtest.h>

#include "rill/poly/eq.hpp"
#include "rill/poly/test_util.hpp"

namespace rill {
namespace {

// After binding the lowest t variables to r, C·eq(u_0, X)·lo[x'_lo]·hi[x'_hi] must equal
// eq(w, (x', X, r_{t−1}, …, r_0)) computed by eq_eval at the full big-endian point.
TEST(SplitEq, FactorsMatchTheFullEqAfterEveryBind) {
  std::mt19937_64 rng(32);
  for (unsigned n : {1u, 2u, 5u, 8u}) {
    const std::vector<Fr> w = testing::random_vector(rng, n);
    const Fr scale = Fr::random(rng);
    SplitEq split(w, scale);
    std::vector<Fr> bound;  // r_0, r_1, … in binding order
    for (unsigned t = 0; t < n; ++t) {
      const unsigned rest = n - t - 1;
      ASSERT_EQ(split.lo().size() * split.hi().size(), std::size_t{1} << rest);
      for (std::uint64_t x = 0; x < (std::uint64_t{1} << rest); ++x) {
        for (unsigned bit = 0; bit < 2; ++bit) {
          // Big-endian point: x' bits (most significant first), then X, then r_{t−1} … r_0.
          std::vector<Fr> point = testing::boolean_point(x, rest);
          point.push_back(bit ? Fr::one() : Fr::zero());
          point.insert(point.end(), bound.rbegin(), bound.rend());
          const Fr u = split.current();
          const Fr eq_x = bit ? u : Fr::one() - u;
          const Fr got = split.scale() * eq_x * split.lo()[x & ((1u << split.lo_bits()) - 1)] *
                         split.hi()[x >> split.lo_bits()];
          ASSERT_EQ(got, scale * eq_eval(w, point)) << "n " << n << " t " << t << " x " << x;
        }
      }
      const Fr r = Fr::random(rng);
      split.bind(r);
      bound.push_back(r);
    }
    EXPECT_EQ(split.num_vars(), 0u);
    EXPECT_EQ(split.scale(), scale * eq_eval(w, std::vector<Fr>(bound.rbegin(), bound.rend())));
  }
}

}  // namespace
}  // namespace rill
