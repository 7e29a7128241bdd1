#include "rill/zkvm/prover/proof.hpp"

#include <fmt/format.h>

#include <cstring>

#include "rill/util/byte_io.hpp"
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

// Field elements are canonical 32-byte little-endian.
void write_field(ByteWriter& w, const Fr& x) { w.bytes(x.to_bytes()); }

Fr read_field(ByteReader& r, const char* what) {
  const auto b = r.bytes(32, what);
  if (!r.ok()) return Fr::zero();
  const auto x = Fr::from_bytes(b);
  if (!x) r.fail(fmt::format("non-canonical field element in {}", what));
  return x.value_or(Fr::zero());
}

void write_stage1(ByteWriter& w, const Stage1Proof& s) {
  w.uint(kStage1Tag, 1);
  const auto& rounds = s.sumcheck.round_polys;
  const std::size_t degree = rounds.empty() ? 0 : rounds.front().degree();
  w.uint(rounds.size(), 4);
  w.uint(degree, 1);
  for (const CompressedUniPoly& p : rounds) {
    RILL_CHECK_EQ(p.degree(), degree, "every round polynomial has the batch degree");
    for (const Fr& c : p.coeffs_except_linear()) write_field(w, c);
  }
  w.uint(s.input_claims.size(), 4);
  for (const Fr& c : s.input_claims) write_field(w, c);
}

Stage1Proof read_stage1(ByteReader& r) {
  Stage1Proof s;
  if (r.uint(1, "stage tag") != kStage1Tag) r.fail("expected the stage 1 section");
  const u64 rounds = r.uint(4, "stage 1 round count");
  const u64 degree = r.uint(1, "stage 1 degree");
  if (rounds > kMaxRounds || degree > kMaxDegree) r.fail("stage 1 round count or degree too large");
  for (u64 i = 0; i < rounds && r.ok(); ++i) {
    std::vector<Fr> coeffs;
    for (u64 k = 0; k < degree && r.ok(); ++k)
      coeffs.push_back(read_field(r, "stage 1 round polynomial"));
    s.sumcheck.round_polys.emplace_back(std::move(coeffs));
  }
  const u64 claims = r.uint(4, "stage 1 claim count");
  if (claims > kMaxClaims) r.fail("stage 1 claim count too large");
  for (u64 i = 0; i < claims && r.ok(); ++i)
    s.input_claims.push_back(read_field(r, "stage 1 claims"));
  return s;
}

}  // namespace

std::vector<u8> serialize(const Proof& proof) {
  ByteWriter w;
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
  ByteReader r(bytes);
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
