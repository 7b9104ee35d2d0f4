#!/usr/bin/env bash
# Run the browser suite against a real `dualtrack serve`, once per database backend:
#   1. build the binary (unless DUALTRACK_BIN points at one),
#   2. start a real SMTP server (fixtures/smtp_sink.py, aiosmtpd) that drops each message it
#      accepts into a directory the tests read (MAIL_DIR),
#   3. start dualtrack on a free loopback port with a fresh database, mailing through that SMTP
#      server, and make an administrator with `dualtrack admin create` (ADMIN_EMAIL and
#      ADMIN_PASSWORD for the tests),
#   4. wait for /healthz, run `node --test` with playwright-core driving /usr/bin/chromium,
#   5. stop the servers and clean up.
# The backends: SQLite (a file in a temporary directory), then PostgreSQL (a database created
# for this run and dropped after it, on the server at DUALTRACK_TEST_POSTGRES_URL, default
# postgres:///postgres?host=/var/run/postgresql). When no PostgreSQL answers, the PostgreSQL
# run is skipped with a line saying why, unless DUALTRACK_REQUIRE_POSTGRES=1 (then it fails).
# The SQLite run also starts a server without SMTP for the local outbox test (OUTBOX_URL).
# Usage: run.sh [TEST_FILE...]   (e.g. tests/board_story.test.js; default: every file in tests/)
# Needs: chromium (apt-get install -y chromium), node >= 18 and npm, python3 with aiosmtpd
# (python3 -m pip install aiosmtpd), psql for PostgreSQL. Never downloads a browser.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "run.sh: $chromium not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
export CHROMIUM="$chromium"

bin=${DUALTRACK_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && cargo build -p dualtrack --quiet)
  bin="${CARGO_TARGET_DIR:-$root/target}/debug/dualtrack"
fi
if [ ! -x "$bin" ]; then
  echo "run.sh: no dualtrack binary at $bin" >&2
  exit 1
fi

if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

if ! python3 -c "import aiosmtpd" 2>/dev/null; then
  echo "run.sh: python3 cannot import aiosmtpd; install it with: python3 -m pip install aiosmtpd" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dualtrack-browser.XXXXXX")
pids=()
pg_admin_url=""
pg_db=""
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  pids=()
}
drop_pg() {
  if [ -n "$pg_db" ]; then
    psql "$pg_admin_url" -qAt -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1 \
      || echo "run.sh: could not drop the PostgreSQL database $pg_db; drop it by hand" >&2
    pg_db=""
  fi
}
cleanup() {
  stop_all
  drop_pg
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

secret=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')

# start_smtp DIR: start the SMTP sink dropping mail into DIR; sets smtp_port.
start_smtp() {
  local dir=$1
  mkdir -p "$dir"
  python3 "$here/fixtures/smtp_sink.py" "$dir" >"$dir.stdout" 2>"$dir.log" &
  pids+=($!)
  local pid=$!
  smtp_port=""
  for _ in $(seq 1 100); do
    smtp_port=$(sed -n 's/^listening on \([0-9]*\)$/\1/p' "$dir.stdout" 2>/dev/null | head -n 1)
    [ -n "$smtp_port" ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "run.sh: the SMTP server did not start:" >&2
  cat "$dir.log" >&2
  exit 1
}

# start_server NAME DATABASE_URL [serve options...]: start dualtrack; sets url, server_log.
start_server() {
  local name=$1 database=$2
  shift 2
  server_log="$work/$name.log"
  DUALTRACK_DATA_DIR="$work/$name-data" RUST_LOG="${RUST_LOG:-info}" \
    "$bin" serve --addr 127.0.0.1:0 --database-url "$database" \
    --secret "$secret" "$@" >"$work/$name.stdout" 2>"$server_log" &
  pids+=($!)
  local pid=$!
  # The server prints the address it bound (port 0 means "any free port").
  url=""
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/$name.stdout" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: the $name server exited before listening:" >&2
      cat "$server_log" >&2
      exit 1
    fi
    sleep 0.2
  done
  if [ -z "$url" ]; then
    echo "run.sh: the $name server did not report an address within 60 s" >&2
    cat "$server_log" >&2
    exit 1
  fi
  local healthy=""
  for _ in $(seq 1 100); do
    if node -e "fetch('$url/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
      healthy=yes
      break
    fi
    sleep 0.2
  done
  if [ -z "$healthy" ]; then
    echo "run.sh: $url/healthz did not answer 200 within 20 s" >&2
    cat "$server_log" >&2
    exit 1
  fi
}

# run_suite BACKEND DATABASE_URL: the whole suite against one database; returns node's status.
run_suite() {
  local backend=$1 database=$2
  local mail="$work/$backend-mail"
  start_smtp "$mail"
  # Links in the mail carry the bound address (the default --public-url), so tests open them as mailed.
  start_server "$backend" "$database" --smtp-url "smtp://127.0.0.1:$smtp_port"
  local admin_email="admin-$backend@dualtrack.invalid"
  local admin_password
  admin_password="admin $(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  if ! printf '%s\n' "$admin_password" | "$bin" admin create "$admin_email" --password-stdin \
      --database-url "$database" >"$work/$backend-admin.log" 2>&1; then
    echo "run.sh: dualtrack admin create failed:" >&2
    cat "$work/$backend-admin.log" >&2
    exit 1
  fi
  local outbox_url=""
  if [ "$backend" = sqlite ]; then
    local main_url=$url main_log=$server_log
    start_server outbox "sqlite://$work/outbox.sqlite"
    outbox_url=$url
    url=$main_url server_log=$main_log
  fi
  echo "run.sh: [$backend] dualtrack is up at $url, mailing through SMTP on port $smtp_port"
  local status=0
  (cd "$here" && BASE_URL="$url" BACKEND="$backend" MAIL_DIR="$mail" OUTBOX_URL="$outbox_url" \
    ADMIN_EMAIL="$admin_email" ADMIN_PASSWORD="$admin_password" \
    node --test --test-concurrency=1 "${tests[@]}") || status=$?
  if [ "$status" -ne 0 ]; then
    echo "run.sh: [$backend] browser tests failed; screenshots are in $here/test-results/. Server log:" >&2
    tail -n 60 "$server_log" >&2
  fi
  stop_all
  return "$status"
}

# Arguments, if any, name the test files to run (paths relative to this directory); default all.
tests=("$@")
[ "${#tests[@]}" -eq 0 ] && tests=(tests/)

# Whether PostgreSQL answers, asked first so a required but missing server fails at once.
pg_admin_url=${DUALTRACK_TEST_POSTGRES_URL:-postgres:///postgres?host=/var/run/postgresql}
pg_missing=""
if ! command -v psql >/dev/null; then
  pg_missing="psql is not installed (apt-get install -y postgresql-client)"
elif ! pg_error=$(psql "$pg_admin_url" -qAt -c "SELECT 1" 2>&1 >/dev/null); then
  pg_missing="no PostgreSQL answers at $pg_admin_url ($(printf '%s' "$pg_error" | head -n 1))"
fi
if [ -n "$pg_missing" ] && [ "${DUALTRACK_REQUIRE_POSTGRES:-}" = 1 ]; then
  echo "run.sh: PostgreSQL is required (DUALTRACK_REQUIRE_POSTGRES=1) but $pg_missing" >&2
  exit 1
fi

status=0
run_suite sqlite "sqlite://$work/dualtrack.sqlite" || status=$?

if [ -n "$pg_missing" ]; then
  echo "skipped PostgreSQL browser run: $pg_missing"
else
  pg_db="dualtrack_browser_$(date +%s)_$$_$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
  psql "$pg_admin_url" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$pg_db\"" >/dev/null
  # The same server and options, another database: swap the path of the URL.
  pg_url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$pg_admin_url" "$pg_db")
  run_suite postgres "$pg_url" || status=$?
  drop_pg
fi
exit "$status"
