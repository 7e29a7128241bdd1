#include "rill/zkvm/stages/halved_eq_table.hpp"

#include <utility>

#include "rill/sumcheck/weight.hpp"

namespace rill::zkvm {

// The eq weight's prefix × suffix split (sumcheck/weight.hpp, Weight::split) at ⌊n/2⌋ low bits:
// one mechanism splits eq, whether for a sumcheck weight or for this point evaluator.
HalvedEqTable::HalvedEqTable(std::span<const Fr> w)
    : low_bits_(static_cast<unsigned>(w.size() / 2)), low_mask_((u64{1} << low_bits_) - 1) {
  PrefixSuffix split = Weight::eq(std::vector<Fr>(w.begin(), w.end())).split(low_bits_);
  low_ = std::move(split.prefix.at(0));
  high_ = std::move(split.suffix.at(0));
}

}  // namespace rill::zkvm
