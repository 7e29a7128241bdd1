#!/usr/bin/env bash
# Fails when a file includes a header from a layer it may not depend on (ARCHITECTURE.md §1).
# Usage: scripts/check_layers.sh [ROOT]   (ROOT defaults to the repository root)
# Checks every .hpp/.cpp under ROOT/src/rill/<layer>/ and ROOT/apps/; tests/ and bench/ may
# include anything. Prints one line per violation: file:line: layer A includes layer B.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}

# The layer DAG: each layer and the layers it may include (besides itself).
declare -A allowed=(
  [util]=""
  [field]="util"
  [curve]="util field"
  [transcript]="util field"
  [poly]="util field"
  [sumcheck]="util field transcript poly"
  [pcs]="util field curve transcript poly"
  [riscv]="util"
  [zkvm]="util field curve transcript poly sumcheck pcs riscv"
  [app]="util field curve transcript poly sumcheck pcs riscv zkvm"
)

violations=0
check_file() {
  local file=$1 layer=$2
  local line_no=0 line target
  while IFS= read -r line; do
    line_no=$((line_no + 1))
    [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"\<]rill/([a-z_]+)/ ]] || continue
    target=${BASH_REMATCH[1]}
    [[ $target == "$layer" ]] && continue
    if [[ -z ${allowed[$target]+x} ]]; then
      echo "${file#"$root"/}:$line_no: includes unknown layer '$target'"
      violations=$((violations + 1))
    elif [[ " ${allowed[$layer]} " != *" $target "* ]]; then
      echo "${file#"$root"/}:$line_no: layer '$layer' may not include layer '$target'"
      violations=$((violations + 1))
    fi
  done <"$file"
}

while IFS= read -r -d '' file; do
  rel=${file#"$root"/src/rill/}
  layer=${rel%%/*}
  if [[ -z ${allowed[$layer]+x} ]]; then
    echo "${file#"$root"/}: not inside a known layer folder"
    violations=$((violations + 1))
    continue
  fi
  check_file "$file" "$layer"
done < <(find "$root/src/rill" -mindepth 2 \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) -print0 2>/dev/null)

if [[ -d $root/apps ]]; then
  while IFS= read -r -d '' file; do
    check_file "$file" app
  done < <(find "$root/apps" \( -name '*.hpp' -o -name '*.cpp' \) -print0)
fi

if [[ $violations -ne 0 ]]; then
  echo "check_layers: $violations violation(s)" >&2
  exit 1
fi
echo "check_layers: ok"
