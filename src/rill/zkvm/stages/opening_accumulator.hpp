// The opening-claim accumulator (ARCHITECTURE.md §3): every claim "polynomial P at point p has
// value v" a stage emits goes through one accumulator, prover and verifier alike. Points are
// named (claims.hpp), so a claim is keyed by (PolyId, ClaimPoint); the point values live in the
// accumulator's PointTable. A repeated key with the same value is a duplicate (absorbed into the
// transcript once, and serialized once); with a different value it is a conflict, which the
// prover treats as a bug and the verifier as an invalid proof. Later stages read the claims
// they reduce from here; the committed claims are listed for the final opening.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/zkvm/stages/claims.hpp"

namespace rill::zkvm {

inline constexpr std::string_view kOpeningClaimLabel = "opening_claim";

struct ClaimKey {
  PolyId poly;
  ClaimPoint point;
  auto operator<=>(const ClaimKey&) const = default;
};
std::string claim_name(const ClaimKey& key);  // "RamRa @ (r_a^2 ‖ r_c^1)"

struct Claim {
  ClaimKey key;
  Fr value;
};

// The result of asking for a claim: its value, or why there is none.
struct ClaimLookup {
  std::optional<Fr> value;
  std::string error;
  bool ok() const { return value.has_value(); }
};

class OpeningAccumulator {
 public:
  enum class Added { kNew, kDuplicate, kConflict };

  PointTable& points() { return points_; }
  const PointTable& points() const { return points_; }

  // Records the claim; a conflicting claim leaves the first one in place. Every point the key
  // names must have been produced (a bug otherwise: the stage table orders points before
  // claims).
  Added add(const ClaimKey& key, const Fr& value);
  // Records the claim and, when it is new, appends it to the transcript ("opening_claim").
  // Returns false on a conflict.
  bool add_and_absorb(const ClaimKey& key, const Fr& value, Transcript& transcript);

  bool contains(const ClaimKey& key) const { return claims_.contains(key); }
  // The claim, or an error naming the missing claim or the point not produced yet.
  ClaimLookup find(const ClaimKey& key) const;
  std::size_t size() const { return claims_.size(); }

  // Every claim in the order it was first added.
  const std::vector<Claim>& claims() const { return order_; }
  // The committed polynomials' claims (reference §1.3), in the order they were first added:
  // what the final opening proves.
  std::vector<Claim> committed_claims() const;

 private:
  PointTable points_;
  std::map<ClaimKey, Fr> claims_;
  std::vector<Claim> order_;
};

}  // namespace rill::zkvm
