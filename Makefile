# Thin wrapper over the CMake presets (CMakePresets.json). Every target that builds first runs
# scripts/setup.sh, which installs missing Debian packages and is a no-op when all are present.
.PHONY: setup demo test test-asan bench format check build build-asan clean

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

bench: build
	cmake --build --preset release --target run_benches

format:
	find src apps bench tests guests -name '*.[ch]pp' -o -name '*.[ch]' | xargs -r clang-format -i

check:
	scripts/check_layers.sh
	find src apps bench tests guests -name '*.[ch]pp' -o -name '*.[ch]' | xargs -r clang-format --dry-run --Werror

clean:
	rm -rf build
