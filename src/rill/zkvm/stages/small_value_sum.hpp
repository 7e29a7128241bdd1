// Σ a_i·k_i for field elements a_i and small integers k_i (witness values: at most 65 bits, or
// their products with small guard values), accumulated without a modular reduction per term.
// Most terms take the one-word path of UnreducedAccumulator; the rare k beyond 64 bits is
// multiplied out first.
#pragma once

#include "rill/field/accumulator.hpp"
#include "rill/field/fr.hpp"
#include "rill/util/int.hpp"

namespace rill::zkvm {

class SmallValueSum {
 public:
  void add(const Fr& a, i128 k) {
    if (k >= 0 && k <= static_cast<i128>(~u64{0})) {
      acc_.add_product_u64(a, static_cast<u64>(k));
    } else if (k < 0 && k >= static_cast<i128>(INT64_MIN)) {
      acc_.add_product_i64(a, static_cast<i64>(k));
    } else {
      acc_.add(a.mul_i128(k));
    }
  }
  void add(const Fr& a) { acc_.add(a); }
  void merge(const SmallValueSum& other) { acc_.merge(other.acc_); }
  Fr reduce() const { return acc_.reduce(); }

 private:
  UnreducedAccumulator<Fr> acc_;
};

}  // namespace rill::zkvm
