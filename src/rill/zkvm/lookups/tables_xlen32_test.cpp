// The tables at the production word size XLEN = 32 over BN254's Fr, where exhaustive checks are
// impossible: the automaton agrees with entry() on random and edge indices, the Fr MLE restricted
// to a random set of free coordinates equals the brute-force extension over those coordinates, and
// the prefix/suffix decomposition recombines at random split points.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"

namespace rill::zkvm::lookups {
namespace {

constexpr unsigned kXlen = 32;
constexpr unsigned kBits = 64;

std::vector<u64> sample_indices(std::mt19937_64& rng) {
  std::vector<u64> indices = {0,
                              ~u64{0},
                              u64{1} << 63,
                              low_mask(32),
                              ~low_mask(32),
                              interleave<kXlen>(0x80000000u, ~0u),
                              interleave<kXlen>(~0u, 0)};
  for (int i = 0; i < 3000; ++i) indices.push_back(rng());
  // Small and word-sized indices: the non-interleaved tables see sums and products of words.
  for (int i = 0; i < 500; ++i) indices.push_back(rng() & low_mask(33));
  return indices;
}

std::vector<Fr> boolean_point(u64 index) {
  std::vector<Fr> point(kBits);
  for (unsigned p = 0; p < kBits; ++p) point[p] = Fr::from_u64((index >> (kBits - 1 - p)) & 1);
  return point;
}

TEST(LookupTablesXlen32, AutomatonMatchesEntry) {
  std::mt19937_64 rng(1);
  const std::vector<u64> indices = sample_indices(rng);
  for_each_table<kXlen>([&](auto table) {
    using Table = decltype(table);
    SCOPED_TRACE(std::string(Table::kName));
    for (u64 index : indices) {
      const u64 expected = Table::entry(index);
      ASSERT_LE(expected, low_mask(kXlen));
      ASSERT_EQ(TableAutomaton<Table>::evaluate_bits(index), static_cast<i64>(expected))
          << "index " << std::hex << index;
    }
  });
}

// Fix all but 8 random coordinates to the bits of a random index and give those 8 random Fr
// values: the MLE must equal the multilinear extension of the 256 entries over the free bits.
TEST(LookupTablesXlen32, FrMleIsTheExtensionOverRandomFreeCoordinates) {
  std::mt19937_64 rng(2);
  for_each_table<kXlen>([&](auto table) {
    using Table = decltype(table);
    SCOPED_TRACE(std::string(Table::kName));
    for (int trial = 0; trial < 4; ++trial) {
      std::vector<unsigned> positions(kBits);
      std::iota(positions.begin(), positions.end(), 0u);
      std::shuffle(positions.begin(), positions.end(), rng);
      positions.resize(8);
      // Half the trials free the low bits, where most tables do their work.
      if (trial % 2 == 1) std::iota(positions.begin(), positions.end(), kBits - 8);
      const u64 base = rng();
      std::vector<Fr> point = boolean_point(base);
      std::vector<Fr> free_values(8);
      for (unsigned k = 0; k < 8; ++k) point[positions[k]] = free_values[k] = Fr::random(rng);
      // Σ over assignments a of the free bits of Π_k eq(a_k, r_k) · entry(base with bits a).
      Fr expected = Fr::zero();
      for (u64 a = 0; a < 256; ++a) {
        u64 index = base;
        Fr weight = Fr::one();
        for (unsigned k = 0; k < 8; ++k) {
          const u64 bit = u64{1} << (kBits - 1 - positions[k]);
          const bool set = ((a >> k) & 1) != 0;
          index = set ? (index | bit) : (index & ~bit);
          weight = weight * (set ? free_values[k] : Fr::one() - free_values[k]);
        }
        expected = expected + weight * Fr::from_u64(Table::entry(index));
      }
      EXPECT_EQ(TableAutomaton<Table>::evaluate_mle(std::span<const Fr>(point)), expected);
    }
  });
}

TEST(LookupTablesXlen32, PrefixSuffixRecombinesAtRandomSplits) {
  std::mt19937_64 rng(3);
  for_each_table<kXlen>([&](auto table) {
    using Table = decltype(table);
    using Automaton = TableAutomaton<Table>;
    SCOPED_TRACE(std::string(Table::kName));
    for (int trial = 0; trial < 300; ++trial) {
      const u64 index = trial < 100 ? (rng() & low_mask(33)) : rng();
      const unsigned split = static_cast<unsigned>(rng() % (kBits + 1));
      PrefixCheckpoint<Table, Fr> checkpoint;
      for (unsigned p = 0; p < split; ++p) {
        checkpoint.bind(Fr::from_u64((index >> (kBits - 1 - p)) & 1));
      }
      std::vector<i64> suffix(Automaton::num_terms(split));
      Automaton::suffix_terms(split, index & low_mask(kBits - split), suffix);
      ASSERT_EQ(Automaton::combine(checkpoint.terms(), std::span<const i64>(suffix)),
                Fr::from_u64(Table::entry(index)))
          << "index " << std::hex << index << " split " << std::dec << split;
    }
  });
}

}  // namespace
}  // namespace rill::zkvm::lookups
