// The MULX/ADCX/ADOX assembly and the portable Montgomery multiplication agree bit for bit on a
// million random pairs per field, plus edge values (the portable path is itself checked against
// @noble/curves in vectors_test.cpp).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "rill/field/fq.hpp"
#include "rill/field/fr.hpp"

namespace rill {
namespace {

template <class F>
class AsmMatchesPortable : public ::testing::Test {};
using PrimeFields = ::testing::Types<Fr, Fq>;
TYPED_TEST_SUITE(AsmMatchesPortable, PrimeFields);

TYPED_TEST(AsmMatchesPortable, OnAMillionRandomPairsAndEdgeValues) {
#if RILL_FIELD_HAVE_ADX_ASM
  using F = TypeParam;
  if (!field_detail::cpu_has_mulx_adx()) GTEST_SKIP() << "CPU lacks BMI2/ADX";
  const auto mul_both = [](const F& a, const F& b) {
    const auto& x = a.montgomery_limbs();
    const auto& y = b.montgomery_limbs();
    return std::pair{field_detail::mont_mul_adx(x, y, F::kModulus, F::kInvNeg),
                     field_detail::mont_mul_portable(x, y, F::kModulus, F::kInvNeg)};
  };
  // Edge values in Montgomery form: 0, 1, 2, p−1, p−2, and raw limbs just below p.
  std::vector<F> edges = {F::zero(),
                          F::one(),
                          F::from_u64(2),
                          -F::one(),
                          -F::from_u64(2),
                          F::from_montgomery_unchecked(field_detail::sub_small(F::kModulus, 1)),
                          F::from_montgomery_unchecked({~u64{0}, ~u64{0}, ~u64{0}, 0})};
  for (const F& a : edges) {
    for (const F& b : edges) {
      const auto [fast, portable] = mul_both(a, b);
      ASSERT_EQ(fast, portable);
    }
  }
  std::mt19937_64 rng(123);
  for (int i = 0; i < 1'000'000; ++i) {
    const F a = F::random(rng), b = F::random(rng);
    const auto [fast, portable] = mul_both(a, b);
    ASSERT_EQ(fast, portable) << i;
  }
#else
  GTEST_SKIP() << "no x86-64 assembly path in this build";
#endif
}

// Addition and subtraction in assembly against the portable limb code, including edge values.
TYPED_TEST(AsmMatchesPortable, AddAndSubOnAMillionRandomPairs) {
#if RILL_FIELD_HAVE_ADX_ASM
  using F = TypeParam;
  const auto check = [](const F& a, const F& b) {
    const auto& x = a.montgomery_limbs();
    const auto& y = b.montgomery_limbs();
    ASSERT_EQ(field_detail::add_mod_asm(x, y, F::kModulus),
              field_detail::add_mod(x, y, F::kModulus));
    ASSERT_EQ(field_detail::sub_mod_asm(x, y, F::kModulus),
              field_detail::sub_mod(x, y, F::kModulus));
  };
  const std::vector<F> edges = {
      F::zero(), F::one(), -F::one(), -F::from_u64(2),
      F::from_montgomery_unchecked(field_detail::sub_small(F::kModulus, 1))};
  for (const F& a : edges) {
    for (const F& b : edges) check(a, b);
  }
  std::mt19937_64 rng(999);
  for (int i = 0; i < 1'000'000; ++i) {
    check(F::random(rng), F::random(rng));
    if (::testing::Test::HasFatalFailure()) return;
  }
#else
  GTEST_SKIP() << "no x86-64 assembly path in this build";
#endif
}

// Montgomery multiplication accepts unreduced inputs below 2p (Fq2 relies on it): both paths give
// the product of the reduced inputs.
TYPED_TEST(AsmMatchesPortable, UnreducedInputsBelowTwoP) {
  using F = TypeParam;
  std::mt19937_64 rng(77);
  const auto plus_p = [](const F& x) {
    u64 carry = 0;
    return field_detail::add_limbs(x.montgomery_limbs(), F::kModulus, carry);  // x + p < 2p
  };
  for (int i = 0; i < 200'000; ++i) {
    const F a = i == 0 ? -F::one() : F::random(rng);
    const F b = i == 0 ? -F::one() : F::random(rng);
    const auto expected = (a * b).montgomery_limbs();
    ASSERT_EQ(field_detail::mont_mul_portable(plus_p(a), plus_p(b), F::kModulus, F::kInvNeg),
              expected);
    ASSERT_EQ(
        field_detail::mont_mul_portable(plus_p(a), b.montgomery_limbs(), F::kModulus, F::kInvNeg),
        expected);
#if RILL_FIELD_HAVE_ADX_ASM
    if (field_detail::cpu_has_mulx_adx()) {
      ASSERT_EQ(field_detail::mont_mul_adx(plus_p(a), plus_p(b), F::kModulus, F::kInvNeg),
                expected);
    }
#endif
  }
}

// The BMI2/ADX integer fast paths (x·k for a word k and for a 128-bit k) against the portable
// Barrett reductions, on a million random (x, k) pairs and edge values of both.
TYPED_TEST(AsmMatchesPortable, IntegerProductsOnAMillionRandomPairs) {
#if RILL_FIELD_HAVE_ADX_ASM
  using F = TypeParam;
  if (!field_detail::cpu_has_mulx_adx()) GTEST_SKIP() << "CPU lacks BMI2/ADX";
  const auto check = [](const F& a, u128 k) {
    const auto& x = a.montgomery_limbs();
    const u64 k0 = static_cast<u64>(k);
    ASSERT_EQ(field_detail::mul_by_word_mod_bmi2(x, k0, F::kModulus, F::kBarrett),
              field_detail::mul_by_word_mod_portable(x, k0, F::kModulus, F::kBarrett));
    const field_detail::Limbs below_4p = field_detail::mul_by_u128_below_4p_adx(
        x, k0, static_cast<u64>(k >> 64), F::kModulus, F::kBarrett128Words);
    ASSERT_EQ(
        field_detail::subtract_modulus_if_needed(
            field_detail::subtract_modulus_if_needed(below_4p, F::kModulusTimes2), F::kModulus),
        field_detail::mul_by_u128_mod_portable(x, k, F::kModulus, F::kModulusTimes2,
                                               F::kBarrett128Words));
  };
  const std::vector<F> edges = {
      F::zero(), F::one(), -F::one(), -F::from_u64(2),
      F::from_montgomery_unchecked(field_detail::sub_small(F::kModulus, 1))};
  const std::vector<u128> edge_ks = {0, 1, ~u64{0}, u128{1} << 64, ~u128{0}, ~u128{0} >> 1};
  for (const F& a : edges) {
    for (const u128 k : edge_ks) check(a, k);
  }
  std::mt19937_64 rng(321);
  for (int i = 0; i < 1'000'000; ++i) {
    const F a = F::random(rng);
    const u128 k = (static_cast<u128>(rng()) << 64) | rng();
    check(a, k);
    if (::testing::Test::HasFatalFailure()) return;
  }
#else
  GTEST_SKIP() << "no x86-64 assembly path in this build";
#endif
}

}  // namespace
}  // namespace rill
