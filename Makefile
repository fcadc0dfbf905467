# The two commands of the README's quick start, and the benchmark.
#   make run    builds Signpost and opens it on the embedded default store
#   make test   runs the whole test suite (unit, store, snapshot and tmux end-to-end tests)

SWIFT ?= swift
export LANG := C.UTF-8

.PHONY: run test demo build setup

setup:
	@.ci/setup

build: setup
	$(SWIFT) build

run: build
	$(SWIFT) run signpost $(ARGS)

demo: build
	$(SWIFT) run signpost demo $(ARGS)

test: setup
	$(SWIFT) build --build-tests
	SIGNPOST_BINARY="$$($(SWIFT) build --show-bin-path)/signpost" $(SWIFT) test --skip-build
