// The proof container and its byte format, version 6 (docs/proof-format.md, "Proof
// container"). All integers little-endian, field elements canonical 32-byte little-endian:
//
//   "RILLPRF1" (8 bytes) | u32 format version | u64 T | u64 K_ram | u64 K_bc
//   | u32 output length | output bytes | u8 panic flag (0 or 1)
//   | u8 tag 0, the commitments (stage 0: 2 + d_I + d_R + d_B GT elements, 384 bytes each)
//   | one section per sumcheck stage, in stage order (stage_proof.hpp): u8 tag (1–8), then round
//     g's degree_g coefficients for every round g, then the stage's new claims
//   | u8 tag 9, the Dory opening proof (stage 8, σ rounds: 1029 + 2880·σ bytes)
//
// Every count is fixed by the stage table and (T, K_ram, K_bc); deserialization checks those
// sizes first and rejects a wrong magic or version, short or trailing bytes, non-canonical field
// elements and group elements outside their groups. The verifier checks K_bc against the program.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rill/curve/gt.hpp"
#include "rill/pcs/proof.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/stages/stage_proof.hpp"
#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {

struct Proof {
  u64 trace_length = 0;
  u64 ram_k = 0;
  u64 bytecode_k = 0;  // K_bc, the padded expanded-bytecode size
  // The public outputs the proof claims. They are bound through the transcript preamble, so the
  // verifier checks them; they travel in the container so that a proof file is self-describing.
  std::vector<u8> output;
  bool panicked = false;
  std::vector<GT> commitments;     // stage 0, commitment order (committed_polys)
  std::vector<StageProof> stages;  // sumcheck_stages(), in order
  DoryProof opening;               // stage 8

  ProtocolShape shape() const { return ProtocolShape::from_sizes(trace_length, ram_k, bytecode_k); }
  const StageProof& stage(StageId id) const;
  StageProof& stage(StageId id);
};

// Bounds on the sizes a proof may state (T = 2^40 cycles is far beyond any run we prove).
inline constexpr u64 kMinTraceLength = 256;
inline constexpr u64 kMaxTraceLength = u64{1} << 40;
inline constexpr u64 kMaxRamK = u64{1} << 32;
inline constexpr u64 kMaxBytecodeK = u64{1} << 32;
// Why the sizes are not acceptable, or empty.
std::string check_proof_sizes(u64 trace_length, u64 ram_k, u64 bytecode_k);

std::vector<u8> serialize(const Proof& proof);

// Bytes of each part of a serialized proof, in container order (header, stage 0, the sumcheck
// stages, stage 8), for size reports; they sum to serialize(proof).size().
struct ProofSection {
  std::string name;
  std::size_t bytes = 0;
};
std::vector<ProofSection> proof_sections(const Proof& proof);

struct ProofDecoding {
  std::optional<Proof> proof;
  std::string error;  // why decoding failed
};
ProofDecoding deserialize(std::span<const u8> bytes);

}  // namespace rill::zkvm
