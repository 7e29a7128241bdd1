#!/usr/bin/env bash
# The main job, run by `make demo`: run the default guest in the emulator, prove the execution in
# linear and in streaming mode, check that both proofs are the same bytes, and verify the proof.
# This build proves stage 1 of the protocol (the Spartan outer sumcheck) only.
set -euo pipefail
build=${1:-build/release}
rill=$build/bin/rill
guest=$build/guests/fibonacci.elf
if [[ ! -f $guest ]]; then
  echo "demo: $guest was not built; the guest toolchain step is missing" >&2
  exit 1
fi
input=e8030000  # n = 1000 as a little-endian u32
proofs=$(mktemp -d)
trap 'rm -rf "$proofs"' EXIT

echo "== rill run fibonacci (input: n = 1000 as a little-endian u32)"
echo "   expected output: fib(1000) mod 2^32 = 0x5cc0604b, printed as little-endian bytes 4b60c05c"
"$rill" run "$guest" --input-hex $input
echo
echo "== rill prove --mode linear"
"$rill" prove "$guest" --input-hex $input -o "$proofs/linear.proof" --mode linear
echo
echo "== rill prove --mode streaming"
"$rill" prove "$guest" --input-hex $input -o "$proofs/streaming.proof" --mode streaming
echo
if cmp -s "$proofs/linear.proof" "$proofs/streaming.proof"; then
  echo "== linear and streaming proofs are byte-for-byte identical"
else
  echo "demo: linear and streaming proofs differ" >&2
  exit 1
fi
echo
echo "== rill verify"
"$rill" verify "$guest" "$proofs/linear.proof" --input-hex $input
