#!/usr/bin/env bash
# Benchmark job-board listing search on a large generated board (2,000 companies, 100,000
# listings by default) on SQLite and on PostgreSQL, through the same Store call the web API and
# `dualtrack jobs search` make. Prints per-query median and p95 latency, the PostgreSQL/SQLite
# ratio, and the end-to-end wall time of `dualtrack jobs search` on each backend.
# Figures and how to read them: docs/PERFORMANCE.md, section "Job board search".
#
#   bash bench/board.sh               # reuse the generated databases if they are there
#   FRESH=1 bash bench/board.sh       # drop them and seed again
#
# Environment: DUALTRACK_BENCH_POSTGRES_URL (a server where we may create the database
# dualtrack_bench; default DUALTRACK_TEST_POSTGRES_URL, else the local socket),
# COMPANIES (2000), LISTINGS (100000), RUNS (timed runs per query, 30), CLI_RUNS (15),
# BENCH_WORK (scratch dir, default /tmp/dualtrack-bench), SKIP_CLI=1 (skip the end-to-end part).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${BENCH_WORK:-/tmp/dualtrack-bench}/board
PG_ADMIN=${DUALTRACK_BENCH_POSTGRES_URL:-${DUALTRACK_TEST_POSTGRES_URL:-postgres:///postgres?host=/var/run/postgresql}}
PG_DB=dualtrack_bench
COMPANIES=${COMPANIES:-2000}
LISTINGS=${LISTINGS:-100000}
RUNS=${RUNS:-30}
CLI_RUNS=${CLI_RUNS:-15}
SQLITE_FILE=$WORK/board-$COMPANIES-$LISTINGS.sqlite
mkdir -p "$WORK"

echo "== building release: the bench driver and dualtrack" >&2
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" \
  -p dualtrack-store --example board_bench
if [ -z "${SKIP_CLI:-}" ]; then
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml" -p dualtrack
fi

fresh=()
if [ -n "${FRESH:-}" ]; then fresh=(--fresh); fi

# Other work on the machine inflates every figure; the load average says how much there was.
echo "Machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$TARGET/release/examples/board_bench" \
  --sqlite "$SQLITE_FILE" --postgres-admin "$PG_ADMIN" --pg-database "$PG_DB" \
  --companies "$COMPANIES" --listings "$LISTINGS" --runs "$RUNS" "${fresh[@]}" \
  | tee "$WORK/store-latency.md"

if [ -n "${SKIP_CLI:-}" ]; then exit 0; fi

# The bench database on the same server: swap the admin URL's database for ours.
PG_URL=$(printf '%s' "$PG_ADMIN" | sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\\1/$PG_DB#")
BIN=$TARGET/release/dualtrack

# Median wall time of one `dualtrack jobs search` process (start, open, migrate check, query,
# render), in milliseconds.
cli_median() {
  local url=$1; shift
  local samples=() start end
  "$BIN" jobs search --database-url "$url" --no-seed "$@" > /dev/null  # warm the page cache
  for _ in $(seq "$CLI_RUNS"); do
    start=$(date +%s%N)
    "$BIN" jobs search --database-url "$url" --no-seed "$@" > /dev/null
    end=$(date +%s%N)
    samples+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

echo
echo "End to end: \`dualtrack jobs search\` wall time, median of $CLI_RUNS processes (ms)"
echo
echo "| command | SQLite | PostgreSQL |"
echo "| --- | --- | --- |"
for args in "--format json" "--q rust --tag deep-work --format json" "--ic-past-staff true --remote true"; do
  # shellcheck disable=SC2086 # the arguments are meant to split
  echo "| \`jobs search $args\` | $(cli_median "sqlite://$SQLITE_FILE" $args) | $(cli_median "$PG_URL" $args) |"
done
