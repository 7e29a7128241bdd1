/* Rill guest runtime: input, output, panic and exit for C guests (no libc).
 *
 * zkVM build (default): I/O is memory-mapped in the block below 0x80000000 described in
 * src/rill/riscv/memory_layout.hpp; a guest ends by setting the termination word (rill_exit) or
 * the panic word (rill_panic) and executing `jal x0, 0` (a jump to itself). The emulator halts
 * only there: at that instruction with one of the two words set. Any other endless loop, e.g.
 * `while (1);` in a guest, runs until the cycle limit (an error, no proof).
 * -DRILL_QEMU build: the same functions use Linux syscalls (read 63, write 64, exit 93) so the
 * guest runs under qemu-riscv32 for differential tests; rill_panic exits with status 1. Never
 * proven.
 *
 * The layout depends on RILL_MAX_INPUT / RILL_MAX_OUTPUT (bytes, multiples of 4, default 4096);
 * run a guest built with other values with the matching `rill run --max-input/--max-output`. */
#ifndef RILL_GUEST_H
#define RILL_GUEST_H

#include <stddef.h>
#include <stdint.h>

#ifndef RILL_MAX_INPUT
#define RILL_MAX_INPUT 4096u
#endif
#ifndef RILL_MAX_OUTPUT
#define RILL_MAX_OUTPUT 4096u
#endif

/* Copies up to n input bytes into buf, continuing where the previous call stopped; returns how
 * many bytes were copied (fewer than n at the end of the input). */
size_t rill_input(void* buf, size_t n);

/* Appends n bytes to the program's output. In the zkVM build a write past RILL_MAX_OUTPUT
 * panics. */
void rill_output(const void* buf, size_t n);

/* Ends the program as panicked (a provable outcome: the panic word is part of the statement). */
__attribute__((noreturn)) void rill_panic(void);

/* Ends the program normally. Returning from main calls it. */
__attribute__((noreturn)) void rill_exit(void);

/* Reads a little-endian u32 from the input (0 if the input is shorter). */
static inline uint32_t rill_input_u32(void) {
  uint8_t b[4] = {0, 0, 0, 0};
  rill_input(b, 4);
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Writes a u32 to the output, little-endian. */
static inline void rill_output_u32(uint32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  rill_output(b, 4);
}

void* memcpy(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);

#endif
