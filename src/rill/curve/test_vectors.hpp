// Test helper: reads the @noble/curves vectors of tests/vectors/ (see gen_curve.mjs) into
// curve-layer types.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <string>
#include <vector>

#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/field/fq12.hpp"
#include "rill/field/fr.hpp"
#include "rill/util/check.hpp"

namespace rill::test {

inline nlohmann::json load_vectors(const std::string& name) {
  std::ifstream in(std::string(RILL_VECTORS_DIR) + "/" + name);
  RILL_CHECK(in.good(), "cannot open test vector file");
  return nlohmann::json::parse(in);
}

// "0x…" (big-endian hex, up to 64 digits) as little-endian limbs.
inline std::array<u64, 4> hex_limbs(const std::string& hex) {
  std::array<u64, 4> limbs{};
  std::string digits = hex.substr(0, 2) == "0x" ? hex.substr(2) : hex;
  unsigned bit = 0;
  for (std::size_t i = digits.size(); i-- > 0; bit += 4) {
    const u64 nibble = std::stoull(digits.substr(i, 1), nullptr, 16);
    limbs[bit / 64] |= nibble << (bit % 64);
  }
  return limbs;
}

inline Fq hex_fq(const std::string& hex) { return *Fq::from_limbs(hex_limbs(hex)); }
inline Fr hex_fr(const std::string& hex) { return *Fr::from_limbs(hex_limbs(hex)); }

inline std::vector<u8> hex_bytes(const std::string& hex) {
  std::vector<u8> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<u8>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return out;
}

inline Fq2 json_fq2(const nlohmann::json& j) {
  Fq2 v = Fq2::zero();
  v.c0 = hex_fq(j[0]);
  v.c1 = hex_fq(j[1]);
  return v;
}

inline G1Affine json_g1(const nlohmann::json& j) {
  return G1Affine{hex_fq(j["x"]), hex_fq(j["y"]), false};
}
inline G2Affine json_g2(const nlohmann::json& j) {
  return G2Affine{json_fq2(j["x"]), json_fq2(j["y"]), false};
}

// Twelve hex coefficients in the order c0.c0.c0, c0.c0.c1, …, c1.c2.c1.
inline Fq12 json_fq12(const nlohmann::json& j) {
  Fq12 v = Fq12::zero();
  std::size_t i = 0;
  for (Fq6* c6 : {&v.c0, &v.c1}) {
    for (Fq2* c2 : {&c6->c0, &c6->c1, &c6->c2}) {
      c2->c0 = hex_fq(j[i++]);
      c2->c1 = hex_fq(j[i++]);
    }
  }
  return v;
}

}  // namespace rill::test
