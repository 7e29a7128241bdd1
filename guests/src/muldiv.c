/* muldiv: input u32 n; n rounds of a recurrence that uses every M-extension instruction (MUL,
 * MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU, and 64-bit division through libgcc), including the
 * division-by-zero and INT_MIN / -1 cases RISC-V defines. Output: four little-endian u32
 * (acc, s, high and low word of wide). Every signed operation below is defined in C (no signed
 * overflow; the x/0 and INT_MIN/-1 cases go through volatile operands and inline asm). */
#include "rill/guest.h"

static inline int32_t rv_div(int32_t a, int32_t b) {
  int32_t r;
  asm volatile("div %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static inline int32_t rv_rem(int32_t a, int32_t b) {
  int32_t r;
  asm volatile("rem %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static inline uint32_t rv_divu(uint32_t a, uint32_t b) {
  uint32_t r;
  asm volatile("divu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static inline uint32_t rv_remu(uint32_t a, uint32_t b) {
  uint32_t r;
  asm volatile("remu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

int main(void) {
  uint32_t n = rill_input_u32();
  uint32_t acc = 0x12345678u;
  int32_t s = -7;
  uint64_t wide = 0x0123456789abcdefull;
  for (uint32_t i = 1; i <= n; i++) {
    acc = acc * 0x9E3779B1u + i;
    uint32_t hi = (uint32_t)(((uint64_t)acc * (uint64_t)(acc ^ i)) >> 32);           /* mulhu */
    int32_t sh = (int32_t)(((int64_t)(int32_t)acc * (int64_t)s) >> 32);              /* mulh */
    uint32_t su = (uint32_t)(((int64_t)(int32_t)acc * (int64_t)(uint64_t)hi) >> 32); /* mulhsu */
    acc ^= hi + (uint32_t)sh + su;
    acc += rv_divu(acc, i & 7u) + rv_remu(acc, (i + 3) & 15u); /* divisor 0 every 8 / 16 rounds */
    int32_t divisor = (int32_t)((i % 5u) - 2u);                /* -2..2, zero included */
    s = (int32_t)((uint32_t)rv_div(s * 3 - (int32_t)(i & 0xffu), divisor) +
                  (uint32_t)rv_rem((int32_t)acc, 17) + (uint32_t)rv_rem((int32_t)acc, divisor));
    s = rv_rem(s, 1000003);                                 /* keeps s * 3 far from overflow */
    wide = wide / (uint64_t)(i + 7) * 13 + wide % 1000003u; /* __udivdi3 / __umoddi3 */
  }
  /* The corner cases RISC-V defines: x / 0, x % 0, INT_MIN / -1, INT_MIN % -1. */
  volatile int32_t mn = INT32_MIN, m1 = -1, z = 0;
  acc ^= rv_divu(acc, (uint32_t)z) ^ rv_remu(acc, (uint32_t)z);
  acc ^= (uint32_t)rv_div(mn, m1) ^ (uint32_t)rv_rem(mn, m1) ^ (uint32_t)rv_div(s, z) ^
         (uint32_t)rv_rem(s, z);
  rill_output_u32(acc);
  rill_output_u32((uint32_t)s);
  rill_output_u32((uint32_t)(wide >> 32));
  rill_output_u32((uint32_t)wide);
  return 0;
}
