#!/usr/bin/env bash
# End-to-end sweep (`make bench-e2e`): runs `rill bench --json` for every guest × size × mode,
# each repetition in a fresh process under /usr/bin/time -v, and writes to the output directory
#
#   runs.jsonl          one line per run: rill's JSON report plus log_t, rep, threads,
#                       time_max_rss_bytes (kernel peak RSS of the whole process, from time -v)
#                       and time_wall_seconds
#   e2e.csv             one row per configuration, medians over the repetitions:
#                       guest,mode,log_t,cycles,padded_t,prove_seconds,verify_seconds,
#                       throughput_khz,peak_rss_bytes,proof_bytes,repetitions,tracked_bytes,threads
#                       (peak_rss_bytes: /usr/bin/time -v; throughput_khz: cycles / median
#                       prove_seconds / 1000; tracked_bytes: rill's tracked high-water mark)
#   fits.csv            guest,mode,metric,exponent,points: least-squares slope of log y on log T
#   rss_vs_t_<guest>.<fmt>, prove_vs_t_<guest>.<fmt>
#                       log-log gnuplot plots, both modes, fitted exponents in the legend
#
# Usage: bench/e2e_sweep.sh [options]; each option also has an environment variable.
#   --build DIR     build directory holding bin/rill and guests/  (BENCH_BUILD, build/release;
#                   with only --rill: the directory above its bin/)
#   --rill PATH     the rill binary, instead of DIR/bin/rill       (BENCH_RILL)
#   --guests LIST   canonical guests                               (BENCH_GUESTS, sha2_chain)
#   --sizes LIST    log2 T values; "16-22", "16 18 20" or "12,14"  (BENCH_SIZES, 16-22; 8 to 28)
#   --modes LIST    linear and/or streaming                        (BENCH_MODES, "linear streaming")
#   --reps N        repetitions per configuration                  (BENCH_REPS, 3)
#   --threads N     rill --threads                                 (BENCH_THREADS, all cores)
#   --out DIR       output directory                               (BENCH_OUT, build/bench-e2e)
#   --format F      png or svg                                     (BENCH_FORMAT, png)
#   --no-plots      CSV only (gnuplot not needed)
# Lists take spaces or commas. A failed run stops the sweep (rows written so far stay in e2e.csv).
# Files of an earlier sweep in the same output directory are overwritten.
set -euo pipefail
export LC_ALL=C  # decimal points in printf, awk and sort -g

die() { echo "e2e_sweep: $*" >&2; exit 2; }

build=${BENCH_BUILD:-}
rill=${BENCH_RILL:-}
guests=${BENCH_GUESTS:-sha2_chain}
sizes=${BENCH_SIZES:-16-22}
modes=${BENCH_MODES:-linear streaming}
reps=${BENCH_REPS:-3}
threads=${BENCH_THREADS:-}
out=${BENCH_OUT:-build/bench-e2e}
format=${BENCH_FORMAT:-png}
plots=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=${2:?--build needs a value}; shift 2 ;;
    --rill) rill=${2:?--rill needs a value}; shift 2 ;;
    --guests) guests=${2:?--guests needs a value}; shift 2 ;;
    --sizes) sizes=${2:?--sizes needs a value}; shift 2 ;;
    --modes) modes=${2:?--modes needs a value}; shift 2 ;;
    --reps) reps=${2:?--reps needs a value}; shift 2 ;;
    --threads) threads=${2:?--threads needs a value}; shift 2 ;;
    --out) out=${2:?--out needs a value}; shift 2 ;;
    --format) format=${2:?--format needs a value}; shift 2 ;;
    --no-plots) plots=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# Validate everything before the first (possibly long) run.
# The guests come from --build; with only --rill, from next to its binary (<build>/bin/rill and
# <build>/guests, as rill itself assumes); with neither, from build/release.
if [[ -z $build ]]; then
  if [[ -n $rill ]]; then build=$(dirname "$rill")/..; else build=build/release; fi
fi
rill=${rill:-$build/bin/rill}
[[ -x $rill ]] || die "no executable $rill: build the rill and guests targets first"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing: run scripts/setup.sh (Debian package 'time')"
read -r -a guest_list <<<"${guests//,/ }"
read -r -a mode_list <<<"${modes//,/ }"
[[ ${#guest_list[@]} -gt 0 ]] || die "--guests is empty"
[[ ${#mode_list[@]} -gt 0 ]] || die "--modes is empty"
for g in "${guest_list[@]}"; do
  [[ $g =~ ^(fibonacci|muldiv|sha2_chain|memory_ops)$ ]] || die "unknown guest '$g'"
done
for m in "${mode_list[@]}"; do
  [[ $m =~ ^(linear|streaming)$ ]] || die "unknown mode '$m' (linear or streaming)"
done
size_list=()
for tok in ${sizes//,/ }; do
  if [[ $tok =~ ^([0-9]+)(-|\.\.)([0-9]+)$ ]]; then
    for ((n = BASH_REMATCH[1]; n <= BASH_REMATCH[3]; n++)); do size_list+=("$n"); done
  elif [[ $tok =~ ^[0-9]+$ ]]; then
    size_list+=("$tok")
  else
    die "bad size '$tok' in --sizes (want N, A-B or A..B)"
  fi
done
[[ ${#size_list[@]} -gt 0 ]] || die "--sizes is empty"
for n in "${size_list[@]}"; do
  ((10#$n >= 8 && 10#$n <= 28)) || die "size $n out of range: rill bench takes --log-cycles 8 to 28"
done
[[ $reps =~ ^[1-9][0-9]*$ ]] || die "--reps must be a positive integer, not '$reps'"
thread_args=()
cores=$(nproc)
threads_used=$cores
if [[ -n $threads ]]; then
  [[ $threads =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer, not '$threads'"
  thread_args=(--threads "$threads")
  threads_used=$((threads < cores ? threads : cores))  # rill clamps to the cores
fi
[[ $format =~ ^(png|svg)$ ]] || die "--format must be png or svg, not '$format'"
if ((plots)) && ! command -v gnuplot >/dev/null 2>&1; then
  die "gnuplot not found: run scripts/setup.sh (Debian package gnuplot-nox), or pass --no-plots"
fi

mkdir -p "$out"
runs=$out/runs.jsonl
csv=$out/e2e.csv
fits=$out/fits.csv
: >"$runs"
echo "guest,mode,log_t,cycles,padded_t,prove_seconds,verify_seconds,throughput_khz,peak_rss_bytes,proof_bytes,repetitions,tracked_bytes,threads" >"$csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# json_num KEY JSON: the number after "KEY": (top-level keys of rill's report are unique).
json_num() {
  awk -v key="\"$1\":" '{
    i = index($0, key); if (i == 0) exit 1
    s = substr($0, i + length(key)); match(s, /^-?[0-9.eE+-]+/)
    if (RLENGTH <= 0) exit 1
    print substr(s, 1, RLENGTH) }' <<<"$2" || die "no numeric \"$1\" in rill's report: $2"
}
# median V...: the middle value (mean of the two middle ones for an even count).
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.15g\n", v[(NR + 1) / 2]; else printf "%.15g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

total=$((${#guest_list[@]} * ${#size_list[@]} * ${#mode_list[@]} * reps))
done_runs=0
for guest in "${guest_list[@]}"; do
  for n in "${size_list[@]}"; do
    n=$((10#$n))
    for mode in "${mode_list[@]}"; do
      prove=() verify=() rss=() tracked=()
      cycles="" padded="" proof=""
      for ((rep = 1; rep <= reps; rep++)); do
        done_runs=$((done_runs + 1))
        echo "e2e_sweep: [$done_runs/$total] $guest 2^$n $mode, repetition $rep/$reps" >&2
        # --guest-dir: the guests of --build, also when --rill names a binary elsewhere.
        if ! report=$(/usr/bin/time -v -o "$tmp/time" "$rill" bench --guest "$guest" \
          --guest-dir "$build/guests" --log-cycles "$n" --mode "$mode" "${thread_args[@]}" \
          --json 2>"$tmp/stderr"); then
          cat "$tmp/stderr" >&2
          grep -v '^[[:space:]]' "$tmp/time" >&2 || true  # "Command exited with …" / "… by signal …"
          die "rill bench failed for $guest 2^$n $mode (rows so far are in $csv)"
        fi
        report=$(tail -n 1 <<<"$report")
        [[ $report == \{*\} ]] || die "rill bench printed no JSON object: $report"
        max_rss_kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time")
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
          for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time")
        [[ $max_rss_kib =~ ^[0-9]+$ ]] || die "no peak RSS in /usr/bin/time -v output"
        echo "${report%\}},\"log_t\":$n,\"rep\":$rep,\"threads\":$threads_used,\"time_max_rss_bytes\":$((max_rss_kib * 1024)),\"time_wall_seconds\":${wall:-0}}" >>"$runs"
        c=$(json_num cycles "$report")
        p=$(json_num padded_t "$report")
        b=$(json_num proof_bytes "$report")
        # One configuration is deterministic: the same cycles, T and proof size every time.
        [[ -z $cycles || ($cycles == "$c" && $padded == "$p" && $proof == "$b") ]] ||
          die "$guest 2^$n $mode: cycles/padded_t/proof_bytes differ between repetitions"
        cycles=$c padded=$p proof=$b
        v=$(json_num prove_seconds "$report")
        prove+=("$v")
        v=$(json_num verify_seconds "$report")
        verify+=("$v")
        v=$(json_num tracked_high_water_bytes "$report")
        tracked+=("$v")
        rss+=($((max_rss_kib * 1024)))
      done
      mp=$(median "${prove[@]}")
      khz=$(awk -v c="$cycles" -v s="$mp" 'BEGIN { printf "%.3f", c / s / 1000 }')
      printf '%s,%s,%d,%s,%s,%.6g,%.6g,%s,%.0f,%s,%d,%.0f,%d\n' "$guest" "$mode" "$n" "$cycles" \
        "$padded" "$mp" "$(median "${verify[@]}")" "$khz" "$(median "${rss[@]}")" "$proof" \
        "$reps" "$(median "${tracked[@]}")" "$threads_used" >>"$csv"
    done
  done
done

# Fitted exponents: least-squares slope of ln y on ln T, per guest, mode and metric.
awk -F, 'NR > 1 {
    for (m = 0; m < 3; m++) {
      col = m == 0 ? 6 : m == 1 ? 9 : 12
      name = m == 0 ? "prove_seconds" : m == 1 ? "peak_rss_bytes" : "tracked_bytes"
      if ($col <= 0) continue
      k = $1 SUBSEP $2 SUBSEP name
      if (!(k in n)) order[++count] = k
      x = log($5); y = log($col)
      n[k]++; sx[k] += x; sy[k] += y; sxx[k] += x * x; sxy[k] += x * y
    }
  }
  END {
    print "guest,mode,metric,exponent,points"
    for (i = 1; i <= count; i++) {
      k = order[i]; split(k, f, SUBSEP); d = n[k] * sxx[k] - sx[k] * sx[k]
      e = (n[k] >= 2 && d > 0) ? sprintf("%.3f", (n[k] * sxy[k] - sx[k] * sy[k]) / d) : "n/a"
      print f[1] "," f[2] "," f[3] "," e "," n[k]
    }
  }' "$csv" >"$fits"

if ((plots)); then
  if [[ $format == svg ]]; then
    terminal='svg size 900,600 enhanced font "sans,12" background "white"'
  elif [[ $(gnuplot -e 'set terminal' 2>&1) == *pngcairo* ]]; then
    terminal='pngcairo size 900,600 enhanced font "sans,11"'
  else
    terminal='png size 900,600 enhanced'
  fi
  exponent() {  # exponent GUEST MODE METRIC
    awk -F, -v g="$1" -v m="$2" -v k="$3" '$1 == g && $2 == m && $3 == k { print $4 }' "$fits"
  }
  # plot FILE YLABEL TITLE COLUMN METRIC, for $guest (COLUMN: a gnuplot expression over the
  # data columns 1 = T, 2 = prove seconds, 3 = peak RSS bytes)
  plot() {
    local series=() mode dat
    for mode in "${mode_list[@]}"; do
      dat=$tmp/$guest.$mode.dat
      awk -F, -v g="$guest" -v m="$mode" 'NR > 1 && $1 == g && $2 == m { print $5, $6, $9 }' \
        "$csv" | sort -g >"$dat"
      [[ -s $dat ]] || continue
      series+=("\"$dat\" using 1:($4) with linespoints pointtype 7 title \"$mode, fitted exponent $(exponent "$guest" "$mode" "$5")\"")
    done
    local joined
    joined=$(printf '%s, ' "${series[@]}")
    gnuplot <<EOF || die "gnuplot failed on $1"
set terminal $terminal
set output "$1"
set title "$3" noenhanced
set logscale x 2
set logscale y 10
set format x "2^{%L}"
set xlabel "T (padded cycles)"
set ylabel "$2"
set key top left box opaque
set grid xtics ytics mytics
set offsets graph 0.03, graph 0.03, 0, 0
plot ${joined%, }
EOF
  }
  # shellcheck disable=SC2016  # '$2', '$3/1048576' are gnuplot column expressions
  for guest in "${guest_list[@]}"; do
    plot "$out/rss_vs_t_$guest.$format" "peak RSS (MiB, /usr/bin/time -v)" \
      "$guest: peak RSS vs T (median of $reps)" '$3/1048576' peak_rss_bytes
    plot "$out/prove_vs_t_$guest.$format" "prove seconds (trace included)" \
      "$guest: prove time vs T (median of $reps)" '$2' prove_seconds
  done
fi
echo "e2e_sweep: wrote $csv, $fits$( ((plots)) && echo " and the plots") in $out" >&2
