/* echo: a test guest. Writes its input back to the output; if the first input byte is 0xff it
 * then panics (rill_panic), so tests can check that a panic is reported and provable; if it is
 * 0xfe it then loops forever (`while (1);`, the same `jal x0, 0` as the runtime's halt but with
 * neither the termination nor the panic word set), which must end in the cycle limit. */
#include "rill/guest.h"

int main(void) {
  uint8_t buf[256];
  size_t n = rill_input(buf, sizeof buf);
  rill_output(buf, n);
  if (n > 0 && buf[0] == 0xff) rill_panic();
  if (n > 0 && buf[0] == 0xfe) {
    for (;;) {
    }
  }
  return 0;
}
