#!/usr/bin/env bash
# Runs the browser tests against the release build: a fresh SQLite database with the demo data,
# the server on 127.0.0.1:3100, Playwright driving Debian's Chromium. Stops the server after.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER_BIN=${SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/server}
PORT=${E2E_PORT:-3100}
data=$(mktemp -d)
export DATABASE_URL="sqlite://$data/e2e.db"
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
export BASE_URL="http://127.0.0.1:$PORT"
export SMTP_URL="file://$data/mail"
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
export RUST_LOG=${RUST_LOG:-warn}
"$SERVER_BIN" demo-data --if-empty
"$SERVER_BIN" serve > "$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "$BASE_URL/healthz" > /dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then cat "$data/server.log"; echo "the server did not start"; exit 1; fi
  sleep 0.2
done
cd end2end
status=0
npx playwright test "$@" || status=$?
if [ $status -ne 0 ]; then echo "--- server log"; tail -n 50 "$data/server.log"; fi
exit $status
