// A Dory evaluation proof (transparent mode, reference dory.md §3) and its canonical encoding.
//
// Encoding, format version 1 (group elements uncompressed: G1 64 B, G2 128 B, GT 384 B):
//   u8 version (= 1) ‖ u32le rounds ‖ vmv_c (GT) ‖ vmv_d2 (GT) ‖ vmv_e1 (G1) ‖
//   rounds × [ d1_left, d1_right, d2_left, d2_right (GT) ‖ e1_beta (G1) ‖ e2_beta (G2) ‖
//              c_plus, c_minus (GT) ‖ e1_plus, e1_minus (G1) ‖ e2_plus, e2_minus (G2) ] ‖
//   final_e1 (G1) ‖ final_e2 (G2)
// = 5 + 1024 + 2880·rounds + 192 bytes. Rounds appear in transcript order. The decoder rejects a
// wrong version, a round count other than the expected one (the verifier's σ, from the committed
// layout), a wrong length, trailing bytes, non-canonical coordinates, points off their curve,
// G2 points and GT values outside the order-r subgroups.
#pragma once

#include <span>
#include <vector>

#include "rill/curve/decode_result.hpp"
#include "rill/curve/g1.hpp"
#include "rill/curve/g2.hpp"
#include "rill/curve/gt.hpp"
#include "rill/util/int.hpp"

namespace rill {

struct DoryFirstMessage {
  GT d1_left, d1_right, d2_left, d2_right;
  G1Affine e1_beta;
  G2Affine e2_beta;
};

struct DorySecondMessage {
  GT c_plus, c_minus;
  G1Affine e1_plus, e1_minus;
  G2Affine e2_plus, e2_minus;
};

struct DoryProof {
  GT vmv_c, vmv_d2;
  G1Affine vmv_e1;
  std::vector<DoryFirstMessage> first;    // one per round
  std::vector<DorySecondMessage> second;  // one per round
  G1Affine final_e1;
  G2Affine final_e2;

  friend bool operator==(const DoryProof&, const DoryProof&) = default;
};

inline bool operator==(const DoryFirstMessage& a, const DoryFirstMessage& b) {
  return a.d1_left == b.d1_left && a.d1_right == b.d1_right && a.d2_left == b.d2_left &&
         a.d2_right == b.d2_right && a.e1_beta == b.e1_beta && a.e2_beta == b.e2_beta;
}
inline bool operator==(const DorySecondMessage& a, const DorySecondMessage& b) {
  return a.c_plus == b.c_plus && a.c_minus == b.c_minus && a.e1_plus == b.e1_plus &&
         a.e1_minus == b.e1_minus && a.e2_plus == b.e2_plus && a.e2_minus == b.e2_minus;
}

inline constexpr u8 kDoryProofVersion = 1;

std::size_t dory_proof_bytes(unsigned rounds);
std::vector<u8> encode_dory_proof(const DoryProof& proof);
DecodeResult<DoryProof> decode_dory_proof(std::span<const u8> bytes, unsigned expected_rounds);

// A commitment on the wire is its GT element (384 bytes, gt.hpp), versioned by the enclosing
// proof format; the decoder rejects non-canonical values and values outside GT.
std::array<u8, 384> encode_dory_commitment(const GT& commitment);
DecodeResult<GT> decode_dory_commitment(std::span<const u8> bytes);

}  // namespace rill
