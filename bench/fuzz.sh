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

# The wall-clock time one input took when run alone, in ms (the fastest of three runs).
alone_ms() {
    local target="$1" input="$2" best=999999 ms i
    for i in 1 2 3; do
        ms="$("target/x86_64-unknown-linux-gnu/release/$target" "$input" 2>&1 \
            | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')"
        [ -n "$ms" ] && [ "$ms" -lt "$best" ] && best="$ms"
    done
    echo "$best"
}

run_one() {
    local target="$1" start=$SECONDS remaining rc artifact ms
    local log="$OUT/fuzz-$target.log"
    mkdir -p "corpus/$target"
    : >"$log"
    while :; do
        remaining=$((seconds - (SECONDS - start)))
        [ "$remaining" -gt 5 ] || { rc=0; break; }
        # -timeout=1: an input taking over a second is a hang; -rss_limit_mb=256: a blow-up;
        # -max_len=1048576: inputs up to 1 MB, the parsers' own limit.
        rc=0
        fuzz run "$target" "corpus/$target" -- \
            -max_total_time="$remaining" -rss_limit_mb=256 -timeout=1 -max_len=1048576 \
            "$(dict_for "$target")" -print_final_stats=1 >>"$log" 2>&1 || rc=$?
        [ "$rc" -ne 0 ] || break
        # libFuzzer's timeout is wall-clock time: on a saturated machine a niced fuzzer can be
        # descheduled for over a second. A timeout counts only if the input, run alone, is
        # still slow; otherwise note it and fuzz on for the rest of the time.
        artifact="$(ls -t "artifacts/$target"/timeout-* 2>/dev/null | head -n 1)"
        if [ -n "$artifact" ] && grep -q "ERROR: libFuzzer: timeout" "$log"; then
            ms="$(alone_ms "$target" "$artifact")"
            if [ "$ms" -lt 1000 ]; then
                echo "STARVED: $artifact took $ms ms alone; not a hang, fuzzing on" >>"$log"
                sed -i 's/ERROR: libFuzzer: timeout/(starved) libFuzzer: timeout/' "$log"
                mv "$artifact" "${artifact/timeout-/starved-}"
                continue
            fi
            echo "HANG CONFIRMED: $artifact takes $ms ms alone" >>"$log"
        fi
        break
    done
    echo "$rc" >"$OUT/fuzz-$target.rc"
}

failed=()
running=0
for target in "${targets[@]}"; do
    echo "fuzzing $target for $seconds s" >&2
    rm -f "$OUT/fuzz-$target.rc"
    run_one "$target" &
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
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{n += $1} END {print n}')"
    cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1)"
    corpus="$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n 1)"
    rss="$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | sort -n | tail -n 1)"
    starved="$(grep -c '^STARVED' "$log" || true)"
    printf '%-18s %s executions, %s, %s, peak RSS %s MB, %s starved timeouts\n' \
        "$target" "${execs:-?}" "${cov:-?}" "${corpus:-?}" "${rss:-?}" "$starved"
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAIL: ${failed[*]} (inputs in fuzz/artifacts/, logs in $OUT)" >&2
    exit 1
fi
echo "OK: no crash, hang or blow-up in ${#targets[@]} targets x $seconds s"
