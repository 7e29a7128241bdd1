// Batched sumcheck prover and verifier (reference jolt-protocol.md §2.1, docs/protocol.md).
//
// Instances with different round counts run in one sumcheck of N = max n_i rounds. Instance i is
// active in global rounds [offset_i, offset_i + n_i) — by default back-loaded, offset_i = N − n_i,
// so it receives the last n_i challenges. Protocol, with α_i the batching coefficients:
//   1. append every input claim c_i ("sumcheck_claim"), in batch order;
//   2. draw one batching coefficient α_i per instance;
//   3. batched claim C = Σ α_i·2^{N−n_i}·c_i;
//   4. per global round: H(X) = Σ α_i·H_i(X), where an inactive instance contributes the constant
//      (its running claim)/2 and an active one 2^{t_i}·h_i(X), t_i = N − offset_i − n_i being its
//      trailing inactive rounds; H is sent compressed at the batch degree max_i d_i
//      ("sumcheck_poly"), and the round challenge is drawn;
//   5. the verifier ends with C_N and checks C_N = Σ α_i·expected_i(r[offset_i, offset_i + n_i)).
// The orchestrator (these functions) is the only code that touches the transcript.
//
// Prover self-check: in every round the prover checks h_i(0) + h_i(1) = (instance i's running
// claim) for every active instance, and stops (RILL_CHECK) naming the stage, the instance and the
// round at the first failure, so a divergence (between modes, or a kernel bug) shows where it
// starts rather than as a rejected proof. Tests that deliberately prove a false claim to see the
// verifier reject it turn the check off with ScopedSelfCheckOff.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "rill/poly/univariate.hpp"
#include "rill/sumcheck/instance.hpp"
#include "rill/transcript/transcript.hpp"

namespace rill {

inline constexpr std::string_view kSumcheckClaimLabel = "sumcheck_claim";
inline constexpr std::string_view kSumcheckPolyLabel = "sumcheck_poly";

struct BatchedSumcheckProof {
  std::vector<CompressedUniPoly> round_polys;  // one per global round, at the batch degree
};

struct BatchItem {
  SumcheckInstance* instance;
  unsigned round_offset;
};

// The default alignment: every instance back-loaded (offset = N − n_i).
std::vector<BatchItem> back_aligned(std::span<SumcheckInstance* const> instances);

// Called before every global round, before any instance is asked for its polynomial; the pass
// driver implements it to run the passes that round needs.
class RoundHook {
 public:
  virtual ~RoundHook() = default;
  virtual void before_round(unsigned global_round) = 0;
};

struct BatchedProverOutput {
  BatchedSumcheckProof proof;
  std::vector<Fr> challenges;  // r_0 … r_{N−1}, in round order
};

// Names for the self-check's message: the stage (e.g. "stage 1") and one name per batch item
// (missing names print as "instance #i").
struct BatchLabels {
  std::string_view stage;
  std::span<const std::string_view> instances;
};

// round_degrees (one per global round, or empty): round g's polynomial is sent at degree
// round_degrees[g], the highest degree among the instances active in round g (a stage reads it
// from its table), instead of the batch's highest degree in every round. Each active instance's
// polynomial must then have no nonzero coefficient above it (a prover bug otherwise).
BatchedProverOutput prove_batched(std::span<const BatchItem> items, Transcript& transcript,
                                  RoundHook* hook = nullptr, const BatchLabels& labels = {},
                                  std::span<const unsigned> round_degrees = {});

// While an object of this type lives, prove_batched on this thread skips the self-check. Only for
// tests that prove false claims on purpose (the verifier must reject them); nests.
class ScopedSelfCheckOff {
 public:
  ScopedSelfCheckOff();
  ~ScopedSelfCheckOff();
  ScopedSelfCheckOff(const ScopedSelfCheckOff&) = delete;
  ScopedSelfCheckOff& operator=(const ScopedSelfCheckOff&) = delete;
};

// Whether prove_batched checks h(0) + h(1) = claim on this thread now.
bool self_check_enabled();

// ---------------------------------------------------------------------------------------------
// Verifier.

// The verifier's view of one instance.
class SumcheckVerifierInstance {
 public:
  virtual ~SumcheckVerifierInstance() = default;
  virtual unsigned num_rounds() const = 0;
  virtual unsigned degree() const = 0;
  virtual Fr input_claim() const = 0;
  // g(r) at the instance's challenges (in round order, r_0 first) from its opening claims.
  virtual Fr expected_output(std::span<const Fr> challenges) const = 0;
};

struct VerifierItem {
  const SumcheckVerifierInstance* instance;
  unsigned round_offset;
};

std::vector<VerifierItem> back_aligned(std::span<const SumcheckVerifierInstance* const> instances);

enum class SumcheckFailure {
  kEmptyBatch,          // no instances
  kBadAlignment,        // an instance's rounds do not fit in the batch
  kRoundCountMismatch,  // proof has a different number of rounds than the batch
  kDegreeMismatch,      // a round polynomial is not at the batch degree
  kFinalClaimMismatch,  // the last claim differs from Σ α_i·expected_i
};

std::string_view to_string(SumcheckFailure failure);

struct SumcheckVerification {
  std::optional<SumcheckFailure> failure;  // empty when the proof verifies
  std::vector<Fr> challenges;              // as far as verification got
  bool ok() const { return !failure.has_value(); }
};

// Never aborts on a malformed proof: every problem is a SumcheckFailure. round_degrees as for
// prove_batched: the degree each round's polynomial must have.
SumcheckVerification verify_batched(std::span<const VerifierItem> items,
                                    const BatchedSumcheckProof& proof, Transcript& transcript,
                                    std::span<const unsigned> round_degrees = {});

}  // namespace rill
