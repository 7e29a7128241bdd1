// Algebraic properties of the Fq2/Fq6/Fq12 tower that pin down each operation independently of how
// it is computed: Frobenius maps equal exponentiation by p^k, inverses invert, the fast squarings
// equal generic multiplication, sparse products equal dense ones.
#include <gtest/gtest.h>

#include <random>

#include "rill/field/fq12.hpp"
#include "rill/field/frobenius_constants.hpp"

namespace rill {
namespace {

constexpr std::array<u64, 4> kP = Fq::kModulus;

TEST(Fq2, ArithmeticAndNonResidue) {
  std::mt19937_64 rng(1);
  const Fq2 u = {Fq::zero(), Fq::one()};
  EXPECT_EQ(u * u, -Fq2::one());  // u² = −1
  const Fq2 xi = {Fq::from_u64(9), Fq::one()};
  for (int i = 0; i < 20; ++i) {
    const Fq2 a = Fq2::random(rng), b = Fq2::random(rng);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a.mul_by_nonresidue(), a * xi);
    EXPECT_EQ(a * a.inverse(), Fq2::one());
    EXPECT_EQ(a.frobenius_map(1), a.pow(kP));
    EXPECT_EQ(a.frobenius_map(2), a);
    EXPECT_EQ((a + b) * (a - b), a.square() - b.square());
    const Fq k = Fq::random(rng);
    EXPECT_EQ(a.mul_by_fq(k), (a * Fq2{k, Fq::zero()}));
  }
  EXPECT_EQ(Fq2::zero().inverse(), Fq2::zero());
}

TEST(Fq2, SqrtOfSquaresAndNonSquares) {
  std::mt19937_64 rng(2);
  int non_squares = 0;
  for (int i = 0; i < 40; ++i) {
    const Fq2 a = Fq2::random(rng);
    const auto root = a.square().sqrt();
    ASSERT_TRUE(root.has_value());
    EXPECT_TRUE(*root == a || *root == -a);
    EXPECT_EQ(a.square().legendre(), 1);
    const auto maybe = a.sqrt();
    EXPECT_EQ(maybe.has_value(), a.legendre() == 1);
    if (maybe) {
      EXPECT_EQ(maybe->square(), a);
    } else {
      ++non_squares;
    }
  }
  EXPECT_GT(non_squares, 5);  // about half of random elements are non-squares
  // Pure-imaginary and pure-real inputs, which take the α = −1 branch for some values.
  for (u64 k = 1; k < 20; ++k) {
    for (const Fq2 a : {Fq2{Fq::from_u64(k), Fq::zero()}, Fq2{Fq::zero(), Fq::from_u64(k)}}) {
      const auto root = a.sqrt();
      ASSERT_TRUE(root.has_value()) << k;  // every Fq element is a square in Fq2
      EXPECT_EQ(root->square(), a);
    }
  }
  EXPECT_EQ(Fq2::zero().sqrt(), Fq2::zero());
}

TEST(Frobenius, CoefficientIsXiToTheSixthOfPMinus1) {
  const Fq2 xi = {Fq::from_u64(9), Fq::one()};
  // (p − 1)/6 by long division on limbs.
  std::array<u64, 4> exponent = field_detail::sub_small(kP, 1);
  u128 remainder = 0;
  for (int i = 3; i >= 0; --i) {
    const u128 current = (remainder << 64) | exponent[i];
    exponent[i] = static_cast<u64>(current / 6);
    remainder = current % 6;
  }
  ASSERT_EQ(remainder, 0u);
  EXPECT_EQ(field_detail::kFrobeniusW[1], xi.pow(exponent));
  EXPECT_EQ(field_detail::kFrobeniusW[1].pow(std::array<u64, 1>{6}),
            xi.pow(field_detail::sub_small(kP, 1)));
}

TEST(Fq6, ArithmeticFrobeniusAndSparse) {
  std::mt19937_64 rng(3);
  const Fq6 v = {Fq2::zero(), Fq2::one(), Fq2::zero()};
  EXPECT_EQ(v * v * v, (Fq6{{Fq::from_u64(9), Fq::one()}, Fq2::zero(), Fq2::zero()}));
  for (int i = 0; i < 5; ++i) {
    const Fq6 a = Fq6::random(rng);
    const Fq2 b0 = Fq2::random(rng), b1 = Fq2::random(rng);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a * a.inverse(), Fq6::one());
    EXPECT_EQ(a.mul_by_nonresidue(), a * v);
    EXPECT_EQ(a.mul_by_01(b0, b1), (a * Fq6{b0, b1, Fq2::zero()}));
    EXPECT_EQ(a.mul_by_1(b1), (a * Fq6{Fq2::zero(), b1, Fq2::zero()}));
    Fq6 power = a;
    for (unsigned k = 1; k <= 6; ++k) {
      // x^(p^k) computed as k successive p-th powers.
      const std::array<u64, 4>& p = kP;
      Fq6 by_pow = Fq6::one();
      for (int limb = 3; limb >= 0; --limb) {
        for (int bit = 63; bit >= 0; --bit) {
          by_pow = by_pow.square();
          if ((p[limb] >> bit) & 1) by_pow *= power;
        }
      }
      power = by_pow;
      EXPECT_EQ(a.frobenius_map(k), power) << k;
    }
  }
}

TEST(Fq12, ArithmeticFrobeniusAndSparse) {
  std::mt19937_64 rng(4);
  const Fq12 w = {Fq6::zero(), Fq6::one()};
  EXPECT_EQ(w * w, (Fq12{{Fq2::zero(), Fq2::one(), Fq2::zero()}, Fq6::zero()}));  // w² = v
  for (int i = 0; i < 3; ++i) {
    const Fq12 a = Fq12::random(rng);
    const Fq2 x = Fq2::random(rng), y = Fq2::random(rng), z = Fq2::random(rng);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a * a.inverse(), Fq12::one());
    const Fq12 line_034 = {{x, Fq2::zero(), Fq2::zero()}, {y, z, Fq2::zero()}};
    const Fq12 line_014 = {{x, y, Fq2::zero()}, {Fq2::zero(), z, Fq2::zero()}};
    EXPECT_EQ(a.mul_by_034(x, y, z), a * line_034);
    EXPECT_EQ(a.mul_by_014(x, y, z), a * line_014);
    Fq12 power = a;
    for (unsigned k = 1; k <= 12; ++k) {
      power = power.pow(kP);
      EXPECT_EQ(a.frobenius_map(k), power) << k;
    }
  }
  EXPECT_EQ(Fq12::zero().inverse(), Fq12::zero());
}

TEST(Fq12, CyclotomicSquareOnCyclotomicElements) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 5; ++i) {
    const Fq12 f = Fq12::random(rng);
    // The easy part of the final exponentiation, f^((p^6 − 1)(p^2 + 1)), lands in the cyclotomic
    // subgroup, where x^(p^6) = x^{-1}.
    const Fq12 t = f.conjugate() * f.inverse();
    const Fq12 g = t.frobenius_map(2) * t;
    EXPECT_EQ(g.conjugate(), g.inverse());
    EXPECT_EQ(g.cyclotomic_square(), g.square());
    const std::array<u64, 2> e = {0x9d797039be763ba8, 0x1};  // an arbitrary 65-bit exponent
    EXPECT_EQ(g.cyclotomic_pow(e), g.pow(e));
  }
  EXPECT_EQ(Fq12::one().pow(std::array<u64, 1>{0}), Fq12::one());
}

}  // namespace
}  // namespace rill
