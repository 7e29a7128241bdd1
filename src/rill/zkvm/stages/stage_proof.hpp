// The one stage contract (docs/protocol.md, "Stage table"; docs/proof-format.md): a stage proof
// is a batched sumcheck proof plus the values of its new output claims in schedule order, and
// every stage goes through the same steps, read from the stage table:
//
//   prover:   draw_stage_challenges → (the stage builds its instances) → prove_stage: the batch,
//             then the named points, then the claims (evaluated by the stage's callback) are
//             checked against the accumulator and absorbed in schedule order;
//   verifier: verify_stage: every input claim must be in the accumulator; the same draws; the
//             stage builds its verifier instances from the challenges and a view of the claims;
//             the batch; the named points; the new claims absorbed in schedule order.
//
// One codec serves every stage: round g of the batch carries exactly degree_g coefficients
// (its compressed form), degree_g the highest degree among the instances active in round g;
// then the new claims. Counts come from the table and the statement, never from the bytes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rill/sumcheck/batched.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/util/byte_io.hpp"
#include "rill/util/function_ref.hpp"
#include "rill/zkvm/stages/opening_accumulator.hpp"
#include "rill/zkvm/stages/stage_table.hpp"

namespace rill::zkvm {

struct StageProof {
  StageId id = StageId::k1;
  BatchedSumcheckProof sumcheck;
  std::vector<Fr> claims;  // values of new_output_claims(id), in that order
  bool operator==(const StageProof&) const;
};

// Codec: the stage's section of the proof container (u8 tag = stage index + 1, rounds, claims).
void write_stage_proof(ByteWriter& w, const StageProof& proof, const ProtocolShape& shape);
StageProof read_stage_proof(ByteReader& r, StageId id, const ProtocolShape& shape);
// Bytes of the section (for size reports and bounds).
std::size_t stage_proof_bytes(StageId id, const ProtocolShape& shape);

// The challenges a stage draws before its sumcheck, by the table's names, in the table's order.
class StageChallenges {
 public:
  const std::vector<Fr>& operator[](std::string_view name) const;
  const Fr& scalar(std::string_view name) const;  // a one-challenge draw
  void set(std::string_view name, std::vector<Fr> values) { values_[std::string(name)] = values; }

 private:
  std::map<std::string, std::vector<Fr>, std::less<>> values_;
};
StageChallenges draw_stage_challenges(const StageSpec& spec, Transcript& transcript);

// The values of a stage's output claims, by key (the prover's, from its evaluations; the
// verifier's, from the proof and the accumulator).
class StageClaims {
 public:
  void set(const ClaimKey& key, const Fr& value);
  bool contains(const ClaimKey& key) const { return values_.contains(key); }
  const Fr& operator[](const ClaimKey& key) const;  // must be present (a bug otherwise)

 private:
  std::map<ClaimKey, Fr> values_;
};

// Prover, after the batch: records the stage's points from its challenges, asks `evaluate` for
// the output claims (the points are resolvable by then, e.g. for a sidecar pass), and absorbs
// them in schedule order. Returns the stage proof.
StageProof finish_stage(const StageSpec& spec, BatchedProverOutput batch,
                        FunctionRef<void(StageClaims&)> evaluate, Transcript& transcript,
                        OpeningAccumulator& accumulator);

// Checks that the prover's batch items follow the table (offsets, rounds, per-round degree).
void check_stage_items(const StageSpec& spec, std::span<const BatchItem> items);

struct StageVerification {
  std::optional<std::string> failure;  // empty when the stage verifies
  bool ok() const { return !failure.has_value(); }
};

// Verifier: builds the instances (one per table instance, batch order) from the drawn
// challenges, the claims view (every output claim of the stage, new or earlier) and the
// accumulator (input claims, earlier points); never aborts on untrusted bytes.
using VerifierInstances = std::vector<std::unique_ptr<SumcheckVerifierInstance>>;
using MakeVerifiers = FunctionRef<VerifierInstances(const StageChallenges&, const StageClaims&,
                                                    const OpeningAccumulator&)>;
StageVerification verify_stage(const StageSpec& spec, const StageProof& proof,
                               MakeVerifiers make_verifiers, Transcript& transcript,
                               OpeningAccumulator& accumulator);

// The points a stage defines, from its challenges (shared by the prover and the verifier).
void set_stage_points(const StageSpec& spec, std::span<const Fr> challenges, PointTable& points);

}  // namespace rill::zkvm
