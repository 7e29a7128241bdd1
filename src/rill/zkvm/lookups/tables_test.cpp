// Exhaustive tests of every lookup table at XLEN = 8 (2^16 indices): the automaton and the MLE
// agree with entry() on the boolean cube, the MLE at random points equals the brute-force
// multilinear extension of the 2^16 entries, and the prefix/suffix decomposition recombines to the
// table (and to its MLE over bound prefix bits) at every split point and under every phase length.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rill/zkvm/lookups/mersenne_field_for_tests.hpp"
#include "rill/zkvm/lookups/table_kind.hpp"

namespace rill::zkvm::lookups {
namespace {

using F = testing::Mersenne61;
constexpr unsigned kXlen = 8;
constexpr unsigned kBits = 2 * kXlen;
constexpr u64 kSize = u64{1} << kBits;

template <class Table>
std::vector<F> all_entries() {
  std::vector<F> values(kSize);
  for (u64 index = 0; index < kSize; ++index) values[index] = F::from_u64(Table::entry(index));
  return values;
}

// Binds the most significant remaining variable of a dense table to r:
// f'(rest) = f(0, rest) + r·(f(1, rest) − f(0, rest)).
std::vector<F> bind_top(const std::vector<F>& f, F r) {
  const std::size_t half = f.size() / 2;
  std::vector<F> out(half);
  for (std::size_t j = 0; j < half; ++j) out[j] = f[j] + r * (f[half + j] - f[j]);
  return out;
}

std::vector<F> random_point(std::mt19937_64& rng, unsigned n) {
  std::vector<F> r(n);
  for (auto& v : r) v = F::random(rng);
  return r;
}

TEST(LookupTables, EntriesAreWordsAndAutomatonMatchesEntry) {
  for_each_table<kXlen>([](auto table) {
    using Table = decltype(table);
    SCOPED_TRACE(std::string(Table::kName));
    u64 mismatches = 0, first_bad = 0;
    for (u64 index = 0; index < kSize; ++index) {
      const u64 expected = Table::entry(index);
      ASSERT_LE(expected, low_mask(kXlen)) << "entry is an XLEN-bit word at " << index;
      if (TableAutomaton<Table>::evaluate_bits(index) != static_cast<i64>(expected)) {
        if (mismatches++ == 0) first_bad = index;
      }
    }
    EXPECT_EQ(mismatches, 0u) << "first mismatch at index " << first_bad;
  });
}

TEST(LookupTables, MleAtBooleanPointsEqualsEntry) {
  for_each_table<kXlen>([](auto table) {
    using Table = decltype(table);
    SCOPED_TRACE(std::string(Table::kName));
    u64 mismatches = 0, first_bad = 0;
    std::vector<F> point(kBits);
    for (u64 index = 0; index < kSize; ++index) {
      for (unsigned p = 0; p < kBits; ++p) {
        point[p] = ((index >> (kBits - 1 - p)) & 1) != 0 ? F::one() : F::zero();
      }
      const F mle = TableAutomaton<Table>::evaluate_mle(std::span<const F>(point));
      if (!(mle == F::from_u64(Table::entry(index)))) {
        if (mismatches++ == 0) first_bad = index;
      }
    }
    EXPECT_EQ(mismatches, 0u) << "first mismatch at index " << first_bad;
  });
}

TEST(LookupTables, MleAtRandomPointsEqualsBruteForceExtension) {
  std::mt19937_64 rng(20261125);
  for_each_table<kXlen>([&](auto table) {
    using Table = decltype(table);
    SCOPED_TRACE(std::string(Table::kName));
    const std::vector<F> entries = all_entries<Table>();
    for (int trial = 0; trial < 3; ++trial) {
      const std::vector<F> r = random_point(rng, kBits);
      std::vector<F> folded = entries;
      for (unsigned p = 0; p < kBits; ++p) folded = bind_top(folded, r[p]);
      EXPECT_EQ(TableAutomaton<Table>::evaluate_mle(std::span<const F>(r)).value(),
                folded[0].value());
    }
  });
}

TEST(LookupTables, PrefixSuffixRecombinesAtEverySplit) {
  for_each_table<kXlen>([](auto table) {
    using Table = decltype(table);
    using Automaton = TableAutomaton<Table>;
    SCOPED_TRACE(std::string(Table::kName));
    const PrefixCheckpoint<Table, F> start;
    for (unsigned split = 0; split <= kBits; ++split) {
      const unsigned terms = Automaton::num_terms(split);
      std::vector<F> prefixes((u64{1} << split) * terms);
      start.expand(split, prefixes);
      const unsigned suffix_len = kBits - split;
      std::vector<i64> suffixes((u64{1} << suffix_len) * terms);
      for (u64 s = 0; s < (u64{1} << suffix_len); ++s) {
        Automaton::suffix_terms(split, s, std::span<i64>(suffixes).subspan(s * terms, terms));
      }
      u64 mismatches = 0, first_bad = 0;
      for (u64 index = 0; index < kSize; ++index) {
        const u64 prefix = index >> suffix_len;
        const u64 suffix = index & low_mask(suffix_len);
        const F value =
            Automaton::combine(std::span<const F>(prefixes).subspan(prefix * terms, terms),
                               std::span<const i64>(suffixes).subspan(suffix * terms, terms));
        if (!(value == F::from_u64(Table::entry(index)))) {
          if (mismatches++ == 0) first_bad = index;
        }
      }
      EXPECT_EQ(mismatches, 0u) << "split " << split << ", first mismatch at " << first_bad;
    }
  });
}

// What the Shout prover does: phase by phase, expand the checkpoint over the phase's bits, combine
// with the suffix terms of the remaining bits, then bind the phase's bits to challenges. The
// combination must equal the table's MLE at (bound challenges, phase bits, suffix bits), computed
// here by folding the dense table.
TEST(LookupTables, PrefixCheckpointsFollowBoundChallengesForEveryPhaseLength) {
  std::mt19937_64 rng(7);
  for_each_table<kXlen>([&](auto table) {
    using Table = decltype(table);
    using Automaton = TableAutomaton<Table>;
    SCOPED_TRACE(std::string(Table::kName));
    const std::vector<F> entries = all_entries<Table>();
    for (unsigned phase_len : {1u, 2u, 4u, 8u, 16u}) {
      SCOPED_TRACE("phase length " + std::to_string(phase_len));
      PrefixCheckpoint<Table, F> checkpoint;
      std::vector<F> folded = entries;  // MLE over the bits not yet bound
      for (unsigned bound = 0; bound < kBits; bound += phase_len) {
        const unsigned split = bound + phase_len;
        const unsigned terms = Automaton::num_terms(split);
        const unsigned suffix_len = kBits - split;
        std::vector<F> prefixes((u64{1} << phase_len) * terms);
        checkpoint.expand(phase_len, prefixes);
        std::vector<i64> suffix(terms);
        u64 mismatches = 0;
        for (u64 rest = 0; rest < folded.size(); ++rest) {
          const u64 c = rest >> suffix_len;
          Automaton::suffix_terms(split, rest & low_mask(suffix_len), suffix);
          const F value = Automaton::combine(std::span<const F>(prefixes).subspan(c * terms, terms),
                                             std::span<const i64>(suffix));
          if (!(value == folded[rest])) ++mismatches;
        }
        EXPECT_EQ(mismatches, 0u) << "phase ending at bit " << split;
        for (unsigned j = 0; j < phase_len; ++j) {
          const F r = F::random(rng);
          checkpoint.bind(r);
          folded = bind_top(folded, r);
        }
      }
      ASSERT_EQ(checkpoint.bound_bits(), kBits);
      // Fully bound: the single remaining term vector with the empty suffix is the MLE value.
      std::vector<i64> empty_suffix(Automaton::num_terms(kBits));
      Automaton::suffix_terms(kBits, 0, empty_suffix);
      EXPECT_EQ(Automaton::combine(checkpoint.terms(), std::span<const i64>(empty_suffix)).value(),
                folded[0].value());
    }
  });
}

// Hand-computed values (XLEN = 8), one or more per table, reached through the run-time dispatch.
TEST(LookupTables, HandComputedEntriesThroughDispatch) {
  struct Case {
    TableKind kind;
    u64 index;
    u64 expected;
  };
  auto ops = [](u64 x, u64 y) { return interleave<kXlen>(x, y); };
  const Case cases[] = {
      {TableKind::kRangeCheck, 0x1F0A, 0x0A},
      {TableKind::kRangeCheckAligned, 0x01FF, 0xFE},
      {TableKind::kAnd, ops(0xF0, 0x3C), 0x30},
      {TableKind::kOr, ops(0xF0, 0x3C), 0xFC},
      {TableKind::kXor, ops(0xF0, 0x3C), 0xCC},
      {TableKind::kEqual, ops(0x5A, 0x5A), 1},
      {TableKind::kEqual, ops(0x5A, 0x5B), 0},
      {TableKind::kNotEqual, ops(0x5A, 0x5B), 1},
      {TableKind::kSignedLessThan, ops(0x80, 0x01), 1},          // −128 < 1
      {TableKind::kUnsignedLessThan, ops(0x80, 0x01), 0},        // 128 ≥ 1
      {TableKind::kSignedGreaterThanEqual, ops(0xFF, 0xFE), 1},  // −1 ≥ −2
      {TableKind::kUnsignedGreaterThanEqual, ops(0x02, 0x03), 0},
      {TableKind::kUnsignedLessThanEqual, ops(0x03, 0x03), 1},
      {TableKind::kUpperWord, 0xAB12, 0xAB},
      {TableKind::kLowerHalfWord, 0xAB1C, 0x0C},
      {TableKind::kSignExtendHalfWord, 0x0009, 0xF9},
      {TableKind::kSignExtendHalfWord, 0xFF07, 0x07},
      {TableKind::kMovsign, ops(0x80, 0x00), 0xFF},
      {TableKind::kMovsign, ops(0x7F, 0xFF), 0x00},
      {TableKind::kPow2, 0x0013, 0x08},  // 19 mod 8 = 3
      {TableKind::kShiftRightBitmask, 0x0003, 0xF8},
      {TableKind::kVirtualSrl, ops(0xB4, 0xF8), 0x16},  // 0xB4 >> 3
      {TableKind::kVirtualSrl, ops(0xB4, 0x28), 0x16},  // lowest set bit of y: 3
      {TableKind::kVirtualSrl, ops(0xB4, 0x00), 0x00},  // y = 0 encodes a shift by 8
      {TableKind::kVirtualSra, ops(0xB4, 0xF8), 0xF6},  // −76 >> 3 = −10
      {TableKind::kVirtualSra, ops(0x34, 0xF8), 0x06},
      {TableKind::kVirtualSra, ops(0xB4, 0x00), 0xFF},
      {TableKind::kVirtualSra, ops(0xB4, 0x01), 0xB4},
      {TableKind::kWordAlignment, 0x0104, 1},
      {TableKind::kWordAlignment, 0x0106, 0},
      {TableKind::kHalfwordAlignment, 0x0106, 1},
      {TableKind::kValidDiv0, ops(0x00, 0xFF), 1},
      {TableKind::kValidDiv0, ops(0x00, 0x07), 0},
      {TableKind::kValidDiv0, ops(0x03, 0x07), 1},
      {TableKind::kValidUnsignedRemainder, ops(0x05, 0x00), 1},
      {TableKind::kValidUnsignedRemainder, ops(0x05, 0x05), 0},
      {TableKind::kMulUNoOverflow, 0x00FF, 1},
      {TableKind::kMulUNoOverflow, 0x0100, 0},
      {TableKind::kChangeDivisor, ops(0x80, 0xFF), 0x01},
      {TableKind::kChangeDivisor, ops(0x81, 0xFF), 0xFF},
  };
  std::vector<bool> covered(kNumTables, false);
  for (const Case& c : cases) {
    EXPECT_EQ(table_entry<kXlen>(c.kind, c.index), c.expected)
        << table_name(c.kind) << " at index 0x" << std::hex << c.index;
    covered[static_cast<std::size_t>(c.kind)] = true;
  }
  for (TableKind kind : all_table_kinds()) {
    EXPECT_TRUE(covered[static_cast<std::size_t>(kind)]) << table_name(kind) << " has no case";
  }
}

TEST(LookupTables, NamesAreDistinct) {
  std::vector<std::string_view> names;
  for (TableKind kind : all_table_kinds()) names.push_back(table_name(kind));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

}  // namespace
}  // namespace rill::zkvm::lookups
