// Canonical encoding of Dory proofs and commitments (layout in proof.hpp).
#include <fmt/format.h>

#include "rill/pcs/proof.hpp"
#include "rill/util/byte_io.hpp"

namespace rill {

namespace {

constexpr std::size_t kG1 = 64, kG2 = 128, kGt = 384;
constexpr std::size_t kRoundBytes = 6 * kGt + 3 * kG1 + 3 * kG2;
constexpr unsigned kMaxRounds = 32;

void put(ByteWriter& w, const GT& x) { w.bytes(x.to_bytes()); }
void put(ByteWriter& w, const G1Affine& x) { w.bytes(x.to_uncompressed_bytes()); }
void put(ByteWriter& w, const G2Affine& x) { w.bytes(x.to_uncompressed_bytes()); }

// Reads one group element; a decoding failure is recorded with the element's name (the reader
// keeps the first failure, and later reads are no-ops).
template <class T>
void get(ByteReader& r, T& out, std::size_t size, DecodeResult<T> (*decode)(std::span<const u8>),
         const char* what) {
  const std::span<const u8> bytes = r.bytes(size, what);
  if (!r.ok()) return;
  const DecodeResult<T> decoded = decode(bytes);
  if (decoded) {
    out = *decoded;
  } else {
    r.fail(fmt::format("{}: {}", what, decoded.error));
  }
}
void get(ByteReader& r, GT& out, const char* what) { get(r, out, kGt, &GT::from_bytes, what); }
void get(ByteReader& r, G1Affine& out, const char* what) {
  get(r, out, kG1, &G1Affine::from_uncompressed_bytes, what);
}
void get(ByteReader& r, G2Affine& out, const char* what) {
  get(r, out, kG2, &G2Affine::from_uncompressed_bytes, what);
}

}  // namespace

std::size_t dory_proof_bytes(unsigned rounds) {
  return 1 + 4 + 2 * kGt + kG1 + rounds * kRoundBytes + kG1 + kG2;
}

std::vector<u8> encode_dory_proof(const DoryProof& p) {
  const unsigned rounds = static_cast<unsigned>(p.first.size());
  ByteWriter w(dory_proof_bytes(rounds));
  w.uint(kDoryProofVersion, 1);
  w.uint(rounds, 4);
  put(w, p.vmv_c);
  put(w, p.vmv_d2);
  put(w, p.vmv_e1);
  for (unsigned i = 0; i < rounds; ++i) {
    const DoryFirstMessage& f = p.first[i];
    const DorySecondMessage& s = p.second[i];
    for (const GT* x : {&f.d1_left, &f.d1_right, &f.d2_left, &f.d2_right}) put(w, *x);
    put(w, f.e1_beta);
    put(w, f.e2_beta);
    put(w, s.c_plus);
    put(w, s.c_minus);
    put(w, s.e1_plus);
    put(w, s.e1_minus);
    put(w, s.e2_plus);
    put(w, s.e2_minus);
  }
  put(w, p.final_e1);
  put(w, p.final_e2);
  return w.take();
}

DecodeResult<DoryProof> decode_dory_proof(std::span<const u8> bytes, unsigned expected_rounds) {
  using Result = DecodeResult<DoryProof>;
  if (expected_rounds > kMaxRounds) return Result::fail("round count above the cap");
  if (bytes.size() < 5) return Result::fail("proof shorter than its header");
  if (bytes[0] != kDoryProofVersion)
    return Result::fail(fmt::format("unknown proof version {}", bytes[0]));
  const u32 rounds = u32{bytes[1]} | u32{bytes[2]} << 8 | u32{bytes[3]} << 16 | u32{bytes[4]} << 24;
  if (rounds != expected_rounds)
    return Result::fail(
        fmt::format("proof has {} rounds, the layout needs {}", rounds, expected_rounds));
  if (bytes.size() != dory_proof_bytes(rounds))
    return Result::fail(
        fmt::format("proof is {} bytes, expected {}", bytes.size(), dory_proof_bytes(rounds)));
  ByteReader r(bytes.subspan(5));
  DoryProof p;
  get(r, p.vmv_c, "vmv_c");
  get(r, p.vmv_d2, "vmv_d2");
  get(r, p.vmv_e1, "vmv_e1");
  p.first.resize(rounds);
  p.second.resize(rounds);
  for (u32 i = 0; i < rounds && r.ok(); ++i) {
    DoryFirstMessage& f = p.first[i];
    DorySecondMessage& s = p.second[i];
    get(r, f.d1_left, "d1_left");
    get(r, f.d1_right, "d1_right");
    get(r, f.d2_left, "d2_left");
    get(r, f.d2_right, "d2_right");
    get(r, f.e1_beta, "e1_beta");
    get(r, f.e2_beta, "e2_beta");
    get(r, s.c_plus, "c_plus");
    get(r, s.c_minus, "c_minus");
    get(r, s.e1_plus, "e1_plus");
    get(r, s.e1_minus, "e1_minus");
    get(r, s.e2_plus, "e2_plus");
    get(r, s.e2_minus, "e2_minus");
  }
  get(r, p.final_e1, "final_e1");
  get(r, p.final_e2, "final_e2");
  if (!r.ok()) return Result::fail(r.error());
  return Result::ok(std::move(p));
}

std::array<u8, 384> encode_dory_commitment(const GT& commitment) { return commitment.to_bytes(); }

DecodeResult<GT> decode_dory_commitment(std::span<const u8> bytes) { return GT::from_bytes(bytes); }

}  // namespace rill
