#include "rill/zkvm/stages/opening_accumulator.hpp"

namespace rill::zkvm {

std::string poly_name(PolyId id) {
  switch (id.family) {
    case PolyFamily::kR1csInput:
      return std::string(input_name(static_cast<Input>(id.index)));
  }
  return "unknown";
}

OpeningAccumulator::Key OpeningAccumulator::key(PolyId poly, std::span<const Fr> point) {
  Key k{poly, {}};
  k.second.reserve(point.size());
  for (const Fr& x : point) k.second.push_back(x.to_bytes());
  return k;
}

OpeningAccumulator::Added OpeningAccumulator::add(PolyId poly, std::span<const Fr> point,
                                                  const Fr& value) {
  auto [it, inserted] = claims_.emplace(key(poly, point), value);
  if (inserted) return Added::kNew;
  return it->second == value ? Added::kDuplicate : Added::kConflict;
}

bool OpeningAccumulator::add_and_absorb(PolyId poly, std::span<const Fr> point, const Fr& value,
                                        Transcript& transcript) {
  const Added added = add(poly, point, value);
  if (added == Added::kNew) transcript.append_scalar(kOpeningClaimLabel, value);
  return added != Added::kConflict;
}

std::optional<Fr> OpeningAccumulator::find(PolyId poly, std::span<const Fr> point) const {
  const auto it = claims_.find(key(poly, point));
  if (it == claims_.end()) return std::nullopt;
  return it->second;
}

}  // namespace rill::zkvm
