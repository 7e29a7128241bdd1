// PrimeField<Params>: an element of a prime field with a 254-bit modulus (2^253 < p < 2^254),
// stored in Montgomery form x·2^256 mod p as 4 little-endian 64-bit limbs. Fr and Fq (fr.hpp,
// fq.hpp) are instances. All parameters are derived from the modulus at compile time; there is no
// global state.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "rill/field/limbs.hpp"
#include "rill/field/montgomery.hpp"
#include "rill/util/int.hpp"

namespace rill {

namespace field_detail {

// −p^{-1} mod 2^64 by Newton's iteration x ← x·(2 − p0·x), which doubles the number of correct
// low bits each step (p0 odd, so x = 1 is correct to 1 bit; 6 steps give 64).
constexpr u64 montgomery_inverse_neg(u64 p0) {
  u64 x = 1;
  for (int i = 0; i < 6; ++i) x *= 2 - p0 * x;
  return 0 - x;
}

// 2^bits mod p, by doubling 1 modulo p `bits` times (p < 2^255, so 2x never overflows).
constexpr Limbs pow2_mod(int bits, const Limbs& p) {
  Limbs x{1, 0, 0, 0};
  for (int i = 0; i < bits; ++i) x = add_mod(x, x, p);
  return x;
}

// p ± small, and shifts by 1–2 bits, for the exponents (p−2), (p−1)/2, (p+1)/4.
constexpr Limbs add_small(Limbs a, u64 k) {
  u64 carry = 0;
  a[0] = add_with_carry(a[0], k, carry);
  for (int i = 1; i < 4; ++i) a[i] = add_with_carry(a[i], 0, carry);
  return a;
}
constexpr Limbs sub_small(Limbs a, u64 k) {
  u64 borrow = 0;
  a[0] = sub_with_borrow(a[0], k, borrow);
  for (int i = 1; i < 4; ++i) a[i] = sub_with_borrow(a[i], 0, borrow);
  return a;
}
constexpr Limbs shift_right(const Limbs& a, int bits) {
  Limbs r{};
  for (int i = 0; i < 4; ++i) {
    r[i] = a[i] >> bits;
    if (i < 3) r[i] |= a[i + 1] << (64 - bits);
  }
  return r;
}

}  // namespace field_detail

template <class Params>
class PrimeField {
 public:
  using Limbs = field_detail::Limbs;

  static constexpr Limbs kModulus = Params::kModulus;
  static_assert(kModulus[3] >> 61 == 1, "the reductions here assume 2^253 < p < 2^254");
  static constexpr u64 kInvNeg = field_detail::montgomery_inverse_neg(kModulus[0]);
  static constexpr Limbs kR = field_detail::pow2_mod(256, kModulus);   // Montgomery form of 1
  static constexpr Limbs kR2 = field_detail::pow2_mod(512, kModulus);  // converts into Montgomery
  static constexpr u64 kBarrett =                                      // floor(2^317 / p)
      static_cast<u64>(field_detail::floor_pow2_div(317, kModulus));
  static constexpr u128 kBarrett128 = field_detail::floor_pow2_div(381, kModulus);
  static constexpr u64 kBarrett128Words[2] = {static_cast<u64>(kBarrett128),
                                              static_cast<u64>(kBarrett128 >> 64)};
  static constexpr Limbs kModulusTimes2 = [] {
    u64 carry = 0;
    return field_detail::add_limbs(kModulus, kModulus, carry);
  }();

  // Zero.
  constexpr PrimeField() = default;

  static constexpr PrimeField zero() { return {}; }
  static constexpr PrimeField one() { return from_montgomery_unchecked(kR); }

  // Integers map to v mod p; a negative v maps to p − (|v| mod p).
  static constexpr PrimeField from_u64(u64 v) { return one().mul_u64(v); }
  static constexpr PrimeField from_i64(i64 v) { return one().mul_i64(v); }
  static constexpr PrimeField from_u128(u128 v) { return one().mul_u128(v); }
  static constexpr PrimeField from_i128(i128 v) { return one().mul_i128(v); }

  // Canonical little-endian limbs (value < p), e.g. for scalar decomposition, and back.
  // from_limbs rejects values ≥ p.
  constexpr std::array<u64, 4> to_limbs() const {
    return field_detail::mont_mul(mont_, Limbs{1, 0, 0, 0}, kModulus, kInvNeg);
  }
  static constexpr std::optional<PrimeField> from_limbs(const std::array<u64, 4>& canonical) {
    if (!field_detail::less_than(canonical, kModulus)) return std::nullopt;
    return from_montgomery_unchecked(field_detail::mont_mul(canonical, kR2, kModulus, kInvNeg));
  }

  // Canonical 32-byte little-endian encoding; decoding rejects other lengths and values ≥ p.
  std::array<u8, 32> to_bytes() const {
    const Limbs limbs = to_limbs();
    std::array<u8, 32> out{};
    for (int i = 0; i < 32; ++i) out[i] = static_cast<u8>(limbs[i / 8] >> (8 * (i % 8)));
    return out;
  }
  static std::optional<PrimeField> from_bytes(std::span<const u8> bytes) {
    if (bytes.size() != 32) return std::nullopt;
    Limbs limbs{};
    for (int i = 0; i < 32; ++i) limbs[i / 8] |= static_cast<u64>(bytes[i]) << (8 * (i % 8));
    return from_limbs(limbs);
  }

  // "0x" followed by 64 lowercase hex digits of the canonical value, big-endian.
  std::string to_hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    const Limbs limbs = to_limbs();
    std::string out = "0x";
    for (int nibble = 63; nibble >= 0; --nibble) {
      out += kDigits[(limbs[nibble / 16] >> (4 * (nibble % 16))) & 0xf];
    }
    return out;
  }
  // Parses a big-endian hex number, with or without "0x", at most 64 digits; rejects values ≥ p.
  static std::optional<PrimeField> from_hex(std::string_view hex) {
    if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
    if (hex.empty() || hex.size() > 64) return std::nullopt;
    Limbs limbs{};
    for (std::size_t i = 0; i < hex.size(); ++i) {
      const char c = hex[hex.size() - 1 - i];
      u64 digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<u64>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<u64>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<u64>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
      limbs[i / 16] |= digit << (4 * (i % 16));
    }
    return from_limbs(limbs);
  }

  // Uniform element from a std uniform random bit generator producing 32 or 64 random bits per
  // call (std::mt19937, std::mt19937_64); deterministic for a given generator state. Rejection
  // sampling on 254-bit candidates accepts with probability p / 2^254 > 3/4.
  template <class Rng>
  static PrimeField random(Rng& rng) {
    constexpr bool kWords64 = Rng::min() == 0 && Rng::max() == ~u64{0};
    constexpr bool kWords32 = Rng::min() == 0 && Rng::max() == 0xffffffffu;
    static_assert(kWords64 || kWords32, "random() needs a generator of 32 or 64 uniform bits");
    for (;;) {
      Limbs candidate{};
      for (auto& limb : candidate) {
        if constexpr (kWords64) {
          limb = static_cast<u64>(rng());
        } else {
          const u64 low = static_cast<u64>(rng());
          limb = low | (static_cast<u64>(rng()) << 32);
        }
      }
      candidate[3] &= (u64{1} << 62) - 1;
      if (auto x = from_limbs(candidate)) return *x;
    }
  }

  // Raw access to the Montgomery representation x·2^256 mod p (for kernels that work on limbs).
  constexpr const Limbs& montgomery_limbs() const { return mont_; }
  // Caller guarantees limbs < p.
  static constexpr PrimeField from_montgomery_unchecked(const Limbs& limbs) {
    PrimeField x;
    x.mont_ = limbs;
    return x;
  }

  constexpr bool is_zero() const { return field_detail::is_zero_limbs(mont_); }
  friend constexpr bool operator==(const PrimeField&, const PrimeField&) = default;

  [[gnu::always_inline]] friend constexpr PrimeField operator+(const PrimeField& a,
                                                               const PrimeField& b) {
#if RILL_FIELD_HAVE_ADX_ASM
    if (!std::is_constant_evaluated()) {
      return from_montgomery_unchecked(field_detail::add_mod_asm(a.mont_, b.mont_, kModulus));
    }
#endif
    return from_montgomery_unchecked(field_detail::add_mod(a.mont_, b.mont_, kModulus));
  }
  [[gnu::always_inline]] friend constexpr PrimeField operator-(const PrimeField& a,
                                                               const PrimeField& b) {
#if RILL_FIELD_HAVE_ADX_ASM
    if (!std::is_constant_evaluated()) {
      return from_montgomery_unchecked(field_detail::sub_mod_asm(a.mont_, b.mont_, kModulus));
    }
#endif
    return from_montgomery_unchecked(field_detail::sub_mod(a.mont_, b.mont_, kModulus));
  }
  constexpr PrimeField operator-() const { return PrimeField{} - *this; }
  [[gnu::always_inline]] friend constexpr PrimeField operator*(const PrimeField& a,
                                                               const PrimeField& b) {
    return from_montgomery_unchecked(field_detail::mont_mul(a.mont_, b.mont_, kModulus, kInvNeg));
  }
  [[gnu::always_inline]] constexpr PrimeField& operator+=(const PrimeField& b) {
    return *this = *this + b;
  }
  [[gnu::always_inline]] constexpr PrimeField& operator-=(const PrimeField& b) {
    return *this = *this - b;
  }
  [[gnu::always_inline]] constexpr PrimeField& operator*=(const PrimeField& b) {
    return *this = *this * b;
  }

  constexpr PrimeField doubled() const { return *this + *this; }
  constexpr PrimeField square() const { return *this * *this; }

  // x^e for e given as little-endian limbs (any length), left-to-right square-and-multiply.
  constexpr PrimeField pow(std::span<const u64> exponent_le_limbs) const {
    PrimeField result = one();
    for (std::size_t i = exponent_le_limbs.size(); i-- > 0;) {
      for (int bit = 63; bit >= 0; --bit) {
        result = result.square();
        if ((exponent_le_limbs[i] >> bit) & 1) result *= *this;
      }
    }
    return result;
  }
  constexpr PrimeField pow(const std::array<u64, 4>& exponent_le_limbs) const {
    return pow(std::span<const u64>(exponent_le_limbs));
  }
  constexpr PrimeField pow(u64 exponent) const {
    const u64 limbs[1] = {exponent};
    return pow(std::span<const u64>(limbs));
  }

  // x^{-1}, by Fermat: x^(p−2). Contract: the inverse of zero is zero.
  constexpr PrimeField inverse() const { return pow(field_detail::sub_small(kModulus, 2)); }

  // Legendre symbol (x/p): 0 for zero, 1 for a nonzero square, −1 otherwise; Euler's criterion
  // x^((p−1)/2).
  constexpr int legendre() const {
    const PrimeField e = pow(field_detail::shift_right(field_detail::sub_small(kModulus, 1), 1));
    if (e.is_zero()) return 0;
    return e == one() ? 1 : -1;
  }

  // A square root when one exists (either of the two), for p ≡ 3 (mod 4): x^((p+1)/4).
  constexpr std::optional<PrimeField> sqrt() const requires(kModulus[0] % 4 == 3) {
    const PrimeField root = pow(field_detail::shift_right(field_detail::add_small(kModulus, 1), 2));
    if (root.square() != *this) return std::nullopt;
    return root;
  }

  // Fast paths: multiplication by an integer k without converting k to Montgomery form. The
  // product x·2^256·k of the Montgomery limbs by k is already the Montgomery form of x·k; it only
  // needs reducing mod p, which reduce_wide does with a Barrett estimate (6 word multiplications,
  // plus 4 for the product: about a quarter of a Montgomery multiplication).
  constexpr PrimeField mul_u64(u64 k) const {
    return from_montgomery_unchecked(field_detail::mul_by_word_mod(mont_, k, kModulus, kBarrett));
  }
  constexpr PrimeField mul_i64(i64 k) const {
    const u64 magnitude = k < 0 ? 0 - static_cast<u64>(k) : static_cast<u64>(k);
    const PrimeField product = mul_u64(magnitude);
    return k < 0 ? -product : product;
  }
  // The 128-bit challenge fast path: the 6-limb product x̄·k (8 word multiplications) reduced by
  // one two-word Barrett step (13 more), instead of a 36-multiplication Montgomery product.
  constexpr PrimeField mul_u128(u128 k) const {
    return from_montgomery_unchecked(
        field_detail::mul_by_u128_mod(mont_, k, kModulus, kModulusTimes2, kBarrett128Words));
  }
  constexpr PrimeField mul_i128(i128 k) const {
    const u128 magnitude = k < 0 ? 0 - static_cast<u128>(k) : static_cast<u128>(k);
    const PrimeField product = mul_u128(magnitude);
    return k < 0 ? -product : product;
  }

 private:
  Limbs mont_{};
};

}  // namespace rill
