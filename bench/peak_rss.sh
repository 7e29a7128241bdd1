#!/usr/bin/env bash
# Peak-memory harness: runs `rill bench` (the landed stages, 1–7) under /usr/bin/time -v for each
# size and mode and prints one JSON line per run: the bench's own report (cycles, T, seconds, kHz,
# tracked high-water bytes, in-process peak RSS) plus max_rss_kib, the kernel's maximum resident
# set size for the whole process (emulation and trace included).
#
#   bench/peak_rss.sh BUILD_DIR [GUEST] [LOG_SIZES] [MODES] [THREADS]
#   bench/peak_rss.sh build/release sha2_chain "16 18 20 22" "linear streaming" 1
set -euo pipefail
build=${1:?usage: bench/peak_rss.sh BUILD_DIR [GUEST] [LOG_SIZES] [MODES] [THREADS]}
guest=${2:-sha2_chain}
sizes=${3:-16 18 20 22}
modes=${4:-linear streaming}
threads=${5:-1}
rill=$build/bin/rill
[[ -x $rill ]] || { echo "no $rill: build the rill target first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time missing (Debian package 'time')" >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for n in $sizes; do
  for mode in $modes; do
    report=$(/usr/bin/time -v -o "$log" "$rill" bench --guest "$guest" --log-cycles "$n" \
      --mode "$mode" --threads "$threads" --json)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "${report%\}},\"log_t\":$n,\"max_rss_kib\":$rss}"
  done
done
