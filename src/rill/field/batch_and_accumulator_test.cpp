// batch_inverse, UnreducedAccumulator and UnreducedSum against the scalar operations (inverse(), *,
// +), whose correctness the vector tests establish independently.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/batch_inverse.hpp"
#include "rill/field/fq.hpp"
#include "rill/field/fr.hpp"

namespace rill {
namespace {

TEST(BatchInverse, MatchesScalarInverseAndKeepsZeros) {
  std::mt19937_64 rng(7);
  std::vector<Fr> values;
  for (int i = 0; i < 100; ++i) values.push_back(i % 7 == 3 ? Fr::zero() : Fr::random(rng));
  values.front() = Fr::zero();
  values.back() = Fr::zero();
  std::vector<Fr> inverted = values;
  batch_inverse(std::span<Fr>(inverted));
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(inverted[i], values[i].inverse()) << i;
    if (!values[i].is_zero()) {
      EXPECT_EQ(inverted[i] * values[i], Fr::one()) << i;
    }
  }
}

TEST(BatchInverse, EmptyAndAllZero) {
  std::vector<Fq> empty;
  batch_inverse(std::span<Fq>(empty));
  std::vector<Fq> zeros(40);  // above the lane threshold
  batch_inverse(std::span<Fq>(zeros));
  for (const Fq& z : zeros) EXPECT_TRUE(z.is_zero());
}

TEST(Accumulator, SumOfProductsMatchesReducedArithmetic) {
  std::mt19937_64 rng(11);
  FrAccumulator acc;
  Fr expected = Fr::zero();
  for (int i = 0; i < 1000; ++i) {
    // Include the largest element p − 1 to exercise the widest products.
    const Fr a = i % 10 == 0 ? -Fr::one() : Fr::random(rng);
    const Fr b = i % 10 == 0 ? -Fr::one() : Fr::random(rng);
    const u64 k = rng();
    const i64 s = static_cast<i64>(rng());
    acc.add_product(a, b);
    acc.add_product_u64(a, k);
    acc.add_product_i64(b, s);
    acc.add(a);
    expected += a * b + a * Fr::from_u64(k) + b * Fr::from_i64(s) + a;
  }
  EXPECT_EQ(acc.reduce(), expected);
}

TEST(Accumulator, MergeAndEmpty) {
  EXPECT_EQ(FrAccumulator{}.reduce(), Fr::zero());
  std::mt19937_64 rng(12);
  FrAccumulator left, right, all;
  for (int i = 0; i < 50; ++i) {
    const Fr a = Fr::random(rng), b = Fr::random(rng);
    (i % 2 ? left : right).add_product(a, b);
    all.add_product(a, b);
  }
  left.merge(right);
  EXPECT_EQ(left.reduce(), all.reduce());
}

TEST(Accumulator, UnreducedSumMatchesFieldAddition) {
  EXPECT_EQ(FrSum{}.reduce(), Fr::zero());
  std::mt19937_64 rng(13);
  FrSum sum;
  Fr expected = Fr::zero();
  // p − 1 many times drives the carry limb up; random values in between.
  for (int i = 0; i < 5000; ++i) {
    const Fr a = i % 3 == 0 ? -Fr::one() : Fr::random(rng);
    sum.add(a);
    expected += a;
    if (i % 997 == 0) {
      EXPECT_EQ(sum.reduce(), expected) << i;
    }
  }
  EXPECT_EQ(sum.reduce(), expected);
}

}  // namespace
}  // namespace rill
