#include "rill/zkvm/prover/proof.hpp"

#include <fmt/format.h>

#include <cstring>

#include "rill/util/bits.hpp"
#include "rill/util/byte_io.hpp"
#include "rill/zkvm/prover/dory_setup.hpp"
#include "rill/zkvm/prover/stage0.hpp"
#include "rill/zkvm/prover/stage8.hpp"
#include "rill/zkvm/prover/statement.hpp"

namespace rill::zkvm {

namespace {

constexpr char kMagic[8] = {'R', 'I', 'L', 'L', 'P', 'R', 'F', '1'};
constexpr u32 kMaxOutputBytes = u32{1} << 24;
// Section tags of the two non-sumcheck stages (the sumcheck stages use 1–8, stage_proof.cpp).
constexpr u8 kCommitmentsTag = 0;
constexpr u8 kOpeningTag = 9;

std::size_t header_bytes(const Proof& proof) { return 8 + 4 + 3 * 8 + 4 + proof.output.size() + 1; }
std::size_t commitments_bytes(const Proof& proof) {
  return 1 + committed_polys(proof.shape().one_hot).size() * kCommitmentBytes;
}
std::size_t opening_bytes(const Proof& proof) {
  return 1 + dory_proof_bytes(opening_log_columns(proof.shape()));
}

// Reads a section's tag byte and fails unless it is `tag`.
void expect_tag(ByteReader& r, u8 tag, const char* section) {
  const u64 got = r.uint(1, "section tag");
  if (r.ok() && got != tag) r.fail(fmt::format("expected the {} section", section));
}

}  // namespace

std::string check_proof_sizes(u64 trace_length, u64 ram_k, u64 bytecode_k) {
  if (!is_pow2(trace_length) || trace_length < kMinTraceLength || trace_length > kMaxTraceLength)
    return "trace length is not a power of two in [256, 2^40]";
  if (!is_pow2(ram_k) || ram_k < 2 || ram_k > kMaxRamK)
    return "K_ram is not a power of two in [2, 2^32]";
  if (!is_pow2(bytecode_k) || bytecode_k < 2 || bytecode_k > kMaxBytecodeK)
    return "K_bc is not a power of two in [2, 2^32]";
  return {};
}

const StageProof& Proof::stage(StageId id) const {
  for (const StageProof& s : stages)
    if (s.id == id) return s;
  RILL_CHECK(false, "the proof has no section for this stage");
  return stages.front();
}

StageProof& Proof::stage(StageId id) {
  return const_cast<StageProof&>(static_cast<const Proof&>(*this).stage(id));
}

// GCC 12 reports a false -Wstringop-overflow for the vector inserts inlined below (a known
// libstdc++ false positive on insert into a reserved vector).
// (clang has no such warning and rejects the unknown name under -Werror).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif
std::vector<u8> serialize(const Proof& proof) {
  const ProtocolShape shape = proof.shape();
  RILL_CHECK_EQ(proof.commitments.size(), committed_polys(shape.one_hot).size(),
                "one commitment per committed polynomial");
  std::size_t size = 0;
  for (const ProofSection& s : proof_sections(proof)) size += s.bytes;
  ByteWriter w(size);
  w.bytes(std::span(reinterpret_cast<const u8*>(kMagic), sizeof kMagic));
  w.uint(kProofFormatVersion, 4);
  w.uint(proof.trace_length, 8);
  w.uint(proof.ram_k, 8);
  w.uint(proof.bytecode_k, 8);
  w.uint(proof.output.size(), 4);
  w.bytes(proof.output);
  w.uint(proof.panicked ? 1 : 0, 1);
  w.uint(kCommitmentsTag, 1);
  w.bytes(encode_commitments(proof.commitments));
  for (const StageProof& stage : proof.stages) write_stage_proof(w, stage, shape);
  w.uint(kOpeningTag, 1);
  w.bytes(encode_stage8_proof(proof.opening));
  RILL_CHECK_EQ(w.size(), size, "proof_sections adds up to the serialized size");
  return w.take();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

std::vector<ProofSection> proof_sections(const Proof& proof) {
  const ProtocolShape shape = proof.shape();
  std::vector<ProofSection> out;
  out.push_back({"header", header_bytes(proof)});
  out.push_back({"stage 0 (commitments)", commitments_bytes(proof)});
  for (const StageProof& stage : proof.stages)
    out.push_back({std::string(stage_name(stage.id)), stage_proof_bytes(stage.id, shape)});
  out.push_back({"stage 8 (opening)", opening_bytes(proof)});
  return out;
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
  proof.bytecode_k = r.uint(8, "K_bc");
  if (r.ok()) {
    const std::string bad = check_proof_sizes(proof.trace_length, proof.ram_k, proof.bytecode_k);
    if (!bad.empty()) r.fail(bad);
  }
  const u64 output_len = r.uint(4, "output length");
  if (output_len > kMaxOutputBytes) r.fail("output length too large");
  const auto output = r.bytes(r.ok() ? output_len : 0, "output bytes");
  proof.output.assign(output.begin(), output.end());
  const u64 panic = r.uint(1, "panic flag");
  if (r.ok() && panic > 1) r.fail("panic flag is neither 0 nor 1");
  proof.panicked = panic == 1;
  if (r.ok()) {
    const ProtocolShape shape = proof.shape();
    expect_tag(r, kCommitmentsTag, "commitments (stage 0)");
    const auto commitments = r.bytes(commitments_bytes(proof) - 1, "commitments (stage 0)");
    if (r.ok()) {
      DecodeResult<std::vector<GT>> decoded = decode_commitments(commitments, shape.one_hot);
      if (decoded)
        proof.commitments = std::move(*decoded.value);
      else
        r.fail("stage 0: " + decoded.error);
    }
    for (const StageId id : sumcheck_stages()) {
      if (!r.ok()) break;
      proof.stages.push_back(read_stage_proof(r, id, shape));
    }
    expect_tag(r, kOpeningTag, "opening (stage 8)");
    const auto opening = r.bytes(opening_bytes(proof) - 1, "opening (stage 8)");
    if (r.ok()) {
      DecodeResult<DoryProof> decoded = decode_stage8_proof(opening, shape);
      if (decoded)
        proof.opening = std::move(*decoded.value);
      else
        r.fail("stage 8: " + decoded.error);
    }
  }
  if (r.ok() && !r.at_end()) r.fail(fmt::format("{} trailing bytes", r.remaining()));
  if (!r.ok()) return {std::nullopt, r.error()};
  return {std::move(proof), {}};
}

}  // namespace rill::zkvm
