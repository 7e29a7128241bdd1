#!/usr/bin/env bash
# Smoke test of `make bench-e2e` (bench/e2e_sweep.sh): a small sweep (sha2_chain, 2^13..2^15,
# both modes, one repetition) must write one CSV row per configuration with sane numbers, the
# fitted exponents and both plots; every run's JSON must carry the keys `rill bench --json`
# promises. (2^13 is sha2_chain's smallest T: one step of it already runs over 2^12 rows.)
# gnuplot is required (scripts/setup.sh installs it): missing, the test fails.
#   tests/scripts/bench_e2e_test.sh SWEEP_SCRIPT RILL
set -uo pipefail
sweep=$1
rill=$2
fail=0
bad() { echo "FAIL: $*"; fail=1; }

if ! command -v gnuplot >/dev/null 2>&1; then
  echo "FAIL: gnuplot not found; run scripts/setup.sh (Debian package gnuplot-nox)"
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Usage mistakes stop before any run, with exit code 2.
for args in "--sizes 7" "--sizes 29" "--sizes x" "--modes quantum" "--reps 0" "--guests nope"; do
  # shellcheck disable=SC2086  # split the arguments on purpose
  "$sweep" --rill "$rill" $args --out "$out/usage" >/dev/null 2>&1
  code=$?
  [[ $code -eq 2 ]] || bad "e2e_sweep.sh $args: exit $code, want 2"
done

if ! "$sweep" --rill "$rill" --sizes 13-15 --reps 1 --out "$out" 2>"$out/log"; then
  cat "$out/log"
  echo "FAIL: the sweep failed"
  exit 1
fi
csv=$out/e2e.csv

want="guest,mode,log_t,cycles,padded_t,prove_seconds,verify_seconds,throughput_khz,peak_rss_bytes,proof_bytes,repetitions,tracked_bytes,threads"
[[ $(head -n 1 "$csv") == "$want" ]] || bad "CSV header is '$(head -n 1 "$csv")'"
[[ $(tail -n +2 "$csv" | wc -l) -eq 6 ]] || bad "CSV has $(tail -n +2 "$csv" | wc -l) rows, want 6"
for mode in linear streaming; do
  for n in 13 14 15; do
    rows=$(awk -F, -v m="$mode" -v n="$n" '$1 == "sha2_chain" && $2 == m && $3 == n' "$csv" | wc -l)
    [[ $rows -eq 1 ]] || bad "$rows rows for sha2_chain $mode 2^$n, want 1"
  done
done
# Sane numbers: T = 2^log_t, cycles fill most of T, positive times, throughput = cycles /
# prove_seconds / 1000, an RSS between 1 MiB and 64 GiB, a proof, one repetition.
awk -F, 'NR > 1 {
    row = $1 " " $2 " 2^" $3
    if (NF != 13) print "FAIL: " row ": " NF " fields"
    if ($5 != 2 ^ $3) print "FAIL: " row ": padded_t " $5
    if (!($4 > $5 / 2 && $4 < $5)) print "FAIL: " row ": cycles " $4 " for T = " $5
    if (!($6 > 0 && $7 > 0)) print "FAIL: " row ": prove " $6 " s, verify " $7 " s"
    k = $4 / $6 / 1000
    if (!($8 > 0.99 * k && $8 < 1.01 * k)) print "FAIL: " row ": throughput_khz " $8 ", want " k
    if (!($9 > 2 ^ 20 && $9 < 2 ^ 36)) print "FAIL: " row ": peak_rss_bytes " $9
    if (!($10 > 1000)) print "FAIL: " row ": proof_bytes " $10
    if ($11 != 1) print "FAIL: " row ": repetitions " $11
    if (!($12 > 0 && $13 >= 1)) print "FAIL: " row ": tracked_bytes " $12 ", threads " $13
  }' "$csv" >"$out/sanity"
[[ -s $out/sanity ]] && { cat "$out/sanity"; fail=1; }
# Both modes emit the same proof, so the same number of bytes.
for n in 13 14 15; do
  sizes=$(awk -F, -v n="$n" 'NR > 1 && $3 == n { print $10 }' "$csv" | sort -u | wc -l)
  [[ $sizes -eq 1 ]] || bad "proof_bytes differ between the modes at 2^$n"
done

# The JSON contract of `rill bench --json` (README), checked on every run.
[[ $(wc -l <"$out/runs.jsonl") -eq 6 ]] || bad "runs.jsonl has $(wc -l <"$out/runs.jsonl") lines"
while read -r line; do
  for key in prove_seconds verify_seconds throughput_khz peak_rss_bytes proof_bytes cycles \
    padded_t time_max_rss_bytes; do
    grep -Eq "\"$key\":[0-9]" <<<"$line" || bad "no numeric \"$key\" in $line"
  done
  stage=$(grep -Eo '"stages":\[\{[^}]*\}' <<<"$line")
  for key in '"name":"[^"]+"' '"seconds":[0-9]' '"passes":[0-9]' '"tracked_bytes":[0-9]'; do
    grep -Eq "$key" <<<"$stage" || bad "stages[0] lacks $key in $line"
  done
done <"$out/runs.jsonl"

# Fitted exponents (three sizes each) and the two plots.
for mode in linear streaming; do
  for metric in prove_seconds peak_rss_bytes; do
    grep -Eq "^sha2_chain,$mode,$metric,-?[0-9]+\.[0-9]+,3$" "$out/fits.csv" ||
      bad "no fitted exponent for $mode $metric in fits.csv"
  done
done
for plot in rss_vs_t_sha2_chain.png prove_vs_t_sha2_chain.png; do
  [[ -s $out/$plot ]] || { bad "$plot missing or empty"; continue; }
  [[ $(head -c 4 "$out/$plot" | od -An -tx1 | tr -d ' ') == 89504e47 ]] || bad "$plot is not a PNG"
done

[[ $fail -eq 0 ]] && echo "bench_e2e_test: ok"
exit $fail
