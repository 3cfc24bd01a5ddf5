#!/usr/bin/env bash
# Interrupts `crosscheck lint --output` in the middle of writing its report,
# and `crosscheck lint --write-baseline` in the middle of writing its baseline:
# strace holds the run at the fsync of the temporary file (fully written,
# not yet renamed into place) while SIGINT or SIGTERM arrives. The previous
# file must stay as it was, the temporary file must be gone, and the run
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

# Each file lint replaces: the report (--output) and the baseline
# (--write-baseline, whose run shows its report on standard output).
for target in output:report.json write-baseline:baseline.json; do
    option="--${target%%:*}"
    file="out/${target#*:}"
    for signal in INT TERM; do
        echo "previous file" > "$work/$file"
        # Every fsync is held for 5 s before it runs.
        (cd "$work" && exec strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=5000000 \
            "$CROSSCHECK" lint articles --rules rules.yaml --format json "$option" "$file" >/dev/null 2>>"$work/strace.log") &
        tracer=$!
        # Wait until the temporary file is there, written: the run is at its fsync.
        temporary=""
        for _ in $(seq 100); do
            temporary=$(find "$work/out" -name '.crosscheck-*.tmp' -size +1k | head -n 1)
            [ -n "$temporary" ] && break
            sleep 0.1
        done
        check "$option SIG$signal: the run reached the fsync of its temporary file" '[ -n "$temporary" ]'
        check "$option SIG$signal: the signal was sent to the run" 'pkill "-$signal" -P "$tracer" -x crosscheck'
        set +e
        wait "$tracer"
        status=$?
        set -e
        # strace exits as its tracee did: 128 + the signal's number.
        expected=$((128 + $(kill -l "$signal")))
        check "$option SIG$signal: the run ended by the signal (status $status, expected $expected)" '[ "$status" -eq "$expected" ]'
        check "$option SIG$signal: the previous file is intact" '[ "$(cat "$work/$file")" = "previous file" ]'
        check "$option SIG$signal: no temporary file is left" '[ -z "$(find "$work/out" -name ".crosscheck-*")" ]'
    done
    # Not interrupted, the run replaces the file with the complete new one.
    (cd "$work" && "$CROSSCHECK" lint articles --rules rules.yaml --format json "$option" "$file" >/dev/null 2>>"$work/strace.log")
    check "$option: a completed run replaces the file" '[ "$(head -c 1 "$work/$file")" = "{" ] && [ "$(tail -c 2 "$work/$file")" = "}" ]'
    check "$option: a completed run leaves no temporary file" '[ -z "$(find "$work/out" -name ".crosscheck-*")" ]'
done

echo "interrupt: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
