# The two commands of the README's quick start, and the benchmark.
#   make run    builds Signpost and opens it on the embedded default store
#   make test   runs the whole test suite (unit, store, snapshot and tmux end-to-end tests)

SWIFT ?= swift
export LANG := C.UTF-8

.PHONY: run test demo build setup lint

setup:
	@.ci/setup

build: setup
	$(SWIFT) build

run: build
	$(SWIFT) run signpost $(ARGS)

demo: build
	$(SWIFT) run signpost demo $(ARGS)

# Style and layering, checked before any test runs: swift-format's lint (config .swift-format) and
# SwiftPM's explicit import check (a file may import only the modules its target declares).
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

test: setup lint
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	@# A hung test must fail the run, not wait out CI's limit: the whole suite takes about a minute.
	SIGNPOST_BINARY="$$($(SWIFT) build --show-bin-path)/signpost" timeout --kill-after=30 1800 $(SWIFT) test --skip-build \
		|| { status=$$?; [ $$status -ne 124 ] || echo "make test: the test run was stopped after 30 minutes (a test hung)" >&2; exit $$status; }
