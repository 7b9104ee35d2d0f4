#!/usr/bin/env bash
# Parser fuzzing: run every cargo-fuzz target in fuzz/fuzz_targets for SECONDS each (default
# 600), with the format dictionaries, a 1-second hang limit and a 256 MB memory limit.
#
#   bash bench/fuzz.sh [SECONDS] [TARGET...]
#   JOBS=2 bash bench/fuzz.sh 600          # two targets at a time (default 1)
#
# Installs cargo-fuzz when missing. The fuzz crate builds in fuzz/target with the nightly
# features enabled through RUSTC_BOOTSTRAP, outside the workspace target. A crash, hang or
# memory blow-up leaves its input in fuzz/artifacts/<target>/ and makes the script exit 1; the
# last lines of each target's log (executions, coverage, corpus size) are printed at the end.
# Logs: $OUT (default /tmp/dualtrack-reliability)/fuzz-<target>.log.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-600}"
shift || true
jobs="${JOBS:-1}"
OUT="${OUT:-/tmp/dualtrack-reliability}"
mkdir -p "$OUT"

command -v cargo-fuzz >/dev/null || env -u CARGO_TARGET_DIR cargo install --locked cargo-fuzz
fuzz() { env -u CARGO_TARGET_DIR RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz "$@"; }

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(fuzz list)
fi
dict_for() {
    case "$1" in
        parse_expand) echo "-dict=ics.dict" ;;
        *) echo "-dict=toml.dict" ;;
    esac
}

fuzz build >&2

run_one() {
    local target="$1"
    mkdir -p "corpus/$target"
    # -timeout=1: an input taking over a second is a hang; -rss_limit_mb=256: a blow-up;
    # -max_len=1048576: inputs up to 1 MB, the parsers' own limit.
    fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=256 -timeout=1 -max_len=1048576 \
        "$(dict_for "$target")" -print_final_stats=1 >"$OUT/fuzz-$target.log" 2>&1
    echo $? >"$OUT/fuzz-$target.rc"
}

failed=()
running=0
for target in "${targets[@]}"; do
    echo "fuzzing $target for $seconds s" >&2
    rm -f "$OUT/fuzz-$target.rc"
    (set +e; run_one "$target") &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait
for target in "${targets[@]}"; do
    [ "$(cat "$OUT/fuzz-$target.rc" 2>/dev/null)" = 0 ] || failed+=("$target")
done

for target in "${targets[@]}"; do
    log="$OUT/fuzz-$target.log"
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1)"
    corpus="$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n 1)"
    rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)"
    printf '%-18s %s executions, %s, %s, peak RSS %s MB\n' "$target" "${execs:-?}" "${cov:-?}" "${corpus:-?}" "${rss:-?}"
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAIL: ${failed[*]} (inputs in fuzz/artifacts/, logs in $OUT)" >&2
    exit 1
fi
echo "OK: no crash, hang or blow-up in ${#targets[@]} targets x $seconds s"
