#!/usr/bin/env bash
# Load: a release build of `dualtrack serve` on loopback under wrk, 64 connections for 60 s, a
# fixed mix of search, listing pages, assessment POSTs and calendar uploads (bench/load.lua).
# Reports requests/s, p50/p90/p99 latency, every non-2xx/3xx answer and socket error, and the
# server's RSS before, during (peak) and after the run and after 10 s idle.
#
#   bash bench/load.sh [--duration S] [--connections N] [--backend sqlite|postgres]
#
# Fails when any request errs (socket error, timeout or a status >= 400), or when the RSS
# after 10 s idle is more than 1.5x the RSS after warm-up plus 64 MB (memory not given back).
# DUALTRACK_BIN picks the binary (default: `cargo build --release -p dualtrack`). Installs wrk
# with apt when missing. Figures: $OUT (default /tmp/dualtrack-reliability)/load.json.
set -euo pipefail
source "$(dirname "$0")/../tests/reliability/common.sh"

duration=60
connections=64
backend=sqlite
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --backend) backend="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

if ! command -v wrk >/dev/null; then
    log "installing wrk with apt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
        || die "cannot install wrk"
fi

OUT="${OUT:-/tmp/dualtrack-reliability}"
mkdir -p "$OUT"
if [ -z "${DUALTRACK_BIN:-}" ]; then
    (cd "$REPO_ROOT" && nice -n 19 cargo build --quiet --release -p dualtrack) || die "release build failed"
    DUALTRACK_BIN="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/dualtrack"
fi
DUALTRACK="$DUALTRACK_BIN"
export DUALTRACK

# A year of meetings (about 110 KB), analysed over its first quarter.
calendar="$OUT/load-calendar.ics"
python3 "$REPO_ROOT/bench/gen_calendar.py" "$calendar" --years 1 --series 25 --singles 400 --seed 11 >/dev/null
first_year="$(grep -oE 'DTSTART[^:]*:[0-9]{4}' "$calendar" | sed 's/.*://' | sort | head -n 1)"
export LOAD_CALENDAR="$calendar"
export LOAD_CALENDAR_QUERY="?from=${first_year}-01-01&to=${first_year}-04-01&tz=Europe/Berlin"

tmp="$(mktemp -d "$OUT/load-db.XXXXXX")"
trap 'stop_server; rm -rf "$tmp"' EXIT
case "$backend" in
    sqlite) url="sqlite://$tmp/dualtrack.sqlite" ;;
    postgres) ensure_postgres; url="$(fresh_pg_db dualtrack_load)" ;;
    *) die "--backend is sqlite or postgres" ;;
esac
start_server "$url" "$OUT/load-server.log"
rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status"; }

# Real ids and slugs for the page requests.
ids_json="$(curl -fsS "$BASE_URL/api/v1/listings?limit=50")"
LOAD_LISTING_IDS="$(python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(sys.stdin)["items"]))' <<<"$ids_json")"
LOAD_COMPANY_SLUGS="$(python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
slugs = {i["company"].get("slug") or i["company"].get("id") for i in items}
print(" ".join(str(s) for s in slugs if s))' <<<"$ids_json")"
export LOAD_LISTING_IDS LOAD_COMPANY_SLUGS
# Every request kind must succeed once before the load, or the figures mean nothing.
for path in "/api/v1/listings?q=platform" "/jobs" "/jobs/${LOAD_LISTING_IDS%% *}"; do
    curl -fsS -o /dev/null "$BASE_URL$path" || die "GET $path failed before the load"
done
curl -fsS -o /dev/null -H 'Content-Type: text/calendar' --data-binary "@$calendar" \
    "$BASE_URL/api/v1/calendar/analyze$LOAD_CALENDAR_QUERY" || die "calendar upload failed before the load"

rss_start="$(rss)"
log "warm-up: 5 s, RSS at start $rss_start MB"
wrk -t 2 -c "$connections" -d 5s --timeout 10s -s "$REPO_ROOT/bench/load.lua" "$BASE_URL" >/dev/null
rss_warm="$(rss)"
log "load: $connections connections, $duration s, RSS after warm-up $rss_warm MB"
peak="$rss_warm"
(
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        awk '/^VmRSS/ {printf "%.1f\n", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null
        sleep 1
    done
) >"$OUT/load-rss.txt" &
sampler=$!
wrk -t 2 -c "$connections" -d "${duration}s" --timeout 10s --latency \
    -s "$REPO_ROOT/bench/load.lua" "$BASE_URL" >"$OUT/load-wrk.txt"
rss_end="$(rss)"
kill "$sampler" 2>/dev/null || true
peak="$(sort -n "$OUT/load-rss.txt" | tail -n 1)"
sleep 10
rss_idle="$(rss)"
cat "$OUT/load-wrk.txt" | grep -v '^LOADJSON' >&2

python3 - "$OUT/load-wrk.txt" "$OUT/load.json" "$rss_start" "$rss_warm" "$peak" "$rss_end" "$rss_idle" "$connections" "$duration" "$backend" <<'PY'
import json, sys
wrk_out, out, start, warm, peak, end, idle, conns, duration, backend = sys.argv[1:]
line = next(l for l in open(wrk_out) if l.startswith("LOADJSON "))
r = json.loads(line[len("LOADJSON "):])
bad_status = sum(n for code, n in r["statuses"].items() if int(code) >= 400)
errors = sum(r["errors"].values()) + bad_status
fig = {
    "backend": backend,
    "connections": int(conns),
    "seconds": round(r["duration_us"] / 1e6, 1),
    "requests": r["requests"],
    "requests_per_s": round(r["requests"] / (r["duration_us"] / 1e6), 1),
    "errors": errors,
    "socket_errors": r["errors"],
    "statuses": r["statuses"],
    "latency_ms": {k: round(v / 1000, 1) for k, v in r["latency_us"].items()},
    "rss_mb": {"start": float(start), "after_warmup": float(warm), "peak": float(peak),
               "end": float(end), "idle_10s": float(idle)},
}
json.dump(fig, open(out, "w"), indent=2)
print(json.dumps(fig, indent=2))
ok = True
if errors:
    print(f"FAIL: {errors} errors", file=sys.stderr)
    ok = False
if float(idle) > 1.5 * float(warm) + 64:
    print(f"FAIL: RSS not flat: {warm} MB after warm-up, {idle} MB after 10 s idle", file=sys.stderr)
    ok = False
if ok:
    print(f"OK: {fig['requests']} requests, {fig['requests_per_s']}/s, 0 errors, "
          f"p50 {fig['latency_ms']['p50']} ms, p99 {fig['latency_ms']['p99']} ms, "
          f"RSS {warm} -> {end} MB (peak {peak}, {idle} idle)")
sys.exit(0 if ok else 1)
PY
