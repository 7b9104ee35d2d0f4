#!/usr/bin/env bash
# API fuzzing: schemathesis against the OpenAPI document of a running `dualtrack serve`, every
# operation, on a fresh database per backend. Fails on any 5xx or any response that does not
# match the documented schema.
#
#   bash tests/reliability/api_fuzz.sh [--cases N] [--backend sqlite|postgres|both]
#                                      [--checks LIST] [--seed S]
#
# --cases N: at least N generated test cases per backend (default 1000), spread over the
#   operations (N / operations examples each, fuzzing phase; the examples and coverage phases
#   add more). --checks: schemathesis checks (default not_a_server_error,
#   response_schema_conformance; `all` also reports status codes and content types the document
#   does not list). PostgreSQL is DUALTRACK_TEST_POSTGRES_URL's server or the local cluster.
#   DUALTRACK_BIN picks the binary (default: a debug build of this checkout). Installs
#   schemathesis with pip when it is missing. Reports go to $OUT (default
#   /tmp/dualtrack-reliability)/api-fuzz-<backend>/.
set -euo pipefail
source "$(dirname "$0")/common.sh"

cases=1000
backend=both
checks=not_a_server_error,response_schema_conformance
seed="${SEED:-$RANDOM}"
while [ $# -gt 0 ]; do
    case "$1" in
        --cases) cases="$2"; shift 2 ;;
        --backend) backend="$2"; shift 2 ;;
        --checks) checks="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
case "$backend" in sqlite|postgres|both) ;; *) die "--backend is sqlite, postgres or both" ;; esac

if ! command -v schemathesis >/dev/null; then
    log "installing schemathesis with pip"
    python3 -m pip install --quiet 'schemathesis>=4,<5' >&2 || die "pip install schemathesis failed"
fi

OUT="${OUT:-/tmp/dualtrack-reliability}"
mkdir -p "$OUT"
DUALTRACK="$(dualtrack_bin)"
export DUALTRACK
status=0
trap stop_server EXIT

fuzz_one() {
    local name="$1" url="$2"
    local dir="$OUT/api-fuzz-$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    start_server "$url" "$dir/server.log"
    local ops per
    ops="$(curl -fsS "$BASE_URL/api/v1/openapi.json" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
print(sum(1 for item in doc["paths"].values() for m in item if m in ("get","post","put","patch","delete")))')"
    per=$(( (cases + ops - 1) / ops ))
    log "schemathesis on $name: $ops operations, $per examples each, seed $seed, checks $checks"
    local rc=0
    # --generation-database none: every run starts from scratch, so figures are comparable.
    # Phases: examples, coverage (boundary values of every parameter) and fuzzing.
    # Run from the report directory, so schemathesis' and Hypothesis' caches land there.
    # One worker: with two, Hypothesis' lambda-source cache is not thread-safe and once failed a
    # CI run with "AST constructor recursion depth mismatch" (a tool error, all cases passing).
    (cd "$dir" && SCHEMATHESIS_HOOKS="$REPO_ROOT/tests/reliability/st_hooks.py" \
    schemathesis run "$BASE_URL/api/v1/openapi.json" \
        --checks "$checks" \
        --phases examples,coverage,fuzzing \
        --max-examples "$per" \
        --seed "$seed" \
        --workers 1 \
        --request-timeout 30 \
        --suppress-health-check all \
        --generation-database none \
        --continue-on-failure \
        --no-color \
        --report junit,har \
        --report-dir "$dir" \
        --report-pytest-path "$dir/reproduce.py" \
        >"$dir/schemathesis.txt" 2>&1) || rc=$?
    stop_server
    # The summary: cases generated, passed, failed.
    sed -n '/^=* SUMMARY =*$/,$p' "$dir/schemathesis.txt" \
        | sed "s/^/  [$name] /" >&2 || true
    if [ "$rc" -ne 0 ]; then
        log "FAIL on $name (exit $rc): failures in $dir/schemathesis.txt, reproducers in $dir/reproduce.py"
        status=1
    else
        log "OK on $name: no 5xx, no schema violation"
    fi
}

if [ "$backend" != postgres ]; then
    tmp="$(mktemp -d "$OUT/api-fuzz-db.XXXXXX")"
    fuzz_one sqlite "sqlite://$tmp/dualtrack.sqlite"
    rm -rf "$tmp"
fi
if [ "$backend" != sqlite ]; then
    ensure_postgres
    name="dualtrack_api_fuzz_$$"
    fuzz_one postgres "$(fresh_pg_db "$name")"
    drop_pg_db "$name"
fi
exit "$status"
