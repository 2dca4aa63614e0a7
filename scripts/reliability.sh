#!/usr/bin/env bash
# `make reliability`: the reliability suite (docs/reliability.md) against the built server binary.
#   scripts/reliability.sh                 the full run (about 15 minutes)
#   scripts/reliability.sh --short         the short run for CI (under 4 minutes); also RELIABILITY=short
#   scripts/reliability.sh crash fuzz      some scenarios only (multi, crash, fuzz, soak)
# SERVER_BIN names the binary (default: the release build). PostgreSQL must answer on
# 127.0.0.1:5432 as postgres without a password (PGHOST, PGPORT, PGUSER change that); every
# scenario makes its own database and drops it, also when it fails or is interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."

export SERVER_BIN=${SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/server}
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# the databases of this run are named after it, so that the trap below finds what is left
export RELIABILITY_ID=${RELIABILITY_ID:-$$}

if [ ! -x "$SERVER_BIN" ]; then
  echo "no server binary at $SERVER_BIN (make build, or set SERVER_BIN)" >&2
  exit 2
fi
if ! psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -AtqXc 'select 1' postgres > /dev/null 2>&1; then
  echo "PostgreSQL does not answer on $PGHOST:$PGPORT as $PGUSER: the suite needs it" >&2
  exit 2
fi

drop_leftovers() {
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -AtqX postgres \
    -c "select datname from pg_database where datname like 'xttm\\_rel\\_${RELIABILITY_ID}\\_%'" 2> /dev/null |
    while read -r db; do
      [ -n "$db" ] && psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -qX postgres \
        -c "drop database if exists \"$db\" with (force)" > /dev/null 2>&1 || true
    done
}
trap drop_leftovers EXIT

# the load this suite makes (clients and servers alike) yields to other work on the machine
nice -n "${RELIABILITY_NICE:-10}" python3 scripts/reliability.py "$@"
