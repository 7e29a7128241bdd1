// rill::Fq, the BN254 base field: p =
// 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47. Curve coordinates live here.
// p ≡ 3 (mod 4), so Fq has sqrt() (see prime_field.hpp).
#pragma once

#include "rill/field/prime_field.hpp"

namespace rill {

struct FqParams {
  static constexpr std::array<u64, 4> kModulus = {0x3c208c16d87cfd47, 0x97816a916871ca8d,
                                                  0xb85045b68181585d, 0x30644e72e131a029};
};

using Fq = PrimeField<FqParams>;

}  // namespace rill
