// Unreduced accumulation of sums of products Σ a_i·b_i (field × field, or field × small integer):
// the products are added as plain integers and reduced modulo p once, in reduce().
#pragma once

#include <array>

#include "rill/field/fr.hpp"
#include "rill/field/limbs.hpp"

namespace rill {

// Holds two integer sums of Montgomery limbs (x̄ = x·R mod p, R = 2^256):
//   field_sum_ = Σ ā_i·b̄_i   (each term ≡ a_i·b_i·R², below p² < 2^508)
//   small_sum_ = Σ ā_i·k_i   (each term ≡ a_i·k_i·R,  below p·2^64)
// and the same for negative small factors. reduce() brings field_sum_ to R-scale with a
// Montgomery reduction and the small sums with Barrett steps, then combines them. The widths
// allow at least 2^62 terms of each kind, far beyond any use.
template <class F>
class UnreducedAccumulator {
 public:
  // += a·b
  void add_product(const F& a, const F& b) {
    const auto& x = a.montgomery_limbs();
    const auto& y = b.montgomery_limbs();
    std::array<u64, 8> product{};
    for (int i = 0; i < 4; ++i) {
      u64 carry = 0;
      for (int j = 0; j < 4; ++j) {
        product[i + j] = field_detail::mul_add(x[i], y[j], product[i + j], carry);
      }
      product[i + 4] = carry;
    }
    add_into(field_sum_, product);
  }
  // += a·k
  void add_product_u64(const F& a, u64 k) {
    add_into(small_sum_, field_detail::mul_by_word(a.montgomery_limbs(), k));
  }
  // += a·k for a signed k
  void add_product_i64(const F& a, i64 k) {
    if (k >= 0) {
      add_into(small_sum_, field_detail::mul_by_word(a.montgomery_limbs(), static_cast<u64>(k)));
    } else {
      add_into(negative_small_sum_,
               field_detail::mul_by_word(a.montgomery_limbs(), 0 - static_cast<u64>(k)));
    }
  }
  // += a
  void add(const F& a) { add_into(small_sum_, a.montgomery_limbs()); }

  // Adds another accumulator's sums (for parallel reductions).
  void merge(const UnreducedAccumulator& other) {
    add_into(field_sum_, other.field_sum_);
    add_into(small_sum_, other.small_sum_);
    add_into(negative_small_sum_, other.negative_small_sum_);
  }

  // The accumulated value, reduced modulo p.
  F reduce() const {
    return reduce_field_sum() + reduce_small_sum(small_sum_) -
           reduce_small_sum(negative_small_sum_);
  }

 private:
  // Adds a shorter little-endian integer into a wider one, propagating the carry to the top.
  template <std::size_t N, std::size_t M>
  static void add_into(std::array<u64, N>& sum, const std::array<u64, M>& term) {
    static_assert(M <= N);
    u64 carry = 0;
    for (std::size_t i = 0; i < M; ++i)
      sum[i] = field_detail::add_with_carry(sum[i], term[i], carry);
    for (std::size_t i = M; i < N && carry != 0; ++i)
      sum[i] = field_detail::add_with_carry(sum[i], 0, carry);
  }

  // S = field_sum_ ≡ (Σ a_i b_i)·R². Four Montgomery steps S ← (S + m·p·2^{64i}) with
  // m = S_i·(−p^{-1}) clear the low four limbs, leaving U = (S + M·p)/R ≡ (Σ a_i b_i)·R and
  // U < S/R + p < (n/4 + 1)·p < 2^64·p, which reduce_wide finishes.
  F reduce_field_sum() const {
    std::array<u64, 9> s = field_sum_;
    for (int i = 0; i < 4; ++i) {
      const u64 m = s[i] * F::kInvNeg;
      u64 carry_word = 0;
      for (int j = 0; j < 4; ++j) {
        s[i + j] = field_detail::mul_add(m, F::kModulus[j], s[i + j], carry_word);
      }
      u64 carry = 0;
      s[i + 4] = field_detail::add_with_carry(s[i + 4], carry_word, carry);
      for (int j = i + 5; j < 9 && carry != 0; ++j) {
        s[j] = field_detail::add_with_carry(s[j], 0, carry);
      }
    }
    return F::from_montgomery_unchecked(
        field_detail::reduce_wide({s[4], s[5], s[6], s[7], s[8]}, F::kModulus, F::kBarrett));
  }

  // T = sum ≡ (Σ a_i k_i)·R, T < 2^64·2^64·p. Two Barrett steps from the top, as in mul_u128.
  static F reduce_small_sum(const std::array<u64, 6>& t) {
    const auto high =
        field_detail::reduce_wide({t[1], t[2], t[3], t[4], t[5]}, F::kModulus, F::kBarrett);
    return F::from_montgomery_unchecked(field_detail::reduce_wide(
        {t[0], high[0], high[1], high[2], high[3]}, F::kModulus, F::kBarrett));
  }

  std::array<u64, 9> field_sum_{};
  std::array<u64, 6> small_sum_{};
  std::array<u64, 6> negative_small_sum_{};
};

using FrAccumulator = UnreducedAccumulator<Fr>;

// Unreduced sum Σ a_i of field elements: the Montgomery limbs (each below p < 2^254) are added
// as a 5-limb integer ≡ (Σ a_i)·R, which stays below 2^64·p for fewer than 2^64 terms, and
// reduce() finishes with one Barrett step. 40 bytes, for the many small accumulators of a pass
// (sumcheck/one_hot_fold.hpp); an addition is five word additions with carries.
template <class F>
class UnreducedSum {
 public:
  // += a
  void add(const F& a) {
    const auto& x = a.montgomery_limbs();
    u64 carry = 0;
    for (int i = 0; i < 4; ++i) sum_[i] = field_detail::add_with_carry(sum_[i], x[i], carry);
    sum_[4] += carry;
  }
  F reduce() const {
    return F::from_montgomery_unchecked(field_detail::reduce_wide(sum_, F::kModulus, F::kBarrett));
  }

 private:
  std::array<u64, 5> sum_{};
};

using FrSum = UnreducedSum<Fr>;

}  // namespace rill
