/* Implementation of guests/include/rill/guest.h for both builds, plus memcpy/memset (GCC emits
 * calls to them even with -ffreestanding). Compiled with -fno-tree-loop-distribute-patterns so
 * the loops below are not turned back into calls to themselves. */
#include "rill/guest.h"

void* memcpy(void* dst, const void* src, size_t n) {
  uint8_t* d = (uint8_t*)dst;
  const uint8_t* s = (const uint8_t*)src;
  for (size_t i = 0; i < n; i++) d[i] = s[i];
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  uint8_t* d = (uint8_t*)dst;
  for (size_t i = 0; i < n; i++) d[i] = (uint8_t)c;
  return dst;
}

#ifdef RILL_QEMU

static long rill_syscall3(long number, long a0, long a1, long a2) {
  register long r_a0 asm("a0") = a0;
  register long r_a1 asm("a1") = a1;
  register long r_a2 asm("a2") = a2;
  register long r_a7 asm("a7") = number;
  asm volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
  return r_a0;
}

size_t rill_input(void* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    long r = rill_syscall3(63, 0, (long)((uint8_t*)buf + got), (long)(n - got));
    if (r <= 0) break;
    got += (size_t)r;
  }
  return got;
}

void rill_output(const void* buf, size_t n) { rill_syscall3(64, 1, (long)buf, (long)n); }

void rill_panic(void) {
  rill_syscall3(93, 1, 0, 0);
  for (;;) {
  }
}

void rill_exit(void) {
  rill_syscall3(93, 0, 0, 0);
  for (;;) {
  }
}

#else

/* The I/O block: an aligned power-of-two block that ends at 0x80000000 (memory_layout.hpp). */
static uint32_t io_base(void) {
  uint32_t need = 16u + RILL_MAX_INPUT + RILL_MAX_OUTPUT, size = 1;
  while (size < need) size <<= 1;
  return 0x80000000u - size;
}

#define RILL_WORD(addr) (*(volatile uint32_t*)(uintptr_t)(addr))
#define RILL_BYTE(addr) (*(volatile uint8_t*)(uintptr_t)(addr))

static uint32_t input_cursor;

size_t rill_input(void* buf, size_t n) {
  const uint32_t base = io_base();
  const uint32_t length = RILL_WORD(base);
  uint8_t* d = (uint8_t*)buf;
  size_t got = 0;
  while (got < n && input_cursor < length) d[got++] = RILL_BYTE(base + 4 + input_cursor++);
  return got;
}

void rill_output(const void* buf, size_t n) {
  const uint32_t length_addr = io_base() + 4 + RILL_MAX_INPUT;
  const uint32_t length = RILL_WORD(length_addr);
  if (n > RILL_MAX_OUTPUT - length) rill_panic();
  const uint8_t* s = (const uint8_t*)buf;
  for (size_t i = 0; i < n; i++) RILL_BYTE(length_addr + 4 + length + i) = s[i];
  RILL_WORD(length_addr) = length + (uint32_t)n;
}

/* The final self-jump, `jal x0, 0` (0x0000006f): the emulator halts here because the termination
 * or panic word is set (guest.h). */
__attribute__((noreturn)) static void halt(void) {
  for (;;) asm volatile("1: j 1b");
}

void rill_panic(void) {
  RILL_WORD(io_base() + 8 + RILL_MAX_INPUT + RILL_MAX_OUTPUT) = 1;
  halt();
}

void rill_exit(void) {
  RILL_WORD(io_base() + 12 + RILL_MAX_INPUT + RILL_MAX_OUTPUT) = 1;
  halt();
}

#endif
