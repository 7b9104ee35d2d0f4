#!/usr/bin/env bash
# Benchmark `dualtrack calendar analyze` end to end against a Python peer (icalendar +
# recurring_ical_events doing the same core job), on a real Google export over one year and
# on a generated 10-year, ~50 MB calendar. Prints wall time, peak RSS and the ratio.
# Figures and how to read them: docs/PERFORMANCE.md.
#
#   bash bench/calendar.sh            # everything (the peer on the large file takes minutes)
#   SKIP_PEER_LARGE=1 bash bench/calendar.sh
#
# Environment: RUNS (repeats for the small input, default 5), BENCH_WORK (scratch dir,
# default /tmp/dualtrack-bench), DUALTRACK_BENCH_DIR (where google-export-4778-events.ics is,
# default ../shared/bench), PEER_TIMEOUT (seconds, default 1800).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${DUALTRACK_BENCH_DIR:-$ROOT/../shared/bench}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${BENCH_WORK:-/tmp/dualtrack-bench}
RUNS=${RUNS:-5}
PEER_TIMEOUT=${PEER_TIMEOUT:-1800}
REAL=$SHARED/google-export-4778-events.ics
LARGE=$WORK/generated-10y.ics
mkdir -p "$WORK"

echo "== building the release binary" >&2
cargo build --release --quiet -p dualtrack --manifest-path "$ROOT/Cargo.toml"
BIN=$TARGET/release/dualtrack

if [ ! -x "$WORK/venv/bin/python" ]; then
  echo "== installing the Python peer into $WORK/venv" >&2
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet icalendar recurring_ical_events
fi
PY=$WORK/venv/bin/python

if [ ! -f "$LARGE" ]; then
  echo "== generating $LARGE" >&2
  python3 "$ROOT/bench/gen_calendar.py" "$LARGE"
fi

# run LABEL CMD...: one timed run; sets WALL (seconds) and RSS (KiB); stdout kept in $WORK/out
run() {
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out" 2>"$WORK/err" || {
    echo "   failed: $*" >&2; sed 's/^/   /' "$WORK/err" | tail -3 >&2; WALL=nan; RSS=0; return 0; }
  t1=$(date +%s.%N)
  WALL=$(echo "$t1 - $t0" | bc -l)
  RSS=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
}

# best LABEL N CMD...: median wall time and the largest RSS of N runs
best() {
  local n=$1; shift
  local walls=() rss_max=0
  for _ in $(seq "$n"); do
    run "$@"
    walls+=("$WALL")
    [ "$RSS" -gt "$rss_max" ] && rss_max=$RSS
  done
  WALL=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RSS=$rss_max
}

row() { printf '%-34s %-10s %10.3f s %9.1f MiB  %s\n' "$1" "$2" "$3" "$(echo "$4/1024" | bc -l)" "$5"; }
ours_json() { "$@" --format json; }

printf '%-34s %-10s %12s %13s  %s\n' input tool "wall time" "peak RSS" notes

# 1. The real Google export over 2013 (its busiest year).
best "$RUNS" "$BIN" calendar analyze "$REAL" --from 2013-01-01 --to 2014-01-01 --format json
ours_wall=$WALL; ours_rss=$RSS
ours_busy=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a["hours"]["busy"], a["counts"]["busy_instances"])' "$WORK/out")
row "google export, 2013 ($(du -h "$REAL" | cut -f1))" dualtrack "$ours_wall" "$ours_rss" "busy h, instances: $ours_busy (median of $RUNS)"
best 1 timeout "$PEER_TIMEOUT" "$PY" "$ROOT/bench/peer_analyze.py" "$REAL" 2013-01-01 2014-01-01
peer_wall=$WALL
row "google export, 2013" python "$WALL" "$RSS" "$(cat "$WORK/out")"
printf '%-34s %-10s %12s\n' "" ratio "$(echo "$peer_wall / $ours_wall" | bc -l | xargs printf '%.0fx')"

# 2. The generated 10-year calendar, analysed over all ten years.
size=$(du -h "$LARGE" | cut -f1)
best 1 "$BIN" calendar analyze "$LARGE" --from 2016-01-01 --to 2026-01-01 --format json
ours_wall=$WALL
ours_busy=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a["hours"]["busy"], a["counts"]["busy_instances"], len(a["warnings"]), "warnings")' "$WORK/out")
row "generated 10 years ($size)" dualtrack "$WALL" "$RSS" "busy h, instances: $ours_busy; RSS/file $(echo "$RSS*1024/$(stat -c %s "$LARGE")" | bc -l | xargs printf '%.2f')"
if [ -z "${SKIP_PEER_LARGE:-}" ]; then
  best 1 timeout "$PEER_TIMEOUT" "$PY" "$ROOT/bench/peer_analyze.py" "$LARGE" 2016-01-01 2026-01-01
  row "generated 10 years" python "$WALL" "$RSS" "$(cat "$WORK/out")"
  printf '%-34s %-10s %12s\n' "" ratio "$(echo "$WALL / $ours_wall" | bc -l | xargs printf '%.0fx')"
fi
