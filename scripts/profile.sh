#!/usr/bin/env bash
# Where a page's server CPU goes: counts the instructions (valgrind's callgrind, repeatable whatever
# else the machine does) of N requests for a page, after a warm-up, and prints the functions that
# hold most of them (inclusive). Needs the release build (`make build`) and valgrind.
#   scripts/profile.sh review   the staff review page of 1,000 submitted applications (the rush's)
#   scripts/profile.sh calendar the public calendar of 500 events
#   scripts/profile.sh dashboard the staff's year dashboard over last year's 500 completed events
#   scripts/profile.sh dashboard-fresh  the same, each request after a change (no cache answers;
#                               the change itself, staff saving the year's plan, is not counted)
#   scripts/profile.sh year-docx the same year's report as .docx, repeated (the report's figures kept:
#                               what is counted is writing the document)
# The callgrind file stays in target/profile/ for callgrind_annotate or KCachegrind.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-review}
N=${PROFILE_REQUESTS:-20}
command -v valgrind > /dev/null || { apt-get update && apt-get install -y valgrind; }
. scripts/test-server.sh
test_server_env "${PROFILE_PORT:-3400}"
export RUST_LOG=error
# rendered for every request: the page cache would answer the repeated public page
export PAGE_CACHE_MB=0
out=target/profile
mkdir -p "$out"
case "$what" in
  review)
    start_test_server
    "$SERVER_BIN" bench-rush --producers 1000 --out "$data/rush.tsv" > /dev/null
    python3 scripts/rush.py "$data/rush.tsv" 16 > /dev/null
    fair=$(head -1 "$data/rush.tsv" | sed 's/.*event_id=\([0-9]*\).*/\1/')
    header="Cookie: xttm_session=$(cat "$data/rush.staff")"
    path="/can-bo/su-kien/$fair/ho-so"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    ;;
  calendar)
    "$SERVER_BIN" bench-data --events 500 > /dev/null
    header="X-Profile: 1"
    path="/lich?from=$(TZ=Asia/Ho_Chi_Minh date +%F)&to=$(TZ=Asia/Ho_Chi_Minh date -d '+366 days' +%F)"
    ;;
  dashboard|dashboard-fresh|year-docx)
    year=$(( $(TZ=Asia/Ho_Chi_Minh date +%Y) - 1 ))
    "$SERVER_BIN" bench-year --year "$year" --events 500 --out "$data/year.staff" > /dev/null
    header="Cookie: xttm_session=$(cat "$data/year.staff")"
    path="/can-bo/tong-hop?nam=$year"
    [ "$what" = year-docx ] && path="/can-bo/bao-cao/$year.docx"
    ;;
  *) echo "usage: $0 review|calendar|dashboard|dashboard-fresh|year-docx"; exit 2 ;;
esac
file="$out/callgrind.$what.out"
rm -f "$file"
# valgrind starts slowly: give /healthz time
start_test_server valgrind --tool=callgrind --callgrind-out-file="$file" --dump-instr=no
for _ in 1 2 3; do curl -fsS -H "$header" "$BASE_URL$path" > /dev/null; done
if [ "$what" = dashboard-fresh ]; then
  # each request after a change: the change uncounted (zeroed), each request dumped on its own
  for i in $(seq 1 "$N"); do
    curl -fsS -o /dev/null -X POST -H "$header" -H "Sec-Fetch-Site: same-origin" --data-urlencode "year=$year" \
      --data-urlencode "form[title]=Kế hoạch năm $year" "$BASE_URL/api/staff/save-plan"
    callgrind_control --zero "$pid" > /dev/null
    curl -fsS -H "$header" "$BASE_URL$path" > /dev/null
    callgrind_control --dump="request $i" "$pid" > /dev/null
  done
else
  callgrind_control --zero "$pid" > /dev/null
  for _ in $(seq 1 "$N"); do curl -fsS -H "$header" "$BASE_URL$path" > /dev/null; done
  callgrind_control --dump="after $N requests" "$pid" > /dev/null
fi
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
# the dumps after the requests (the file without a number is the one written at exit)
total=0
for f in "$file".[0-9]*; do
  t=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  total=$(( total + t ))
done
last=$(ls "$file".[0-9]* | sort -t. -k3 -n | tail -1)
echo "$what: $N requests of $path: $total instructions, $(( total / N )) per request"
callgrind_annotate --inclusive=yes --threshold=99 "$last" 2>/dev/null | sed -n '1,/^$/d; 1,60p' | cut -c1-200
