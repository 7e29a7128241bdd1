# Thin wrapper over the CMake presets (CMakePresets.json). Every target that builds first runs
# scripts/setup.sh, which installs missing Debian packages and is a no-op when all are present.
.PHONY: setup demo test test-asan test-asan-subset bench bench-e2e format check build build-asan build-fuzz fuzz clean

JOBS ?= $(shell nproc)

setup:
	@scripts/setup.sh

build: setup
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

build-asan: setup
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)

# The main job: run the default guest (prove and verify it once proving exists).
demo: build
	scripts/demo.sh build/release

# Every test through CTest, release build.
test: build
	ctest --preset release

# The same tests under AddressSanitizer + UBSan (not part of `make test`).
test-asan: build-asan
	ctest --preset asan

# The sanitizer subset .ci/run runs (docs/hardening.md): everything that reads untrusted input
# (ELF loader, emulator, CLI, file I/O, fuzz corpora) under ASan + UBSan, built without the
# tests of the proving layers so that the whole CI stays under 30 minutes on 2 cores.
ASAN_SUBSET_TARGETS = rill guests util_tests riscv_integration_tests fuzz_replay_proof_verify \
	fuzz_replay_elf_loader fuzz_replay_dory_proof fuzz_replay_group_elements
ASAN_SUBSET_LABELS = util|riscv|fuzz|hardening
test-asan-subset: setup
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS) --target $(ASAN_SUBSET_TARGETS)
	ctest --preset asan -L '$(ASAN_SUBSET_LABELS)'

# libFuzzer (clang, ASan + UBSan): runs each harness for FUZZ_SECONDS at nice 19, one at a time,
# on a scratch copy of its committed corpus (fuzz/README.md). New interesting inputs land in
# build/fuzz/corpus/<harness>; copy the small ones into fuzz/corpus/<harness> to keep them.
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES = proof_verify elf_loader dory_proof group_elements
build-fuzz: setup
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_HARNESSES))

fuzz: build-fuzz
	scripts/fuzz.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

bench: build
	cmake --build --preset release --target run_benches

# End-to-end sweep (bench/e2e_sweep.sh): `rill bench` for every guest × size × mode, each run a
# fresh process under /usr/bin/time -v, medians over repetitions, CSV and gnuplot plots in
# build/bench-e2e/. Defaults: sha2_chain, 2^16..2^22, linear and streaming, 3 repetitions. Change
# them with BENCH_GUESTS, BENCH_SIZES, BENCH_MODES, BENCH_REPS, BENCH_THREADS, BENCH_OUT,
# BENCH_FORMAT, or pass flags: make bench-e2e BENCH_ARGS="--sizes 16-18 --reps 1".
bench-e2e: setup
	cmake --preset release
	cmake --build --preset release -j $(JOBS) --target rill guests
	bench/e2e_sweep.sh --build build/release $(BENCH_ARGS)

format:
	find src apps bench tests guests fuzz -name '*.[ch]pp' -o -name '*.[ch]' | xargs -r clang-format -i

check:
	scripts/check_layers.sh
	find src apps bench tests guests fuzz -name '*.[ch]pp' -o -name '*.[ch]' | xargs -r clang-format --dry-run --Werror

clean:
	rm -rf build
