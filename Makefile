# The two commands a new machine needs: `make demo` and `make test`.
# Both install the Debian packages the build needs when they are missing.
SWIFT ?= swift

.PHONY: all deps build test demo bench clean

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

clean:
	rm -rf .build
