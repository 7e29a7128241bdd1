// G1/G2 arithmetic and encodings against @noble/curves vectors (tests/vectors/curve_vectors.json),
// plus group-law properties.
#include <gtest/gtest.h>

#include <random>

#include "rill/curve/bn254_constants.hpp"
#include "rill/curve/encoding.hpp"
#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/curve/test_vectors.hpp"
#include "rill/curve/wnaf.hpp"

namespace rill {
namespace {

const nlohmann::json& vectors() {
  static const nlohmann::json v = test::load_vectors("curve_vectors.json");
  return v;
}

template <std::size_t N>
std::string to_hex(const std::array<u8, N>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (u8 b : bytes) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 15]);
  }
  return s;
}

TEST(Wnaf, DigitsRecomposeAndAreNonAdjacent) {
  std::mt19937_64 rng(31);
  for (int trial = 0; trial < 200; ++trial) {
    const u128 k = (u128(rng() >> 2) << 64) | rng();  // < 2^126, so Σ d_i·2^i fits in i128
    const std::array<u64, 2> limbs = {static_cast<u64>(k), static_cast<u64>(k >> 64)};
    const std::vector<i8> d = detail::wnaf_digits(limbs, 5);
    i128 sum = 0;
    for (std::size_t i = d.size(); i-- > 0;) sum = 2 * sum + d[i];
    EXPECT_TRUE(sum == static_cast<i128>(k));
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (d[i] == 0) continue;
      EXPECT_TRUE(d[i] % 2 != 0 && d[i] < 16 && d[i] > -16);
      for (std::size_t j = i + 1; j < std::min(d.size(), i + 5); ++j) EXPECT_EQ(d[j], 0);
    }
  }
  EXPECT_TRUE(detail::wnaf_digits(std::array<u64, 2>{0, 0}, 5).empty());
}

TEST(G1, ScalarMultiplesOfGeneratorMatchNoble) {
  for (const auto& v : vectors()["g1_mul"]) {
    const G1Affine expected = test::json_g1(v);
    const G1Affine got = (G1::generator() * test::hex_fr(v["k"])).to_affine();
    EXPECT_EQ(got, expected) << v["k"];
    EXPECT_TRUE(got.is_on_curve());
  }
}

TEST(G2, ScalarMultiplesOfGeneratorMatchNoble) {
  EXPECT_TRUE(G2Affine::generator().is_on_curve());
  for (const auto& v : vectors()["g2_mul"]) {
    const G2Affine expected = test::json_g2(v);
    const G2Affine got = (G2::generator() * test::hex_fr(v["k"])).to_affine();
    EXPECT_EQ(got, expected) << v["k"];
    EXPECT_TRUE(got.in_subgroup());
  }
}

TEST(G1, SumsMatchNoble) {
  for (const auto& v : vectors()["g1_add"]) {
    const G1 a = G1::generator() * test::hex_fr(v["a"]);
    const G1 b = G1::generator() * test::hex_fr(v["b"]);
    const G1Affine expected = test::json_g1(v["sum"]);
    EXPECT_EQ((a + b).to_affine(), expected);
    EXPECT_EQ(a.add_mixed(b.to_affine()).to_affine(), expected);
    EXPECT_EQ(((a + b) - b), a);
  }
}

TEST(G2, SumsMatchNoble) {
  for (const auto& v : vectors()["g2_add"]) {
    const G2 a = G2::generator() * test::hex_fr(v["a"]);
    const G2 b = G2::generator() * test::hex_fr(v["b"]);
    const G2Affine expected = test::json_g2(v["sum"]);
    EXPECT_EQ((a + b).to_affine(), expected);
    EXPECT_EQ(a.add_mixed(b.to_affine()).to_affine(), expected);
  }
}

TEST(G1, GroupLawEdgeCases) {
  const G1 g = G1::generator();
  EXPECT_EQ(g + G1::identity(), g);
  EXPECT_EQ(G1::identity() + g, g);
  EXPECT_TRUE((g - g).is_identity());
  EXPECT_TRUE(g.add_mixed((-g).to_affine()).is_identity());
  EXPECT_EQ(g + g, g.doubled());
  EXPECT_EQ(g.add_mixed(g.to_affine()), g.doubled());
  EXPECT_TRUE(G1::identity().doubled().is_identity());
  EXPECT_TRUE(G1::identity().to_affine().infinity);
  // [r]G = O, [r − 1]G = −G.
  EXPECT_TRUE(g.mul_limbs(detail::kGroupOrder).is_identity());
  EXPECT_EQ(g * (Fr::zero() - Fr::one()), -g);
  EXPECT_TRUE((g * Fr::zero()).is_identity());
  EXPECT_TRUE((g * Fr::from_u64(12345)).is_on_curve());
}

TEST(G2, GroupLawEdgeCasesAndPsi) {
  const G2 g = G2::generator();
  EXPECT_TRUE((g - g).is_identity());
  EXPECT_EQ(g + g, g.doubled());
  EXPECT_TRUE(g.mul_limbs(detail::kGroupOrder).is_identity());
  // ψ acts on G2 as multiplication by p (mod r); this pins both Frobenius constants.
  const Fr p_mod_r = *Fr::from_limbs({0xf83e9682e87cfd46ULL, 0x6f4d8248eeb859fbULL, 0, 0});
  const G2 q = g * Fr::from_u64(77);
  EXPECT_EQ(G2::from_affine(psi(q.to_affine())), q * p_mod_r);
  EXPECT_EQ(psi(q), q * p_mod_r);
}

// The fast subgroup test agrees with the definition [r]P = O, on random twist points (almost
// surely outside G2), on their cofactor multiples (inside) and on the noble non-subgroup point.
TEST(G2, FastSubgroupCheckAgreesWithOrderCheck) {
  std::mt19937_64 rng(21);
  int found = 0;
  while (found < 6) {
    const Fq2 x = Fq2::random(rng);
    const std::optional<Fq2> y = (x.square() * x + G2CurveParams::b()).sqrt();
    if (!y) continue;
    ++found;
    const G2Affine p{x, *y, false};
    EXPECT_EQ(p.in_subgroup(), G2::from_affine(p).mul_limbs(detail::kGroupOrder).is_identity());
    const G2Affine cleared = G2::from_affine(p).mul_limbs(detail::kG2Cofactor).to_affine();
    EXPECT_TRUE(cleared.in_subgroup());
    EXPECT_TRUE(G2::from_affine(cleared).mul_limbs(detail::kGroupOrder).is_identity());
  }
  const G2Affine outside = test::json_g2(vectors()["g2_invalid"]["wrong_subgroup"]);
  EXPECT_FALSE(G2::from_affine(outside).mul_limbs(detail::kGroupOrder).is_identity());
  EXPECT_FALSE(outside.in_subgroup());
}

TEST(BatchNormalize, MatchesPointwiseAndKeepsIdentity) {
  std::vector<G1> pts = {G1::generator(), G1::identity(),
                         G1::generator().doubled() * Fr::from_u64(9)};
  const std::vector<G1Affine> affine = batch_normalize(pts);
  ASSERT_EQ(affine.size(), 3u);
  for (std::size_t i = 0; i < pts.size(); ++i) EXPECT_EQ(affine[i], pts[i].to_affine());
  std::vector<G2> pts2 = {G2::generator() * Fr::from_u64(5), G2::identity()};
  const std::vector<G2Affine> affine2 = batch_normalize(pts2);
  EXPECT_EQ(affine2[0], pts2[0].to_affine());
  EXPECT_TRUE(affine2[1].infinity);
}

TEST(G1Encoding, MatchesNobleAndRoundTrips) {
  for (const auto& v : vectors()["g1_mul"]) {
    const G1Affine p = test::json_g1(v);
    EXPECT_EQ(to_hex(p.compress()), v["compressed"].get<std::string>());
    EXPECT_EQ(to_hex(p.to_uncompressed_bytes()), v["uncompressed"].get<std::string>());
    const auto c = G1Affine::decompress(p.compress());
    ASSERT_TRUE(c) << c.error;
    EXPECT_EQ(*c, p);
    const auto u = G1Affine::from_uncompressed_bytes(p.to_uncompressed_bytes());
    ASSERT_TRUE(u) << u.error;
    EXPECT_EQ(*u, p);
  }
  const auto& inf = vectors()["g1_infinity"];
  EXPECT_EQ(to_hex(G1Affine::identity().compress()), inf["compressed"].get<std::string>());
  EXPECT_EQ(to_hex(G1Affine::identity().to_uncompressed_bytes()),
            inf["uncompressed"].get<std::string>());
  EXPECT_TRUE(G1Affine::decompress(G1Affine::identity().compress())->infinity);
  EXPECT_TRUE(
      G1Affine::from_uncompressed_bytes(G1Affine::identity().to_uncompressed_bytes())->infinity);
}

TEST(G2Encoding, MatchesNobleAndRoundTrips) {
  for (const auto& v : vectors()["g2_mul"]) {
    const G2Affine p = test::json_g2(v);
    EXPECT_EQ(to_hex(p.compress()), v["compressed"].get<std::string>());
    EXPECT_EQ(to_hex(p.to_uncompressed_bytes()), v["uncompressed"].get<std::string>());
    const auto c = G2Affine::decompress(p.compress());
    ASSERT_TRUE(c) << c.error;
    EXPECT_EQ(*c, p);
    const auto u = G2Affine::from_uncompressed_bytes(p.to_uncompressed_bytes());
    ASSERT_TRUE(u) << u.error;
    EXPECT_EQ(*u, p);
  }
  EXPECT_TRUE(G2Affine::decompress(G2Affine::identity().compress())->infinity);
}

void expect_rejected(const DecodeResult<G1Affine>& r, const std::string& reason_part) {
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error.find(reason_part), std::string::npos) << r.error;
}
void expect_rejected(const DecodeResult<G2Affine>& r, const std::string& reason_part) {
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error.find(reason_part), std::string::npos) << r.error;
}

TEST(G1Encoding, RejectsInvalidEncodings) {
  const auto& bad = vectors()["g1_invalid"];
  expect_rejected(G1Affine::decompress(test::hex_bytes(bad["off_curve_compressed"])), "no point");
  expect_rejected(G1Affine::from_uncompressed_bytes(test::hex_bytes(bad["off_curve_uncompressed"])),
                  "not on the curve");
  expect_rejected(G1Affine::decompress(test::hex_bytes(bad["non_canonical_compressed"])),
                  "not canonical");
  expect_rejected(
      G1Affine::from_uncompressed_bytes(test::hex_bytes(bad["non_canonical_uncompressed"])),
      "not canonical");
  const std::array<u8, 32> gen = G1Affine::generator().compress();
  std::vector<u8> good(gen.begin(), gen.end());
  std::vector<u8> longer = good;
  longer.push_back(0);
  expect_rejected(G1Affine::decompress(longer), "32 bytes");
  expect_rejected(G1Affine::decompress(std::span(good).first(31)), "32 bytes");
  expect_rejected(G1Affine::from_uncompressed_bytes(good), "64 bytes");
  // Infinity flag with stray bits, and a sign flag in the uncompressed form.
  std::vector<u8> inf(32, 0);
  inf[31] = detail::kInfinityFlag;
  inf[0] = 1;
  expect_rejected(G1Affine::decompress(inf), "infinity");
  std::array<u8, 64> un = G1Affine::generator().to_uncompressed_bytes();
  un[63] |= detail::kNegativeFlag;
  expect_rejected(G1Affine::from_uncompressed_bytes(un), "sign flag");
}

TEST(G2Encoding, RejectsInvalidEncodings) {
  const auto& bad = vectors()["g2_invalid"];
  const G2Affine outside = test::json_g2(bad["wrong_subgroup"]);
  EXPECT_TRUE(outside.is_on_curve());
  EXPECT_FALSE(outside.in_subgroup());
  expect_rejected(G2Affine::decompress(test::hex_bytes(bad["wrong_subgroup_compressed"])),
                  "subgroup");
  expect_rejected(
      G2Affine::from_uncompressed_bytes(test::hex_bytes(bad["wrong_subgroup_uncompressed"])),
      "subgroup");
  expect_rejected(
      G2Affine::from_uncompressed_bytes(test::hex_bytes(bad["non_canonical_uncompressed"])),
      "not canonical");
  // An x with x³ + b' not a square in Fq2 has no point.
  std::mt19937_64 rng(41);
  Fq2 x = Fq2::random(rng);
  while ((x.square() * x + G2CurveParams::b()).sqrt()) x = Fq2::random(rng);
  std::array<u8, 64> no_point{};
  const std::array<u8, 32> c0 = x.c0.to_bytes(), c1 = x.c1.to_bytes();
  std::copy(c0.begin(), c0.end(), no_point.begin());
  std::copy(c1.begin(), c1.end(), no_point.begin() + 32);
  expect_rejected(G2Affine::decompress(no_point), "no point");
  std::array<u8, 128> off = G2Affine::generator().to_uncompressed_bytes();
  off[64] ^= 1;  // perturb y.c0
  expect_rejected(G2Affine::from_uncompressed_bytes(off), "not on the curve");
  expect_rejected(G2Affine::decompress(std::span(off).first(63)), "64 bytes");
  expect_rejected(G2Affine::from_uncompressed_bytes(std::span(off).first(64)), "128 bytes");
}

}  // namespace
}  // namespace rill
