#!/usr/bin/env bash
# `rill prove` / `rill verify` end to end through the CLI: both modes write the same bytes, a valid
# proof verifies (exit 0), a wrong input, a flipped byte or a truncated file is rejected (exit 1),
# a failed prove leaves no proof file behind (exit 2), and --memory-budget keeps its promise.
set -uo pipefail
rill=$1
guest=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
check() {  # check WANT_CODE DESCRIPTION -- COMMAND...
  local want=$1 what=$2; shift 3
  local out code
  out=$("$@" 2>&1); code=$?
  [[ $code -eq $want ]] || { echo "FAIL: $what: exit $code, want $want: $out"; fail=1; }
}
input=64000000  # fibonacci(100)

check 0 "prove linear" -- "$rill" prove "$guest" --input-hex $input -o "$scratch/linear.bin"
check 0 "prove streaming" -- "$rill" prove "$guest" --input-hex $input -o "$scratch/streaming.bin" \
  --mode streaming --threads 1 --chunk-size 512
cmp -s "$scratch/linear.bin" "$scratch/streaming.bin" || { echo "FAIL: modes differ"; fail=1; }

check 0 "verify valid proof" -- "$rill" verify "$guest" "$scratch/linear.bin" --input-hex $input
check 1 "verify with another input" -- "$rill" verify "$guest" "$scratch/linear.bin" --input-hex 65000000

size=$(stat -c %s "$scratch/linear.bin")
for offset in 32 $((size / 2)) $((size - 1)); do  # output bytes, a round polynomial, last claim
  cp "$scratch/linear.bin" "$scratch/flipped.bin"
  byte=$(od -An -tu1 -j "$offset" -N1 "$scratch/flipped.bin" | tr -d ' ')
  printf "$(printf '\\%03o' $(((byte ^ 1) & 255)))" |
    dd of="$scratch/flipped.bin" bs=1 seek="$offset" conv=notrunc status=none
  check 1 "verify with byte $offset flipped" -- "$rill" verify "$guest" "$scratch/flipped.bin" --input-hex $input
done
head -c $((size - 7)) "$scratch/linear.bin" >"$scratch/truncated.bin"
check 1 "verify truncated proof" -- "$rill" verify "$guest" "$scratch/truncated.bin" --input-hex $input

# --memory-budget (docs/benchmarks.md, "Memory model"): T = 2^17 does not fit linear mode in 70 MiB
# (predicted 87 MB) while streaming does (its √T term for --max-cycles 200000), so the budget
# picks streaming, and the run's peak RSS (getrusage) stays under it; a roomy budget picks
# linear; a budget below streaming's needs is refused before the guest runs. The report names the
# switch streaming chose (0 to 4 rounds before ⌊log T/2⌋; none in linear mode).
mode_rss() {  # mode_rss BUDGET INPUT -> "mode peak_rss_bytes switch_early"
  "$rill" prove "$guest" --input-hex "$2" -o "$scratch/budget.bin" --memory-budget "$1" \
    --max-cycles 200000 --json |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["mode"], j["peak_rss_bytes"], j["switch_early"])'
}
read -r mode rss early <<<"$(mode_rss 70M 983a0000)"
[[ $mode == streaming && $rss -lt $((70 << 20)) && $early =~ ^[0-4]$ ]] ||
  { echo "FAIL: --memory-budget 70M: mode $mode, peak RSS $rss, switch_early $early"; fail=1; }
read -r mode rss early <<<"$(mode_rss 8G $input)"
[[ $mode == linear && $early == None ]] ||
  { echo "FAIL: --memory-budget 8G: mode $mode, switch_early $early"; fail=1; }
check 2 "a budget below streaming's needs" -- \
  "$rill" prove "$guest" --input-hex $input -o "$scratch/none.bin" --memory-budget 1M
[[ ! -e $scratch/none.bin ]] || { echo "FAIL: a refused budget left a proof file"; fail=1; }

printf 'not an elf' >"$scratch/bad.elf"
check 2 "prove a non-ELF" -- "$rill" prove "$scratch/bad.elf" -o "$scratch/none.bin"
[[ ! -e $scratch/none.bin && ! -e $scratch/none.bin.partial ]] || { echo "FAIL: a failed prove left a file"; fail=1; }

[[ $fail -eq 0 ]] && echo "prove_verify_test: ok"
exit $fail
