#!/usr/bin/env bash
# The bounded reliability checks for CI (a few minutes): schemathesis with a few hundred cases
# and a short crash-durability run (5 SIGKILLs), on SQLite and, when
# DUALTRACK_TEST_POSTGRES_URL is set, on PostgreSQL too. Installs schemathesis with pip.
#
#   bash tests/reliability/ci.sh
#   DUALTRACK_BIN=target/debug/dualtrack CASES=300 KILLS=5 bash tests/reliability/ci.sh
#
# The full runs (1,000+ cases, 20+ kills, fuzzing, load) are described in docs/RELIABILITY.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"

cases="${CASES:-300}"
kills="${KILLS:-5}"
if [ -n "${DUALTRACK_TEST_POSTGRES_URL:-}" ]; then
    backend=both
else
    backend=sqlite
    log "DUALTRACK_TEST_POSTGRES_URL is not set: SQLite only"
fi
if [ -z "${DUALTRACK_BIN:-}" ]; then
    DUALTRACK_BIN="$(dualtrack_bin)"
fi
export DUALTRACK_BIN
if ! python3 -c 'import schemathesis' 2>/dev/null; then
    log "installing schemathesis with pip"
    python3 -m pip install --quiet --disable-pip-version-check 'schemathesis>=4,<5' >&2
fi

start=$SECONDS
status=0
log "API fuzzing: $cases cases per backend"
bash "$here/api_fuzz.sh" --cases "$cases" --backend "$backend" --seed "${SEED:-1}" || status=1
log "crash durability: $kills SIGKILLs per backend"
bash "$here/durability.sh" --kills "$kills" --backend "$backend" --workers 4 \
    --min-gap 2 --max-gap 4 || status=1
log "reliability checks took $((SECONDS - start)) s: $([ "$status" = 0 ] && echo OK || echo FAILED)"
exit "$status"
