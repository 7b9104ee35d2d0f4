# Shared helpers for the reliability scripts; `source` it, do not run it.
#
# Starting a server: `start_server URL LOG` runs `dualtrack serve` on a free loopback port over
# the database URL and sets SERVER_PID and BASE_URL. PostgreSQL: `ensure_postgres` starts the
# local cluster when no DUALTRACK_TEST_POSTGRES_URL is given, and `fresh_pg_db NAME` prints the
# URL of a newly created, empty database.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The binary to test: $DUALTRACK_BIN if set, else a debug build of this checkout.
dualtrack_bin() {
    if [ -n "${DUALTRACK_BIN:-}" ]; then
        [ -x "$DUALTRACK_BIN" ] || die "DUALTRACK_BIN=$DUALTRACK_BIN is not executable"
        echo "$DUALTRACK_BIN"
        return
    fi
    local target="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
    (cd "$REPO_ROOT" && nice -n 19 cargo build --quiet -p dualtrack) >&2 || die "cargo build failed"
    echo "$target/debug/dualtrack"
}

# start_server URL LOGFILE [extra serve args...]: sets SERVER_PID and BASE_URL.
start_server() {
    local url="$1" logfile="$2"
    shift 2
    local bin
    bin="${DUALTRACK:-$(dualtrack_bin)}"
    local out="$logfile.stdout"
    : >"$out"
    RUST_LOG="${RUST_LOG:-warn}" "$bin" serve --addr 127.0.0.1:0 --database-url "$url" \
        --secret "reliability-checks-secret-0123456789" "$@" >"$out" 2>>"$logfile" &
    SERVER_PID=$!
    local i
    for i in $(seq 1 600); do
        BASE_URL="$(sed -n 's/^dualtrack is serving on \(http:[^ ]*\)$/\1/p' "$out" | head -n 1)"
        if [ -n "$BASE_URL" ]; then
            export BASE_URL SERVER_PID
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$logfile" >&2; die "the server exited at start"; }
        sleep 0.1
    done
    die "the server did not report its address within 60 s"
}

stop_server() {
    if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=
}

# The PostgreSQL server to create test databases on: DUALTRACK_TEST_POSTGRES_URL, or the local
# cluster (started, and a superuser `root` created, when needed). Sets PG_ADMIN_URL.
ensure_postgres() {
    if [ -n "${DUALTRACK_TEST_POSTGRES_URL:-}" ]; then
        PG_ADMIN_URL="$DUALTRACK_TEST_POSTGRES_URL"
    else
        command -v pg_ctlcluster >/dev/null || die "no PostgreSQL: install postgresql or set DUALTRACK_TEST_POSTGRES_URL"
        local cluster
        cluster="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')"
        [ -n "$cluster" ] || die "no PostgreSQL cluster found"
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start >/dev/null 2>&1 || true
        su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$(id -un)'\"" | grep -q 1 \
            || su postgres -c "createuser -s $(id -un)"
        PG_ADMIN_URL="postgres:///postgres?host=/var/run/postgresql"
    fi
    psql "$PG_ADMIN_URL" -tAc 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $PG_ADMIN_URL"
    export PG_ADMIN_URL
}

# fresh_pg_db NAME: drop and create database NAME on PG_ADMIN_URL's server; prints its URL.
fresh_pg_db() {
    local name="$1"
    psql "$PG_ADMIN_URL" -qtAc "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1
    psql "$PG_ADMIN_URL" -qtAc "CREATE DATABASE \"$name\"" >/dev/null || die "cannot create database $name"
    # Replace the database name (the last path segment before any query) in the admin URL.
    python3 - "$PG_ADMIN_URL" "$name" <<'PY'
import sys
url, name = sys.argv[1], sys.argv[2]
base, sep, query = url.partition("?")
scheme, _, rest = base.partition("://")
host = rest.split("/", 1)[0]
print(f"{scheme}://{host}/{name}{sep}{query}")
PY
}
drop_pg_db() {
    psql "$PG_ADMIN_URL" -qtAc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true
}
