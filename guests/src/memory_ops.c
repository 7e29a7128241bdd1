/* memory_ops: input u32 n (buffer words) and an optional u32 repeat (default 1). `repeat` times:
 * fill a buffer of n words from a mixing function of (index, round), shuffle it (Fisher-Yates
 * with an LCG, REMU for the index), fold the shuffled buffer into a checksum, heap-sort it
 * (unsigned) and fold the sorted buffer in too. Output: the checksum, a little-endian u32.
 * T grows with repeat at a fixed RAM size (K_ram is set by n), and every pass touches the whole
 * buffer, so a program interval keeps touching words the previous one did not.
 *
 * The buffer lives in the heap, right after the program image (_end, link.ld): n may be at most
 * RILL_HEAP_WORDS = heap bytes / 4 (262,144 for the default 1 MiB heap; a guest run with another
 * --heap-size must be built with the matching value); a larger n panics. The -DRILL_QEMU build
 * (qemu-user maps no heap) uses a .bss buffer of RILL_QEMU_WORDS = 4,096 words instead.
 *
 * The fill, shuffle and checksum are spelled out in tests/riscv/guests_test.cpp
 * (host_memory_ops), which computes the same value on the host with std::sort. */
#include "rill/guest.h"

#ifndef RILL_HEAP_WORDS
#define RILL_HEAP_WORDS 262144u
#endif
#define RILL_QEMU_WORDS 4096u

#ifdef RILL_QEMU
static uint32_t qemu_buffer[RILL_QEMU_WORDS];
#define BUFFER qemu_buffer
#define MAX_WORDS RILL_QEMU_WORDS
#else
extern uint32_t _end[];
#define BUFFER _end
#define MAX_WORDS RILL_HEAP_WORDS
#endif

static uint32_t mix(uint32_t i, uint32_t round) {
  uint32_t v = i * 0x9E3779B1u ^ round * 0x7F4A7C15u;
  v ^= v >> 15;
  v *= 0x2C1B3C6Du;
  v ^= v >> 12;
  return v;
}

static uint32_t fold(uint32_t acc, const uint32_t* a, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) acc = (acc ^ a[i]) * 0x01000193u;
  return acc;
}

/* Restores the max-heap property below `root` in a[0, end). */
static void sift_down(uint32_t* a, uint32_t root, uint32_t end) {
  for (;;) {
    uint32_t child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && a[child] < a[child + 1]) child++;
    if (a[root] >= a[child]) return;
    uint32_t t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

int main(void) {
  uint32_t n = rill_input_u32();
  uint32_t repeat = 1;
  uint8_t extra[4];
  if (rill_input(extra, 4) == 4) {
    repeat = (uint32_t)extra[0] | (uint32_t)extra[1] << 8 | (uint32_t)extra[2] << 16 |
             (uint32_t)extra[3] << 24;
  }
  if (n > MAX_WORDS) rill_panic();
  uint32_t* a = BUFFER;
  uint32_t acc = 0x811C9DC5u, lcg = 12345u;
  for (uint32_t round = 0; round < repeat; round++) {
    for (uint32_t i = 0; i < n; i++) a[i] = mix(i, round);
    for (uint32_t i = n; i > 1; i--) {
      lcg = lcg * 1664525u + 1013904223u;
      uint32_t j = (lcg >> 8) % i;
      uint32_t t = a[i - 1];
      a[i - 1] = a[j];
      a[j] = t;
    }
    acc = fold(acc, a, n);
    for (uint32_t i = n / 2; i > 0; i--) sift_down(a, i - 1, n);
    for (uint32_t end = n; end > 1; end--) {
      uint32_t t = a[0];
      a[0] = a[end - 1];
      a[end - 1] = t;
      sift_down(a, 0, end - 1);
    }
    for (uint32_t i = 1; i < n; i++) {
      if (a[i - 1] > a[i]) rill_panic(); /* the sort is checked in the guest too */
    }
    acc = fold(acc, a, n);
  }
  rill_output_u32(acc);
  return 0;
}
