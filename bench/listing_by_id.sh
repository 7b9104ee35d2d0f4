#!/usr/bin/env bash
# One listing by id through HTTP: median and p90 of GET /api/v1/listings/{id} over 50 ids
# spread over the board, one request at a time after 10 warm-up requests, on a release
# `dualtrack serve` with the search index off (see docs/PERFORMANCE.md, "One listing by id").
#
#   DUALTRACK_BIN=target/release/dualtrack bash bench/listing_by_id.sh DATABASE_URL
set -euo pipefail
source "$(dirname "$0")/../tests/reliability/common.sh"
[ $# -eq 1 ] || die "usage: bench/listing_by_id.sh DATABASE_URL (a board seeded by dualtrack demo seed)"
DUALTRACK="$(dualtrack_bin)"
export DUALTRACK DUALTRACK_SEARCH_INDEX=off
trap 'stop_server' EXIT
start_server "$1" "${BENCH_WORK:-/tmp/dualtrack-bench}/listing-by-id-server.log" --no-seed
for i in $(seq 1 10); do curl -fsS -o /dev/null "$BASE_URL/api/v1/listings/$((i * 7919))"; done
for i in $(seq 1 50); do
    curl -fsS -o /dev/null -w '%{time_total}\n' "$BASE_URL/api/v1/listings/$((i * 19997 + 11))"
done | sort -n | awk '{a[NR] = $1} END {printf "median %.2f ms, p90 %.2f ms over %d requests\n", a[int(NR / 2) + 1] * 1000, a[int(NR * 0.9)] * 1000, NR}'
