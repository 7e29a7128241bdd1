// Multiplication entry points: the MULX/ADCX/ADOX assembly where the CPU has BMI2 and ADX
// (checked once at start-up), the portable unsigned-128-bit code otherwise and in constant
// expressions. Both are always built and tested against each other.
#pragma once

#include <type_traits>

#include "rill/field/limbs.hpp"
#include "rill/field/montgomery_adx.hpp"

namespace rill::field_detail {

// x·k mod p for x < p and k < 2^128, portable: reduce_wide_128 of the 6-word product.
constexpr Limbs mul_by_u128_mod_portable(const Limbs& x, u128 k, const Limbs& p, const Limbs& two_p,
                                         const u64 (&barrett_words)[2]) {
  // t = x·k0 + x·k1·2^64
  const auto low = mul_by_word(x, static_cast<u64>(k));
  const auto high = mul_by_word(x, static_cast<u64>(k >> 64));
  std::array<u64, 6> t{low[0]};
  u64 carry = 0;
  for (int i = 0; i < 4; ++i) t[i + 1] = add_with_carry(low[i + 1], high[i], carry);
  t[5] = high[4] + carry;
  const u128 barrett = (static_cast<u128>(barrett_words[1]) << 64) | barrett_words[0];
  return reduce_wide_128(t, p, two_p, barrett);
}

constexpr Limbs mul_by_word_mod_portable(const Limbs& x, u64 k, const Limbs& p,
                                         const u64& barrett) {
  return reduce_wide(mul_by_word(x, k), p, barrett);
}

#if RILL_FIELD_HAVE_ADX_ASM
// Calls a portable routine out of line, so that the fallback, never taken on the machines this
// runs on, does not bloat every inlined fast path.
template <auto kFunction, class... Args>
[[gnu::noinline]] Limbs call_out_of_line(const Args&... args) {
  return kFunction(args...);
}
#endif

// a·b·2^-256 mod p, reduced, for a, b < 2p (see mont_mul_portable). p and p_inv_neg should name
// static constants, so that the assembly can address them directly.
RILL_FIELD_INLINE constexpr Limbs mont_mul(const Limbs& a, const Limbs& b, const Limbs& p,
                                           const u64& p_inv_neg) {
  if (std::is_constant_evaluated()) return mont_mul_portable(a, b, p, p_inv_neg);
#if RILL_FIELD_HAVE_ADX_ASM
  if (cpu_has_mulx_adx()) [[likely]]
    return mont_mul_adx(a, b, p, p_inv_neg);
  return call_out_of_line<&mont_mul_portable>(a, b, p, p_inv_neg);
#else
  return mont_mul_portable(a, b, p, p_inv_neg);
#endif
}

// x·k mod p for x < p and a word k. barrett should name the static floor(2^317 / p).
RILL_FIELD_INLINE constexpr Limbs mul_by_word_mod(const Limbs& x, u64 k, const Limbs& p,
                                                  const u64& barrett) {
  if (std::is_constant_evaluated()) return mul_by_word_mod_portable(x, k, p, barrett);
#if RILL_FIELD_HAVE_ADX_ASM
  if (cpu_has_mulx_adx()) [[likely]]
    return mul_by_word_mod_bmi2(x, k, p, barrett);
  return call_out_of_line<&mul_by_word_mod_portable>(x, k, p, barrett);
#else
  return mul_by_word_mod_portable(x, k, p, barrett);
#endif
}

// x·k mod p for x < p and k < 2^128. barrett_words should name the static floor(2^381 / p) as two
// words.
RILL_FIELD_INLINE constexpr Limbs mul_by_u128_mod(const Limbs& x, u128 k, const Limbs& p,
                                                  const Limbs& two_p,
                                                  const u64 (&barrett_words)[2]) {
  if (std::is_constant_evaluated()) return mul_by_u128_mod_portable(x, k, p, two_p, barrett_words);
#if RILL_FIELD_HAVE_ADX_ASM
  if (cpu_has_mulx_adx()) [[likely]] {
    const Limbs below_4p = mul_by_u128_below_4p_adx(x, static_cast<u64>(k),
                                                    static_cast<u64>(k >> 64), p, barrett_words);
    return subtract_modulus_if_needed(subtract_modulus_if_needed(below_4p, two_p), p);
  }
  return call_out_of_line<&mul_by_u128_mod_portable>(x, k, p, two_p, barrett_words);
#else
  return mul_by_u128_mod_portable(x, k, p, two_p, barrett_words);
#endif
}

}  // namespace rill::field_detail
