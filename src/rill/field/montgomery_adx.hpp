// Montgomery multiplication with MULX/ADCX/ADOX (BMI2 + ADX), in inline assembly because GCC and
// Clang never emit ADCX/ADOX themselves (reference/toolchain.md §4). Two independent carry chains
// (CF through ADCX, OF through ADOX) let the low and high halves of each row of partial products
// be added in one pass. Only compiled on x86-64; callers check cpu_has_mulx_adx() first.
#pragma once

#include "rill/field/limbs.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RILL_FIELD_HAVE_ADX_ASM 1
#include <cpuid.h>
#else
#define RILL_FIELD_HAVE_ADX_ASM 0
#endif

namespace rill::field_detail {

#if RILL_FIELD_HAVE_ADX_ASM

// CPUID leaf 7, sub-leaf 0: EBX bit 8 is BMI2 (MULX), bit 19 is ADX (ADCX/ADOX).
inline bool detect_mulx_adx() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
  return ((ebx >> 8) & 1) != 0 && ((ebx >> 19) & 1) != 0;
}

// Read once at start-up. A static initializer elsewhere that multiplies before this one runs sees
// false and takes the portable path, which is equally correct.
inline const bool kCpuHasMulxAdx = detect_mulx_adx();

inline bool cpu_has_mulx_adx() {
#if defined(__ADX__) && defined(__BMI2__)
  return true;  // the build targets such CPUs only
#else
  return kCpuHasMulxAdx;
#endif
}

// clang-format off
// One CIOS row, t += a·b_i over the 5 words T0..T4 (T4 is zero on entry). `xor` clears CF and
// OF; low halves of a_j·b_i go into T_j on the CF chain, high halves into T_{j+1} on the OF chain,
// and the final CF is folded into T4.
#define RILL_ADX_MUL_ROW(B_OFFSET, T0, T1, T2, T3, T4)   \
  "movq " B_OFFSET "(%[b]), %%rdx\n\t"                   \
  "xorl %k[lo], %k[lo]\n\t"                              \
  "mulxq 0(%[a]), %[lo], %[hi]\n\t"                      \
  "adcxq %[lo], " T0 "\n\t"                              \
  "adoxq %[hi], " T1 "\n\t"                              \
  "mulxq 8(%[a]), %[lo], %[hi]\n\t"                      \
  "adcxq %[lo], " T1 "\n\t"                              \
  "adoxq %[hi], " T2 "\n\t"                              \
  "mulxq 16(%[a]), %[lo], %[hi]\n\t"                     \
  "adcxq %[lo], " T2 "\n\t"                              \
  "adoxq %[hi], " T3 "\n\t"                              \
  "mulxq 24(%[a]), %[lo], %[hi]\n\t"                     \
  "adcxq %[lo], " T3 "\n\t"                              \
  "adoxq %[hi], " T4 "\n\t"                              \
  "adcq $0, " T4 "\n\t"

// One reduction row, t += m·p with m = T0·(−p^{-1}) mod 2^64, which makes T0 zero: the caller then
// reads the words rotated by one (T1..T4, T0), the division by 2^64 for free, and the zero T0 is
// the next row's empty top word.
#define RILL_ADX_REDUCE_ROW(T0, T1, T2, T3, T4)          \
  "movq " T0 ", %%rdx\n\t"                               \
  "imulq %[inv], %%rdx\n\t"                              \
  "xorl %k[lo], %k[lo]\n\t"                              \
  "mulxq %[p0], %[lo], %[hi]\n\t"                        \
  "adcxq %[lo], " T0 "\n\t"                              \
  "adoxq %[hi], " T1 "\n\t"                              \
  "mulxq %[p1], %[lo], %[hi]\n\t"                        \
  "adcxq %[lo], " T1 "\n\t"                              \
  "adoxq %[hi], " T2 "\n\t"                              \
  "mulxq %[p2], %[lo], %[hi]\n\t"                        \
  "adcxq %[lo], " T2 "\n\t"                              \
  "adoxq %[hi], " T3 "\n\t"                              \
  "mulxq %[p3], %[lo], %[hi]\n\t"                        \
  "adcxq %[lo], " T3 "\n\t"                              \
  "adoxq %[hi], " T4 "\n\t"                              \
  "adcq $0, " T4 "\n\t"

// a·b·2^-256 mod p for a, b < p < 2^254; the same CIOS recurrence as mont_mul_portable (limbs.hpp):
// after row pair i the running value is (Σ_{j≤i} a·b_j·2^{64j} + M_i·p) / 2^{64(i+1)} < 2p. The five
// accumulator registers rotate by one word per reduction, so after four rows the result sits in
// (r4, r0, r1, r2).
inline Limbs mont_mul_adx(const Limbs& a, const Limbs& b, const Limbs& p, const u64& p_inv_neg) {
  u64 r0, r1, r2, r3, r4, lo, hi;
  __asm__(
      "xorl %k[r0], %k[r0]\n\t"
      "xorl %k[r1], %k[r1]\n\t"
      "xorl %k[r2], %k[r2]\n\t"
      "xorl %k[r3], %k[r3]\n\t"
      "xorl %k[r4], %k[r4]\n\t"
      RILL_ADX_MUL_ROW("0", "%[r0]", "%[r1]", "%[r2]", "%[r3]", "%[r4]")
      RILL_ADX_REDUCE_ROW("%[r0]", "%[r1]", "%[r2]", "%[r3]", "%[r4]")
      RILL_ADX_MUL_ROW("8", "%[r1]", "%[r2]", "%[r3]", "%[r4]", "%[r0]")
      RILL_ADX_REDUCE_ROW("%[r1]", "%[r2]", "%[r3]", "%[r4]", "%[r0]")
      RILL_ADX_MUL_ROW("16", "%[r2]", "%[r3]", "%[r4]", "%[r0]", "%[r1]")
      RILL_ADX_REDUCE_ROW("%[r2]", "%[r3]", "%[r4]", "%[r0]", "%[r1]")
      RILL_ADX_MUL_ROW("24", "%[r3]", "%[r4]", "%[r0]", "%[r1]", "%[r2]")
      RILL_ADX_REDUCE_ROW("%[r3]", "%[r4]", "%[r0]", "%[r1]", "%[r2]")
      : [r0] "=&r"(r0), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3), [r4] "=&r"(r4),
        [lo] "=&r"(lo), [hi] "=&r"(hi)
      : [a] "r"(a.data()), [b] "r"(b.data()), "m"(a), "m"(b), [p0] "m"(p[0]), [p1] "m"(p[1]),
        [p2] "m"(p[2]), [p3] "m"(p[3]), [inv] "m"(p_inv_neg)
      : "rdx", "cc");
  return subtract_modulus_if_needed(Limbs{r4, r0, r1, r2}, p);
}
// clang-format on

#undef RILL_ADX_MUL_ROW
#undef RILL_ADX_REDUCE_ROW

#else

inline bool cpu_has_mulx_adx() { return false; }

#endif  // RILL_FIELD_HAVE_ADX_ASM

}  // namespace rill::field_detail
