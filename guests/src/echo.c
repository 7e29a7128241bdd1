/* echo: a test guest. Writes its input back to the output; if the first input byte is 0xff it
 * then panics (rill_panic), so tests can check that a panic is reported and provable. */
#include "rill/guest.h"

int main(void) {
  uint8_t buf[256];
  size_t n = rill_input(buf, sizeof buf);
  rill_output(buf, n);
  if (n > 0 && buf[0] == 0xff) rill_panic();
  return 0;
}
