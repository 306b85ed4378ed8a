# The two commands a new machine needs: `make demo` and `make test`.
# Both install the Debian packages the build needs when they are missing.
SWIFT ?= swift

.PHONY: all deps build test demo bench simulate fuzz fuzz-build clean

all: build

deps:
	@./scripts/install-system-deps.sh

build: deps
	$(SWIFT) build

test: deps
	@./scripts/install-test-tools.sh
	./scripts/check-imports.sh
	./scripts/check-path-literals.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	./scripts/demo.sh

bench: deps
	./scripts/bench.sh

# The deterministic simulation over the real stores, 1,000 seeds (make test runs 50).
# SIM_SEEDS=N for another count, SIM_SEED=K for one seed, SIM_LOG=/tmp/sim for failed seeds' steps.
SIM_SEEDS ?= 1000
simulate: deps
	$(SWIFT) build --build-tests
	SIM_SEEDS=$(SIM_SEEDS) $(SWIFT) test --skip-build --filter StoreSimulationTests

# libFuzzer on every fuzz target, SECONDS each (default 60), one after another (docs/FUZZING.md).
# FUZZ_TARGETS="json wire" for some of them. Its own build folder: the sanitizer flags differ.
SECONDS ?= 60
FUZZ_TARGETS ?= json wire statement credential form push-pull
FUZZ_BUILD = --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER \
	-Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
fuzz-build: deps
	$(SWIFT) build $(FUZZ_BUILD) --product wallet-fuzz
fuzz: fuzz-build
	./scripts/fuzz.sh $(SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz
