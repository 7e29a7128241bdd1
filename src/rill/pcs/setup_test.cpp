#include "rill/pcs/setup.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <functional>

#include "rill/curve/hash_to_curve.hpp"
#include "rill/curve/pairing.hpp"
#include "rill/pcs/setup_cache.hpp"

namespace rill {
namespace {

std::span<const u8> bytes_of(std::string_view s) {
  return {reinterpret_cast<const u8*>(s.data()), s.size()};
}

// Every table entry against its definition, one pairing at a time (dory.md §1.3).
TEST(DorySetup, TablesMatchTheirDefinitions) {
  const DorySetup setup = DorySetup::generate(6);
  ASSERT_EQ(setup.max_log_columns(), 3u);
  const DoryVerifierSetup& v = setup.verifier();
  for (u64 i = 0; i < 8; ++i) {
    EXPECT_EQ(setup.gamma1()[i], hash_to_g1(bytes_of(DorySetup::kGammaSeed), i));
    EXPECT_EQ(setup.gamma2()[i], hash_to_g2(bytes_of(DorySetup::kGammaSeed), i));
  }
  EXPECT_EQ(v.h1, hash_to_g1(bytes_of(DorySetup::kBlindSeed), 0));
  EXPECT_TRUE(v.ht == pairing(v.h1, v.h2));
  for (unsigned k = 0; k <= 3; ++k) {
    const std::size_t size = std::size_t{1} << k, h = size / 2;
    GT chi = GT::one(), d1 = GT::one(), d2 = GT::one();
    for (std::size_t i = 0; i < size; ++i) chi *= pairing(setup.gamma1()[i], setup.gamma2()[i]);
    for (std::size_t i = 0; k > 0 && i < h; ++i) {
      d1 *= pairing(setup.gamma1()[h + i], setup.gamma2()[i]);
      d2 *= pairing(setup.gamma1()[i], setup.gamma2()[h + i]);
    }
    EXPECT_TRUE(v.chi[k] == chi) << k;
    EXPECT_TRUE(v.delta1_right[k] == d1) << k;
    EXPECT_TRUE(v.delta2_right[k] == d2) << k;
  }
}

TEST(DorySetup, SmallerSetupsArePrefixesAndOddSizesRoundUp) {
  const DorySetup big = DorySetup::generate(8);
  EXPECT_EQ(DorySetup::generate(4).digest(), big.prefix(2).digest());
  EXPECT_EQ(DorySetup::generate(5).digest(), big.prefix(3).digest());
  EXPECT_NE(big.digest(), big.prefix(3).digest());
}

// The verifier digest names a σ, not a cached size: equal for a setup and its prefixes, and
// different for different σ or any changed table entry.
TEST(DorySetup, VerifierDigestDependsOnSigmaOnly) {
  const DorySetup big = DorySetup::generate(8);
  const DorySetup small = big.prefix(3);
  EXPECT_EQ(big.verifier().digest(3), small.verifier().digest(3));
  EXPECT_NE(big.verifier().digest(3), big.verifier().digest(2));
  DoryVerifierSetup changed = small.verifier();
  changed.delta2_right[3] = changed.delta2_right[3] * changed.ht;
  EXPECT_NE(changed.digest(3), small.verifier().digest(3));
  EXPECT_EQ(changed.digest(2), small.verifier().digest(2));
}

class DorySetupCache : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/rill_dory_cache_XXXXXX";
    dir_ = ::mkdtemp(dir_template);
    ::setenv("XDG_CACHE_HOME", dir_.c_str(), 1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  DorySetup load(SetupLoadReport& report) {
    ::testing::internal::CaptureStderr();
    DorySetup s = load_or_generate_setup(kLogN, &report);
    warning_ = ::testing::internal::GetCapturedStderr();
    return s;
  }
  void rewrite(const std::function<void(std::vector<char>&)>& edit,
               const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    edit(bytes);
    std::ofstream(p, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  static constexpr unsigned kLogN = 8;
  std::string dir_, warning_;
};

TEST_F(DorySetupCache, GeneratesThenLoads) {
  SetupLoadReport first, second;
  const DorySetup a = load(first);
  EXPECT_FALSE(first.loaded_from_cache);
  EXPECT_EQ(first.path.parent_path(), std::filesystem::path(dir_) / "rill");
  EXPECT_TRUE(std::filesystem::exists(first.path));
  const DorySetup b = load(second);
  EXPECT_TRUE(second.loaded_from_cache);
  EXPECT_TRUE(warning_.empty());
  EXPECT_EQ(a.digest(), b.digest());
  EXPECT_EQ(a.digest(), DorySetup::generate(kLogN).digest());
}

TEST_F(DorySetupCache, CorruptShortOrForeignFilesAreRebuilt) {
  SetupLoadReport report;
  const DorySetup reference = load(report);
  const std::filesystem::path path = report.path;
  const std::vector<std::pair<std::function<void(std::vector<char>&)>, std::string>> damage = {
      {[](std::vector<char>& b) { b[b.size() / 2] ^= 1; }, "checksum mismatch"},
      {[](std::vector<char>& b) { b.resize(b.size() - 100); }, "does not match the header"},
      {[](std::vector<char>& b) { b.resize(20); }, "shorter than its header"},
      {[](std::vector<char>& b) { b[0] = 'X'; }, "bad magic"},
  };
  for (const auto& [edit, reason] : damage) {
    rewrite(edit, path);
    SetupLoadReport rebuilt;
    const DorySetup s = load(rebuilt);
    EXPECT_FALSE(rebuilt.loaded_from_cache) << reason;
    EXPECT_NE(rebuilt.rebuild_reason.find(reason), std::string::npos) << rebuilt.rebuild_reason;
    EXPECT_NE(warning_.find("warning"), std::string::npos) << reason;
    EXPECT_EQ(s.digest(), reference.digest()) << reason;
    SetupLoadReport repaired;
    EXPECT_EQ(load(repaired).digest(), reference.digest());
    EXPECT_TRUE(repaired.loaded_from_cache) << "the rebuilt file was written back: " << reason;
  }
}

TEST_F(DorySetupCache, LargerCachedSetupServesSmallerSizes) {
  SetupLoadReport big;
  const DorySetup large = load(big);  // K = 4
  SetupLoadReport small;
  ::testing::internal::CaptureStderr();
  const DorySetup prefix = load_or_generate_setup(4, &small);  // K = 2
  EXPECT_TRUE(::testing::internal::GetCapturedStderr().empty());
  EXPECT_TRUE(small.loaded_from_cache);
  EXPECT_EQ(small.path, big.path);
  EXPECT_EQ(prefix.max_log_columns(), 2u);
  EXPECT_EQ(prefix.digest(), DorySetup::generate(4).digest());
}

// A file with a valid checksum but generators from another seed is caught by the spot checks.
TEST_F(DorySetupCache, FileFromAnotherSeedIsRejected) {
  const DorySetup setup = DorySetup::generate(kLogN);
  std::vector<G1Affine> g1(setup.gamma1().begin(), setup.gamma1().end());
  std::swap(g1[0], g1[1]);
  const DorySetup foreign(std::move(g1),
                          std::vector<G2Affine>(setup.gamma2().begin(), setup.gamma2().end()),
                          setup.verifier());
  std::string why;
  EXPECT_FALSE(decode_setup_file(encode_setup_file(foreign), setup.max_log_columns(), &why));
  EXPECT_NE(why.find("pinned digest"), std::string::npos) << why;
  EXPECT_TRUE(decode_setup_file(encode_setup_file(setup), setup.max_log_columns(), &why));
}

// Issue 13, finding 9: a cache whose verifier table was changed and whose checksum was
// recomputed used to load silently, changing what the verifier checks.
TEST_F(DorySetupCache, TamperedTableWithRecomputedChecksumIsRejectedAndRebuilt) {
  SetupLoadReport report;
  const DorySetup reference = load(report);
  DoryVerifierSetup v = reference.verifier();
  v.chi[1] = v.chi[0];
  const DorySetup tampered(
      std::vector<G1Affine>(reference.gamma1().begin(), reference.gamma1().end()),
      std::vector<G2Affine>(reference.gamma2().begin(), reference.gamma2().end()), v);
  const std::vector<u8> file = encode_setup_file(tampered);  // a fresh, valid checksum
  std::ofstream(report.path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  SetupLoadReport again;
  const DorySetup loaded = load(again);
  EXPECT_FALSE(again.loaded_from_cache);
  EXPECT_NE(again.rebuild_reason.find("pinned digest"), std::string::npos) << again.rebuild_reason;
  EXPECT_EQ(loaded.digest(), reference.digest());
  EXPECT_TRUE(loaded.verifier().chi[1] == reference.verifier().chi[1]);
  SetupLoadReport repaired;
  EXPECT_EQ(load(repaired).digest(), reference.digest());
  EXPECT_TRUE(repaired.loaded_from_cache);
}

TEST_F(DorySetupCache, UnpinnedSizesNeverUseTheCache) {
  EXPECT_FALSE(pinned_setup_digest(kMaxPinnedLogColumns + 1).has_value());
  for (unsigned k = 0; k <= kMaxPinnedLogColumns; ++k) {
    EXPECT_TRUE(pinned_setup_digest(k).has_value()) << k;
  }
}

std::string hex(const std::array<u8, 32>& d) {
  std::string s;
  for (u8 b : d) s += fmt::format("{:02x}", b);
  return s;
}

// The pinned digests against freshly generated setups: K ≤ 5 here (a second); every pinned size
// with RILL_PIN_SETUP_DIGESTS=1, which also prints the table for setup_cache.cpp.
TEST(DorySetupPinning, PinnedDigestsMatchRegeneratedSetups) {
  const char* all = std::getenv("RILL_PIN_SETUP_DIGESTS");
  const unsigned k_max = all != nullptr && *all == '1' ? kMaxPinnedLogColumns : 5;
  const DorySetup big = DorySetup::generate(2 * k_max);
  std::vector<std::array<u8, 32>> digests;
  for (unsigned k = 0; k <= k_max; ++k) digests.push_back(big.prefix(k).digest());
  if (k_max == kMaxPinnedLogColumns) {
    for (unsigned k = 0; k <= k_max; ++k) {
      fmt::print("    \"{}\",  // K = {}\n", hex(digests[k]), k);
    }
  }
  for (unsigned k = 0; k <= k_max; ++k) {
    const auto pinned = pinned_setup_digest(k);
    ASSERT_TRUE(pinned.has_value()) << k;
    EXPECT_EQ(hex(*pinned), hex(digests[k])) << "K = " << k;
  }
}

}  // namespace
}  // namespace rill
