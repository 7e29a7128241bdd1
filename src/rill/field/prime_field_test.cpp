// Fr and Fq against known values (computed independently with Python big integers, and the Fr
// values also by @noble/curves, see reference/toolchain.md §5), plus edge cases of the API.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/field/fq.hpp"
#include "rill/field/fr.hpp"

namespace rill {
namespace {

template <class F>
F hex(const char* s) {
  auto x = F::from_hex(s);
  EXPECT_TRUE(x.has_value()) << s;
  return x.value_or(F::zero());
}

TEST(PrimeField, DerivedMontgomeryConstantsMatchPython) {
  EXPECT_EQ(Fq::kInvNeg, 0x87d20782e4866389u);
  EXPECT_EQ(Fr::kInvNeg, 0xc2e1f593efffffffu);
  // R mod p and R² mod p, as canonical hex.
  EXPECT_EQ(Fq::from_montgomery_unchecked(Fq::kR).to_limbs(), Fq::one().to_limbs());
  EXPECT_EQ(Fq::from_limbs(Fq::kR)->to_hex(),
            "0x0e0a77c19a07df2f666ea36f7879462c0a78eb28f5c70b3dd35d438dc58f0d9d");
  EXPECT_EQ(Fq::from_limbs(Fq::kR2)->to_hex(),
            "0x06d89f71cab8351f47ab1eff0a417ff6b5e71911d44501fbf32cfc5b538afa89");
  EXPECT_EQ(Fr::from_limbs(Fr::kR)->to_hex(),
            "0x0e0a77c19a07df2f666ea36f7879462e36fc76959f60cd29ac96341c4ffffffb");
  EXPECT_EQ(Fr::from_limbs(Fr::kR2)->to_hex(),
            "0x0216d0b17f4e44a58c49833d53bb808553fe3ab1e35c59e31bb8e645ae216da7");
  EXPECT_EQ(Fq::kBarrett, 12198255522540161359u);
  EXPECT_EQ(Fr::kBarrett, 12198255522540161359u);
  EXPECT_EQ(static_cast<u64>(Fq::kBarrett128 >> 64), 0xa948e8c4c474094fu);
  EXPECT_EQ(static_cast<u64>(Fq::kBarrett128), 0x560e94b0d00e6027u);
  EXPECT_EQ(static_cast<u64>(Fr::kBarrett128 >> 64), 0xa948e8c4c474094fu);
  EXPECT_EQ(static_cast<u64>(Fr::kBarrett128), 0x560e94b0d00e6028u);
}

TEST(PrimeField, FrMulAndInverseMatchNoble) {
  const Fr a = hex<Fr>("0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef");
  const Fr b = Fr::zero() - Fr::from_u64(5);
  EXPECT_EQ((a * b).to_hex(), "0x05c2ec8aef083aa8159adb122fa7ab0ef56220362017db772cbe3acd0ca4fa57");
  EXPECT_EQ(a.inverse().to_hex(),
            "0x2bb13c11312079eabcc30b313613a9e013db48335cbdb86b9b83ed107fcaea83");
}

TEST(PrimeField, FqBasicOperationsMatchPython) {
  const Fq x = hex<Fq>("0x1d1c852446383a171fe22e8d83a66c79a0d71052d48d07db1e9bfce0e966745c");
  const Fq y = -Fq::from_u64(12345);
  EXPECT_EQ((x * y).to_hex(), "0x19bf7c9d1550553dbebf979da721ae054ca48e3d586789f0541ac0f38486da59");
  EXPECT_EQ(x.inverse().to_hex(),
            "0x2c2ab63b19707360b852840fa6f4cb96bc050f173f5f1b553c3b283607cb5dc6");
  EXPECT_EQ((x + y).to_hex(), "0x1d1c852446383a171fe22e8d83a66c79a0d71052d48d07db1e9bfce0e9664423");
  EXPECT_EQ((x - y).to_hex(), "0x1d1c852446383a171fe22e8d83a66c79a0d71052d48d07db1e9bfce0e966a495");
  EXPECT_EQ(x.mul_u64(0xfedcba9876543210).to_hex(),
            "0x2177936ebf3562456e0be0cd68d70ee3a948dc54e60254ebc75f66dd520d21a9");
  EXPECT_EQ(x.mul_i64(-7).to_hex(),
            "0x262de4407a6e8a2eba6216b1edf9c2808fa5a2933a5dbdc4565ed24bd8a3c3df");
  EXPECT_EQ(x.mul_u128((u128{1} << 127) + 12345).to_hex(),
            "0x20ea74d2efcf007bf7e308cf071a44dc58c6d70823d63f7faeeb530bbbe4e18b");
  EXPECT_EQ(x.mul_i128(-(i128{1} << 126) * 2).to_hex(),
            "0x261eab75bd43ea99b9fdeb0054c6bdd989976fdd54a5cbaa753b042e708e3eaa");
  EXPECT_EQ(x.legendre(), 1);
  EXPECT_EQ(Fq::from_u64(5).legendre(), -1);
  EXPECT_EQ(Fq::zero().legendre(), 0);
  EXPECT_FALSE(Fq::from_u64(5).sqrt().has_value());
  const auto root = x.sqrt();
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->square(), x);
}

TEST(PrimeField, IntegerConversions) {
  EXPECT_EQ(Fq::from_u128(~u128{0}).to_hex(),
            "0x00000000000000000000000000000000ffffffffffffffffffffffffffffffff");
  EXPECT_EQ(Fq::from_i128(-(i128{1} << 126) * 2).to_hex(),
            "0x30644e72e131a029b85045b68181585d17816a916871ca8d3c208c16d87cfd47");
  EXPECT_EQ(Fr::from_i64(-1), -Fr::one());
  EXPECT_EQ(Fr::from_i64(std::numeric_limits<i64>::min()), -Fr::from_u64(u64{1} << 63));
  EXPECT_EQ(Fr::from_u64(7).to_limbs(), (std::array<u64, 4>{7, 0, 0, 0}));
  EXPECT_EQ(Fr::from_u64(0), Fr::zero());
  EXPECT_EQ(Fr{}, Fr::zero());
}

TEST(PrimeField, InverseOfZeroIsZero) {
  EXPECT_EQ(Fr::zero().inverse(), Fr::zero());
  EXPECT_EQ(Fq::zero().inverse(), Fq::zero());
}

TEST(PrimeField, BytesRejectWrongLengthAndNonCanonical) {
  std::array<u8, 32> modulus_bytes{};
  for (int i = 0; i < 32; ++i)
    modulus_bytes[i] = static_cast<u8>(Fr::kModulus[i / 8] >> (8 * (i % 8)));
  EXPECT_FALSE(Fr::from_bytes(modulus_bytes).has_value());
  EXPECT_FALSE(Fr::from_bytes(std::span<const u8>(modulus_bytes).first(31)).has_value());
  modulus_bytes[0] -= 1;  // p − 1 is canonical
  const auto max = Fr::from_bytes(modulus_bytes);
  ASSERT_TRUE(max.has_value());
  EXPECT_EQ(*max, -Fr::one());
  EXPECT_EQ(max->to_bytes(), modulus_bytes);
}

TEST(PrimeField, RejectsValuesNear2To256) {
  std::array<u8, 32> all_ones;
  all_ones.fill(0xff);
  EXPECT_FALSE(Fq::from_bytes(all_ones).has_value());
  EXPECT_FALSE(Fr::from_limbs({~u64{0}, ~u64{0}, ~u64{0}, ~u64{0}}).has_value());
  EXPECT_FALSE(Fr::from_hex(std::string(64, 'f')).has_value());
  EXPECT_FALSE(Fr::from_hex("0x" + std::string(65, '0')).has_value());
  EXPECT_FALSE(Fr::from_hex("0x12g4").has_value());
  // 2^255 and 2^254: above p.
  EXPECT_FALSE(Fq::from_limbs({0, 0, 0, u64{1} << 63}).has_value());
  EXPECT_FALSE(Fq::from_limbs({0, 0, 0, u64{1} << 62}).has_value());
  std::array<u8, 33> too_long{};
  EXPECT_FALSE(Fr::from_bytes(too_long).has_value());
  EXPECT_FALSE(Fr::from_bytes({}).has_value());
}

TEST(PrimeField, RandomIsDeterministicPerSeed) {
  std::mt19937_64 a(42), b(42);
  EXPECT_EQ(Fr::random(a), Fr::random(b));
  std::mt19937 c(1);
  EXPECT_NE(Fq::random(c), Fq::random(c));
}

}  // namespace
}  // namespace rill

namespace rill {
namespace {

template <class F>
class FieldAxioms : public ::testing::Test {};
using PrimeFields = ::testing::Types<Fr, Fq>;
TYPED_TEST_SUITE(FieldAxioms, PrimeFields);

// Edge values (0, 1, 2, p−1, p−2, 2^64, 2^192, largest below 2^254 mod p), then random values.
template <class F>
std::vector<F> axiom_operands(std::size_t random_count) {
  std::vector<F> xs = {F::zero(),
                       F::one(),
                       F::from_u64(2),
                       -F::one(),
                       -F::from_u64(2),
                       F::from_u128(u128{1} << 64),
                       *F::from_limbs({0, 0, 0, 1}),
                       *F::from_limbs(field_detail::sub_small(F::kModulus, 1))};
  std::mt19937_64 rng(2024);
  for (std::size_t i = 0; i < random_count; ++i) xs.push_back(F::random(rng));
  return xs;
}

TYPED_TEST(FieldAxioms, HoldOnEdgeAndRandomValues) {
  using F = TypeParam;
  const auto xs = axiom_operands<F>(3000);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const F& a = xs[i];
    const F& b = xs[(i * 7 + 3) % xs.size()];
    const F& c = xs[(i * 13 + 5) % xs.size()];
    ASSERT_EQ(a + b, b + a);
    ASSERT_EQ(a * b, b * a);
    ASSERT_EQ((a + b) + c, a + (b + c));
    ASSERT_EQ((a * b) * c, a * (b * c));
    ASSERT_EQ(a * (b + c), a * b + a * c);
    ASSERT_EQ(a + F::zero(), a);
    ASSERT_EQ(a * F::one(), a);
    ASSERT_EQ(a - a, F::zero());
    ASSERT_EQ(a + (-a), F::zero());
    ASSERT_EQ((a - b) + b, a);
    ASSERT_EQ(a.square(), a * a);
    ASSERT_EQ(a.doubled(), a + a);
    ASSERT_EQ(a * a.inverse(), a.is_zero() ? F::zero() : F::one());
    ASSERT_EQ(a.mul_u64(3), a + a + a);
    ASSERT_EQ(F::from_limbs(a.to_limbs()), a);
    ASSERT_EQ(F::from_bytes(a.to_bytes()), a);
    ASSERT_EQ(F::from_hex(a.to_hex()), a);
  }
}

// The integer fast paths against full Montgomery multiplication by the integer built from words
// (k = hi·2^64 + lo), on random elements and random integers of every size.
TYPED_TEST(FieldAxioms, IntegerFastPathsAgreeWithFullMultiplication) {
  using F = TypeParam;
  const F two_to_64 = F::from_u64(u64{1} << 32).square();
  const auto as_field = [&](u128 k) {
    return F::from_u64(static_cast<u64>(k >> 64)) * two_to_64 + F::from_u64(static_cast<u64>(k));
  };
  const auto xs = axiom_operands<F>(2000);
  std::mt19937_64 rng(5);
  for (const F& a : xs) {
    const u64 k64 = rng() >> (rng() % 64);
    const u128 k128 = (static_cast<u128>(rng()) << 64 | rng()) >> (rng() % 128);
    ASSERT_EQ(a.mul_u64(k64), a * F::from_u64(k64));
    ASSERT_EQ(a.mul_i64(-static_cast<i64>(k64 >> 1)), -(a * F::from_u64(k64 >> 1)));
    ASSERT_EQ(a.mul_u128(k128), a * as_field(k128));
    ASSERT_EQ(a.mul_i128(-static_cast<i128>(k128 >> 1)), -(a * as_field(k128 >> 1)));
    ASSERT_EQ(F::from_u128(k128), as_field(k128));
  }
}

TYPED_TEST(FieldAxioms, PowAndLegendre) {
  using F = TypeParam;
  std::mt19937_64 rng(99);
  for (int i = 0; i < 20; ++i) {
    const F a = F::random(rng);
    ASSERT_EQ(a.pow(u64{0}), F::one());
    ASSERT_EQ(a.pow(u64{5}), a * a * a * a * a);
    ASSERT_EQ(a.pow(F::kModulus), a);  // Fermat: a^p = a
    ASSERT_EQ(a.square().legendre(), a.is_zero() ? 0 : 1);
  }
}

}  // namespace
}  // namespace rill
