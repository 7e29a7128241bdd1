#!/usr/bin/env bash
# The main job, run by `make demo`: today, execute the default guest in the emulator; once
# proving exists, prove it and verify the proof.
set -euo pipefail
build=${1:-build/release}
rill=$build/bin/rill
guest=$build/guests/fibonacci.elf
if [[ ! -f $guest ]]; then
  echo "demo: $guest was not built; the guest toolchain step is missing" >&2
  exit 1
fi
echo "== rill run fibonacci (input: n = 1000 as a little-endian u32)"
echo "   expected output: fib(1000) mod 2^32 = 0x5cc0604b, printed as little-endian bytes 4b60c05c"
"$rill" run "$guest" --input-hex e8030000
