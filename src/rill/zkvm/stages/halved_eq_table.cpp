#include "rill/zkvm/stages/halved_eq_table.hpp"

namespace rill::zkvm {

HalvedEqTable::HalvedEqTable(std::span<const Fr> w)
    : low_bits_(static_cast<unsigned>(w.size() / 2)),
      low_mask_((u64{1} << low_bits_) - 1),
      low_(eq_table(w.subspan(w.size() - low_bits_))),
      high_(eq_table(w.first(w.size() - low_bits_))) {}

}  // namespace rill::zkvm
