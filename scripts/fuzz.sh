#!/usr/bin/env bash
# Runs libFuzzer harnesses one after another at nice $FUZZ_NICE (default 19: the machine's cores
# are shared; 0 on an otherwise idle machine), each for
# SECONDS, starting from a scratch copy of its committed corpus, and prints a summary line per
# harness (executions, coverage, features, corpus size) for docs/hardening.md.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS HARNESS...
set -euo pipefail
build=$1 seconds=$2; shift 2
niceness=${FUZZ_NICE:-19}
root=$(cd "$(dirname "$0")/.." && pwd)
for h in "$@"; do
  work=$build/corpus/$h
  mkdir -p "$work" "$build/artifacts/$h"
  # Overwrite: a committed seed (e.g. the honest proof of a new format) replaces a stale copy.
  cp -f "$root/fuzz/corpus/$h"/* "$work"/ 2>/dev/null || true
  log=$build/fuzz_$h.log
  echo "fuzz: $h for ${seconds}s (log: $log)"
  # -rss_limit_mb: the harnesses stay far below; a leak or blow-up is a finding.
  nice -n "$niceness" "$build/fuzz/fuzz_$h" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -max_len=65536 -timeout=60 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$h/" >"$log" 2>&1 || {
    echo "fuzz: $h FOUND A FAILURE (see $log and $build/artifacts/$h)"; tail -30 "$log"; exit 1; }
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+' || true)
  ft=$(grep -E '#[0-9]+' "$log" | tail -1 | grep -oE 'ft: [0-9]+' || true)
  echo "fuzz: $h ok: ${execs:-?} executions, ${cov:-cov: ?}, ${ft:-ft: ?}, corpus $(ls "$work" | wc -l) files"
done
