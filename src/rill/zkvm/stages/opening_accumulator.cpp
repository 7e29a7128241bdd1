#include "rill/zkvm/stages/opening_accumulator.hpp"

#include <fmt/format.h>

#include "rill/util/check.hpp"

namespace rill::zkvm {

std::string claim_name(const ClaimKey& key) {
  return fmt::format("{} @ {}", poly_name(key.poly), claim_point_name(key.point));
}

OpeningAccumulator::Added OpeningAccumulator::add(const ClaimKey& key, const Fr& value) {
  RILL_CHECK(points_.resolve(key.point).has_value(),
             "a claim names a point that has not been produced");
  auto [it, inserted] = claims_.emplace(key, value);
  if (inserted) {
    order_.push_back({key, value});
    return Added::kNew;
  }
  return it->second == value ? Added::kDuplicate : Added::kConflict;
}

bool OpeningAccumulator::add_and_absorb(const ClaimKey& key, const Fr& value,
                                        Transcript& transcript) {
  const Added added = add(key, value);
  if (added == Added::kNew) transcript.append_scalar(kOpeningClaimLabel, value);
  return added != Added::kConflict;
}

ClaimLookup OpeningAccumulator::find(const ClaimKey& key) const {
  for (unsigned p = 0; p < key.point.count; ++p) {
    const PointName name = key.point.parts[p].name;
    if (points_.find(name) == nullptr)
      return {std::nullopt, fmt::format("no claim on {}: point {} has not been produced",
                                        claim_name(key), point_name(name))};
  }
  const auto it = claims_.find(key);
  if (it == claims_.end()) return {std::nullopt, fmt::format("no claim on {}", claim_name(key))};
  return {it->second, {}};
}

std::vector<Claim> OpeningAccumulator::committed_claims() const {
  std::vector<Claim> out;
  for (const Claim& c : order_)
    if (is_committed(c.key.poly.family)) out.push_back(c);
  return out;
}

}  // namespace rill::zkvm
