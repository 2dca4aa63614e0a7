#!/usr/bin/env bash
# Compresses the built bundle ahead of time, once per build, at the best levels (brotli 11, gzip
# -9): the server sends `xttm.wasm.br` or `.gz` to a browser that takes it (server/src/routes.rs,
# static_files) instead of compressing on the fly at the fastest level.
#   scripts/precompress.sh [DIR]   (default: $LEPTOS_SITE_ROOT/pkg)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${LEPTOS_SITE_ROOT:-target/site}/pkg}
command -v brotli > /dev/null || { apt-get update -qq && apt-get install -y -qq brotli > /dev/null; }
n=0
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -f "$f" ] || continue
  brotli -q 11 -f -k -o "$f.br" "$f"
  gzip -9 -n -f -k "$f"
  # newer than their file: brotli and gzip give them the file's time (brotli to the second), and
  # the server removes a twin older than its file at start-up
  touch "$f.br" "$f.gz"
  n=$((n + 1))
done
echo "precompressed $n files in $dir (brotli 11, gzip -9)"
