#!/usr/bin/env bash
# `make bench`, last part: a phone's first and repeat visit to the home page, the calendar, an event
# page, the product directory, a producer's page and the points of sale, on the demo data
# (end2end/first-visit.mjs: Chromium with 4x CPU slowdown and a slow 4G network). Prints a
# Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium > /dev/null || { apt-get update && apt-get install -y chromium; }
. scripts/test-server.sh
test_server_env "${PHONE_PORT:-3200}"
export RUST_LOG=error
"$SERVER_BIN" demo-data --if-empty > /dev/null
start_test_server
event=$(curl -fsS "$BASE_URL/lich" | grep -o 'href="/su-kien/[0-9]*' | head -1 | sed 's/href="//')
producer=$(curl -fsS "$BASE_URL/doanh-nghiep-ocop" | grep -o 'href="/doanh-nghiep-ocop/[0-9]*' | head -1 | sed 's/href="//')
echo "A phone's visit: Chromium $(chromium --version | awk '{print $2}'), 4x CPU slowdown, 1.6 Mbit/s down, 150 ms round trip; median of ${RUNS:-5} runs; demo data"
echo
node end2end/first-visit.mjs "$BASE_URL" / /lich "$event" /san-pham "$producer" /diem-ban
