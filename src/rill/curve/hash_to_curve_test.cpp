// Hash-to-curve: outputs pinned in tests/vectors/hash_to_curve_golden.json (computed independently
// by gen_curve.mjs with @noble/curves arithmetic), plus validity and distinctness properties.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "rill/curve/hash_to_curve.hpp"
#include "rill/curve/test_vectors.hpp"

namespace rill {
namespace {

TEST(HashToCurve, MatchesGoldenOutputs) {
  const nlohmann::json golden = test::load_vectors("hash_to_curve_golden.json");
  const std::vector<u8> seed = test::hex_bytes(golden["seed_hex"]);
  for (const auto& g : golden["g1"]) {
    EXPECT_EQ(hash_to_g1(seed, g["index"].get<u64>()), test::json_g1(g)) << g["index"];
  }
  for (const auto& g : golden["g2"]) {
    EXPECT_EQ(hash_to_g2(seed, g["index"].get<u64>()), test::json_g2(g)) << g["index"];
  }
}

TEST(HashToCurve, OutputsAreValidDistinctAndSeedDependent) {
  const std::string s = "another seed";
  const std::vector<u8> seed(s.begin(), s.end());
  std::set<std::array<u8, 32>> seen1;
  std::set<std::array<u8, 64>> seen2;
  for (u64 i = 0; i < 8; ++i) {
    const G1Affine p = hash_to_g1(seed, i);
    EXPECT_FALSE(p.infinity);
    EXPECT_TRUE(p.in_subgroup());
    seen1.insert(p.compress());
    const G2Affine q = hash_to_g2(seed, i);
    EXPECT_FALSE(q.infinity);
    EXPECT_TRUE(q.is_on_curve());
    EXPECT_TRUE(q.in_subgroup());
    seen2.insert(q.compress());
  }
  EXPECT_EQ(seen1.size(), 8u);
  EXPECT_EQ(seen2.size(), 8u);
  const std::vector<u8> other = {1, 2, 3};
  EXPECT_FALSE(hash_to_g1(seed, 0) == hash_to_g1(other, 0));
  EXPECT_TRUE(hash_to_g1(seed, 5) == hash_to_g1(seed, 5));
}

}  // namespace
}  // namespace rill
