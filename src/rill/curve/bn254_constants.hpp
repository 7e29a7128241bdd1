// Integer constants of BN254 used by the curve layer, as little-endian 64-bit limbs. Each value is
// derived from p, r and the curve parameter u in its comment; tests check the group-theoretic
// facts that depend on them (e.g. [r]P = O, ψ(Q) = [p]Q on G2).
#pragma once

#include <array>

#include "rill/util/int.hpp"

namespace rill::detail {

// The BN parameter u (p and r are polynomials in u); 6u + 2 drives the optimal-ate Miller loop.
inline constexpr u64 kBnU = 0x44e992b44a6909f1ULL;  // 4965661367192848881

// r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001 (group order).
inline constexpr std::array<u64, 4> kGroupOrder = {0x43e1f593f0000001ULL, 0x2833e84879b97091ULL,
                                                   0xb85045b68181585dULL, 0x30644e72e131a029ULL};

// (p − 1)/2: an Fq element is "negative" (the sign flag of the encodings) when it exceeds this.
// It is also the exponent of ξ in the Frobenius constant of y on the twist.
inline constexpr std::array<u64, 4> kFqHalf = {0x9e10460b6c3e7ea3ULL, 0xcbc0b548b438e546ULL,
                                               0xdc2822db40c0ac2eULL, 0x183227397098d014ULL};

// (p − 1)/3: the exponent of ξ in the Frobenius constant of x on the twist.
inline constexpr std::array<u64, 4> kFqThird = {0x69602eb24829a9c2ULL, 0xdd2b2385cd7b4384ULL,
                                                0xe81ac1e7808072c9ULL, 0x10216f7ba065e00dULL};

// The cofactor of G2 in the twist's group of points: #E'(Fq2) = r·(2p − r).
inline constexpr std::array<u64, 4> kG2Cofactor = {0x345f2299c0f9fa8dULL, 0x06ceecda572a2489ULL,
                                                   0xb85045b68181585eULL, 0x30644e72e131a029ULL};

}  // namespace rill::detail
