// A small prime field, p = 2^61 − 1, for the lookup tests: it has the operations the tables ask
// of a field (scalar.hpp) and is independent of the BN254 code, so the tables can be tested on
// their own and at full speed.
#pragma once

#include <random>

#include "rill/util/int.hpp"

namespace rill::zkvm::lookups::testing {

class Mersenne61 {
 public:
  static constexpr u64 kModulus = (u64{1} << 61) - 1;

  constexpr Mersenne61() = default;

  static constexpr Mersenne61 zero() { return Mersenne61{}; }
  static constexpr Mersenne61 one() { return from_u64(1); }
  static constexpr Mersenne61 from_u64(u64 v) { return Mersenne61(reduce(v)); }

  template <class Rng>
  static Mersenne61 random(Rng& rng) {
    return from_u64(std::uniform_int_distribution<u64>(0, kModulus - 1)(rng));
  }

  constexpr u64 value() const { return v_; }

  friend constexpr Mersenne61 operator+(Mersenne61 a, Mersenne61 b) {
    return Mersenne61(reduce(a.v_ + b.v_));
  }
  friend constexpr Mersenne61 operator-(Mersenne61 a, Mersenne61 b) {
    return Mersenne61(reduce(a.v_ + kModulus - b.v_));
  }
  // 2^61 ≡ 1, so a 122-bit product folds as (high part) + (low 61 bits).
  friend constexpr Mersenne61 operator*(Mersenne61 a, Mersenne61 b) {
    const u128 product = static_cast<u128>(a.v_) * b.v_;
    const u64 folded = static_cast<u64>(product & kModulus) + static_cast<u64>(product >> 61);
    return Mersenne61(reduce(folded));
  }
  friend constexpr bool operator==(Mersenne61 a, Mersenne61 b) { return a.v_ == b.v_; }

 private:
  constexpr explicit Mersenne61(u64 reduced) : v_(reduced) {}

  // v mod p for any 64-bit v (two folds of 2^61 ≡ 1 and a final conditional subtraction).
  static constexpr u64 reduce(u64 v) {
    v = (v & kModulus) + (v >> 61);
    return v >= kModulus ? v - kModulus : v;
  }

  u64 v_ = 0;
};

}  // namespace rill::zkvm::lookups::testing
