#include "rill/zkvm/prover/stage8.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rill::zkvm {

namespace {

bool is_dense_inc(PolyId id) {
  return id.family == PolyFamily::kRdInc || id.family == PolyFamily::kRamInc;
}

}  // namespace

MatrixShape stage8_matrix_shape(const ProtocolShape& shape) {
  return witness_matrix_shape(shape.log_t, shape.one_hot.log_k_chunk);
}

Stage8Batch stage8_batch(const ProtocolShape& shape, const OpeningAccumulator& accumulator) {
  Stage8Batch batch;
  const ClaimPoint final_point = at(PointName::kAddress7, PointName::kCycle6);
  const std::optional<std::vector<Fr>> r = accumulator.points().resolve(final_point);
  if (!r) {
    batch.error = "stage 8: the point (r_a^7 ‖ r_c^6) has not been produced";
    return batch;
  }
  const unsigned log_k = shape.one_hot.log_k_chunk;
  if (r->size() != log_k + shape.log_t) {
    batch.error = "stage 8: the final point has the wrong length";
    return batch;
  }
  batch.point = *r;
  // eq(r_a^7, 0) = Π_m (1 − r_a^7[m]): the k = 0 rows' weight.
  Fr embedding = Fr::one();
  for (unsigned m = 0; m < log_k; ++m) embedding *= Fr::one() - batch.point[m];

  const std::vector<PolyId> committed = committed_polys(shape.one_hot);
  for (const ClaimKey& key : stage_spec(StageId::k8, shape).inputs()) {
    const auto it = std::find(committed.begin(), committed.end(), key.poly);
    RILL_CHECK(it != committed.end(), "stage 8 opens only committed polynomials");
    const bool dense = is_dense_inc(key.poly);
    RILL_CHECK(key.point == (dense ? at(PointName::kCycle6) : final_point),
               "stage 8 claims sit at r_c^6 (Inc) or (r_a^7 ‖ r_c^6) (one-hot chunks)");
    const ClaimLookup claim = accumulator.find(key);
    if (!claim.ok()) {
      batch.error = "stage 8: " + claim.error;
      return batch;
    }
    batch.polys.push_back(key.poly);
    batch.commitment_index.push_back(static_cast<std::size_t>(it - committed.begin()));
    batch.values.push_back(dense ? embedding * *claim.value : *claim.value);
  }
  RILL_CHECK_EQ(batch.polys.size(), committed.size(), "stage 8 opens every committed polynomial");
  return batch;
}

StageVerification verify_stage8(const DoryVerifierSetup& setup, const ProtocolShape& shape,
                                std::span<const GT> commitments,
                                const OpeningAccumulator& accumulator, const DoryProof& proof,
                                Transcript& transcript) {
  const std::size_t expected = committed_polys(shape.one_hot).size();
  if (commitments.size() != expected)
    return {
        fmt::format("stage 8: {} commitments, the shape commits {}", commitments.size(), expected)};
  const Stage8Batch batch = stage8_batch(shape, accumulator);
  if (!batch.ok()) return {batch.error};
  std::vector<GT> ordered;
  for (const std::size_t i : batch.commitment_index) ordered.push_back(commitments[i]);
  const DoryVerifyResult result = verify_dory_batch(setup, stage8_matrix_shape(shape), ordered,
                                                    batch.point, batch.values, proof, transcript);
  if (!result.ok) return {"stage 8: Dory opening rejected: " + result.reason};
  return {};
}

std::vector<u8> encode_stage8_proof(const DoryProof& proof) { return encode_dory_proof(proof); }

DecodeResult<DoryProof> decode_stage8_proof(std::span<const u8> bytes, const ProtocolShape& shape) {
  return decode_dory_proof(bytes, stage8_matrix_shape(shape).rounds());
}

}  // namespace rill::zkvm
