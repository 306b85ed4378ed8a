# The two commands a new machine needs: `make demo` and `make test`.
# Both install the Debian packages the build needs when they are missing.
SWIFT ?= swift

.PHONY: all deps build release test demo bench simulate crash-test crash-test-pg faulty-link resilience-ci fuzz fuzz-build clean

all: build

deps:
	@./scripts/install-system-deps.sh

build: deps
	$(SWIFT) build

# The binaries to install on PCs and servers: self-contained (the Swift runtime linked in), with
# the flags of scripts/release-flags.sh (docs/MEMORY.md: an idle walletd holds 28 MB, not 45), in
# .build-release/release/.
release: deps
	@bash -c '. scripts/release-flags.sh && for product in walletd wallet-cli repositoryd; do \
	  $(SWIFT) build -c release --scratch-path "$$SCRATCH" "$${RELEASE_FLAGS[@]}" --product "$$product" || exit 1; done'

test: deps
	@./scripts/install-system-deps.sh --browser
	@./scripts/install-test-tools.sh
	./scripts/check-imports.sh
	./scripts/check-path-literals.sh
	$(SWIFT) build --build-tests
	@# Both run against one throw-away PostgreSQL cluster (WALLET_TEST_POSTGRES_URL), removed
	@# afterwards also when a test fails or the run is interrupted.
	./scripts/with-postgres.sh sh -c '$(SWIFT) test --skip-build && $(MAKE) resilience-ci'

demo: build
	./scripts/demo.sh

# Every benchmark (socket, verify, sync on SQLite and PostgreSQL, many PCs at once, a learner's
# views) and one summary table against the targets of issues 12 and 14. SKIP_BUILD=1 reuses the
# release build; BIG=1 adds the 1,000,000-statement sync case (the views' PC of 1,000,000 always runs).
bench: deps
	./scripts/bench-all.sh

# The deterministic simulation over the real stores, 1,000 seeds (make test runs 50).
# SIM_SEEDS=N for another count, SIM_SEED=K for one seed, SIM_LOG=/tmp/sim for failed seeds' steps.
SIM_SEEDS ?= 1000
simulate: deps
	$(SWIFT) build --build-tests
	SIM_SEEDS=$(SIM_SEEDS) $(SWIFT) test --skip-build --filter StoreSimulationTests

# The crash loop (docs/SYNC.md, "Crash loop"): repositoryd and 3 walletd, kill -9 of a random
# one N times, then the ledger checks. make test runs N=10; CRASH_SEED=S repeats a run.
N ?= 200
PY = PYTHONDONTWRITEBYTECODE=1 python3
crash-test: build
	$(PY) scripts/resilience/crash_loop.py --bin "$$($(SWIFT) build --show-bin-path)" -n $(N) $(if $(CRASH_SEED),--seed $(CRASH_SEED))

# The same for a region: two repositoryd on one PostgreSQL database behind a round-robin
# balancer, the killer choosing among both and the PCs; a throw-away cluster of its own
# (or WALLET_TEST_POSTGRES_URL's), removed afterwards. CRASH_CREDENTIALS=1 adds the issuance check.
crash-test-pg: build
	$(PY) scripts/resilience/crash_loop.py --bin "$$($(SWIFT) build --show-bin-path)" -n $(N) --postgres --instances 2 \
	  $(if $(CRASH_SEED),--seed $(CRASH_SEED)) $(if $(CRASH_CREDENTIALS),--check-credentials)

# The faulty link (docs/SYNC.md, "Faulty link"): syncs through a proxy that drops, truncates,
# delays, resets, answers 5xx/429/garbage and duplicates, at each rate in RATES.
RATES ?= 0.1,0.3,0.5
faulty-link: build
	$(PY) scripts/resilience/faulty_link.py --bin "$$($(SWIFT) build --show-bin-path)" --rates $(RATES)

# The short versions make test runs (about a minute together on a 2-core machine).
# Under make test the PostgreSQL runs make their databases on its cluster (WALLET_TEST_POSTGRES_URL).
resilience-ci:
	$(PY) scripts/resilience/crash_loop.py --bin "$$($(SWIFT) build --show-bin-path)" -n 10
	$(PY) scripts/resilience/crash_loop.py --bin "$$($(SWIFT) build --show-bin-path)" -n 10 --postgres --instances 2 --check-credentials
	@# The checker itself: told of an acknowledged write that never happened, it must fail.
	@! $(PY) scripts/resilience/crash_loop.py --bin "$$($(SWIFT) build --show-bin-path)" -n 2 --inject-loss >/dev/null 2>&1 \
	  || { echo "crash_loop.py --inject-loss passed: the crash loop's checks see nothing" >&2; exit 1; }
	@! $(PY) scripts/resilience/crash_loop.py --bin "$$($(SWIFT) build --show-bin-path)" -n 2 --inject-loss --postgres --instances 2 >/dev/null 2>&1 \
	  || { echo "crash_loop.py --inject-loss --postgres passed: the crash loop's checks see nothing on PostgreSQL" >&2; exit 1; }
	@echo "crash loop checker: a made-up loss is caught (SQLite and PostgreSQL)"
	$(PY) scripts/resilience/faulty_link.py --bin "$$($(SWIFT) build --show-bin-path)" --rates 0.2,0.5 --statements 10

# libFuzzer on every fuzz target, SECONDS each (default 60), one after another (docs/FUZZING.md).
# FUZZ_TARGETS="json wire" for some of them. Its own build folder: the sanitizer flags differ.
SECONDS ?= 60
FUZZ_TARGETS ?= json wire statement credential form push-pull cmi5 zip
FUZZ_BUILD = --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER \
	-Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
fuzz-build: deps
	$(SWIFT) build $(FUZZ_BUILD) --product wallet-fuzz
fuzz: fuzz-build
	./scripts/fuzz.sh $(SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz
