#!/usr/bin/env bash
# Interrupts `crosscheck lint --output` in the middle of writing its report:
# strace holds the run at the fsync of the temporary file (fully written,
# not yet renamed into place) while SIGINT or SIGTERM arrives. The previous
# report must stay as it was, the temporary file must be gone, and the run
# must end by that signal.
set -euo pipefail
source scripts/tools.sh
ensure_apt strace

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r seeds "$work/articles"
cp rules/partnership.yaml "$work/rules.yaml"
mkdir "$work/out"

passed=0
failed=0
check() {
    if eval "$2"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $1"
        failed=$((failed + 1))
    fi
}

for signal in INT TERM; do
    echo "previous report" > "$work/out/report.json"
    # Every fsync is held for 5 s before it runs.
    (cd "$work" && exec strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=5000000 \
        "$CROSSCHECK" lint articles --rules rules.yaml --format json --output out/report.json 2>>"$work/strace.log") &
    tracer=$!
    # Wait until the temporary file is there, written: the run is at its fsync.
    for _ in $(seq 100); do
        temporary=$(find "$work/out" -name '.crosscheck-*.tmp' -size +1k | head -n 1)
        [ -n "$temporary" ] && break
        sleep 0.1
    done
    check "SIGINT/SIGTERM: the run reached the fsync of its temporary file" '[ -n "$temporary" ]'
    check "SIG$signal: the signal was sent to the run" 'pkill "-$signal" -P "$tracer" -x crosscheck'
    set +e
    wait "$tracer"
    status=$?
    set -e
    # strace exits as its tracee did: 128 + the signal's number.
    expected=$((128 + $(kill -l "$signal")))
    check "SIG$signal: the run ended by the signal (status $status, expected $expected)" '[ "$status" -eq "$expected" ]'
    check "SIG$signal: the previous report is intact" '[ "$(cat "$work/out/report.json")" = "previous report" ]'
    check "SIG$signal: no temporary file is left" '[ -z "$(find "$work/out" -name ".crosscheck-*")" ]'
done

echo "interrupt: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
