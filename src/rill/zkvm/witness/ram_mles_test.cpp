// The sparse evaluators against dense sums Σ_k eq(r, k)·v[k] over the whole hypercube
// (poly/eq.hpp's eq_table), at random points and at points with 0/1 coordinates.
#include "rill/zkvm/witness/ram_mles.hpp"

#include <gtest/gtest.h>

#include <random>

#include "rill/poly/eq.hpp"

namespace rill::zkvm {
namespace {

Fr dense(std::span<const Fr> r, const std::vector<u64>& values) {
  const tracked_vector<Fr> eq = eq_table(r);
  Fr sum = Fr::zero();
  for (std::size_t k = 0; k < values.size(); ++k) sum += eq[k] * Fr::from_u64(values[k]);
  return sum;
}

std::vector<Fr> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<Fr> r;
  for (unsigned i = 0; i < n; ++i) r.push_back(Fr::random(rng));
  return r;
}

TEST(EqWalker, AnyOrderOfIndicesAndBooleanCoordinates) {
  std::mt19937_64 rng(7);
  for (unsigned n : {0u, 1u, 5u, 9u}) {
    std::vector<Fr> r = random_point(rng, n);
    if (n >= 5) {
      r[1] = Fr::zero();  // zero factors for bit n−2 = 1 ...
      r[3] = Fr::one();   // ... and for bit n−4 = 0
    }
    const tracked_vector<Fr> eq = eq_table(r);
    EqWalker walker(r);
    for (int step = 0; step < 200; ++step) {
      const u64 k = rng() % (u64{1} << n);
      ASSERT_EQ(walker.at(k), eq[k]) << "n " << n << ", k " << k;
    }
  }
}

TEST(SparseWordMle, MatchesDense) {
  std::mt19937_64 rng(11);
  const unsigned n = 10;
  std::vector<u64> values(u64{1} << n, 0);
  std::vector<riscv::MemoryWord> words;
  for (u32 k = 0; k < values.size(); ++k) {
    if (rng() % 3 == 0) {
      const u32 v = static_cast<u32>(rng());
      values[k] = v;
      words.push_back({k, v});
    }
  }
  const std::vector<Fr> r = random_point(rng, n);
  EXPECT_EQ(sparse_word_mle(r, words), dense(r, values));
}

TEST(RangeMaskMle, MatchesDenseForEveryRange) {
  std::mt19937_64 rng(3);
  const unsigned n = 5;
  const std::vector<Fr> r = random_point(rng, n);
  for (u64 begin = 0; begin <= 32; ++begin) {
    for (u64 end = begin; end <= 32; ++end) {
      std::vector<u64> ones(32, 0);
      for (u64 k = begin; k < end; ++k) ones[k] = 1;
      ASSERT_EQ(range_mask_mle(r, begin, end), dense(r, ones)) << begin << ".." << end;
    }
  }
  // On the hypercube it is the indicator itself.
  const std::vector<Fr> corner = {Fr::one(), Fr::zero(), Fr::one(), Fr::one(), Fr::zero()};
  EXPECT_EQ(range_mask_mle(corner, 0, 22), Fr::zero());  // corner = 0b10110 = 22
  EXPECT_EQ(range_mask_mle(corner, 0, 23), Fr::one());
}

}  // namespace
}  // namespace rill::zkvm
