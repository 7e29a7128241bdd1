/* fibonacci: input u32 n; output fib(n) mod 2^32 as a little-endian u32 (fib(0) = 0, fib(1) = 1).
 */
#include "rill/guest.h"

int main(void) {
  uint32_t n = rill_input_u32();
  uint32_t a = 0, b = 1;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t t = a + b;
    a = b;
    b = t;
  }
  rill_output_u32(a);
  return 0;
}
