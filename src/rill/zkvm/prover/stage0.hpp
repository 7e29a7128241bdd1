// Stage 0: the witness commitments (docs/protocol.md, "Stage 0 and stage 8"; reference
// jolt-protocol.md §1.3, §10; layout in witness_commitment.hpp).
//
// After the preamble and before stage 1, the prover commits to every committed polynomial in
// ONE pass over the trace (commit_witness) and both sides append the commitments to the
// transcript in commitment order — RdInc, RamInc, InstructionRa(0..d_I), RamRaChunk(0..d_R),
// BytecodeRa(0..d_B) — each as its canonical 384-byte GT encoding under the label "commitment".
//
// Wire encoding (docs/proof-format.md, "Stage 0 and stage 8 sections"): the commitments in that
// order, 384 bytes each, nothing else; the count 2 + d_I + d_R + d_B follows from the statement
// (T, K_ram, K_bc fix OneHotParams), so the decoder takes it as an argument and rejects any other
// length, non-canonical encodings and values outside GT.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rill/curve/decode_result.hpp"
#include "rill/curve/gt.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/zkvm/prover/witness_commitment.hpp"

namespace rill::zkvm {

inline constexpr std::string_view kCommitmentLabel = "commitment";
inline constexpr std::size_t kCommitmentBytes = 384;

// Both sides: appends the commitments (commitment order) to the transcript.
void absorb_commitments(std::span<const GT> commitments, Transcript& transcript);

// The GT values of a prover's commitments (without the hints).
std::vector<GT> commitment_values(const WitnessCommitments& commitments);

// Prover: one pass over the source commits every committed polynomial; the commitments are
// absorbed. The hints (row commitments) stay with the prover for stage 8.
template <RecordSource S>
WitnessCommitments commit_stage0(const S& source, const DorySetup& setup,
                                 const OneHotParams& one_hot, Transcript& transcript,
                                 std::size_t max_span = 1 << 12) {
  const MatrixShape shape =
      witness_matrix_shape(log2_exact(source.padded_len()), one_hot.log_k_chunk);
  RILL_CHECK(shape.log_columns <= setup.max_log_columns(), "Dory setup too small for the trace");
  WitnessCommitments out = commit_witness(source, setup, one_hot, max_span);
  absorb_commitments(commitment_values(out), transcript);
  return out;
}

// Codec of the stage-0 section.
std::vector<u8> encode_commitments(std::span<const GT> commitments);
DecodeResult<std::vector<GT>> decode_commitments(std::span<const u8> bytes,
                                                 const OneHotParams& one_hot);

// Verifier: decodes the section and, only if it is valid, absorbs the commitments exactly as the
// prover did. Never aborts on untrusted bytes.
DecodeResult<std::vector<GT>> read_stage0(std::span<const u8> bytes, const OneHotParams& one_hot,
                                          Transcript& transcript);

}  // namespace rill::zkvm
