// rill::Fr, the BN254 scalar field: r =
// 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001. Sumcheck, polynomials and
// transcripts work over Fr. See prime_field.hpp for the operations.
#pragma once

#include "rill/field/prime_field.hpp"

namespace rill {

struct FrParams {
  static constexpr std::array<u64, 4> kModulus = {0x43e1f593f0000001, 0x2833e84879b97091,
                                                  0xb85045b68181585d, 0x30644e72e131a029};
};

using Fr = PrimeField<FrParams>;

}  // namespace rill
