#!/usr/bin/env bash
# The fuzz targets (fuzz/, their own workspace) must keep building against
# the library, and every committed seed must pass its target's checks.
# This is not fuzzing (scripts/fuzz.sh does that, with sanitizers): the
# targets are built plainly and libFuzzer only runs the seeds (-runs=0).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

passed=0
failed=0
if ! cargo build --locked --release --manifest-path fuzz/Cargo.toml; then
    echo "FAIL: the fuzz targets do not build"
    echo "fuzz-seeds: 0 passed, 1 failed"
    exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for folder in fuzz/corpus/*/; do
    target="$(basename "$folder")"
    # Only the committed seeds: what a local fuzzing run added stays out.
    mkdir -p "$scratch/$target"
    seeds=0
    for seed in "$folder"seed-*; do
        [ -e "$seed" ] || continue
        cp "$seed" "$scratch/$target/"
        seeds=$((seeds + 1))
    done
    if [ "$seeds" -eq 0 ]; then
        echo "FAIL: $target has no seeds in $folder"
        failed=$((failed + 1))
    elif "fuzz/target/release/$target" -runs=0 -timeout=10 -max_len=16384 "$scratch/$target" >"$scratch/$target.log" 2>&1; then
        echo "ok   $target: $seeds seeds"
        passed=$((passed + 1))
    else
        echo "FAIL: $target on its $seeds seeds"
        tail -n 30 "$scratch/$target.log"
        failed=$((failed + 1))
    fi
done

echo "fuzz-seeds: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
