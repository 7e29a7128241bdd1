#include "rill/zkvm/prover/proof.hpp"

#include <fmt/format.h>

#include <cstring>

#include "rill/zkvm/prover/statement.hpp"

namespace rill::zkvm {

namespace {

constexpr char kMagic[8] = {'R', 'I', 'L', 'L', 'P', 'R', 'F', '1'};
constexpr u8 kStage1Tag = 1;
// Sanity bounds on counts read from untrusted bytes (log T + 5 rounds, degree 3, 34 claims).
constexpr u32 kMaxRounds = 64;
constexpr u32 kMaxDegree = 32;
constexpr u32 kMaxClaims = 1024;
constexpr u32 kMaxOutputBytes = u32{1} << 24;

class Writer {
 public:
  void bytes(std::span<const u8> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void uint(u64 v, unsigned width) {
    for (unsigned i = 0; i < width; ++i) out_.push_back(static_cast<u8>(v >> (8 * i)));
  }
  void field(const Fr& x) { bytes(x.to_bytes()); }
  std::vector<u8> take() { return std::move(out_); }

 private:
  std::vector<u8> out_;
};

// Reads from untrusted bytes; the first failure is kept and every later read fails too.
class Reader {
 public:
  explicit Reader(std::span<const u8> in) : in_(in) {}
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

  void fail(std::string why) {
    if (ok()) error_ = std::move(why);
  }
  std::span<const u8> bytes(std::size_t n, const char* what) {
    if (!ok()) return {};
    if (remaining() < n) {
      fail(fmt::format("truncated proof: {} needs {} bytes, {} left", what, n, remaining()));
      return {};
    }
    const auto s = in_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  u64 uint(unsigned width, const char* what) {
    const auto b = bytes(width, what);
    u64 v = 0;
    for (std::size_t i = 0; i < b.size(); ++i) v |= u64{b[i]} << (8 * i);
    return v;
  }
  Fr field(const char* what) {
    const auto b = bytes(32, what);
    if (!ok()) return Fr::zero();
    const auto x = Fr::from_bytes(b);
    if (!x) fail(fmt::format("non-canonical field element in {}", what));
    return x.value_or(Fr::zero());
  }

 private:
  std::span<const u8> in_;
  std::size_t pos_ = 0;
  std::string error_;
};

void write_stage1(Writer& w, const Stage1Proof& s) {
  w.uint(kStage1Tag, 1);
  const auto& rounds = s.sumcheck.round_polys;
  const std::size_t degree = rounds.empty() ? 0 : rounds.front().degree();
  w.uint(rounds.size(), 4);
  w.uint(degree, 1);
  for (const CompressedUniPoly& p : rounds) {
    RILL_CHECK_EQ(p.degree(), degree, "every round polynomial has the batch degree");
    for (const Fr& c : p.coeffs_except_linear()) w.field(c);
  }
  w.uint(s.input_claims.size(), 4);
  for (const Fr& c : s.input_claims) w.field(c);
}

Stage1Proof read_stage1(Reader& r) {
  Stage1Proof s;
  if (r.uint(1, "stage tag") != kStage1Tag) r.fail("expected the stage 1 section");
  const u64 rounds = r.uint(4, "stage 1 round count");
  const u64 degree = r.uint(1, "stage 1 degree");
  if (rounds > kMaxRounds || degree > kMaxDegree) r.fail("stage 1 round count or degree too large");
  for (u64 i = 0; i < rounds && r.ok(); ++i) {
    std::vector<Fr> coeffs;
    for (u64 k = 0; k < degree && r.ok(); ++k)
      coeffs.push_back(r.field("stage 1 round polynomial"));
    s.sumcheck.round_polys.emplace_back(std::move(coeffs));
  }
  const u64 claims = r.uint(4, "stage 1 claim count");
  if (claims > kMaxClaims) r.fail("stage 1 claim count too large");
  for (u64 i = 0; i < claims && r.ok(); ++i) s.input_claims.push_back(r.field("stage 1 claims"));
  return s;
}

}  // namespace

std::vector<u8> serialize(const Proof& proof) {
  Writer w;
  w.bytes(std::span(reinterpret_cast<const u8*>(kMagic), sizeof kMagic));
  w.uint(kProofFormatVersion, 4);
  w.uint(proof.trace_length, 8);
  w.uint(proof.ram_k, 8);
  w.uint(proof.output.size(), 4);
  w.bytes(proof.output);
  w.uint(proof.panicked ? 1 : 0, 1);
  write_stage1(w, proof.stage1);
  return w.take();
}

ProofDecoding deserialize(std::span<const u8> bytes) {
  Reader r(bytes);
  const auto magic = r.bytes(sizeof kMagic, "magic");
  if (r.ok() && std::memcmp(magic.data(), kMagic, sizeof kMagic) != 0) r.fail("not a Rill proof");
  const u64 version = r.uint(4, "format version");
  if (r.ok() && version != kProofFormatVersion)
    r.fail(
        fmt::format("proof format version {}, this build reads {}", version, kProofFormatVersion));
  Proof proof;
  proof.trace_length = r.uint(8, "trace length");
  proof.ram_k = r.uint(8, "K_ram");
  const u64 output_len = r.uint(4, "output length");
  if (output_len > kMaxOutputBytes) r.fail("output length too large");
  const auto output = r.bytes(r.ok() ? output_len : 0, "output bytes");
  proof.output.assign(output.begin(), output.end());
  const u64 panic = r.uint(1, "panic flag");
  if (r.ok() && panic > 1) r.fail("panic flag is neither 0 nor 1");
  proof.panicked = panic == 1;
  proof.stage1 = read_stage1(r);
  if (r.ok() && !r.at_end()) r.fail(fmt::format("{} trailing bytes", r.remaining()));
  if (!r.ok()) return {std::nullopt, r.error()};
  return {std::move(proof), {}};
}

}  // namespace rill::zkvm
