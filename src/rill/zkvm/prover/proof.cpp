#include "rill/zkvm/prover/proof.hpp"

#include <fmt/format.h>

#include <cstring>

#include "rill/util/bits.hpp"
#include "rill/util/byte_io.hpp"
#include "rill/zkvm/prover/statement.hpp"

namespace rill::zkvm {

namespace {

constexpr char kMagic[8] = {'R', 'I', 'L', 'L', 'P', 'R', 'F', '1'};
constexpr u32 kMaxOutputBytes = u32{1} << 24;

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
  std::size_t size = 64 + proof.output.size();
  for (const StageProof& stage : proof.stages) size += stage_proof_bytes(stage.id, shape);
  ByteWriter w(size);
  w.bytes(std::span(reinterpret_cast<const u8*>(kMagic), sizeof kMagic));
  w.uint(kProofFormatVersion, 4);
  w.uint(proof.trace_length, 8);
  w.uint(proof.ram_k, 8);
  w.uint(proof.bytecode_k, 8);
  w.uint(proof.output.size(), 4);
  w.bytes(proof.output);
  w.uint(proof.panicked ? 1 : 0, 1);
  for (const StageProof& stage : proof.stages) write_stage_proof(w, stage, shape);
  return w.take();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

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
    for (const StageId id : landed_stages()) {
      if (!r.ok()) break;
      proof.stages.push_back(read_stage_proof(r, id, shape));
    }
  }
  if (r.ok() && !r.at_end()) r.fail(fmt::format("{} trailing bytes", r.remaining()));
  if (!r.ok()) return {std::nullopt, r.error()};
  return {std::move(proof), {}};
}

}  // namespace rill::zkvm
