// The RAF legs LeftOp, RightOp, Id, tested the way the tables are (tables_test.cpp): exhaustively
// at XLEN = 8 (2^16 indices) — values against the reference formulas written out here bit by bit,
// the MLE against the brute-force extension of the 2^16 values, the prefix/suffix decomposition at
// every split point and under every phase length — and at XLEN = 32 over Fr on random indices and
// splits (split 0 included, where Id's suffix value is a full 64-bit word).
#include "rill/zkvm/lookups/raf_legs.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/zkvm/lookups/mersenne_field_for_tests.hpp"

namespace rill::zkvm::lookups {
namespace {

using F = testing::Mersenne61;

// The reference definitions (jolt-protocol.md §3 stage 5a), k_p = bit p of the index counted from
// the most significant: LeftOp = Σ_i 2^{XLEN−1−i}·k_{2i}, RightOp = Σ_i 2^{XLEN−1−i}·k_{2i+1},
// Id = Σ_p 2^{2·XLEN−1−p}·k_p. Computed as exact integers (u128 so that Id at XLEN = 32 cannot
// overflow).
template <unsigned XLEN>
u128 reference_leg(RafLeg leg, u64 index) {
  constexpr unsigned kBits = 2 * XLEN;
  auto k = [&](unsigned p) -> u128 { return (index >> (kBits - 1 - p)) & 1; };
  u128 sum = 0;
  switch (leg) {
    case RafLeg::kLeftOperand:
      for (unsigned i = 0; i < XLEN; ++i) sum += (u128{1} << (XLEN - 1 - i)) * k(2 * i);
      break;
    case RafLeg::kRightOperand:
      for (unsigned i = 0; i < XLEN; ++i) sum += (u128{1} << (XLEN - 1 - i)) * k(2 * i + 1);
      break;
    case RafLeg::kIdentity:
      for (unsigned p = 0; p < kBits; ++p) sum += (u128{1} << (kBits - 1 - p)) * k(p);
      break;
  }
  return sum;
}

constexpr unsigned kXlen = 8;
constexpr unsigned kBits = 16;
constexpr u64 kSize = u64{1} << kBits;
using Legs8 = RafLegs<kXlen>;

std::vector<F> bind_top(const std::vector<F>& f, F r) {
  const std::size_t half = f.size() / 2;
  std::vector<F> out(half);
  for (std::size_t j = 0; j < half; ++j) out[j] = f[j] + r * (f[half + j] - f[j]);
  return out;
}

std::vector<F> all_values(RafLeg leg) {
  std::vector<F> v(kSize);
  for (u64 index = 0; index < kSize; ++index) {
    v[index] = F::from_u64(static_cast<u64>(reference_leg<kXlen>(leg, index)));
  }
  return v;
}

TEST(RafLegs, ValuesMatchReferenceFormulaExhaustively) {
  for (RafLeg leg : kRafLegs) {
    SCOPED_TRACE(std::string(raf_leg_name(leg)));
    for (u64 index = 0; index < kSize; ++index) {
      ASSERT_EQ(u128{Legs8::value(leg, index)}, reference_leg<kXlen>(leg, index)) << index;
    }
  }
  // Interleaved operands come back as LeftOp and RightOp.
  EXPECT_EQ(Legs8::value(RafLeg::kLeftOperand, interleave<kXlen>(0xA5, 0x3C)), 0xA5u);
  EXPECT_EQ(Legs8::value(RafLeg::kRightOperand, interleave<kXlen>(0xA5, 0x3C)), 0x3Cu);
}

TEST(RafLegs, MleAtBooleanAndRandomPointsIsTheExtension) {
  std::mt19937_64 rng(31);
  for (RafLeg leg : kRafLegs) {
    SCOPED_TRACE(std::string(raf_leg_name(leg)));
    const std::vector<F> values = all_values(leg);
    std::vector<F> point(kBits);
    for (u64 index = 0; index < kSize; ++index) {
      for (unsigned p = 0; p < kBits; ++p) point[p] = F::from_u64((index >> (kBits - 1 - p)) & 1);
      ASSERT_EQ(Legs8::evaluate_mle(leg, std::span<const F>(point)), values[index]) << index;
    }
    for (int trial = 0; trial < 4; ++trial) {
      std::vector<F> folded = values;
      for (unsigned p = 0; p < kBits; ++p) {
        point[p] = F::random(rng);
        folded = bind_top(folded, point[p]);
      }
      EXPECT_EQ(Legs8::evaluate_mle(leg, std::span<const F>(point)).value(), folded[0].value());
    }
  }
}

TEST(RafLegs, PrefixSuffixRecombinesAtEverySplitExhaustively) {
  for (RafLeg leg : kRafLegs) {
    SCOPED_TRACE(std::string(raf_leg_name(leg)));
    const RafPrefixCheckpoint<kXlen, F> start(leg);
    for (unsigned split = 0; split <= kBits; ++split) {
      std::vector<F> prefixes((u64{1} << split) * 2);
      start.expand(split, prefixes);
      const unsigned suffix_len = kBits - split;
      u64 mismatches = 0;
      for (u64 index = 0; index < kSize; ++index) {
        const u64 prefix = index >> suffix_len;
        const auto suffix = Legs8::suffix_terms(leg, split, index & low_mask(suffix_len));
        const F value = Legs8::combine(std::span<const F>(prefixes).subspan(2 * prefix, 2),
                                       std::span<const u64>(suffix));
        const u64 expected = static_cast<u64>(reference_leg<kXlen>(leg, index));
        if (!(value == F::from_u64(expected))) ++mismatches;
      }
      EXPECT_EQ(mismatches, 0u) << "split " << split;
    }
  }
}

// Phase by phase as the prover runs: expand the checkpoint over the phase, recombine with the
// suffix of the remaining bits, compare with the dense MLE folded over the bound challenges.
TEST(RafLegs, CheckpointsFollowBoundChallengesForEveryPhaseLength) {
  std::mt19937_64 rng(32);
  for (RafLeg leg : kRafLegs) {
    SCOPED_TRACE(std::string(raf_leg_name(leg)));
    const std::vector<F> values = all_values(leg);
    for (unsigned phase_len : {1u, 2u, 3u, 4u, 8u, 16u}) {
      RafPrefixCheckpoint<kXlen, F> checkpoint(leg);
      std::vector<F> folded = values;
      for (unsigned bound = 0; bound < kBits; bound += phase_len) {
        const unsigned len = std::min(phase_len, kBits - bound);
        const unsigned split = bound + len;
        const unsigned suffix_len = kBits - split;
        std::vector<F> prefixes((u64{1} << len) * 2);
        checkpoint.expand(len, prefixes);
        u64 mismatches = 0;
        for (u64 rest = 0; rest < folded.size(); ++rest) {
          const u64 c = rest >> suffix_len;
          const auto suffix = Legs8::suffix_terms(leg, split, rest & low_mask(suffix_len));
          const F value = Legs8::combine(std::span<const F>(prefixes).subspan(2 * c, 2),
                                         std::span<const u64>(suffix));
          if (!(value == folded[rest])) ++mismatches;
        }
        EXPECT_EQ(mismatches, 0u) << "phase length " << phase_len << " ending at " << split;
        for (unsigned q = 0; q < len; ++q) {
          const F r = F::random(rng);
          checkpoint.bind(r);
          folded = bind_top(folded, r);
        }
      }
      ASSERT_EQ(checkpoint.bound_bits(), kBits);
      EXPECT_EQ(checkpoint.terms()[0].value(), folded[0].value());
    }
  }
}

TEST(RafLegsXlen32, ValuesAndPrefixSuffixOverFr) {
  using Legs = RafLegs<32>;
  std::mt19937_64 rng(33);
  for (RafLeg leg : kRafLegs) {
    SCOPED_TRACE(std::string(raf_leg_name(leg)));
    for (int trial = 0; trial < 400; ++trial) {
      const u64 index = trial == 0 ? ~u64{0} : trial == 1 ? u64{1} << 63 : rng();
      ASSERT_EQ(u128{Legs::value(leg, index)}, reference_leg<32>(leg, index));
      const unsigned split = trial < 3 ? 0 : static_cast<unsigned>(rng() % 65);
      RafPrefixCheckpoint<32, Fr> checkpoint(leg);
      for (unsigned p = 0; p < split; ++p) checkpoint.bind(Fr::from_u64((index >> (63 - p)) & 1));
      const auto suffix = Legs::suffix_terms(leg, split, index & low_mask(64 - split));
      const auto prefix = checkpoint.terms();
      ASSERT_EQ(Legs::combine(std::span<const Fr>(prefix), std::span<const u64>(suffix)),
                Fr::from_u128(reference_leg<32>(leg, index)))
          << "split " << split;
    }
    // MLE at a random point: Σ_p c_p·r_p with the weights of the definition.
    std::vector<Fr> r(64);
    for (auto& v : r) v = Fr::random(rng);
    Fr expected = Fr::zero();
    for (unsigned p = 0; p < 64; ++p) {
      // The weight of bit p is the reference leg of the index with only that bit set.
      const u64 e = static_cast<u64>(reference_leg<32>(leg, u64{1} << (63 - p)));
      expected = expected + r[p] * Fr::from_u64(e);
    }
    EXPECT_EQ(Legs::evaluate_mle(leg, std::span<const Fr>(r)), expected);
  }
}

}  // namespace
}  // namespace rill::zkvm::lookups
