// Pairing, multi-pairing and GT against @noble/curves vectors and the defining properties.
#include <gtest/gtest.h>

#include <random>

#include "rill/curve/bn254_constants.hpp"
#include "rill/curve/pairing.hpp"
#include "rill/curve/test_vectors.hpp"

namespace rill {
namespace {

const nlohmann::json& vectors() {
  static const nlohmann::json v = test::load_vectors("curve_vectors.json");
  return v;
}

G1Affine g1_mul(const Fr& k) { return (G1::generator() * k).to_affine(); }
G2Affine g2_mul(const Fr& k) { return (G2::generator() * k).to_affine(); }

TEST(Pairing, GeneratorPairingMatchesNoble) {
  const GT e = pairing(G1Affine::generator(), G2Affine::generator());
  EXPECT_TRUE(e.value() == test::json_fq12(vectors()["pairing_generators"]));
}

TEST(Pairing, ScalarMultiplePairingsMatchNoble) {
  for (const auto& v : vectors()["pairings"]) {
    const GT e = pairing(g1_mul(test::hex_fr(v["a"])), g2_mul(test::hex_fr(v["b"])));
    EXPECT_TRUE(e.value() == test::json_fq12(v["e"])) << v["a"];
  }
}

TEST(Pairing, Bilinearity) {
  std::mt19937_64 rng(11);
  const Fr a = Fr::random(rng), b = Fr::random(rng);
  const GT base = pairing(G1Affine::generator(), G2Affine::generator());
  EXPECT_EQ(pairing(g1_mul(a), g2_mul(b)), base.pow(a * b));
  EXPECT_EQ(pairing(g1_mul(a), G2Affine::generator()), pairing(G1Affine::generator(), g2_mul(a)));
}

TEST(Pairing, NegationCancelsAndIdentityGivesOne) {
  const G1Affine p = g1_mul(Fr::from_u64(1234567));
  const G2Affine q = g2_mul(Fr::from_u64(7654321));
  EXPECT_EQ(pairing(p, q) * pairing(-p, q), GT::one());
  EXPECT_EQ(pairing(G1Affine::identity(), q), GT::one());
  EXPECT_EQ(pairing(p, G2Affine::identity()), GT::one());
  EXPECT_FALSE(pairing(p, q) == GT::one());  // non-degenerate
}

TEST(Pairing, MultiPairingIsProductOfPairingsAndPreparedAgrees) {
  std::mt19937_64 rng(12);
  for (std::size_t n : {0u, 1u, 2u, 5u, 9u}) {
    std::vector<G1Affine> ps;
    std::vector<G2Affine> qs;
    GT product = GT::one();
    for (std::size_t i = 0; i < n; ++i) {
      ps.push_back(g1_mul(Fr::random(rng)));
      qs.push_back(i == 3 ? G2Affine::identity() : g2_mul(Fr::random(rng)));
      product *= pairing(ps.back(), qs.back());
    }
    EXPECT_EQ(multi_pairing(ps, qs), product) << n;
    std::vector<G2Prepared> prepared(qs.begin(), qs.end());
    std::vector<const G2Prepared*> ptrs;
    for (const G2Prepared& q : prepared) ptrs.push_back(&q);
    EXPECT_EQ(multi_pairing_prepared(ps, ptrs), product) << n;
    if (n > 0) {
      EXPECT_GT(prepared[0].memory_bytes(), 0u);
    }
  }
}

TEST(Pairing, FinalExponentiationLandsInGT) {
  // A Miller-loop value is far from GT; after final exponentiation it has order r.
  const Fq12 f =
      miller_loop(std::vector{g1_mul(Fr::from_u64(3))}, std::vector{G2Affine::generator()});
  const GT e = final_exponentiation(f);
  EXPECT_TRUE(e.value().pow(std::span<const u64>(detail::kGroupOrder)) == Fq12::one());
  EXPECT_EQ(e, pairing(G1Affine::generator(), G2Affine::generator()).pow(Fr::from_u64(3)));
}

TEST(GT, PowMatchesNobleAndGroupLaws) {
  const GT base = pairing(G1Affine::generator(), G2Affine::generator());
  const auto& v = vectors()["gt_pow"];
  EXPECT_TRUE(base.pow(test::hex_fr(v["k"])).value() == test::json_fq12(v["e"]));
  EXPECT_EQ(base * base.inverse(), GT::one());
  EXPECT_EQ(base.square(), base * base);
  EXPECT_EQ(base.pow(Fr::zero()), GT::one());
  EXPECT_EQ(base.pow(Fr::zero() - Fr::one()), base.inverse());
}

// The fast membership test agrees with the definition v^r = 1 on GT elements, on elements of
// the cyclotomic subgroup outside GT (easy part of the final exponentiation only) and on random
// Fq12 elements.
TEST(GT, FastMembershipAgreesWithOrderCheck) {
  std::mt19937_64 rng(13);
  auto order_r = [](const Fq12& v) {
    return v.pow(std::span<const u64>(detail::kGroupOrder)) == Fq12::one();
  };
  for (int i = 0; i < 4; ++i) {
    const Fq12 in_gt = pairing(g1_mul(Fr::random(rng)), G2Affine::generator()).value();
    EXPECT_TRUE(detail::in_gt(in_gt));
    EXPECT_TRUE(order_r(in_gt));
    const Fq12 f = Fq12::random(rng);
    EXPECT_EQ(detail::in_gt(f), order_r(f));
    EXPECT_FALSE(detail::in_gt(f));
    Fq12 cyclotomic = detail::conjugate(f) * f.inverse();
    cyclotomic = cyclotomic.frobenius_map(2) * cyclotomic;
    EXPECT_EQ(detail::in_gt(cyclotomic), order_r(cyclotomic));
    EXPECT_FALSE(detail::in_gt(cyclotomic));
    // c^r has order dividing the cofactor (p⁴ − p² + 1)/r; alone or times a GT element it is
    // outside GT.
    const Fq12 cofactor_part = cyclotomic.pow(std::span<const u64>(detail::kGroupOrder));
    EXPECT_FALSE(detail::in_gt(cofactor_part));
    EXPECT_FALSE(detail::in_gt(cofactor_part * in_gt));
  }
  EXPECT_TRUE(detail::in_gt(Fq12::one()));
  EXPECT_FALSE(detail::in_gt(Fq12::zero()));
}

TEST(GT, EncodingRoundTripsAndRejectsInvalid) {
  const GT e = pairing(g1_mul(Fr::from_u64(5)), G2Affine::generator());
  const std::array<u8, 384> bytes = e.to_bytes();
  const auto back = GT::from_bytes(bytes);
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back, e);
  EXPECT_FALSE(GT::from_bytes(std::span(bytes).first(383)));
  // A Miller-loop value (not raised to (p¹²−1)/r) is not in GT.
  const Fq12 f =
      miller_loop(std::vector{G1Affine::generator()}, std::vector{G2Affine::generator()});
  const auto outside = GT::from_bytes(GT::from_fq12_unchecked(f).to_bytes());
  ASSERT_FALSE(outside);
  EXPECT_NE(outside.error.find("subgroup"), std::string::npos);
  // Coefficient 0 set to p (non-canonical).
  std::array<u8, 384> bad = bytes;
  const std::array<u8, 32> p_bytes = {0x47, 0xfd, 0x7c, 0xd8, 0x16, 0x8c, 0x20, 0x3c,
                                      0x8d, 0xca, 0x71, 0x68, 0x91, 0x6a, 0x81, 0x97,
                                      0x5d, 0x58, 0x81, 0x81, 0xb6, 0x45, 0x50, 0xb8,
                                      0x29, 0xa0, 0x31, 0xe1, 0x72, 0x4e, 0x64, 0x30};
  std::copy(p_bytes.begin(), p_bytes.end(), bad.begin());
  const auto nc = GT::from_bytes(bad);
  ASSERT_FALSE(nc);
  EXPECT_NE(nc.error.find("canonical"), std::string::npos);
  EXPECT_FALSE(GT::from_bytes(std::array<u8, 384>{}));  // zero is not in GT
}

}  // namespace
}  // namespace rill
