// The prover side of a stage instance (the stage contract, stage_proof.hpp).
#pragma once

#include <vector>

#include "rill/sumcheck/instance.hpp"
#include "rill/zkvm/stages/claims.hpp"
#include "rill/zkvm/stages/stage_proof.hpp"
#include "rill/zkvm/witness/cycle_record.hpp"

namespace rill::zkvm {

// The prover side of one instance of a stage: a sumcheck instance over per-row records, plus
// the output claims it owns (its part of the stage table's schedule) once the batch is over.
class StageProver : public StreamingInstance<CycleRecord> {
 public:
  // After the batch, with the stage's points set: the claims the instance evaluates itself
  // (typically its factors at the final point).
  virtual void output_claims(const PointTable& points, StageClaims& claims) const = 0;
  // Its per-cycle claims that are not factors: evaluated by the stage's sidecar pass.
  virtual std::vector<ClaimKey> sidecar_claims() const { return {}; }
};

}  // namespace rill::zkvm
