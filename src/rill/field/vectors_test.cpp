// Every field operation against @noble/curves bn254, via the committed vectors
// tests/vectors/field_vectors.json (regenerate with tests/vectors/gen_field.mjs).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rill/field/accumulator.hpp"
#include "rill/field/batch_inverse.hpp"
#include "rill/field/fq12.hpp"
#include "rill/field/fr.hpp"

namespace rill {
namespace {

using nlohmann::json;

const json& vectors() {
  static const json v = [] {
    std::ifstream in(std::string(RILL_VECTORS_DIR) + "/field_vectors.json");
    EXPECT_TRUE(in.good()) << "cannot open field_vectors.json";
    return json::parse(in);
  }();
  return v;
}

template <class F>
F element(const json& hex) {
  const auto x = F::from_hex(hex.get<std::string>());
  EXPECT_TRUE(x.has_value()) << hex;
  return x.value_or(F::zero());
}
Fq2 fq2_at(const json& flat, std::size_t offset = 0) {
  return {element<Fq>(flat[offset]), element<Fq>(flat[offset + 1])};
}
Fq6 fq6_at(const json& flat, std::size_t offset = 0) {
  return {fq2_at(flat, offset), fq2_at(flat, offset + 2), fq2_at(flat, offset + 4)};
}
Fq12 fq12(const json& flat) { return {fq6_at(flat, 0), fq6_at(flat, 6)}; }

// "0x" + 64 hex digits (big-endian) to little-endian limbs, parsed independently of the field code.
std::array<u64, 4> limbs_of(const json& hex) {
  const std::string digits = hex.get<std::string>().substr(2);
  EXPECT_EQ(digits.size(), 64u);
  std::array<u64, 4> limbs{};
  for (int i = 0; i < 4; ++i) limbs[i] = std::stoull(digits.substr(48 - 16 * i, 16), nullptr, 16);
  return limbs;
}

// Decimal string to a 128-bit integer (magnitude, sign separately).
u128 decimal_magnitude(const std::string& s, bool& negative) {
  negative = !s.empty() && s[0] == '-';
  u128 v = 0;
  for (std::size_t i = negative ? 1 : 0; i < s.size(); ++i)
    v = v * 10 + static_cast<u128>(s[i] - '0');
  return v;
}

template <class F>
class PrimeFieldVectors : public ::testing::Test {
 protected:
  static const json& field() { return vectors()[std::is_same_v<F, Fr> ? "fr" : "fq"]; }
};
using PrimeFields = ::testing::Types<Fr, Fq>;
TYPED_TEST_SUITE(PrimeFieldVectors, PrimeFields);

TYPED_TEST(PrimeFieldVectors, Modulus) {
  using F = TypeParam;
  EXPECT_EQ(F::from_u64(1).to_limbs(), (std::array<u64, 4>{1, 0, 0, 0}));
  EXPECT_EQ((-F::one()).to_limbs(), field_detail::sub_small(limbs_of(this->field()["modulus"]), 1));
  EXPECT_FALSE(F::from_hex(this->field()["modulus"].template get<std::string>()).has_value());
}

TYPED_TEST(PrimeFieldVectors, ArithmeticMatchesNoble) {
  using F = TypeParam;
  const json& cases = this->field()["cases"];
  ASSERT_GE(cases.size(), 30u);
  for (const json& c : cases) {
    const F a = element<F>(c["a"]), b = element<F>(c["b"]);
    SCOPED_TRACE(c["a"].template get<std::string>() + " , " + c["b"].template get<std::string>());
    EXPECT_EQ(a + b, element<F>(c["add"]));
    EXPECT_EQ(a - b, element<F>(c["sub"]));
    EXPECT_EQ(-a, element<F>(c["neg"]));
    EXPECT_EQ(a * b, element<F>(c["mul"]));
    EXPECT_EQ(a.square(), element<F>(c["square"]));
    EXPECT_EQ(a.inverse(), element<F>(c["inverse"]));
    EXPECT_EQ(a.legendre(), c["legendre"].template get<int>());
    EXPECT_EQ(a.pow(limbs_of(c["pow_exponent"])), element<F>(c["pow"]));
    if constexpr (std::is_same_v<F, Fq>) {
      const auto root = a.sqrt();
      if (c["sqrt"].is_null()) {
        EXPECT_FALSE(root.has_value());
      } else {
        ASSERT_TRUE(root.has_value());
        const F expected = element<F>(c["sqrt"]);
        EXPECT_TRUE(*root == expected || *root == -expected);
      }
    }
  }
}

TYPED_TEST(PrimeFieldVectors, EncodingsMatchHex) {
  using F = TypeParam;
  for (const json& c : this->field()["cases"]) {
    const std::string hex = c["a"].template get<std::string>();
    const F a = element<F>(c["a"]);
    EXPECT_EQ(a.to_hex(), hex);
    // Little-endian bytes: byte i is hex digits at 64 − 2i − 2 (after "0x").
    std::array<u8, 32> expected{};
    for (int i = 0; i < 32; ++i) {
      expected[i] = static_cast<u8>(std::stoul(hex.substr(2 + 62 - 2 * i, 2), nullptr, 16));
    }
    EXPECT_EQ(a.to_bytes(), expected);
    EXPECT_EQ(F::from_bytes(expected), a);
    const std::array<u64, 4> limbs = limbs_of(c["a"]);
    EXPECT_EQ(a.to_limbs(), limbs);
    EXPECT_EQ(F::from_limbs(limbs), a);
  }
}

TYPED_TEST(PrimeFieldVectors, BatchInverseMatchesNoble) {
  using F = TypeParam;
  std::vector<F> values, expected;
  for (const json& c : this->field()["cases"]) {
    values.push_back(element<F>(c["a"]));
    expected.push_back(element<F>(c["inverse"]));  // zero for zero, by Rill's contract
  }
  batch_inverse(std::span<F>(values));
  EXPECT_EQ(values, expected);
}

TYPED_TEST(PrimeFieldVectors, SmallIntegerFastPathsMatchNoble) {
  using F = TypeParam;
  const json& cases = this->field()["small"];
  ASSERT_GT(cases.size(), 100u);
  for (const json& c : cases) {
    const std::string kind = c["kind"].template get<std::string>();
    const std::string k_text = c["k"].template get<std::string>();
    SCOPED_TRACE(kind + " " + k_text + " × " + c["a"].template get<std::string>());
    const F a = element<F>(c["a"]);
    const F product = element<F>(c["product"]);
    bool negative = false;
    const u128 magnitude = decimal_magnitude(k_text, negative);
    F via_fast_path, via_conversion;
    if (kind == "u64") {
      via_fast_path = a.mul_u64(static_cast<u64>(magnitude));
      via_conversion = F::from_u64(static_cast<u64>(magnitude));
    } else if (kind == "i64") {
      const i64 k = negative ? static_cast<i64>(0 - static_cast<u64>(magnitude))
                             : static_cast<i64>(magnitude);
      via_fast_path = a.mul_i64(k);
      via_conversion = F::from_i64(k);
    } else if (kind == "u128") {
      via_fast_path = a.mul_u128(magnitude);
      via_conversion = F::from_u128(magnitude);
    } else {
      ASSERT_EQ(kind, "i128");
      const i128 k = negative ? static_cast<i128>(0 - magnitude) : static_cast<i128>(magnitude);
      via_fast_path = a.mul_i128(k);
      via_conversion = F::from_i128(k);
    }
    EXPECT_EQ(via_fast_path, product);
    EXPECT_EQ(a * via_conversion, product);
  }
}

TYPED_TEST(PrimeFieldVectors, AccumulatorMatchesNoble) {
  using F = TypeParam;
  const json& sums = this->field()["sum_of_products"];
  UnreducedAccumulator<F> acc;
  for (const json& t : sums["terms"]) {
    bool negative = false;
    const u128 magnitude = decimal_magnitude(t["k"].template get<std::string>(), negative);
    const i64 k =
        negative ? static_cast<i64>(0 - static_cast<u64>(magnitude)) : static_cast<i64>(magnitude);
    acc.add_product(element<F>(t["a"]), element<F>(t["b"]));
    acc.add_product_i64(element<F>(t["a"]), k);
  }
  EXPECT_EQ(acc.reduce(), element<F>(sums["sum"]));
}

TEST(TowerVectors, Fq2MatchesNoble) {
  for (const json& c : vectors()["fq2"]) {
    const Fq2 a = fq2_at(c["a"]), b = fq2_at(c["b"]);
    EXPECT_EQ(a * b, fq2_at(c["mul"]));
    EXPECT_EQ(a.square(), fq2_at(c["square"]));
    EXPECT_EQ(a.inverse(), fq2_at(c["inverse"]));
    EXPECT_EQ(a.mul_by_nonresidue(), fq2_at(c["mul_by_nonresidue"]));
    EXPECT_EQ(a.frobenius_map(1), fq2_at(c["frobenius"]));
    for (const auto& [x, key] : {std::pair{a, "sqrt_a"}, std::pair{b, "sqrt_b"}}) {
      const auto root = x.sqrt();
      EXPECT_EQ(root.has_value(), !c[key].is_null());
      EXPECT_EQ(x.legendre() >= 0, !c[key].is_null());
      if (root && !c[key].is_null()) {
        const Fq2 expected = fq2_at(c[key]);
        EXPECT_TRUE(*root == expected || *root == -expected);
      }
    }
  }
}

TEST(TowerVectors, Fq6MatchesNoble) {
  for (const json& c : vectors()["fq6"]) {
    const Fq6 a = fq6_at(c["a"]), b = fq6_at(c["b"]);
    EXPECT_EQ(a * b, fq6_at(c["mul"]));
    EXPECT_EQ(a.square(), fq6_at(c["square"]));
    EXPECT_EQ(a.inverse(), fq6_at(c["inverse"]));
    EXPECT_EQ(a.mul_by_nonresidue(), fq6_at(c["mul_by_nonresidue"]));
    for (unsigned k = 1; k <= 5; ++k)
      EXPECT_EQ(a.frobenius_map(k), fq6_at(c["frobenius"][k - 1])) << k;
  }
}

TEST(TowerVectors, Fq12MatchesNoble) {
  for (const json& c : vectors()["fq12"]) {
    const Fq12 a = fq12(c["a"]), b = fq12(c["b"]);
    EXPECT_EQ(a * b, fq12(c["mul"]));
    EXPECT_EQ(a.square(), fq12(c["square"]));
    EXPECT_EQ(a.inverse(), fq12(c["inverse"]));
    EXPECT_EQ(a.conjugate(), fq12(c["conjugate"]));
    for (unsigned k = 1; k <= 11; ++k)
      EXPECT_EQ(a.frobenius_map(k), fq12(c["frobenius"][k - 1])) << k;
    const Fq12 g = fq12(c["cyclotomic"]);
    EXPECT_EQ(g.cyclotomic_square(), fq12(c["cyclotomic_square"]));
    const std::array<u64, 4> e = limbs_of(c["pow_exponent"]);
    EXPECT_EQ(g.cyclotomic_pow(e), fq12(c["cyclotomic_pow"]));
    EXPECT_EQ(g.pow(e), fq12(c["cyclotomic_pow"]));
  }
}

}  // namespace
}  // namespace rill
