# Sourced by end2end/run.sh and scripts/bench.sh: a release server on 127.0.0.1 with a fresh
# SQLite database and mail written to files, all in a temporary folder removed on exit.
#   test_server_env PORT       set up the folder and the server's environment
#   start_test_server [CMD…]   start `server serve` (behind CMD, e.g. taskset) and wait for /healthz

SERVER_BIN=${SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/server}

test_server_env() {
  data=$(mktemp -d)
  export DATABASE_URL="sqlite://$data/test.db"
  export LEPTOS_SITE_ADDR="127.0.0.1:$1"
  export BASE_URL="http://127.0.0.1:$1"
  export SMTP_URL="file://$data/mail"
  # the browser tests read the verification and invitation links from here
  export MAIL_DIR="$data/mail"
  export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
  trap 'stop_test_server' EXIT
}

stop_test_server() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
}

start_test_server() {
  "$@" "$SERVER_BIN" serve > "$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if curl -fsS "$BASE_URL/healthz" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$data/server.log"; echo "the server did not start"; return 1; fi
    sleep 0.2
  done
  echo "the server did not answer /healthz in 20 s"; return 1
}
