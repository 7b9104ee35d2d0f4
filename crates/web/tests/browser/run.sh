#!/usr/bin/env bash
# Run the browser suite against a real `dualtrack serve`:
#   1. build the binary (unless DUALTRACK_BIN points at one),
#   2. start it on a free loopback port with a fresh SQLite database in a temporary directory,
#   3. wait for /healthz, run `node --test` with playwright-core driving /usr/bin/chromium,
#   4. stop the server and clean up.
# Needs: chromium (apt-get install -y chromium), node >= 18 and npm. Never downloads a browser.
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

work=$(mktemp -d "${TMPDIR:-/tmp}/dualtrack-browser.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

secret=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
DUALTRACK_DATA_DIR="$work/data" RUST_LOG="${RUST_LOG:-info}" \
  "$bin" serve --addr 127.0.0.1:0 --database-url "sqlite://$work/dualtrack.sqlite" \
  --secret "$secret" >"$work/stdout" 2>"$work/server.log" &
server_pid=$!

# The server prints the address it bound (port 0 means "any free port").
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/stdout" 2>/dev/null | head -n 1 || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the server exited before listening:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
if [ -z "$url" ]; then
  echo "run.sh: the server did not report an address within 60 s" >&2
  cat "$work/server.log" >&2
  exit 1
fi

healthy=""
for _ in $(seq 1 100); do
  if node -e "fetch('$url/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    healthy=yes
    break
  fi
  sleep 0.2
done
if [ -z "$healthy" ]; then
  echo "run.sh: $url/healthz did not answer 200 within 20 s" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "run.sh: dualtrack is up at $url"

status=0
(cd "$here" && BASE_URL="$url" node --test --test-concurrency=1 tests/) || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: browser tests failed; screenshots are in $here/test-results/. Server log:" >&2
  tail -n 60 "$work/server.log" >&2
fi
exit "$status"
