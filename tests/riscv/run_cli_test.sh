#!/usr/bin/env bash
# The `rill run` contract: output hex, panic flag and exit codes (0 ok, 1 guest panicked, 2 bad
# ELF / unprovable execution / cycle limit / bad input), and --json as one object.
# Usage: run_cli_test.sh RILL GUEST_DIR
set -uo pipefail
rill=$1 guests=$2
fail=0
expect() {  # expect CODE DESCRIPTION PATTERN -- COMMAND...
  local want=$1 what=$2 pattern=$3; shift 4
  local out code
  out=$("$@" 2>&1); code=$?
  if [[ $code -ne $want ]]; then echo "FAIL: $what: exit $code, want $want; output: $out"; fail=1; fi
  if ! grep -qE -- "$pattern" <<<"$out"; then echo "FAIL: $what: no '$pattern' in: $out"; fail=1; fi
}

expect 0 "fibonacci(1000)" "output: +4b60c05c" -- "$rill" run "$guests/fibonacci.elf" --input-hex e8030000
expect 0 "sha2_chain x1" "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925" -- \
  "$rill" run "$guests/sha2_chain.elf" --input-hex 01000000
json=$("$rill" run "$guests/fibonacci.elf" --input-hex 0a000000 --json)
python3 -c 'import json,sys; j=json.loads(sys.argv[1]); assert j["output"]=="37000000" and j["panicked"] is False and j["terminated"] is True and j["rows"]>=j["instructions"]>0 and j["padded_t"]>=256, j' "$json" \
  || { echo "FAIL: --json: $json"; fail=1; }
expect 0 "terminated (text)" "terminated: +yes" -- "$rill" run "$guests/fibonacci.elf" --input-hex 0a000000
expect 1 "guest panic" "terminated: +no" -- "$rill" run "$guests/echo.elf" --input-hex ff01
expect 1 "guest panic" "panicked: +yes" -- "$rill" run "$guests/echo.elf" --input-hex ff01
expect 0 "echo" "output: +0102" -- "$rill" run "$guests/echo.elf" --input-hex 0102
expect 2 "not an ELF" "bad ELF" -- "$rill" run "$0"
expect 2 "cycle limit" "cycle limit" -- "$rill" run "$guests/fibonacci.elf" --input-hex e8030000 --max-cycles 100
expect 2 "ECALL in a zkVM run" "ECALL" -- "$rill" run "$guests/fibonacci.qemu.elf" --input-hex 01000000
expect 2 "input too large" "8 bytes, more than the input region" -- "$rill" run "$guests/echo.elf" --max-input 4 --input-hex 0102030405060708
# Issue 13, finding 1: `while (1);` is not a termination (it used to exit 0 as terminated).
expect 2 "endless loop" "cycle limit" -- "$rill" run "$guests/echo.elf" --input-hex fe --max-cycles 100000
json=$("$rill" run "$guests/echo.elf" --input-hex fe --max-cycles 100000 --json 2>&1)
[[ $? -eq 2 ]] || { echo "FAIL: endless loop --json must exit 2: $json"; fail=1; }
# Issue 13, finding 3: a heap that makes the layout end at 2^32 is a typed error, not a 15 GiB ask.
expect 2 "layout does not fit" "does not fit" -- "$rill" run "$guests/echo.elf" --heap-size 2147414000
expect 2 "bad hex" "hex" -- "$rill" run "$guests/echo.elf" --input-hex 0g

[[ $fail -eq 0 ]] && echo "run_cli_test: ok"
exit $fail
