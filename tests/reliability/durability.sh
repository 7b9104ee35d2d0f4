#!/usr/bin/env bash
# Crash durability: SIGKILL `dualtrack serve` at random moments while browsers sign up, verify
# and endorse; after each kill check every acknowledged write is in the database and the
# database passes its integrity checks. See durability.py for what exactly is checked.
#
#   bash tests/reliability/durability.sh [--kills N] [--backend sqlite|postgres|both]
#                                        [--workers N] [--seed S]
#
# Defaults: 20 kills, both backends. PostgreSQL is DUALTRACK_TEST_POSTGRES_URL's server or the
# local cluster (started when down); each run gets a fresh database. DUALTRACK_BIN picks the
# binary (default: a debug build of this checkout). Figures go to $OUT (default
# /tmp/dualtrack-reliability) as durability-<backend>.json.
set -euo pipefail
source "$(dirname "$0")/common.sh"

kills=20
backend=both
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --kills) kills="$2"; shift 2 ;;
        --backend) backend="$2"; shift 2 ;;
        --workers|--seed|--min-gap|--max-gap) extra+=("$1" "$2"); shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
case "$backend" in sqlite|postgres|both) ;; *) die "--backend is sqlite, postgres or both" ;; esac

OUT="${OUT:-/tmp/dualtrack-reliability}"
mkdir -p "$OUT"
bin="$(dualtrack_bin)"
status=0

if [ "$backend" != postgres ]; then
    dir="$(mktemp -d "$OUT/durability-sqlite.XXXXXX")"
    log "durability on SQLite: $kills kills, database $dir/dualtrack.sqlite"
    python3 "$REPO_ROOT/tests/reliability/durability.py" --binary "$bin" \
        --database-url "sqlite://$dir/dualtrack.sqlite" --kills "$kills" \
        --log "$OUT/durability-sqlite-server.log" --json "$OUT/durability-sqlite.json" \
        "${extra[@]}" || status=1
    [ "$status" = 0 ] && rm -rf "$dir"
fi

if [ "$backend" != sqlite ]; then
    ensure_postgres
    name="dualtrack_durability_$$"
    url="$(fresh_pg_db "$name")"
    log "durability on PostgreSQL: $kills kills, database $name"
    python3 "$REPO_ROOT/tests/reliability/durability.py" --binary "$bin" \
        --database-url "$url" --kills "$kills" \
        --log "$OUT/durability-postgres-server.log" --json "$OUT/durability-postgres.json" \
        "${extra[@]}" || status=1
    [ "$status" = 0 ] && drop_pg_db "$name"
fi
exit "$status"
