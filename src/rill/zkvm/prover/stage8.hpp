// Stage 8: the one batched Dory opening of every committed claim (docs/protocol.md, "Stage 0 and
// stage 8"; reference jolt-protocol.md §10, dory.md §5).
//
// After stage 7 every committed claim the stage table lists for stage 8 sits at one point, up to
// embedding: each one-hot chunk at r = (r_a^7 ‖ r_c^6) (big-endian, log_k_chunk + log T
// coordinates: CycleMajor puts the address bits high), RdInc and RamInc at r_c^6. A dense Inc
// polynomial lives in the k = 0 rows of its K_chunk × T matrix, so as a K_chunk × T polynomial
//   Inc~(r_a ‖ r_c) = Σ_{k,j} eq(r_a, k)·eq(r_c, j)·[k = 0]·Inc(j) = Π_m (1 − r_a[m]) · Inc(r_c),
// and its batch value is the claim times that embedding factor. The claims, in the stage table's
// order (RdInc, RamInc, InstructionRa…, BytecodeRa…, RamRa…), go to prove_dory_batch /
// verify_dory_batch (pcs/batch.hpp): both sides absorb the count, the commitments and the
// embedded values, draw one 128-bit coefficient γ_i per claim, and the prover opens
// f* = Σ γ_i·f_i at r with the combined hint, against C* = Σ γ_i·C_i and y* = Σ γ_i·y_i.
// The opening's vector–matrix product is answered by ONE pass over the trace
// (WitnessOpeningProvider): nothing T-sized is built and no polynomial gets a pass of its own.
//
// Wire encoding: the Dory proof's canonical encoding (pcs/proof.hpp) with σ rounds, σ from the
// committed layout (witness_matrix_shape), never from the proof.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rill/curve/decode_result.hpp"
#include "rill/pcs/batch.hpp"
#include "rill/pcs/proof.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/zkvm/prover/witness_commitment.hpp"
#include "rill/zkvm/stages/opening_accumulator.hpp"
#include "rill/zkvm/stages/stage_proof.hpp"
#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {

// What both sides open: the stage-8 claims in stage-table order.
struct Stage8Batch {
  std::vector<PolyId> polys;
  std::vector<std::size_t> commitment_index;  // position of each poly in committed_polys order
  std::vector<Fr> point;                      // r = (r_a^7 ‖ r_c^6)
  std::vector<Fr> values;                     // claims, Inc ones times Π(1 − r_a^7)
  std::string error;                          // non-empty: a claim or point is missing
  bool ok() const { return error.empty(); }
};
Stage8Batch stage8_batch(const ProtocolShape& shape, const OpeningAccumulator& accumulator);

// The Dory matrix shape of every committed polynomial for this protocol shape.
MatrixShape stage8_matrix_shape(const ProtocolShape& shape);

// Prover: `commitments` are stage 0's (commitment order, with their hints). Reads the trace
// exactly once.
template <RecordSource S>
DoryProof prove_stage8(const S& source, const DorySetup& setup, const ProtocolShape& shape,
                       const WitnessCommitments& commitments, const OpeningAccumulator& accumulator,
                       Transcript& transcript, std::size_t max_span = 1 << 12,
                       const PreparedRowGenerators* prepared = nullptr) {
  RILL_CHECK_EQ(source.padded_len(), u64{1} << shape.log_t, "the source is the shape's trace");
  const Stage8Batch batch = stage8_batch(shape, accumulator);
  RILL_CHECK(batch.ok(), batch.error);
  RILL_CHECK(commitments.polys == committed_polys(shape.one_hot), "stage 0's commitments");
  std::vector<GT> values;
  std::vector<std::span<const G1Affine>> hints;
  for (const std::size_t i : batch.commitment_index) {
    values.push_back(commitments.commitments[i].commitment);
    hints.push_back(commitments.commitments[i].row_commitments);
  }
  const WitnessOpeningProvider<S> provider(source, batch.polys, shape.one_hot.log_k_chunk,
                                           max_span);
  return prove_dory_batch(setup, stage8_matrix_shape(shape), values, batch.point, batch.values,
                          hints, provider, transcript, prepared);
}

// Verifier: `commitments` as stage 0 read them (commitment order). Never aborts on a bad proof or
// on commitments of the wrong count.
StageVerification verify_stage8(const DoryVerifierSetup& setup, const ProtocolShape& shape,
                                std::span<const GT> commitments,
                                const OpeningAccumulator& accumulator, const DoryProof& proof,
                                Transcript& transcript);

// Codec of the stage-8 section.
std::vector<u8> encode_stage8_proof(const DoryProof& proof);
DecodeResult<DoryProof> decode_stage8_proof(std::span<const u8> bytes, const ProtocolShape& shape);

}  // namespace rill::zkvm
