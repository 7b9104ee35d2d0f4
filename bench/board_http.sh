#!/usr/bin/env bash
# The job board at a million listings, through HTTP: a release `dualtrack serve` on loopback
# over a generated board (20,000 companies, 1,000,000 listings by default) on SQLite and on
# PostgreSQL, driven by wrk with GET /api/v1/listings in two separate mixes (bench/board_http.lua):
#   filtered  culture tags, remote, ladder past Staff, track and ranked preferences
#   text      broad free text, each word matching about a third of the board
# Per backend and mix: a warm-up, then a bounded run; reports requests/s and p50/p90/p99
# latency next to the targets of issue #14 (filtered: p99 < 20 ms and >= 1,000 req/s;
# broad free text: p99 < 100 ms). Figures and how to read them: docs/PERFORMANCE.md, section
# "Job board at a million listings".
#
#   bash bench/board_http.sh            # reuse the seeded databases when they are complete
#   FRESH=1 bash bench/board_http.sh    # drop them and seed again
#
# Environment: COMPANIES (20000), LISTINGS (1000000), CONNECTIONS (32), DURATION (seconds per
# mix, 20), WARMUP (seconds, 5), THREADS (wrk threads, 2), TIMEOUT (per request, 60s), BACKENDS ("sqlite postgres"),
# MIXES ("filtered text"), BENCH_WORK (scratch, default /tmp/dualtrack-bench; the SQLite file
# lives there), DUALTRACK_BENCH_POSTGRES_URL (a server where we may create the database
# dualtrack_board_http_COMPANIES_LISTINGS; default DUALTRACK_TEST_POSTGRES_URL, else the local socket),
# DUALTRACK_BIN (the binary; default: a release build of this checkout, into CARGO_TARGET_DIR).
# Seeding a million listings takes minutes per backend; the databases are kept for reuse.
# DUALTRACK_FACET_CACHE=off (passed on to the server) measures without the facet cache.
# DUALTRACK_SEARCH_INDEX=off (passed on to the server) answers every search from the database
# instead of the in-memory search index (the "before" of the index). With the index on, the
# script waits (INDEX_WAIT seconds, default 1800) until the server answers from the index
# (its `Server-Timing` header says `search-index`) before asking anything, and logs how long
# the index took to build.
# Figures: $BENCH_WORK/board-http/results-COMPANIES-LISTINGS-index-{on,off}-facet-cache-{on,off}-BACKENDS.{md,jsonl}.
set -euo pipefail
source "$(dirname "$0")/../tests/reliability/common.sh"

COMPANIES=${COMPANIES:-20000}
LISTINGS=${LISTINGS:-1000000}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-60s}
BACKENDS=${BACKENDS:-sqlite postgres}
MIXES=${MIXES:-filtered text}
WORK=${BENCH_WORK:-/tmp/dualtrack-bench}/board-http
PG_ADMIN=${DUALTRACK_BENCH_POSTGRES_URL:-${DUALTRACK_TEST_POSTGRES_URL:-postgres:///postgres?host=/var/run/postgresql}}
PG_DB=dualtrack_board_http_${COMPANIES}_${LISTINGS}
SQLITE_FILE=$WORK/board-$COMPANIES-$LISTINGS.sqlite
LUA=$REPO_ROOT/bench/board_http.lua
mkdir -p "$WORK"

if ! command -v wrk >/dev/null; then
    log "installing wrk with apt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
        || die "cannot install wrk"
fi
if [ -z "${DUALTRACK_BIN:-}" ]; then
    log "building release: dualtrack"
    (cd "$REPO_ROOT" && nice -n 10 cargo build --quiet --release -p dualtrack) || die "release build failed"
    DUALTRACK_BIN="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/dualtrack"
fi
[ -x "$DUALTRACK_BIN" ] || die "DUALTRACK_BIN=$DUALTRACK_BIN is not executable"
DUALTRACK="$DUALTRACK_BIN"
export DUALTRACK

# The bench database on the admin URL's server: swap the database name, keep the query.
PG_URL=$(python3 - "$PG_ADMIN" "$PG_DB" <<'PY'
import sys
url, name = sys.argv[1], sys.argv[2]
base, sep, query = url.partition("?")
scheme, _, rest = base.partition("://")
print(f"{scheme}://{rest.split('/', 1)[0]}/{name}{sep}{query}")
PY
)

sqlite_listings() {
    python3 - "$1" <<'PY' 2>/dev/null || echo 0
import sqlite3, sys
print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT COUNT(*) FROM listings").fetchone()[0])
PY
}
pg_listings() { psql "$PG_URL" -qtAc 'SELECT COUNT(*) FROM listings' 2>/dev/null || echo 0; }

seed() {
    local url=$1
    log "seeding $COMPANIES companies and $LISTINGS listings into $url (minutes)"
    local start=$SECONDS
    "$DUALTRACK" demo seed --companies "$COMPANIES" --listings "$LISTINGS" --database-url "$url" >&2 \
        || die "seeding failed"
    log "seeded in $((SECONDS - start)) s"
}

# One seeded database per backend, reused unless FRESH=1 or it is incomplete. SQLite seeds
# into a side file that is renamed when complete, so an interrupted seed is never reused.
prepare_sqlite() {
    if [ -n "${FRESH:-}" ] || [ "$(sqlite_listings "$SQLITE_FILE")" != "$LISTINGS" ]; then
        rm -f "$SQLITE_FILE" "$SQLITE_FILE"-wal "$SQLITE_FILE"-shm "$SQLITE_FILE".partial*
        seed "sqlite://$SQLITE_FILE.partial"
        # Fold the write-ahead log into the file, then rename (a log left beside the old name
        # would hold committed rows).
        python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()' \
            "$SQLITE_FILE.partial"
        mv "$SQLITE_FILE.partial" "$SQLITE_FILE"
        rm -f "$SQLITE_FILE".partial-wal "$SQLITE_FILE".partial-shm
    else
        log "reusing $SQLITE_FILE"
    fi
}
prepare_postgres() {
    psql "$PG_ADMIN" -tAc 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $PG_ADMIN"
    if [ -n "${FRESH:-}" ] || [ "$(pg_listings)" != "$LISTINGS" ]; then
        psql "$PG_ADMIN" -qtAc "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null
        psql "$PG_ADMIN" -qtAc "CREATE DATABASE \"$PG_DB\"" >/dev/null || die "cannot create $PG_DB"
        seed "$PG_URL"
        psql "$PG_URL" -qtAc 'VACUUM ANALYZE' >/dev/null
    else
        log "reusing database $PG_DB"
    fi
}

trap 'stop_server' EXIT
cache=on
if [ "${DUALTRACK_FACET_CACHE:-}" = off ]; then cache=off; fi
index=on
if [ "${DUALTRACK_SEARCH_INDEX:-}" = off ]; then index=off; fi
run=$COMPANIES-$LISTINGS-index-$index-facet-cache-$cache-$(printf %s "$BACKENDS" | tr -s " " -)
results=$WORK/results-$run.jsonl
: >"$results"
: >"$WORK/first-answers-$run.txt"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
log "machine: $(nproc) cores, load average $load before the runs"

for backend in $BACKENDS; do
    case "$backend" in
        sqlite) prepare_sqlite; url="sqlite://$SQLITE_FILE" ;;
        postgres) prepare_postgres; url="$PG_URL" ;;
        *) die "BACKENDS holds sqlite and/or postgres" ;;
    esac
    start_server "$url" "$WORK/server-$backend.log" --no-seed
    log "$backend: serving on $BASE_URL"
    if [ "$index" = on ]; then
        waited=$SECONDS
        until curl -fsS -D - -o /dev/null "$BASE_URL/api/v1/listings?limit=1" 2>/dev/null \
            | grep -qi '^server-timing: search-index'; do
            [ $((SECONDS - waited)) -lt "${INDEX_WAIT:-1800}" ] || die "no search index after ${INDEX_WAIT:-1800} s"
            sleep 1
        done
        log "$backend: search index ready after $((SECONDS - waited)) s; server RSS $(ps -o rss= -p "$SERVER_PID" | awk '{printf "%.0f MB", $1 / 1024}')"
    fi
    # Every query must answer 200 once before the load; note its matches and one cold time.
    grep -oE '"/api/v1/listings[^"]*"' "$LUA" | tr -d '"' | while read -r path; do
        curl -fsS -o "$WORK/first.json" -w '%{time_total}\n' "$BASE_URL$path" >"$WORK/first.time" \
            || die "GET $path failed before the load"
        python3 -c '
import json, sys
backend, path, body, took = sys.argv[1:]
t = json.load(open(body))["facets"]["track"]
seconds = float(open(took).read())
matches = t["ic"] + t["management"]
print(f"  {backend:8} {path:75} {matches:>8} matches, first answer {seconds * 1000:.0f} ms")
' "$backend" "$path" "$WORK/first.json" "$WORK/first.time" | tee -a "$WORK/first-answers-$run.txt" >&2
    done
    for mix in $MIXES; do
        log "$backend/$mix: warm-up $WARMUP s, then $DURATION s, $CONNECTIONS connections"
        BOARD_MIX=$mix wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" --timeout "$TIMEOUT" -s "$LUA" "$BASE_URL" >/dev/null
        out=$WORK/wrk-$backend-$mix.txt
        BOARD_MIX=$mix wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout "$TIMEOUT" --latency \
            -s "$LUA" "$BASE_URL" >"$out"
        sed -n 's/^BOARDJSON //p' "$out" \
            | python3 -c 'import json,sys; r=json.load(sys.stdin); r["backend"]=sys.argv[1]; r["load"]=sys.argv[2]; print(json.dumps(r))' \
                "$backend" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
        tail -n 1 "$results" >&2
    done
    stop_server
done

python3 - "$results" "${results%.jsonl}.md" "$CONNECTIONS" "$DURATION" "$load" "$cache" "$index" <<'PY'
import json, sys
results, out, conns, duration, load, cache, index = sys.argv[1:]
rows = [json.loads(l) for l in open(results)]
targets = {"filtered": (20.0, 1000.0), "text": (100.0, None)}
names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
lines = [
    f"{conns} connections, {duration} s per mix after a warm-up, search index {index}, facet cache {cache}; "
    f"load average {load} before the runs.",
    "",
    "| backend | mix | requests/s | p50 ms | p90 ms | p99 ms | errors | load during | target | verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
]
failed = False
for r in rows:
    rps = r["requests"] / (r["duration_us"] / 1e6)
    lat = {k: v / 1000 for k, v in r["latency_us"].items()}
    bad = sum(n for code, n in r["statuses"].items() if int(code) >= 400)
    errors = sum(r["errors"].values()) + bad
    p99_max, rps_min = targets[r["mix"]]
    target = f"p99 < {p99_max:.0f} ms" + (f", >= {rps_min:,.0f}/s" if rps_min else "")
    misses = []
    if lat["p99"] >= p99_max:
        misses.append(f"p99 {lat['p99'] / p99_max:.1f}x the target")
    if rps_min and rps < rps_min:
        misses.append(f"{rps / rps_min:.1%} of the rate")
    failed |= bool(misses) or errors > 0
    verdict = "met" if not misses else "missed: " + ", ".join(misses)
    lines.append(
        f"| {names[r['backend']]} | {r['mix']} | {rps:,.1f} | {lat['p50']:,.1f} | {lat['p90']:,.1f} "
        f"| {lat['p99']:,.1f} | {errors} | {r['load']} | {target} | {verdict} |")
text = "\n".join(lines) + "\n"
open(out, "w").write(text)
print(text)
PY
