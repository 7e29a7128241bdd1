// Canonical encoding of Dory proofs and commitments (layout in proof.hpp).
#include <fmt/format.h>

#include "rill/pcs/proof.hpp"

namespace rill {

namespace {

constexpr std::size_t kG1 = 64, kG2 = 128, kGt = 384;
constexpr std::size_t kRoundBytes = 6 * kGt + 3 * kG1 + 3 * kG2;
constexpr unsigned kMaxRounds = 32;

class Writer {
 public:
  explicit Writer(std::size_t size) { out_.reserve(size); }
  template <std::size_t N>
  void put(const std::array<u8, N>& bytes) {
    out_.insert(out_.end(), bytes.begin(), bytes.end());
  }
  void put(const GT& x) { put(x.to_bytes()); }
  void put(const G1Affine& x) { put(x.to_uncompressed_bytes()); }
  void put(const G2Affine& x) { put(x.to_uncompressed_bytes()); }
  void put_u8(u8 v) { out_.push_back(v); }
  void put_u32(u32 v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<u8>(v >> (8 * i)));
  }
  std::vector<u8> take() { return std::move(out_); }

 private:
  std::vector<u8> out_;
};

// Reads elements in order; the first failure is kept (with the element's name) and later reads
// are no-ops, so decode code reads straight through and checks once.
class Reader {
 public:
  explicit Reader(std::span<const u8> in) : in_(in) {}
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  void get(GT& out, const char* what) { take(out, GT::from_bytes(next(kGt)), what); }
  void get(G1Affine& out, const char* what) {
    take(out, G1Affine::from_uncompressed_bytes(next(kG1)), what);
  }
  void get(G2Affine& out, const char* what) {
    take(out, G2Affine::from_uncompressed_bytes(next(kG2)), what);
  }

 private:
  std::span<const u8> next(std::size_t n) {
    const std::span<const u8> s = in_.subspan(at_, n);  // lengths are checked up front
    at_ += n;
    return s;
  }
  template <class T>
  void take(T& out, const DecodeResult<T>& r, const char* what) {
    if (!ok()) return;
    if (r) {
      out = *r;
    } else {
      error_ = fmt::format("{}: {}", what, r.error);
    }
  }
  std::span<const u8> in_;
  std::size_t at_ = 0;
  std::string error_;
};

}  // namespace

std::size_t dory_proof_bytes(unsigned rounds) {
  return 1 + 4 + 2 * kGt + kG1 + rounds * kRoundBytes + kG1 + kG2;
}

std::vector<u8> encode_dory_proof(const DoryProof& p) {
  const unsigned rounds = static_cast<unsigned>(p.first.size());
  Writer w(dory_proof_bytes(rounds));
  w.put_u8(kDoryProofVersion);
  w.put_u32(rounds);
  w.put(p.vmv_c);
  w.put(p.vmv_d2);
  w.put(p.vmv_e1);
  for (unsigned i = 0; i < rounds; ++i) {
    const DoryFirstMessage& f = p.first[i];
    const DorySecondMessage& s = p.second[i];
    for (const GT* x : {&f.d1_left, &f.d1_right, &f.d2_left, &f.d2_right}) w.put(*x);
    w.put(f.e1_beta);
    w.put(f.e2_beta);
    w.put(s.c_plus);
    w.put(s.c_minus);
    w.put(s.e1_plus);
    w.put(s.e1_minus);
    w.put(s.e2_plus);
    w.put(s.e2_minus);
  }
  w.put(p.final_e1);
  w.put(p.final_e2);
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
  Reader r(bytes.subspan(5));
  DoryProof p;
  r.get(p.vmv_c, "vmv_c");
  r.get(p.vmv_d2, "vmv_d2");
  r.get(p.vmv_e1, "vmv_e1");
  p.first.resize(rounds);
  p.second.resize(rounds);
  for (u32 i = 0; i < rounds && r.ok(); ++i) {
    DoryFirstMessage& f = p.first[i];
    DorySecondMessage& s = p.second[i];
    r.get(f.d1_left, "d1_left");
    r.get(f.d1_right, "d1_right");
    r.get(f.d2_left, "d2_left");
    r.get(f.d2_right, "d2_right");
    r.get(f.e1_beta, "e1_beta");
    r.get(f.e2_beta, "e2_beta");
    r.get(s.c_plus, "c_plus");
    r.get(s.c_minus, "c_minus");
    r.get(s.e1_plus, "e1_plus");
    r.get(s.e1_minus, "e1_minus");
    r.get(s.e2_plus, "e2_plus");
    r.get(s.e2_minus, "e2_minus");
  }
  r.get(p.final_e1, "final_e1");
  r.get(p.final_e2, "final_e2");
  if (!r.ok()) return Result::fail(r.error());
  return Result::ok(std::move(p));
}

std::array<u8, 384> encode_dory_commitment(const GT& commitment) { return commitment.to_bytes(); }

DecodeResult<GT> decode_dory_commitment(std::span<const u8> bytes) { return GT::from_bytes(bytes); }

}  // namespace rill
