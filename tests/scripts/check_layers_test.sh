#!/usr/bin/env bash
# Proves that scripts/check_layers.sh catches violations: it must pass on a clean copy of the
# layer tree and fail, naming the file, once an upward include is planted.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

mkdir -p "$scratch/src/rill/util" "$scratch/src/rill/field" "$scratch/src/rill/zkvm"
printf '#pragma once\n' >"$scratch/src/rill/util/a.hpp"
printf '#include "rill/util/a.hpp"\n' >"$scratch/src/rill/field/b.hpp"
printf '#include "rill/field/b.hpp"\n#include "rill/util/a.hpp"\n' >"$scratch/src/rill/zkvm/c.hpp"
"$repo/scripts/check_layers.sh" "$scratch" >/dev/null || { echo "FAIL: clean tree rejected"; exit 1; }

# Plant an upward include: util (lowest layer) includes zkvm.
printf '#include "rill/zkvm/c.hpp"\n' >>"$scratch/src/rill/util/a.hpp"
if out=$("$repo/scripts/check_layers.sh" "$scratch" 2>&1); then
  echo "FAIL: planted violation not detected"; exit 1
fi
grep -q "src/rill/util/a.hpp:2: layer 'util' may not include layer 'zkvm'" <<<"$out" ||
  { echo "FAIL: violation not named: $out"; exit 1; }

# A sideways include between layers with no edge (riscv -> field) is caught as well.
mkdir -p "$scratch/src/rill/riscv"
sed -i '$d' "$scratch/src/rill/util/a.hpp"
printf '#include <rill/field/b.hpp>\n' >"$scratch/src/rill/riscv/d.cpp"
if "$repo/scripts/check_layers.sh" "$scratch" >/dev/null 2>&1; then
  echo "FAIL: riscv -> field not detected"; exit 1
fi
echo "check_layers_test: ok"
