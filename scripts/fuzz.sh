#!/usr/bin/env bash
# make fuzz: runs libFuzzer on each fuzz target for SECONDS seconds, one after another (one
# process at a time: the machines are shared). Seeds: Tests/Fuzz/corpus/<target>; what libFuzzer
# learns goes to .build-fuzz/corpus/<target>; a crash is kept under .build-fuzz/crashes and the
# repro command printed. Logs: .build-fuzz/logs/<target>.log. Exit 1 when any target failed.
# docs/FUZZING.md.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=${*:-json wire statement credential form push-pull cmi5 zip}
BIN=.build-fuzz/debug/wallet-fuzz
[ -x "$BIN" ] || { echo "build it first: make fuzz (or swift build with the flags in the Makefile)"; exit 2; }
mkdir -p .build-fuzz/crashes .build-fuzz/logs
failed=0
for target in $TARGETS; do
    mkdir -p ".build-fuzz/corpus/$target"
    log=".build-fuzz/logs/$target.log"
    # SWIFT_BACKTRACE off: Swift's backtracer would take the crash signal before libFuzzer saves the input.
    # -timeout: an input taking longer is a hang (a failure). -max_len: room for statements with
    # long strings, small enough to keep the runs fast.
    SWIFT_BACKTRACE=enable=no "$BIN" "$target" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix=".build-fuzz/crashes/$target-" -print_final_stats=1 \
        ".build-fuzz/corpus/$target" "Tests/Fuzz/corpus/$target" > "$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -oE '(#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)[[:space:]]+cov: [0-9]+ ft: [0-9]+)' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+')
    if [ "$status" -eq 0 ]; then
        echo "ok    $target: ${runs:-?} inputs in ${SECONDS_EACH}s, ${cov:-cov ?}, corpus $(ls ".build-fuzz/corpus/$target" | wc -l) files"
    else
        failed=1
        artifact=$(grep -o 'Test unit written to .*' "$log" | sed 's/Test unit written to //' | tail -1)
        echo "FAIL  $target (exit $status), log $log"
        grep -E 'Fatal error|wallet-fuzz .*:|ERROR: libFuzzer' "$log" | head -3 | sed 's/^/      /'
        if [ -n "$artifact" ]; then
            echo "      input: $artifact"
            echo "      repro: SWIFT_BACKTRACE=enable=no $BIN $target $artifact"
            echo "         or: swift run wallet-fuzz replay $target $artifact"
        fi
    fi
done
exit $failed
