# The two commands of the README's quick start, and the benchmark.
#   make run    builds Signpost and opens it on the embedded default store
#   make test   runs the whole test suite (unit, store, snapshot, tmux end-to-end and team server tests)
#   make team-server  starts the local team server (PostgreSQL) to try sharing a record; Ctrl-C stops it,
#                     keeping its data for the next start (make team-server-delete throws it away)

SWIFT ?= swift
export LANG := C.UTF-8

.PHONY: run test demo build setup lint team-server team-server-delete

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
	@# The team server tests need PostgreSQL: .ci/postgres installs it from Debian's packages if
	@# missing, starts a throwaway cluster, passes its URL in SIGNPOST_TEST_POSTGRES_URL and stops it.
	SIGNPOST_BINARY="$$($(SWIFT) build --show-bin-path)/signpost" .ci/postgres run \
		timeout --kill-after=30 1800 $(SWIFT) test --skip-build \
		|| { status=$$?; [ $$status -ne 124 ] || echo "make test: the test run was stopped after 30 minutes (a test hung)" >&2; exit $$status; }

# A local team server to try: PostgreSQL (installed from Debian's packages if missing) on
# 127.0.0.1:54329, made and initialised as a demonstration server the first time, its cluster kept in
# $(SIGNPOST_TEAM_SERVER_DIR) (default /var/lib/postgresql/signpost-team-server). Ctrl-C stops it and
# keeps everything it holds; the next `make team-server` starts it again; `make team-server-delete`
# throws it away. `make test` never touches it: its own cluster is a throwaway one.
team-server: build
	SIGNPOST_BINARY="$$($(SWIFT) build --show-bin-path)/signpost" .ci/postgres serve

team-server-delete:
	.ci/postgres delete
