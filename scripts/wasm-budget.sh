#!/usr/bin/env bash
# The main wasm module, which every page loads, stays within its budget: 300,000 bytes at gzip -9.
# Run after `cargo leptos build --release --split`; `make build` does. A step of 30 KB at once
# usually means wasm-split put the whole data segment into the main module (see SPLIT_SLACK in
# app/src/lib.rs and docs/benchmarks.md).
set -euo pipefail
budget=${WASM_BUDGET:-300000}
main="${LEPTOS_SITE_ROOT:-target/site}/pkg/${LEPTOS_OUTPUT_NAME:-xttm}.wasm"
[[ -f $main ]] || { echo "wasm budget: $main not found (build first)" >&2; exit 1; }
size=$(gzip -9 -c "$main" | wc -c)
if (( size > budget )); then
  echo "wasm budget: the main module is $size bytes at gzip -9, over the budget of $budget" >&2
  exit 1
fi
echo "wasm budget: the main module is $size bytes at gzip -9 (budget $budget)"
# what a browser downloads: the twin scripts/precompress.sh made (brotli 11), when there is one
if [[ -f $main.br ]]; then
  echo "as served to a browser that takes brotli: $(wc -c < "$main.br") bytes"
fi
