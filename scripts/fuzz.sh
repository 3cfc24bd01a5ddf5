#!/usr/bin/env bash
# Runs one fuzz target with libFuzzer for MINUTES (default 10), on the
# machine's stable toolchain. Usage: scripts/fuzz.sh TARGET [MINUTES]
# Targets: article, markdown, rules, values, lsp (see docs/fuzzing.md). The seed
# corpus is fuzz/corpus/TARGET/seed-*; what libFuzzer adds there is not
# committed; a crash or hang is written to fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/fuzz.sh TARGET [MINUTES]}"
minutes="${2:-10}"
[ -d "fuzz/corpus/$target" ] || { echo "unknown target: $target (see fuzz/fuzz_targets/)" >&2; exit 2; }

if ! cargo fuzz --version 2>/dev/null | grep -q "0.13.2"; then
    cargo install cargo-fuzz --locked --version 0.13.2
fi
# cargo-fuzz passes -Z flags (sanitizers, coverage) that only nightly takes;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1

# -timeout: an input that takes 10 s is a hang; -max_len leaves room past
# the largest seed (11 KB).
cargo fuzz run -O "$target" -- -max_total_time=$((minutes * 60)) -timeout=10 -max_len=16384 -print_final_stats=1
