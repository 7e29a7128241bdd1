// The x86-64 inline-assembly kernels of the field layer. Montgomery multiplication and the integer
// products use MULX/ADCX/ADOX (BMI2 + ADX), which GCC and Clang never emit themselves
// (reference/toolchain.md §4): two independent carry chains (CF through ADCX, OF through ADOX) add
// the low and high halves of each row of partial products in one pass; callers check
// cpu_has_mulx_adx() first. Addition and subtraction use only baseline x86-64 (adc/sbb/cmov) and
// need no check. Each kernel is tested against its portable counterpart (montgomery_test.cpp).
#pragma once

#include "rill/field/limbs.hpp"

// Unoptimized builds (-O0, the debug preset) use the portable code only: without optimization GCC
// gives every memory operand its own address register and runs out of registers for these blocks.
#if defined(__x86_64__) && defined(__OPTIMIZE__) && (defined(__GNUC__) || defined(__clang__))
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

// a·b·2^-256 mod p for a, b < 2p, p < 2^254; the same CIOS recurrence as mont_mul_portable
// (limbs.hpp), whose bounds hold here too (the running value stays below a + p < 2^256, the fifth
// word holding each row's overflow before the shift). The five
// accumulator registers rotate by one word per reduction, so after four rows the result sits in
// (r4, r0, r1, r2).
RILL_FIELD_INLINE Limbs mont_mul_adx(const Limbs& a, const Limbs& b, const Limbs& p, const u64& p_inv_neg) {
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

// clang-format off
// x·k mod p for x < p and a word k: reduce_wide (limbs.hpp) applied to the 5-word product, written
// with MULX so that the multiplications leave the carry flag to the add/sub chains around them.
// barrett = floor(2^317 / p).
RILL_FIELD_INLINE Limbs mul_by_word_mod_bmi2(const Limbs& x, u64 k, const Limbs& p, const u64& barrett) {
  u64 t0, t1, t2, t3, t4, s0, s1, s2, s3;
  __asm__(
      // t = x·k (5 words)
      "mulxq 0(%[x]), %[t0], %[t1]\n\t"
      "mulxq 8(%[x]), %[s0], %[t2]\n\t"
      "addq %[s0], %[t1]\n\t"
      "mulxq 16(%[x]), %[s0], %[t3]\n\t"
      "adcq %[s0], %[t2]\n\t"
      "mulxq 24(%[x]), %[s0], %[t4]\n\t"
      "adcq %[s0], %[t3]\n\t"
      "adcq $0, %[t4]\n\t"
      // q = ((t4:t3)·barrett) >> 125 = (t4·barrett + high(t3·barrett)) >> 61, into rdx
      "movq %[barrett], %%rdx\n\t"
      "mulxq %[t3], %[s0], %[s1]\n\t"
      "mulxq %[t4], %[s0], %[t4]\n\t"
      "addq %[s1], %[s0]\n\t"
      "adcq $0, %[t4]\n\t"
      "shldq $3, %[s0], %[t4]\n\t"
      "movq %[t4], %%rdx\n\t"
      // t −= q·p (mod 2^256); the result is below 3p
      "mulxq %[p0], %[s0], %[s1]\n\t"
      "mulxq %[p1], %[t4], %[s2]\n\t"
      "addq %[t4], %[s1]\n\t"
      "mulxq %[p2], %[t4], %[s3]\n\t"
      "adcq %[t4], %[s2]\n\t"
      "mulxq %[p3], %[t4], %%rdx\n\t"
      "adcq %[t4], %[s3]\n\t"
      "subq %[s0], %[t0]\n\t"
      "sbbq %[s1], %[t1]\n\t"
      "sbbq %[s2], %[t2]\n\t"
      "sbbq %[s3], %[t3]\n\t"
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
        [s0] "=&r"(s0), [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3), "+d"(k)
      : [x] "r"(x.data()), "m"(x), [p0] "m"(p[0]), [p1] "m"(p[1]), [p2] "m"(p[2]),
        [p3] "m"(p[3]), [barrett] "m"(barrett)
      : "cc");
  // Below 3p: two conditional subtractions (compiled to sub/sbb and cmov).
  return subtract_modulus_if_needed(subtract_modulus_if_needed(Limbs{t0, t1, t2, t3}, p), p);
}
// clang-format on

// clang-format off
// x·k mod p for x < p and k = (k0, k1) < 2^128: reduce_wide_128 (limbs.hpp) of the 6-word product,
// in one block so that no step waits on compiler-generated carry handling. Registers g0..g8 are
// reused from phase to phase as noted; the low three product words wait in memory.
// barrett = floor(2^381 / p) as two words; the result is below 4p (the caller finishes it).
RILL_FIELD_INLINE Limbs mul_by_u128_below_4p_adx(const Limbs& x, u64 k0, u64 k1, const Limbs& p,
                                      const u64 (&barrett)[2]) {
  u64 g0, g1, g2, g3, g4, g5, g6, g7, g8;
  u64 spill[3];
  const u64* xp = x.data();
  __asm__(
      // Phase 1: t = x·k0 + x·k1·2^64 in (g0..g5); g6, g7 scratch.
      "movq %[k0], %%rdx\n\t"
      "mulxq 0(%[x]), %[g0], %[g1]\n\t"
      "mulxq 8(%[x]), %[g6], %[g2]\n\t"
      "addq %[g6], %[g1]\n\t"
      "mulxq 16(%[x]), %[g6], %[g3]\n\t"
      "adcq %[g6], %[g2]\n\t"
      "mulxq 24(%[x]), %[g6], %[g4]\n\t"
      "adcq %[g6], %[g3]\n\t"
      "adcq $0, %[g4]\n\t"
      "movq %[k1], %%rdx\n\t"
      "xorl %k[g5], %k[g5]\n\t"
      "mulxq 0(%[x]), %[g6], %[g7]\n\t"
      "adcxq %[g6], %[g1]\n\t"
      "adoxq %[g7], %[g2]\n\t"
      "mulxq 8(%[x]), %[g6], %[g7]\n\t"
      "adcxq %[g6], %[g2]\n\t"
      "adoxq %[g7], %[g3]\n\t"
      "mulxq 16(%[x]), %[g6], %[g7]\n\t"
      "adcxq %[g6], %[g3]\n\t"
      "adoxq %[g7], %[g4]\n\t"
      "mulxq 24(%[x]), %[g6], %[g7]\n\t"
      "adcxq %[g6], %[g4]\n\t"
      "adoxq %[g7], %[g5]\n\t"
      "adcq $0, %[g5]\n\t"
      "movq %[g0], %[s0]\n\t"
      "movq %[g1], %[s1]\n\t"
      "movq %[g2], %[s2]\n\t"
      // Phase 2: words 1..4 of (t3, t4, t5)·(m0, m1) in (g0, g1, g2, g8).
      "movq %[m0], %%rdx\n\t"
      "mulxq %[g3], %[g6], %[g0]\n\t"
      "mulxq %[g4], %[g6], %[g1]\n\t"
      "addq %[g6], %[g0]\n\t"
      "mulxq %[g5], %[g6], %[g2]\n\t"
      "adcq %[g6], %[g1]\n\t"
      "adcq $0, %[g2]\n\t"
      "movq %[m1], %%rdx\n\t"
      "xorl %k[g7], %k[g7]\n\t"
      "mulxq %[g3], %[g6], %[g7]\n\t"
      "adcxq %[g6], %[g0]\n\t"
      "adoxq %[g7], %[g1]\n\t"
      "mulxq %[g4], %[g6], %[g7]\n\t"
      "adcxq %[g6], %[g1]\n\t"
      "adoxq %[g7], %[g2]\n\t"
      "mulxq %[g5], %[g6], %[g8]\n\t"
      "adcxq %[g6], %[g2]\n\t"
      "movl $0, %k[g7]\n\t"  // mov leaves the flags alone
      "adoxq %[g7], %[g8]\n\t"
      "adcxq %[g7], %[g8]\n\t"
      // q̂ = words 1..4 >> 125 (bits 189.. of the product): q0 in g1, q1 in g2.
      "shrdq $61, %[g2], %[g1]\n\t"
      "shrdq $61, %[g8], %[g2]\n\t"
      // Phase 3: q̂·p mod 2^256 in (g4, g5, g6, g7); g0, g8 scratch.
      "movq %[g1], %%rdx\n\t"
      "mulxq %[p0], %[g4], %[g5]\n\t"
      "mulxq %[p1], %[g0], %[g6]\n\t"
      "addq %[g0], %[g5]\n\t"
      "mulxq %[p2], %[g0], %[g7]\n\t"
      "adcq %[g0], %[g6]\n\t"
      "mulxq %[p3], %[g0], %[g8]\n\t"
      "adcq %[g0], %[g7]\n\t"
      "movq %[g2], %%rdx\n\t"
      "xorl %k[g0], %k[g0]\n\t"
      "mulxq %[p0], %[g0], %[g8]\n\t"
      "adcxq %[g0], %[g5]\n\t"
      "adoxq %[g8], %[g6]\n\t"
      "mulxq %[p1], %[g0], %[g8]\n\t"
      "adcxq %[g0], %[g6]\n\t"
      "adoxq %[g8], %[g7]\n\t"
      "mulxq %[p2], %[g0], %[g8]\n\t"
      "adcxq %[g0], %[g7]\n\t"
      // Phase 4: r = (t0, t1, t2, t3) − q̂·p (mod 2^256) in (g0, g1, g2, g3).
      "movq %[s0], %[g0]\n\t"
      "movq %[s1], %[g1]\n\t"
      "movq %[s2], %[g2]\n\t"
      "subq %[g4], %[g0]\n\t"
      "sbbq %[g5], %[g1]\n\t"
      "sbbq %[g6], %[g2]\n\t"
      "sbbq %[g7], %[g3]\n\t"
      : [g0] "=&r"(g0), [g1] "=&r"(g1), [g2] "=&r"(g2), [g3] "=&r"(g3), [g4] "=&r"(g4),
        [g5] "=&r"(g5), [g6] "=&r"(g6), [g7] "=&r"(g7), [g8] "=&r"(g8),
        [s0] "=m"(spill[0]), [s1] "=m"(spill[1]), [s2] "=m"(spill[2])
      : [x] "r"(xp), "m"(x), [k0] "rm"(k0), [k1] "rm"(k1), [p0] "m"(p[0]), [p1] "m"(p[1]),
        [p2] "m"(p[2]), [p3] "m"(p[3]), [m0] "m"(barrett[0]), [m1] "m"(barrett[1])
      : "rdx", "cc");
  return {g0, g1, g2, g3};
}
// clang-format on

// clang-format off
// (a + b) mod p for a, b < p < 2^255: add, subtract p from a copy, keep the copy unless that
// borrowed. GCC's own code for the same steps adds a setc/test pair and register shuffles.
RILL_FIELD_INLINE Limbs add_mod_asm(const Limbs& a, const Limbs& b, const Limbs& p) {
  u64 t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  u64 s0, s1, s2, s3;
  __asm__(
      "addq %[b0], %[t0]\n\t"
      "adcq %[b1], %[t1]\n\t"
      "adcq %[b2], %[t2]\n\t"
      "adcq %[b3], %[t3]\n\t"
      "movq %[t0], %[s0]\n\t"
      "movq %[t1], %[s1]\n\t"
      "movq %[t2], %[s2]\n\t"
      "movq %[t3], %[s3]\n\t"
      "subq %[p0], %[s0]\n\t"
      "sbbq %[p1], %[s1]\n\t"
      "sbbq %[p2], %[s2]\n\t"
      "sbbq %[p3], %[s3]\n\t"
      "cmovncq %[s0], %[t0]\n\t"
      "cmovncq %[s1], %[t1]\n\t"
      "cmovncq %[s2], %[t2]\n\t"
      "cmovncq %[s3], %[t3]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [s0] "=&r"(s0),
        [s1] "=&r"(s1), [s2] "=&r"(s2), [s3] "=&r"(s3)
      : [b0] "rm"(b[0]), [b1] "rm"(b[1]), [b2] "rm"(b[2]), [b3] "rm"(b[3]), [p0] "m"(p[0]),
        [p1] "m"(p[1]), [p2] "m"(p[2]), [p3] "m"(p[3])
      : "cc");
  return {t0, t1, t2, t3};
}
// clang-format on

// clang-format off
// (a − b) mod p for a, b < p: subtract, then add back p, or zero chosen by cmov on the borrow.
RILL_FIELD_INLINE Limbs sub_mod_asm(const Limbs& a, const Limbs& b, const Limbs& p) {
  u64 t0 = a[0], t1 = a[1], t2 = a[2], t3 = a[3];
  u64 s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  __asm__(
      "subq %[b0], %[t0]\n\t"
      "sbbq %[b1], %[t1]\n\t"
      "sbbq %[b2], %[t2]\n\t"
      "sbbq %[b3], %[t3]\n\t"
      "cmovcq %[p0], %[s0]\n\t"
      "cmovcq %[p1], %[s1]\n\t"
      "cmovcq %[p2], %[s2]\n\t"
      "cmovcq %[p3], %[s3]\n\t"
      "addq %[s0], %[t0]\n\t"
      "adcq %[s1], %[t1]\n\t"
      "adcq %[s2], %[t2]\n\t"
      "adcq %[s3], %[t3]\n\t"
      : [t0] "+&r"(t0), [t1] "+&r"(t1), [t2] "+&r"(t2), [t3] "+&r"(t3), [s0] "+&r"(s0),
        [s1] "+&r"(s1), [s2] "+&r"(s2), [s3] "+&r"(s3)
      : [b0] "rm"(b[0]), [b1] "rm"(b[1]), [b2] "rm"(b[2]), [b3] "rm"(b[3]), [p0] "m"(p[0]),
        [p1] "m"(p[1]), [p2] "m"(p[2]), [p3] "m"(p[3])
      : "cc");
  return {t0, t1, t2, t3};
}
// clang-format on

#undef RILL_ADX_MUL_ROW
#undef RILL_ADX_REDUCE_ROW

#else

inline bool cpu_has_mulx_adx() { return false; }

#endif  // RILL_FIELD_HAVE_ADX_ASM

}  // namespace rill::field_detail
