# The two commands: `make run` and `make test`. Everything else is a step of those.
# Each target installs what it needs when it is missing, so a fresh machine needs nothing else.

SHELL := /bin/bash
.DEFAULT_GOAL := run

TARGET_DIR     := $(or $(CARGO_TARGET_DIR),target)
SERVER         := $(TARGET_DIR)/release/server
CARGO_LEPTOS_VERSION := 0.3.10
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3}' Cargo.lock)
# cargo-leptos debug builds use this flag; using it for tests too shares their compiled deps.
TEST_RUSTFLAGS := --cfg erase_components
NODE_BIN       := $(CURDIR)/end2end/node_modules/.bin
export PATH    := $(HOME)/.cargo/bin:$(NODE_BIN):$(PATH)
# the server finds the compiled site here (cargo-leptos's site-root)
export LEPTOS_SITE_ROOT ?= target/site
export LEPTOS_OUTPUT_NAME ?= xttm
# A green run means both databases: the PostgreSQL half of a test fails, not skips, when the server
# is unreachable (REQUIRE_POSTGRES=0 runs SQLite only, and says so for each test).
export REQUIRE_POSTGRES ?= 1

.PHONY: run test test-fast fmt-check deny clippy test-rust e2e build tools tools-rust tools-node chromium bench reliability reliability-short migrate demo-data clean-data help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

run: tools build ## build, migrate, load demo data when empty, serve on http://127.0.0.1:3000
	@mkdir -p data
	$(SERVER) migrate
	$(SERVER) demo-data --if-empty
	@echo "Open http://$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C stops)"
	$(SERVER) serve

test: fmt-check deny clippy test-rust e2e reliability-short ## format, supply chain, clippy, Rust tests on SQLite and PostgreSQL, browser tests, the short reliability run

test-fast: ## format check and the Rust tests only (no clippy, no browser)
	cargo fmt --all -- --check
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test --workspace

deny: ## cargo-deny offline: advisories (RustSec snapshot), licences, bans, sources
	./scripts/deny.sh

fmt-check:
	cargo fmt --all -- --check

clippy: tools-rust ## clippy on the server build and on the browser (wasm) build, warnings denied
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo clippy --workspace --all-targets -- -D warnings
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

test-rust: ## unit, database (SQLite and PostgreSQL) and HTTP tests
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test --workspace

e2e: tools build chromium ## browser tests in headless Chromium against the release build
	./end2end/run.sh

build: tools ## release build of the server and the wasm bundle (cargo-leptos)
	cargo leptos build --release --split
	./scripts/vendor.sh
	./scripts/precompress.sh
	./scripts/wasm-budget.sh

tools: tools-rust tools-node

tools-rust:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION)"; \
	  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
	    cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads; \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
	    cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# npm packages: Playwright, and binaryen's wasm-opt (Debian's is too old for wasm-bindgen's output)
tools-node: end2end/node_modules/.package-lock.json

end2end/node_modules/.package-lock.json: end2end/package.json end2end/package-lock.json
	cd end2end && npm ci --no-audit --no-fund
	@touch $@

chromium:
	@command -v chromium > /dev/null || (apt-get update && apt-get install -y chromium)

bench: tools build ## seed 500 events and measure pages and feeds (see docs/benchmarks.md)
	./scripts/bench.sh
	./scripts/phone.sh

reliability: tools build ## instances, crashes, fuzzing, soak against the release build (RELIABILITY=short: the CI run; docs/reliability.md)
	SERVER_BIN=$(SERVER) ./scripts/reliability.sh

reliability-short: tools build ## the short reliability run (part of make test)
	SERVER_BIN=$(SERVER) ./scripts/reliability.sh --short

migrate: ## apply migrations to DATABASE_URL (default ./data/xttm.db)
	cargo run -q -p server -- migrate

demo-data: ## load the demo data into DATABASE_URL when it has no events
	cargo run -q -p server -- demo-data --if-empty

clean-data: ## delete the local SQLite database
	rm -rf data
