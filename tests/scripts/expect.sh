# Shared by the CLI test scripts (sourced): `expect CODE DESCRIPTION PATTERN -- COMMAND...` runs
# COMMAND (stdin closed, at most 120 s) and sets fail=1, with a FAIL line, unless it exits with
# CODE and its output (stdout and stderr) matches the extended regex PATTERN.
# shellcheck shell=bash
expect() {
  local want=$1 what=$2 pattern=$3; shift 4
  local out code
  out=$(timeout 120 "$@" 2>&1 </dev/null); code=$?
  if [[ $code -ne $want ]]; then echo "FAIL: $what: exit $code, want $want; output: $out"; fail=1; fi
  if ! grep -qE -- "$pattern" <<<"$out"; then echo "FAIL: $what: no '$pattern' in: $out"; fail=1; fi
}
