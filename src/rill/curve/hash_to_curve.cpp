#include "rill/curve/hash_to_curve.hpp"

#include <sodium.h>

#include <array>
#include <string_view>
#include <vector>

#include "rill/curve/bn254_constants.hpp"
#include "rill/curve/encoding.hpp"
#include "rill/util/check.hpp"

namespace rill {
namespace {

using Digest = std::array<u8, 64>;

void append_le(std::vector<u8>& out, u64 v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(static_cast<u8>(v >> (8 * i)));
}

// tag ‖ u64le(|seed|) ‖ seed ‖ u64le(index) ‖ u32le(counter)
std::vector<u8> hash_input(std::string_view tag, std::span<const u8> seed, u64 index, u32 counter) {
  std::vector<u8> in(tag.begin(), tag.end());
  append_le(in, seed.size(), 8);
  in.insert(in.end(), seed.begin(), seed.end());
  append_le(in, index, 8);
  append_le(in, counter, 4);
  return in;
}

Digest blake2b_512(std::span<const u8> input) {
  RILL_CHECK(sodium_init() >= 0, "libsodium failed to initialise");
  Digest out;
  crypto_generichash(out.data(), out.size(), input.data(), input.size(), nullptr, 0);
  return out;
}

// LE(h[0..48]) mod p by Horner's rule over six 64-bit limbs: acc ← acc·2^64 + limb.
Fq fq_from_48_bytes(const Digest& h) {
  const Fq two_64 = Fq::from_u128(u128(1) << 64);
  Fq acc = Fq::zero();
  for (int limb = 5; limb >= 0; --limb) {
    u64 v = 0;
    for (int b = 7; b >= 0; --b) v = (v << 8) | h[8 * limb + b];
    acc = acc * two_64 + Fq::from_u64(v);
  }
  return acc;
}

bool sign_bit(const Digest& h) { return h[48] & 1; }

// [2p − r]P for any twist point P, by a 128-bit instead of a 254-bit multiplication. With
// t = 6u² + 1 the trace of Frobenius, 2p − r = p + t − 1, and ψ satisfies the characteristic
// equation of Frobenius on the whole twist, ψ² − [t]ψ + [p] = 0, so [p]P = [t]ψ(P) − ψ²(P) and
// [2p − r]P = [t](P + ψ(P)) − P − ψ²(P).
G2 clear_cofactor(const G2& p) {
  const u128 trace = u128(6) * detail::kBnU * detail::kBnU + 1;
  const std::array<u64, 2> t = {static_cast<u64>(trace), static_cast<u64>(trace >> 64)};
  const G2 psi_p = psi(p);
  return (p + psi_p).mul_limbs(t) - p - psi(psi_p);
}

}  // namespace

G1Affine hash_to_g1(std::span<const u8> seed, u64 index) {
  for (u32 counter = 0;; ++counter) {
    const Digest h = blake2b_512(hash_input("rill/hash_to_g1/v1", seed, index, counter));
    const Fq x = fq_from_48_bytes(h);
    std::optional<Fq> y = (x.square() * x + G1CurveParams::b()).sqrt();
    if (!y) continue;
    if (detail::fq_is_negative(*y) != sign_bit(h)) *y = -*y;
    return G1Affine{x, *y, false};
  }
}

G2Affine hash_to_g2(std::span<const u8> seed, u64 index) {
  for (u32 counter = 0;; ++counter) {
    std::vector<u8> in = hash_input("rill/hash_to_g2/v1", seed, index, counter);
    in.push_back(0);
    const Digest h0 = blake2b_512(in);
    in.back() = 1;
    const Digest h1 = blake2b_512(in);
    Fq2 x = Fq2::zero();
    x.c0 = fq_from_48_bytes(h0);
    x.c1 = fq_from_48_bytes(h1);
    std::optional<Fq2> y = (x.square() * x + G2CurveParams::b()).sqrt();
    if (!y) continue;
    if (detail::fq2_is_negative(*y) != sign_bit(h0)) *y = -*y;
    const G2 q = clear_cofactor(G2::from_affine(G2Affine{x, *y, false}));
    if (q.is_identity()) continue;
    return q.to_affine();
  }
}

}  // namespace rill
