#!/usr/bin/env bash
# `make bench`: 500 published events in a fresh SQLite database, the release server on
# 127.0.0.1:3300, and wrk against the calendar page (all 500), a filtered page, the feed and the
# feed's 304. Then the deadline rush: 1,000 producers submit their applications to the demo fair
# as fast as 16 connections allow (scripts/rush.py), on SQLite and on PostgreSQL, and the staff
# review page of those 1,000 applications; and last year's dashboard and reports, made from 500
# completed events, over 2,000 producers' results reports and 1,000 deals; with the page cache on,
# the kept public pages, the kept calendar beside a plain axum handler of the same bytes, and 2,000
# visitors opening the calendar within 10 seconds (scripts/burst.py). Server CPU per request is read from /proc (user + system time of the server process
# over a run, divided by the requests wrk completed); each row is the median of three runs. The
# server is pinned to one core and wrk to the other, so the two do not disturb each other's
# measurements more than a 2-core machine must. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3300}
DURATION=${BENCH_DURATION:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-2}
RUNS=${BENCH_RUNS:-3}
cores=$(nproc)
server_cpu=0
client_cpu=$(( cores > 1 ? 1 : 0 ))
command -v wrk > /dev/null || { apt-get update && apt-get install -y wrk; }

. scripts/test-server.sh
test_server_env "$PORT"
export RUST_LOG=error
# the pages rendered for every request; what the page cache saves is measured at the end
export PAGE_CACHE_MB=0
"$SERVER_BIN" bench-data --events 500 > /dev/null
# last year, completed: 500 events with their outcomes, budgets, producers' reports and deals
last_year=$(( $(TZ=Asia/Ho_Chi_Minh date +%Y) - 1 ))
year_loaded=$("$SERVER_BIN" bench-year --year "$last_year" --events 500 --out "$data/year.staff")
year_staff=$(cat "$data/year.staff")
# the public directory: 1,600 products more beside bench-year's 400 producers' (2,000 listed)
"$SERVER_BIN" bench-directory --products 1600 --points 300 > /dev/null
start_test_server taskset -c "$server_cpu"

today=$(TZ=Asia/Ho_Chi_Minh date +%F)
year=$(TZ=Asia/Ho_Chi_Minh date -d '+366 days' +%F)
all="/lich?from=$today&to=$year"
count=$(curl -fsS "$BASE_URL$all" | grep -o 'class="event-item' | wc -l)
etag=$(curl -fsS -D - -o /dev/null "$BASE_URL/calendar.ics" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
events_in_feed=$(curl -fsS "$BASE_URL/calendar.ics" | grep -c 'BEGIN:VEVENT')

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)

# run PATH [HEADER] -> "requests rps p50 cpu_ms" for one wrk run
run() {
  local path=$1 header=${2:-}
  local args=(-t 1 -c "$CONNECTIONS" -d "$DURATION" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  local before after out
  before=$(ticks)
  out=$(taskset -c "$client_cpu" wrk "${args[@]}" "$BASE_URL$path")
  after=$(ticks)
  echo "$out" | awk -v d=$((after - before)) -v hz="$hz" '
    /requests in/ {n=$1} /Requests\/sec/ {rps=$2} $1=="50%" {p50=$2}
    END {printf "%s %s %s %.2f\n", n, rps, p50, d * 1000 / hz / n}'
}

# measure NAME PATH [HEADER]: warm up, then the run with the median CPU per request of RUNS
measure() {
  local name=$1 path=$2 header=${3:-}
  taskset -c "$client_cpu" wrk -t 1 -c 1 -d 1s ${header:+-H "$header"} "$BASE_URL$path" > /dev/null
  local results=() cpus=""
  for _ in $(seq 1 "$RUNS"); do results+=("$(run "$path" "$header")"); done
  local median
  median=$(printf '%s\n' "${results[@]}" | sort -k4 -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  cpus=$(printf '%s\n' "${results[@]}" | awk '{printf "%s%s", sep, $4; sep=", "}')
  read -r requests rps p50 cpu_ms <<< "$median"
  printf '| %s | `%s` | %s | %s | %s | **%s** (%s) |\n' "$name" "$path" "$requests" "$rps" "$p50" "$cpu_ms" "$cpus"
}

# after_change NAME PATH HEADER: the first request after a change, which no cache can answer.
# AFTER_CHANGE times: a change (staff save the year's plan again: one commit), then one request;
# the server CPU of the requests alone, summed and divided by their number.
after_change() {
  local name=$1 path=$2 header=$3 n=${AFTER_CHANGE:-30} total=0 before after
  for _ in $(seq 1 "$n"); do
    curl -fsS -o /dev/null -X POST -H "$header" -H "Sec-Fetch-Site: same-origin" \
      --data-urlencode "year=$last_year" --data-urlencode "form[title]=Kế hoạch năm $last_year" \
      --data-urlencode "form[budget]=8.000.000.000" "$BASE_URL/api/staff/save-plan"
    before=$(ticks)
    curl -fsS -o /dev/null -H "$header" "$BASE_URL$path"
    after=$(ticks)
    total=$(( total + after - before ))
  done
  awk -v t="$total" -v n="$n" -v hz="$hz" -v name="$name" -v path="$path" \
    'BEGIN {printf "| %s, first request after a change | `%s` | %d | | | **%.2f** |\n", name, path, n, t * 1000 / hz / n}'
}

echo "Benchmark: $(date -u +%FT%TZ), $cores cores (server pinned to CPU $server_cpu, wrk to CPU $client_cpu), wrk 1 thread, $CONNECTIONS connections, $RUNS runs of $DURATION per row, SQLite, release build"
echo "Events on the calendar page: $count; events in the feed: $events_in_feed"
echo
echo "| what | path | requests (median run) | req/s | p50 latency | server CPU ms/request: median (all runs) |"
echo "| --- | --- | --- | --- | --- | --- |"
measure "calendar page, 500 events" "$all"
measure "calendar page, 500 events, gzip" "$all" "Accept-Encoding: gzip"
measure "filtered page (kind=fair)" "/lich?kind=fair"
measure "feed, 500 events (uncached)" "/calendar.ics"
measure "feed, unchanged (304)" "/calendar.ics" "If-None-Match: $etag"
measure "event page" "/su-kien/1"
echo
status_304=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE_URL/calendar.ics")
html_gz=$(curl -fsS -H 'Accept-Encoding: gzip' "$BASE_URL$all" | wc -c)
html_raw=$(curl -fsS "$BASE_URL$all" | wc -c)
home_gz=$(curl -fsS -H 'Accept-Encoding: gzip' "$BASE_URL/" | wc -c)
# the main bundle by name: with code splitting, pkg/ will also hold lazy chunks
name=${LEPTOS_OUTPUT_NAME:-xttm}
wasm="$LEPTOS_SITE_ROOT/pkg/$name.wasm"
wasm_raw=$(wc -c < "$wasm")
wasm_gz=$(gzip -9 -c "$wasm" | wc -c)
js_gz=$(gzip -9 -c "$LEPTOS_SITE_ROOT/pkg/$name.js" | wc -c)
echo "| size | bytes |"
echo "| --- | --- |"
echo "| feed with If-None-Match of the current ETag | HTTP $status_304 |"
echo "| calendar page of 500 events, as served gzipped | $html_gz (raw $html_raw) |"
echo "| home page, as served gzipped | $home_gz |"
echo "| wasm bundle, gzip -9 | $wasm_gz (raw $wasm_raw) |"
echo "| js glue, gzip -9 | $js_gz |"
# as served: what the server sends a browser that takes brotli and gzip (Chromium's Accept-Encoding)
served() { curl -fsS -o /dev/null -H 'Accept-Encoding: gzip, deflate, br, zstd' -w '%{size_download} (%header{content-encoding})' "$BASE_URL$1"; }
echo "| main wasm module, as served | $(served "/pkg/$name.wasm") |"
echo "| js glue, as served | $(served "/pkg/$name.js") |"
echo "| css, as served | $(served "/pkg/$name.css") |"
for chunk in "$LEPTOS_SITE_ROOT"/pkg/split_*.wasm; do
  [ -e "$chunk" ] || continue
  echo "| lazy chunk $(basename "$chunk"), gzip -9 | $(gzip -9 -c "$chunk" | wc -c) (raw $(wc -c < "$chunk"); as served $(served "/pkg/$(basename "$chunk")")) |"
done

# The deadline rush: RUSH producers submit once each (scripts/rush.py, asyncio keep-alive
# connections: wrk cannot send each of 1,000 distinct requests exactly once); then every submission
# must be in the staff's export (0 lost) and every answer must be HTTP 200 (0 errors).
RUSH=${BENCH_RUSH:-1000}
RUSH_CONNECTIONS=${BENCH_RUSH_CONNECTIONS:-16}
rush() {
  local backend=$1
  "$SERVER_BIN" bench-rush --producers "$RUSH" --out "$data/rush-$backend.tsv" > /dev/null
  fair=$(head -1 "$data/rush-$backend.tsv" | sed 's/.*event_id=\([0-9]*\).*/\1/')
  staff=$(cat "$data/rush-$backend.staff")
  local before after result
  before=$(ticks)
  result=$(taskset -c "$client_cpu" python3 scripts/rush.py "$data/rush-$backend.tsv" "$RUSH_CONNECTIONS" 2> "$data/rush-$backend.err" | tail -1)
  [ -s "$data/rush-$backend.err" ] && head -5 "$data/rush-$backend.err" >&2
  after=$(ticks)
  read -r requests seconds p50 p99 errors <<< "$result"
  submitted=$(curl -fsS -H "Cookie: xttm_session=$staff" "$BASE_URL/can-bo/ho-so/$fair.csv" | grep -c ',Đã nộp,' || true)
  printf '| %s | %s | %s | %.0f | %s | **%s** | %s | %s | %.2f |\n' "$backend" "$RUSH" "$RUSH_CONNECTIONS" \
    "$(echo "$RUSH $seconds" | awk '{print $1 / $2}')" "$p50" "$p99" "$submitted" "$errors" \
    "$(echo "$after $before $hz $RUSH" | awk '{print ($1 - $2) * 1000 / $3 / $4}')"
}
echo
echo "Deadline rush: $RUSH producers submit once each over $RUSH_CONNECTIONS connections (server on CPU $server_cpu, wrk on CPU $client_cpu)"
echo
echo "| database | producers | connections | submits/s | p50 ms | p99 ms | submitted (in the export) | errors | server CPU ms/submit |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
rush SQLite
sqlite_fair=$fair
sqlite_staff=$staff
echo
echo "| what | path | requests (median run) | req/s | p50 latency | server CPU ms/request: median (all runs) |"
echo "| --- | --- | --- | --- | --- | --- |"
measure "staff review page, $RUSH applications" "/can-bo/su-kien/$sqlite_fair/ho-so" "Cookie: xttm_session=$sqlite_staff"
measure "CSV export, $RUSH applications" "/can-bo/ho-so/$sqlite_fair.csv" "Cookie: xttm_session=$sqlite_staff"
measure "event results report (.docx), $RUSH applications" "/can-bo/su-kien/$sqlite_fair/bao-cao.docx" "Cookie: xttm_session=$sqlite_staff"
measure "event report annex (.xlsx)" "/can-bo/su-kien/$sqlite_fair/bao-cao.xlsx" "Cookie: xttm_session=$sqlite_staff"
measure "year report (.docx), 500 events" "/can-bo/bao-cao/$(date +%Y).docx" "Cookie: xttm_session=$sqlite_staff"
measure "public results of the year" "/ket-qua"
echo
echo "The year's dashboard and reports, $year_loaded"
echo
echo "| what | path | requests (median run) | req/s | p50 latency | server CPU ms/request: median (all runs) |"
echo "| --- | --- | --- | --- | --- | --- |"
measure "year dashboard, beside the year before" "/can-bo/tong-hop?nam=$last_year" "Cookie: xttm_session=$year_staff"
measure "year report (.docx)" "/can-bo/bao-cao/$last_year.docx" "Cookie: xttm_session=$year_staff"
measure "year report annex (.xlsx)" "/can-bo/bao-cao/$last_year.xlsx" "Cookie: xttm_session=$year_staff"
measure "year report, print page" "/can-bo/bao-cao/$last_year" "Cookie: xttm_session=$year_staff"
measure "public results of the year" "/ket-qua?nam=$last_year"
after_change "year dashboard" "/can-bo/tong-hop?nam=$last_year" "Cookie: xttm_session=$year_staff"
after_change "year report (.docx)" "/can-bo/bao-cao/$last_year.docx" "Cookie: xttm_session=$year_staff"
after_change "year report annex (.xlsx)" "/can-bo/bao-cao/$last_year.xlsx" "Cookie: xttm_session=$year_staff"

products=$(curl -fsS "$BASE_URL/san-pham" | grep -o '[0-9][0-9.]* sản phẩm<' | head -1 | tr -d '<')
product=$(curl -fsS "$BASE_URL/san-pham?sao=5" | grep -o 'href="/san-pham/[0-9]*"' | head -1 | grep -o '[0-9]*')
producer=$(curl -fsS "$BASE_URL/san-pham?sao=5" | grep -o 'href="/doanh-nghiep-ocop/[0-9]*"' | head -1 | grep -o '[0-9]*')
echo
echo "The public directory: $products listed"
echo
echo "| what | path | requests (median run) | req/s | p50 latency | server CPU ms/request: median (all runs) |"
echo "| --- | --- | --- | --- | --- | --- |"
measure "product directory, first page" "/san-pham"
measure "product directory, search without diacritics" "/san-pham?q=ca+phe"
measure "product directory, filtered, page 3" "/san-pham?nhom=food&sao=4&trang=3"
measure "product page" "/san-pham/$product"
measure "producer directory" "/doanh-nghiep-ocop"
measure "producer page" "/doanh-nghiep-ocop/$producer"
measure "points of sale, list (300 points)" "/diem-ban"
measure "points of sale, GeoJSON (300 points)" "/diem-ban.geojson"

# The same public pages as an anonymous visitor gets them with the page cache on (the default):
# answered from memory while nothing changes, each with a fresh CSP nonce.
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
PAGE_CACHE_MB=64 start_test_server taskset -c "$server_cpu"
echo
echo "Public pages kept in memory (page cache on, the default)"
echo
echo "| what | path | requests (median run) | req/s | p50 latency | server CPU ms/request: median (all runs) |"
echo "| --- | --- | --- | --- | --- | --- |"
measure "calendar page, 500 events, kept" "$all"
measure "calendar page, 500 events, kept, gzip" "$all" "Accept-Encoding: gzip"
measure "event page, kept" "/su-kien/1"
measure "home page, kept" "/"
measure "product directory, first page, kept" "/san-pham"
etag_page=$(curl -fsS -D - -o /dev/null "$BASE_URL$all" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
measure "calendar page, unchanged (304)" "$all" "If-None-Match: $etag_page"

# The kept calendar page beside a plain axum handler that returns the same bytes (`server
# serve-bytes`: no database, no middleware), on the same core, with the same wrk: requests per
# second, the median of RUNS runs each. Goal: the kept page at half the plain handler's rate or more.
rps_of() {
  local results=()
  taskset -c "$client_cpu" wrk -t 1 -c "$CONNECTIONS" -d 1s "$1" > /dev/null
  for _ in $(seq 1 "$RUNS"); do
    results+=("$(taskset -c "$client_cpu" wrk -t 1 -c "$CONNECTIONS" -d "$DURATION" "$1" | awk '/Requests\/sec/ {print $2}')")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
curl -fsS -o "$data/calendar.html" "$BASE_URL$all"
kept_rps=$(rps_of "$BASE_URL$all")
plain_port=$(( PORT + 1 ))
taskset -c "$server_cpu" "$SERVER_BIN" serve-bytes --file "$data/calendar.html" --addr "127.0.0.1:$plain_port" &
plain_pid=$!
trap 'kill "$plain_pid" 2>/dev/null || true; stop_test_server' EXIT
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$plain_port/" 2> /dev/null && break; sleep 0.1; done
plain_rps=$(rps_of "http://127.0.0.1:$plain_port$all")
kill "$plain_pid"; wait "$plain_pid" 2>/dev/null || true
[ -n "$kept_rps" ] && [ -n "$plain_rps" ] || { echo "no requests per second measured (kept: '$kept_rps', plain: '$plain_rps')" >&2; exit 1; }
echo
echo "| calendar page of 500 events ($(wc -c < "$data/calendar.html") bytes), $CONNECTIONS connections | req/s (median of $RUNS) |"
echo "| --- | --- |"
echo "| kept by the page cache (this server, every layer) | $kept_rps |"
echo "| a plain axum handler returning the same bytes | $plain_rps |"
echo "| ratio | **$(awk -v a="$kept_rps" -v b="$plain_rps" 'BEGIN {printf "%.0f %%", 100 * a / b}')** |"

# The busy day: 2,000 visitors open the calendar within 10 seconds, each on a connection of its
# own (scripts/burst.py, as a browser asks: gzip, brotli); every answer read to its end. The
# server's memory from /proc: resident before, after, and its peak during the burst (the peak is
# reset first: clear_refs 5).
rss() { awk -v k="$1:" '$1==k {print $2}' "/proc/$pid/status"; }
rss_before=$(rss VmRSS)
echo 5 > "/proc/$pid/clear_refs"
burst=$(taskset -c "$client_cpu" python3 scripts/burst.py "$all" "${BENCH_VISITORS:-2000}" "${BENCH_BURST_SECONDS:-10}" | tail -1)
read -r visitors answered not_200 failed p50 p99 max seconds <<< "$burst"
echo
echo "| burst: visitors over ${BENCH_BURST_SECONDS:-10} s | answered | not 200 | failed | p50 ms | p99 ms | max ms | server memory before / after / peak during the burst (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
printf '| %s | %s | %s | %s | %s | **%s** | %s | %.1f / %.1f / %.1f |\n' "$visitors" "$answered" "$not_200" "$failed" "$p50" "$p99" "$max" \
  "$(awk -v k="$rss_before" 'BEGIN {print k / 1024}')" "$(awk -v k="$(rss VmRSS)" 'BEGIN {print k / 1024}')" \
  "$(awk -v k="$(rss VmHWM)" 'BEGIN {print k / 1024}')"

if [ "${BENCH_POSTGRES:-1}" = 1 ] && psql -h 127.0.0.1 -U postgres -Atc 'select 1' postgres > /dev/null 2>&1; then
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  db=xttm_bench_$$
  psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
  "$SERVER_BIN" migrate > /dev/null
  start_test_server taskset -c "$server_cpu"
  echo
  echo "| database | producers | connections | submits/s | p50 ms | p99 ms | submitted (in the export) | errors | server CPU ms/submit |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  rush PostgreSQL
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  psql -h 127.0.0.1 -U postgres -qc "drop database $db with (force)" postgres
fi
