#!/usr/bin/env bash
# Wrong statements through the CLI (issue 17): an honest proof verifies only for the statement it
# proves. Another output (expected, or written into the proof file), another panic flag, another
# input, another program, and a proof spliced from two honest proofs are each rejected with
# exit 1 and a reason; a panicking guest's proof verifies and says so.
# Usage: wrong_statement_test.sh RILL GUEST_DIR
set -uo pipefail
rill=$1 guests=$2
fib=$guests/fibonacci.elf muldiv=$guests/muldiv.elf echo_elf=$guests/echo.elf
work=$(mktemp -d /tmp/rill_statement_XXXXXX)
trap 'rm -rf "$work"' EXIT
fail=0
# shellcheck source=tests/scripts/expect.sh
source "$(dirname "$0")/expect.sh"
# flip FILE OFFSET: xor the byte at OFFSET with 1, in place.
flip() {
  python3 - "$1" "$2" <<'PY'
import sys
path, at = sys.argv[1], int(sys.argv[2])
b = bytearray(open(path, "rb").read()); b[at] ^= 1; open(path, "wb").write(b)
PY
}

in100=64000000 in101=65000000  # fibonacci(100), fibonacci(101): same T
"$rill" prove "$fib" --input-hex $in100 -o "$work/a.proof" --json >"$work/a.json" ||
  { echo "FAIL: prove a"; fail=1; }
"$rill" prove "$fib" --input-hex $in101 -o "$work/b.proof" >/dev/null || { echo "FAIL: prove b"; fail=1; }
out100=$("$rill" run "$fib" --input-hex $in100 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["output"])')

expect 0 "the honest statement" "^valid .*output $out100, no panic" -- \
  "$rill" verify "$fib" "$work/a.proof" --input-hex $in100 --expect-output "$out100"
expect 1 "another expected output" "states output $out100, not the expected 00000000" -- \
  "$rill" verify "$fib" "$work/a.proof" --input-hex $in100 --expect-output 00000000
expect 1 "another input" "^invalid: stage" -- "$rill" verify "$fib" "$work/a.proof" --input-hex $in101
expect 1 "another program" "^invalid: " -- "$rill" verify "$muldiv" "$work/a.proof" --input-hex $in100

# The proof file states its output (after magic, version, T, K_ram, K_bc, output length) and its
# panic flag (right after the 4 output bytes).
cp "$work/a.proof" "$work/out.proof"; flip "$work/out.proof" 40
expect 1 "an output byte changed in the proof file" "^invalid: stage" -- \
  "$rill" verify "$fib" "$work/out.proof" --input-hex $in100
cp "$work/a.proof" "$work/panic.proof"; flip "$work/panic.proof" 44
expect 1 "the panic flag set in the proof file" "^invalid: stage" -- \
  "$rill" verify "$fib" "$work/panic.proof" --input-hex $in100

# Splices of two honest proofs of the same size: b's opening (the last section) after a's
# stages, and b's commitments (the section after the 45-byte header) before a's stages.
python3 - "$work" "$work/a.json" <<'PY'
import json, sys
work, report = sys.argv[1], json.load(open(sys.argv[2]))
a = open(f"{work}/a.proof", "rb").read(); b = open(f"{work}/b.proof", "rb").read()
assert len(a) == len(b)
sections = {s["name"]: s["bytes"] for s in report["proof_sections"]}
opening, commitments, header = sections["stage 8 (opening)"], sections["stage 0 (commitments)"], sections["header"]
open(f"{work}/opening.proof", "wb").write(a[:-opening] + b[-opening:])
open(f"{work}/commitments.proof", "wb").write(
    a[:header] + b[header:header + commitments] + a[header + commitments:])
PY
expect 1 "another proof's opening" "^invalid: stage 8" -- \
  "$rill" verify "$fib" "$work/opening.proof" --input-hex $in100
expect 1 "another proof's commitments" "^invalid: stage" -- \
  "$rill" verify "$fib" "$work/commitments.proof" --input-hex $in100

# A panicking guest (echo panics on a first byte 0xff): proving it exits 1 and writes the proof;
# the proof verifies with the panic flag, and not with the flag cleared.
expect 1 "prove a panicking guest" "guest panicked" -- \
  "$rill" prove "$echo_elf" --input-hex ff01 -o "$work/echo.proof"
expect 0 "verify the panicking guest's proof" "^valid .*output ff01, guest panicked" -- \
  "$rill" verify "$echo_elf" "$work/echo.proof" --input-hex ff01
cp "$work/echo.proof" "$work/calm.proof"; flip "$work/calm.proof" 42  # 2 output bytes
expect 1 "the panic flag cleared" "^invalid: stage" -- \
  "$rill" verify "$echo_elf" "$work/calm.proof" --input-hex ff01

[[ $fail -eq 0 ]] && echo "wrong_statement_test: ok"
exit $fail
