#!/usr/bin/env bash
# Installs every Debian package Rill needs to build, test and benchmark.
# Idempotent: does nothing (and needs no network) when everything is already present.
# Usage: scripts/setup.sh            (run as root, or with sudo available)
set -euo pipefail

PACKAGES=(
  # build
  g++ cmake ninja-build make pkg-config clang-format
  # host libraries
  libtbb-dev libsodium-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # guests and the differential oracle (picolibc deliberately not installed: ~1 GB, not needed)
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf qemu-user
  # peak-RSS measurement (/usr/bin/time -v) and the end-to-end sweep's plots (make bench-e2e)
  time gnuplot-nox
  # libFuzzer harnesses (make fuzz): clang with the fuzzer and sanitizer runtimes
  clang libclang-rt-14-dev
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
  echo "setup: 'apt-get update' failed; is Debian's package archive reachable?" >&2; exit 1
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "setup: could not install one of: ${missing[*]}" >&2
  echo "setup: try 'apt-get install ${missing[*]}' by hand to see which package fails" >&2
  exit 1
fi
echo "setup: done"
