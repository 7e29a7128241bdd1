#include "rill/transcript/transcript.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <numeric>
#include <string>
#include <vector>

namespace rill {
namespace {

std::string hex(std::span<const u8> bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  for (u8 b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

Fr from_hex_u128(u64 hi, u64 lo) { return Fr::from_u128((static_cast<u128>(hi) << 64) | lo); }

// The fixed script of testdata/transcript_vector.py; expected values printed by that script
// (Python hashlib BLAKE2b, an implementation independent of this code).
TEST(TranscriptVector, PinnedDigest) {
  Transcript t("rill-transcript-test");
  t.append_u64("version", 1);
  std::vector<u8> blob(100);
  std::iota(blob.begin(), blob.end(), u8{0});
  t.append_bytes("blob", blob);
  t.append_scalar("sumcheck_claim", Fr::from_u64(12345));
  const Fr big = *Fr::from_limbs({7, 0, 0, u64{1} << 8});  // 2^200 + 7
  const std::array<Fr, 4> poly = {Fr::from_u64(1), Fr::from_u64(2), -Fr::one(), big};
  t.append_scalars("sumcheck_poly", poly);
  const Fr c1 = t.challenge_scalar();
  t.append_bytes("empty", {});
  const Fr c2 = t.challenge_scalar();

  EXPECT_EQ(c1, from_hex_u128(0x3abe83df81f2cd4cULL, 0x7f9943b7f2612105ULL));
  EXPECT_EQ(c2, from_hex_u128(0x1da2c96057f8f235ULL, 0x69270acc0a718251ULL));
  EXPECT_EQ(hex(t.state()), "5182710acc0a276935f2f85760c9a21de1653667935f1241134a6e3e4008c590");
  EXPECT_EQ(t.rounds(), 15u);
}

TEST(Transcript, StartStateIsHashOfPaddedLabel) {
  Transcript t("abc");
  std::array<u8, 32> padded{'a', 'b', 'c'};
  std::array<u8, 32> expected{};
  crypto_generichash(expected.data(), 32, padded.data(), 32, nullptr, 0);
  EXPECT_EQ(t.state(), expected);
  EXPECT_EQ(t.rounds(), 0u);
}

TEST(Transcript, ChallengeIsLowSixteenBytesLittleEndian) {
  Transcript a("x");
  Transcript b("x");
  const auto bytes = a.challenge_bytes();
  const Fr c = b.challenge_scalar();
  const auto limbs = c.to_limbs();
  u64 lo = 0, hi = 0;
  for (int i = 7; i >= 0; --i) lo = (lo << 8) | bytes[static_cast<std::size_t>(i)];
  for (int i = 15; i >= 8; --i) hi = (hi << 8) | bytes[static_cast<std::size_t>(i)];
  EXPECT_EQ(limbs[0], lo);
  EXPECT_EQ(limbs[1], hi);
  EXPECT_EQ(limbs[2], 0u);
  EXPECT_EQ(limbs[3], 0u);
  EXPECT_EQ(a.state(), b.state());  // the challenge became the state in both
}

TEST(Transcript, EveryAppendChangesTheChallenges) {
  auto run = [](int variant) {
    Transcript t("domain");
    t.append_u64(variant == 1 ? "other" : "version", variant == 2 ? 2 : 1);
    t.append_scalar("claim", Fr::from_u64(variant == 3 ? 6 : 5));
    const std::array<Fr, 2> v = {Fr::one(), Fr::from_u64(variant == 4 ? 3 : 2)};
    t.append_scalars("poly", variant == 5 ? std::span<const Fr>(v).first(1) : std::span(v));
    return t.challenge_scalars(3);
  };
  const auto base = run(0);
  EXPECT_NE(base[0], base[1]);
  EXPECT_NE(base[1], base[2]);
  for (int variant = 1; variant <= 5; ++variant) EXPECT_NE(run(variant)[0], base[0]) << variant;
  EXPECT_EQ(run(0), base);  // and it is deterministic
}

}  // namespace
}  // namespace rill
