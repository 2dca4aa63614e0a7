#!/usr/bin/env bash
# Runs the browser tests against the release build: a fresh SQLite database with the demo data,
# the server on 127.0.0.1:3100, Playwright driving Debian's Chromium. Stops the server after.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/test-server.sh
test_server_env "${E2E_PORT:-3100}"
export RUST_LOG=${RUST_LOG:-warn}
"$SERVER_BIN" demo-data --if-empty
# the first admin, as an operator creates it; the tests open the printed link
ADMIN_LINK=$("$SERVER_BIN" create-admin --email admin@sct-daklak.test | grep -o 'http[^ ]*token=[0-9a-f]*')
export ADMIN_LINK
PLANNER_LINK=$("$SERVER_BIN" create-admin --email planner@sct-daklak.test --name "Cán bộ kế hoạch" | grep -o 'http[^ ]*token=[0-9a-f]*')
export PLANNER_LINK
REVIEWER_LINK=$("$SERVER_BIN" create-admin --email reviewer@sct-daklak.test --name "Cán bộ xét duyệt" | grep -o 'http[^ ]*token=[0-9a-f]*')
export REVIEWER_LINK
DESK_LINK=$("$SERVER_BIN" create-admin --email desk@sct-daklak.test --name "Cán bộ một cửa" | grep -o 'http[^ ]*token=[0-9a-f]*')
export DESK_LINK
RESULTS_LINK=$("$SERVER_BIN" create-admin --email ketqua@sct-daklak.test --name "Cán bộ tổng hợp" | grep -o 'http[^ ]*token=[0-9a-f]*')
export RESULTS_LINK
A11Y_LINK=$("$SERVER_BIN" create-admin --email tiepcan@sct-daklak.test --name "Cán bộ tiếp cận" | grep -o 'http[^ ]*token=[0-9a-f]*')
export A11Y_LINK
REPORTS_LINK=$("$SERVER_BIN" create-admin --email baocao@sct-daklak.test --name "Cán bộ theo dõi báo cáo" | grep -o 'http[^ ]*token=[0-9a-f]*')
BUDGET_LINK=$("$SERVER_BIN" create-admin --email kinhphi@sct-daklak.test --name "Cán bộ kế hoạch tài chính" | grep -o 'http[^ ]*token=[0-9a-f]*')
export BUDGET_LINK
POINTS_LINK=$("$SERVER_BIN" create-admin --email diemban@sct-daklak.test --name "Cán bộ xúc tiến" | grep -o 'http[^ ]*token=[0-9a-f]*')
export POINTS_LINK
INQUIRY_LINK=$("$SERVER_BIN" create-admin --email hoimua@sct-daklak.test --name "Cán bộ kết nối cung cầu" | grep -o 'http[^ ]*token=[0-9a-f]*')
export INQUIRY_LINK
export REPORTS_LINK
# the map's tiles come from a server the map test runs on this port (no other site is reached)
export E2E_TILES_PORT=${E2E_TILES_PORT:-3199}
export MAP_TILES="http://127.0.0.1:$E2E_TILES_PORT/tiles/{z}/{x}/{y}.png"
start_test_server
cd end2end
status=0
npx playwright test "$@" || status=$?
if [ $status -ne 0 ]; then echo "--- server log"; tail -n 50 "$data/server.log"; fi
exit $status
