// The three RAF legs of the instruction read-RAF sumcheck (reference jolt-protocol.md §3 stage 5a):
// linear functions of the 2·XLEN index bits k_0 … k_{2·XLEN−1} (k_0 the most significant, the
// big-endian convention of the tables):
//   LeftOp(k)  = Σ_i 2^{XLEN−1−i}·k_{2i}      (the x operand of an interleaved index)
//   RightOp(k) = Σ_i 2^{XLEN−1−i}·k_{2i+1}    (the y operand)
//   Id(k)      = Σ_p 2^{2·XLEN−1−p}·k_p       (the index itself)
// Each is Σ_p c_p·k_p with a fixed weight c_p ∈ {0} ∪ {2^e}; its multilinear extension is the same
// sum at field points, Σ_p c_p·r_p.
//
// Prefix/suffix decomposition at a split m ∈ [0, 2·XLEN] (what the Shout prover needs, like the
// tables' PrefixCheckpoint / suffix_terms): two terms,
//   leg(k) = P_0(k_{<m})·S_0(k_{≥m}) + P_1(k_{<m})·S_1(k_{≥m}),
//   P_0 = Σ_{p<m} c_p·k_p,  S_0 = 1,   P_1 = 1,  S_1 = Σ_{p≥m} c_p·k_p.
// P_0 is affine in every prefix bit, so binding prefix bits to challenges keeps the identity for
// the MLE. Departure from the tables' automaton form (acc ← 2·acc + bit): there the suffix term
// that multiplies the prefix accumulator is 2^{#suffix bits}, which for Id at XLEN = 32 reaches
// 2^64 and does not fit the automaton's i64 suffix values. Here the weights sit on the prefix
// side (a field element), and every suffix value is an unsigned word S_1 < 2^{2·XLEN−m} ≤ 2^64.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "rill/util/check.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/lookups/interleave.hpp"
#include "rill/zkvm/lookups/scalar.hpp"

namespace rill::zkvm::lookups {

enum class RafLeg : u8 { kLeftOperand, kRightOperand, kIdentity };

inline constexpr std::array<RafLeg, 3> kRafLegs = {RafLeg::kLeftOperand, RafLeg::kRightOperand,
                                                   RafLeg::kIdentity};

inline std::string_view raf_leg_name(RafLeg leg) {
  switch (leg) {
    case RafLeg::kLeftOperand:
      return "LeftOp";
    case RafLeg::kRightOperand:
      return "RightOp";
    case RafLeg::kIdentity:
      return "Id";
  }
  return "?";
}

template <unsigned XLEN>
struct RafLegs {
  static_assert(XLEN >= 4 && XLEN <= 32 && XLEN % 4 == 0, "XLEN must be 4, 8, …, 32");
  static constexpr unsigned kBits = 2 * XLEN;
  static constexpr unsigned kNumTerms = 2;

  // c_p: the weight of index bit p (p = 0 the most significant) in the leg.
  static constexpr u64 weight(RafLeg leg, unsigned p) {
    switch (leg) {
      case RafLeg::kLeftOperand:
        return p % 2 == 0 ? u64{1} << (XLEN - 1 - p / 2) : 0;
      case RafLeg::kRightOperand:
        return p % 2 == 1 ? u64{1} << (XLEN - 1 - p / 2) : 0;
      case RafLeg::kIdentity:
        return u64{1} << (kBits - 1 - p);
    }
    return 0;
  }

  // leg(index): x, y or the index (the x bit of weight 2^j sits at index bit 2j+1, interleave.hpp,
  // which is position 2·XLEN−2−2j = 2i for i = XLEN−1−j).
  static constexpr u64 value(RafLeg leg, u64 index) {
    index &= low_mask(kBits);
    switch (leg) {
      case RafLeg::kLeftOperand:
        return uninterleave<XLEN>(index).first;
      case RafLeg::kRightOperand:
        return uninterleave<XLEN>(index).second;
      case RafLeg::kIdentity:
        return index;
    }
    return 0;
  }

  // The MLE Σ_p c_p·r_p at r = (r_0 … r_{2·XLEN−1}), r_0 the most significant index bit.
  template <LookupField F>
  static F evaluate_mle(RafLeg leg, std::span<const F> r) {
    RILL_CHECK_EQ(r.size(), std::size_t{kBits}, "RAF leg point has 2·XLEN coordinates");
    return prefix_value<F>(leg, r);
  }

  // Σ_{p<|r|} c_p·r_p: the prefix term P_0 after binding the first |r| bits to r.
  template <LookupField F>
  static F prefix_value(RafLeg leg, std::span<const F> r) {
    RILL_CHECK(r.size() <= kBits, "prefix inside the index");
    F sum = F::zero();
    for (unsigned p = 0; p < r.size(); ++p) {
      const u64 c = weight(leg, p);
      if (c != 0) sum = sum + scaled(r[p], c);
    }
    return sum;
  }

  // Suffix terms (S_0, S_1) = (1, Σ_{p≥split} c_p·k_p) of the low 2·XLEN − split index bits
  // `suffix_bits`: S_1 is the leg's value on the index whose prefix bits are zero.
  static std::array<u64, kNumTerms> suffix_terms(RafLeg leg, unsigned split, u64 suffix_bits) {
    RILL_CHECK(split <= kBits, "split point inside the index");
    return {1, value(leg, suffix_bits & low_mask(kBits - split))};
  }

  // Σ_k prefix_k·suffix_k.
  template <LookupField F>
  static F combine(std::span<const F> prefix, std::span<const u64> suffix) {
    RILL_CHECK(prefix.size() == kNumTerms && suffix.size() == kNumTerms, "two terms");
    return prefix[0] * F::from_u64(suffix[0]) + prefix[1] * F::from_u64(suffix[1]);
  }
};

// The prover's prefix state for one leg: (P_0, P_1) = (Σ_{p<bound} c_p·r_p, 1) after binding the
// first `bound` index bits; expand() gives the prefix terms of a whole phase at once.
template <unsigned XLEN, LookupField F>
class RafPrefixCheckpoint {
 public:
  using Legs = RafLegs<XLEN>;

  explicit RafPrefixCheckpoint(RafLeg leg) : leg_(leg) {}

  RafLeg leg() const { return leg_; }
  unsigned bound_bits() const { return bound_; }
  std::array<F, Legs::kNumTerms> terms() const { return {sum_, F::one()}; }

  // Binds the next index bit to r: P_0 ← P_0 + c_bound·r.
  void bind(const F& r) {
    RILL_CHECK(bound_ < Legs::kBits, "every index bit is already bound");
    const u64 c = Legs::weight(leg_, bound_);
    if (c != 0) sum_ = sum_ + scaled(r, c);
    ++bound_;
  }

  // For every boolean assignment c of the next `len` bits (c read as an integer, first bit most
  // significant): out[2c] = P_0 + Σ_{q<len} c_{bound+q}·bit_q(c), out[2c + 1] = 1.
  void expand(unsigned len, std::span<F> out) const {
    RILL_CHECK(bound_ + len <= Legs::kBits, "phase inside the index");
    RILL_CHECK_EQ(out.size(), (std::size_t{1} << len) * Legs::kNumTerms, "2^len term pairs");
    // The phase bits' contribution is an integer < 2^64: Σ_q c_{bound+q}·bit_q.
    for (u64 c = 0; c < (u64{1} << len); ++c) {
      u64 add = 0;
      for (unsigned q = 0; q < len; ++q) {
        if (((c >> (len - 1 - q)) & 1) != 0) add += Legs::weight(leg_, bound_ + q);
      }
      out[2 * c] = sum_ + F::from_u64(add);
      out[2 * c + 1] = F::one();
    }
  }

 private:
  RafLeg leg_;
  F sum_ = F::zero();
  unsigned bound_ = 0;
};

}  // namespace rill::zkvm::lookups
