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

}  // namespace
}  // namespace rill
