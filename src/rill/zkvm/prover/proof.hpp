// The proof container and its byte format, version 2 (docs/proof-format.md, "Proof container
// and stage 1"). All integers little-endian, field elements as canonical 32-byte little-endian:
//
//   "RILLPRF1" (8 bytes) | u32 format version | u64 T | u64 K_ram
//   | u32 output length | output bytes | u8 panic flag (0 or 1)
//   stage 1: u8 tag 1 | u32 rounds | u8 degree | rounds × degree field elements (each round
//            polynomial compressed: every coefficient but the linear one)
//            | u32 claims | claims × field element
//
// Stages are serialized one after another in stage order; deserialization rejects a wrong
// magic or version, short or trailing bytes, wrong counts and non-canonical field elements.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rill/util/int.hpp"
#include "rill/zkvm/stages/stage1.hpp"

namespace rill::zkvm {

struct Proof {
  u64 trace_length = 0;
  u64 ram_k = 0;
  // The public outputs the proof claims. They are bound through the transcript preamble, so the
  // verifier checks them; they travel in the container so that a proof file is self-describing.
  std::vector<u8> output;
  bool panicked = false;
  Stage1Proof stage1;
};

std::vector<u8> serialize(const Proof& proof);

struct ProofDecoding {
  std::optional<Proof> proof;
  std::string error;  // why decoding failed
};
ProofDecoding deserialize(std::span<const u8> bytes);

}  // namespace rill::zkvm
