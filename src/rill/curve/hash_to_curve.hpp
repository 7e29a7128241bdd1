// Deterministic hashing of (seed, index) to points of G1 and G2, for Dory's transparent setup:
// nobody knows a discrete-log relation between any two outputs, and prover and verifier derive
// bit-identical generators from the public seed.
//
// Method: try-and-increment (Boneh, Lynn, Shacham, "Short signatures from the Weil pairing",
// J. Cryptology 2004, §3.2 "MapToGroup"), with BLAKE2b-512 as the hash. For counter = 0, 1, …:
//   h = BLAKE2b-512(tag ‖ u64le(|seed|) ‖ seed ‖ u64le(index) ‖ u32le(counter) [‖ lane])
//   G1 (tag "rill/hash_to_g1/v1"): x = LE(h[0..48]) mod p; the sign bit is h[48] & 1.
//   G2 (tag "rill/hash_to_g2/v1"): two hashes with lane byte 0 and 1 give x.c0 and x.c1 the
//       same way; the sign bit is h_lane0[48] & 1.
// The first x for which x³ + b is a square gives the point (x, y) whose y has the sign flag of
// encoding.hpp equal to the sign bit. G1 has cofactor 1; on G2 the point is multiplied by the
// cofactor 2p − r, which maps the twist onto the order-r subgroup (a rare identity result moves
// on to the next counter; the multiplication uses ψ, see hash_to_curve.cpp). 48 bytes reduced mod p
// leave a statistical bias below 2^−128. The outputs for a fixed seed are pinned in
// tests/vectors/hash_to_curve_golden.json, computed independently by tests/vectors/gen_curve.mjs:
// changing this method changes every proof.
#pragma once

#include <span>

#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/util/int.hpp"

namespace rill {

G1Affine hash_to_g1(std::span<const u8> seed, u64 index);
G2Affine hash_to_g2(std::span<const u8> seed, u64 index);

}  // namespace rill
