// Portable multi-precision arithmetic on 4×64-bit little-endian limbs, the building blocks of the
// Montgomery fields in prime_field.hpp. Everything is constexpr so that field constants can be
// derived from the modulus at compile time.
#pragma once

#include <array>
#include <type_traits>

#include "rill/util/int.hpp"

#if defined(__x86_64__)
#include <x86intrin.h>
#define RILL_FIELD_HAVE_ADC_INTRINSICS 1
#else
#define RILL_FIELD_HAVE_ADC_INTRINSICS 0
#endif

// The field's hot path (an Fr or Fq multiplication is operator* → mont_mul → mont_mul_adx →
// subtract_modulus_if_needed) is forced inline: in the large translation units of the prover GCC
// runs out of its inlining budget and calls each layer out of line, which a profile of the whole
// prover at 2^18 showed as 12% of its cycles in subtract_modulus_if_needed alone
// (docs/benchmarks.md, "Profile of the whole prover").
#define RILL_FIELD_INLINE [[gnu::always_inline]] inline

namespace rill::field_detail {

using Limbs = std::array<u64, 4>;

// a + b + carry; carry is 0 or 1 in and out. At run time on x86-64 the _addcarry_u64 /
// _subborrow_u64 intrinsics make GCC emit plain adc/sbb chains; its code for the equivalent
// 128-bit additions is several times longer.
RILL_FIELD_INLINE constexpr u64 add_with_carry(u64 a, u64 b, u64& carry) {
#if RILL_FIELD_HAVE_ADC_INTRINSICS
  if (!std::is_constant_evaluated()) {
    unsigned long long sum = 0;
    carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &sum);
    return sum;
  }
#endif
  const u128 s = static_cast<u128>(a) + b + carry;
  carry = static_cast<u64>(s >> 64);
  return static_cast<u64>(s);
}

// a - b - borrow; borrow is 0 or 1 in and out.
RILL_FIELD_INLINE constexpr u64 sub_with_borrow(u64 a, u64 b, u64& borrow) {
#if RILL_FIELD_HAVE_ADC_INTRINSICS
  if (!std::is_constant_evaluated()) {
    unsigned long long difference = 0;
    borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &difference);
    return difference;
  }
#endif
  const u128 d = static_cast<u128>(a) - b - borrow;
  borrow = static_cast<u64>(d >> 64) & 1;
  return static_cast<u64>(d);
}

// a·b + c + carry, low word returned, high word in carry. Cannot overflow:
// (2^64−1)² + 2·(2^64−1) = 2^128 − 1.
RILL_FIELD_INLINE constexpr u64 mul_add(u64 a, u64 b, u64 c, u64& carry) {
  const u128 t = static_cast<u128>(a) * b + c + carry;
  carry = static_cast<u64>(t >> 64);
  return static_cast<u64>(t);
}

// Returns a − b (mod 2^256) and the final borrow.
RILL_FIELD_INLINE constexpr Limbs sub_limbs(const Limbs& a, const Limbs& b, u64& borrow) {
  borrow = 0;
  Limbs r{};
  for (int i = 0; i < 4; ++i) r[i] = sub_with_borrow(a[i], b[i], borrow);
  return r;
}

RILL_FIELD_INLINE constexpr Limbs add_limbs(const Limbs& a, const Limbs& b, u64& carry) {
  carry = 0;
  Limbs r{};
  for (int i = 0; i < 4; ++i) r[i] = add_with_carry(a[i], b[i], carry);
  return r;
}

constexpr bool less_than(const Limbs& a, const Limbs& b) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

constexpr bool is_zero_limbs(const Limbs& a) { return (a[0] | a[1] | a[2] | a[3]) == 0; }

// Returns t − p when t ≥ p, else t, without a data-dependent branch (so t mod p for t < 2p).
RILL_FIELD_INLINE constexpr Limbs subtract_modulus_if_needed(const Limbs& t, const Limbs& p) {
  u64 borrow = 0;
  const Limbs d = sub_limbs(t, p, borrow);
  const bool keep_t = borrow != 0;  // t < p; GCC turns the selects into cmov
  return {keep_t ? t[0] : d[0], keep_t ? t[1] : d[1], keep_t ? t[2] : d[2], keep_t ? t[3] : d[3]};
}

// (a + b) mod p for a, b < p < 2^255.
RILL_FIELD_INLINE constexpr Limbs add_mod(const Limbs& a, const Limbs& b, const Limbs& p) {
  u64 carry = 0;
  return subtract_modulus_if_needed(add_limbs(a, b, carry), p);
}

// (a − b) mod p for a, b < p.
RILL_FIELD_INLINE constexpr Limbs sub_mod(const Limbs& a, const Limbs& b, const Limbs& p) {
  u64 borrow = 0;
  const Limbs d = sub_limbs(a, b, borrow);
  const bool wrapped = borrow != 0;  // add p back when the subtraction wrapped
  const Limbs masked_p = {wrapped ? p[0] : 0, wrapped ? p[1] : 0, wrapped ? p[2] : 0,
                          wrapped ? p[3] : 0};
  u64 carry = 0;
  return add_limbs(d, masked_p, carry);
}

// Montgomery multiplication a·b·2^-256 mod p (CIOS, "no-carry" variant). Per outer step i:
//   t ← (t + a·b_i + m·p) / 2^64  with  m = (t_0 + a_0·b_i)·(−p^{-1}) mod 2^64.
// Inputs may be unreduced up to 2p (with p < 2^254), which lets callers skip reducing sums that
// only feed a product: by induction t < a + p < 3p < 2^256 after every step, so the two row
// carries that form the top word (each below 2^63, as a_3 and p_3 are) never overflow and the
// extra top word of classic CIOS is not needed; and the final t < a·b/2^256 + p < 2p because
// 4p < 2^256, so one conditional subtraction gives a result < p.
constexpr Limbs mont_mul_portable(const Limbs& a, const Limbs& b, const Limbs& p, u64 p_inv_neg) {
  Limbs t{};
  for (int i = 0; i < 4; ++i) {
    u64 carry_ab = 0;  // carry of the a·b_i row
    t[0] = mul_add(a[0], b[i], t[0], carry_ab);
    const u64 m = t[0] * p_inv_neg;
    u64 carry_mp = 0;  // carry of the m·p row; the word it produces in position 0 is zero
    mul_add(m, p[0], t[0], carry_mp);
    for (int j = 1; j < 4; ++j) {
      t[j] = mul_add(a[j], b[i], t[j], carry_ab);
      t[j - 1] = mul_add(m, p[j], t[j], carry_mp);
    }
    t[3] = carry_ab + carry_mp;
  }
  return subtract_modulus_if_needed(t, p);
}

// a·k as a 5-limb integer (a·k < 2^320).
constexpr std::array<u64, 5> mul_by_word(const Limbs& a, u64 k) {
  std::array<u64, 5> r{};
  u64 carry = 0;
  for (int i = 0; i < 4; ++i) r[i] = mul_add(a[i], k, 0, carry);
  r[4] = carry;
  return r;
}

// floor(2^k / p) for a modulus 2^253 < p < 2^254 and k ≤ 381, so that the quotient is below
// 2^(k−253) ≤ 2^128. Schoolbook binary long division (the remainder stays below p, so 4 limbs
// suffice). These are the Barrett factors of reduce_wide (k = 317, one word) and
// reduce_wide_128 (k = 381, two words).
constexpr u128 floor_pow2_div(int k, const Limbs& p) {
  Limbs rem{};
  u128 quotient = 0;
  for (int bit = k; bit >= 0; --bit) {
    // rem ← 2·rem + (bit of 2^k)
    u64 carry = 0;
    for (int i = 0; i < 4; ++i) {
      const u64 next = rem[i] >> 63;
      rem[i] = (rem[i] << 1) | carry;
      carry = next;
    }
    if (bit == k) rem[0] |= 1;
    quotient <<= 1;
    if (!less_than(rem, p)) {
      u64 borrow = 0;
      rem = sub_limbs(rem, p, borrow);
      quotient |= 1;
    }
  }
  return quotient;
}

// t mod p for a 5-limb t < 2^64·p, where 2^253 < p < 2^254 and barrett = floor_pow2_div(317, p).
// The quotient q = floor(t/p) is below 2^64; we estimate it from the top 128 bits of t,
//   q̂ = floor(floor(t / 2^192) · barrett / 2^125),
// which never exceeds q and falls short of it by at most 2: the two floors lose less than
// t/2^317 + 2^192/p < 1.6 in total. So t − q̂·p < 3p < 2^256 can be computed modulo 2^256 and
// finished with two conditional subtractions of p. Cost: 6 word multiplications.
constexpr Limbs reduce_wide(const std::array<u64, 5>& t, const Limbs& p, u64 barrett) {
  const u128 low_product = static_cast<u128>(t[3]) * barrett;
  const u128 high_product = static_cast<u128>(t[4]) * barrett + static_cast<u64>(low_product >> 64);
  const u64 q = static_cast<u64>(high_product >> 61);  // (t[4]:t[3] · barrett) >> 125
  // r = t − q·p (mod 2^256)
  u64 carry = 0;
  u64 borrow = 0;
  Limbs r{};
  for (int i = 0; i < 4; ++i) r[i] = sub_with_borrow(t[i], mul_add(q, p[i], 0, carry), borrow);
  r = subtract_modulus_if_needed(r, p);     // r < 3p  →  r < 2p
  return subtract_modulus_if_needed(r, p);  // r < 2p  →  r < p
}

// t mod p for a 6-limb t < 2^128·p; barrett = floor_pow2_div(381, p), two_p = 2p. The same
// Barrett estimate as reduce_wide with a two-word quotient q = floor(t/p) < 2^128:
//   q̂ = floor(floor(t / 2^192) · barrett / 2^189),
// which loses less than t/2^381 + 2^192/p + 1 < 3.01 against t/p, so q − q̂ ≤ 3 and
// r = t − q̂·p < 4p < 2^256; subtracting 2p and then p when possible finishes. Cost: 6 word
// multiplications for q̂ and 7 for the low 256 bits of q̂·p.
constexpr Limbs reduce_wide_128(const std::array<u64, 6>& t, const Limbs& p, const Limbs& two_p,
                                u128 barrett) {
  // P = (t5, t4, t3) · (m1, m0), schoolbook; only words 2..4 are used.
  const u64 m[2] = {static_cast<u64>(barrett), static_cast<u64>(barrett >> 64)};
  std::array<u64, 5> product{};
  for (int i = 0; i < 3; ++i) {
    u64 carry = 0;
    for (int j = 0; j < 2; ++j) product[i + j] = mul_add(t[3 + i], m[j], product[i + j], carry);
    product[i + 2] = carry;
  }
  const u64 q0 = (product[2] >> 61) | (product[3] << 3);
  const u64 q1 = (product[3] >> 61) | (product[4] << 3);
  // q̂·p mod 2^256 = q0·p + q1·p·2^64.
  Limbs qp{};
  u64 carry = 0;
  for (int i = 0; i < 4; ++i) qp[i] = mul_add(q0, p[i], 0, carry);
  carry = 0;
  for (int i = 1; i < 4; ++i) qp[i] = mul_add(q1, p[i - 1], qp[i], carry);
  u64 borrow = 0;
  Limbs r = sub_limbs({t[0], t[1], t[2], t[3]}, qp, borrow);
  r = subtract_modulus_if_needed(r, two_p);  // r < 4p  →  r < 2p
  return subtract_modulus_if_needed(r, p);   // r < 2p  →  r < p
}

}  // namespace rill::field_detail
