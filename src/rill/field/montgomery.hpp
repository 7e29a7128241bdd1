// Montgomery multiplication entry point: the MULX/ADCX/ADOX assembly where the CPU has BMI2 and
// ADX (checked once at start-up), the portable unsigned-128-bit code otherwise and in constant
// expressions. Both are always built and tested against each other.
#pragma once

#include <type_traits>

#include "rill/field/limbs.hpp"
#include "rill/field/montgomery_adx.hpp"

namespace rill::field_detail {

// a·b·2^-256 mod p for a, b < p. p and p_inv_neg should name static constants, so that the
// assembly can address them directly.
constexpr Limbs mont_mul(const Limbs& a, const Limbs& b, const Limbs& p, const u64& p_inv_neg) {
#if RILL_FIELD_HAVE_ADX_ASM
  if (!std::is_constant_evaluated() && cpu_has_mulx_adx()) return mont_mul_adx(a, b, p, p_inv_neg);
#endif
  return mont_mul_portable(a, b, p, p_inv_neg);
}

}  // namespace rill::field_detail
