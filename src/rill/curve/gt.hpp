// GT: the order-r subgroup of Fq12*, where pairings land. Written multiplicatively.
//
// Every element of GT lies in the cyclotomic subgroup (norm 1 over Fq6), so inversion is the
// conjugation c0 − c1·w and squaring can use the cheaper cyclotomic formula.
// Encoding: the 12 Fq coefficients, canonical 32-byte little-endian each, in the order
// c0.c0.c0, c0.c0.c1, c0.c1.c0, …, c1.c2.c1 (384 bytes).
#pragma once

#include <array>
#include <span>

#include "rill/curve/decode_result.hpp"
#include "rill/field/fq12.hpp"
#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill {

class GT {
 public:
  GT() : value_(Fq12::one()) {}
  static GT one() { return GT(); }
  // Wraps a value the caller knows to be in GT (e.g. a final exponentiation's output).
  static GT from_fq12_unchecked(const Fq12& v) { return GT(v); }

  const Fq12& value() const { return value_; }

  friend GT operator*(const GT& a, const GT& b) { return GT(a.value_ * b.value_); }
  GT& operator*=(const GT& b) { return *this = *this * b; }
  GT inverse() const;  // the conjugate
  GT square() const;   // cyclotomic squaring
  GT pow(const Fr& k) const;
  GT pow_limbs(std::span<const u64> k) const;  // little-endian limbs, any length
  friend bool operator==(const GT& a, const GT& b) { return a.value_ == b.value_; }

  std::array<u8, 384> to_bytes() const;
  // Rejects a wrong length, coefficients ≥ p and values outside the order-r subgroup (v^r ≠ 1).
  static DecodeResult<GT> from_bytes(std::span<const u8> bytes);

 private:
  explicit GT(const Fq12& v) : value_(v) {}
  Fq12 value_;
};

namespace detail {
// f^k with cyclotomic squarings; valid for f in the cyclotomic subgroup only.
Fq12 cyclotomic_pow(const Fq12& f, std::span<const u64> k);
// Membership of v in the order-r subgroup of Fq12* (see gt.cpp for the method).
bool in_gt(const Fq12& v);
// c0 − c1·w: the p⁶-power Frobenius, which is the inverse in the cyclotomic subgroup.
Fq12 conjugate(const Fq12& f);
}  // namespace detail

}  // namespace rill
