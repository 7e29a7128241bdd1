#!/usr/bin/env bash
# The CLI contract of ARCHITECTURE.md §5: help text for every subcommand, exit code 2 with a
# one-line error for usage mistakes.
set -uo pipefail
rill=$1
fail=0
expect() {  # expect CODE DESCRIPTION -- COMMAND...
  local want=$1 what=$2; shift 3
  local out code
  out=$("$@" 2>&1); code=$?
  if [[ $code -ne $want ]]; then
    echo "FAIL: $what: exit $code, want $want; output: $out"; fail=1
  fi
  LAST_OUTPUT=$out
}

expect 0 "rill --help" -- "$rill" --help
for sub in run prove verify bench; do
  grep -q "$sub" <<<"$LAST_OUTPUT" || { echo "FAIL: rill --help does not list '$sub'"; fail=1; }
done
for sub in run prove verify bench; do
  expect 0 "rill $sub --help" -- "$rill" "$sub" --help
  grep -q -- "--json" <<<"$LAST_OUTPUT" || { echo "FAIL: rill $sub --help lacks --json"; fail=1; }
done

expect 2 "unknown flag" -- "$rill" run --no-such-flag
[[ $(wc -l <<<"$LAST_OUTPUT") -eq 1 ]] || { echo "FAIL: unknown flag error is not one line: $LAST_OUTPUT"; fail=1; }
expect 2 "no subcommand" -- "$rill"
expect 2 "unknown subcommand" -- "$rill" frobnicate
expect 2 "missing program file" -- "$rill" run /nonexistent/guest.elf
expect 2 "bad mode" -- "$rill" prove /dev/null -o /tmp/x --mode quantum
expect 2 "input and input-hex together" -- "$rill" run /dev/null --input /dev/null --input-hex 00

[[ $fail -eq 0 ]] && echo "cli_test: ok"
exit $fail
