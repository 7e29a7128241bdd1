// The opening-claim accumulator (ARCHITECTURE.md §3): every claim "polynomial P at point r has
// value v" a stage emits goes through one accumulator, prover and verifier alike. A repeated
// (P, r) with the same value is a duplicate (absorbed into the transcript once); with a
// different value it is a conflict, which the prover treats as a bug and the verifier as an
// invalid proof. Later stages read the claims they reduce from here.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "rill/field/fr.hpp"
#include "rill/transcript/transcript.hpp"
#include "rill/util/int.hpp"
#include "rill/zkvm/witness/r1cs_inputs.hpp"

namespace rill::zkvm {

inline constexpr std::string_view kOpeningClaimLabel = "opening_claim";

// Which polynomial a claim is about. Families grow as stages land (committed polynomials, ra
// chunks, …); the number space is protocol-internal, never serialized.
enum class PolyFamily : u8 { kR1csInput };
struct PolyId {
  PolyFamily family;
  u16 index;
  auto operator<=>(const PolyId&) const = default;
};
inline PolyId r1cs_input_id(Input input) {
  return {PolyFamily::kR1csInput, static_cast<u16>(index_of(input))};
}
std::string poly_name(PolyId id);

class OpeningAccumulator {
 public:
  enum class Added { kNew, kDuplicate, kConflict };

  // Records the claim; a conflicting claim leaves the first one in place.
  Added add(PolyId poly, std::span<const Fr> point, const Fr& value);
  // Records the claim and, when it is new, appends it to the transcript ("opening_claim").
  // Returns false on a conflict.
  bool add_and_absorb(PolyId poly, std::span<const Fr> point, const Fr& value,
                      Transcript& transcript);

  std::optional<Fr> find(PolyId poly, std::span<const Fr> point) const;
  std::size_t size() const { return claims_.size(); }

 private:
  using Key = std::pair<PolyId, std::vector<std::array<u8, 32>>>;
  static Key key(PolyId poly, std::span<const Fr> point);
  std::map<Key, Fr> claims_;
};

}  // namespace rill::zkvm
