#!/usr/bin/env bash
# Runs every test of the project: the Rust unit, CLI and snapshot tests
# (including the real-corpus checks on ../shared/corpora: without it they
# skip, saying so on standard error, unless CROSSCHECK_REQUIRE_CORPORA=1, as
# .ci/run sets, makes that a failure), the documentation's links, then every
# suite in tests/external/, which install the third-party tools they drive
# into .tools/ (as any user: see ensure_apt in scripts/tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cargo build --locked --release --bin crosscheck
cargo test --locked --release --workspace --all-targets
# The doc comments are the rules' and assertions' user documentation: their links must hold.
RUSTDOCFLAGS="-D warnings" cargo doc --locked --workspace --no-deps

passed=0
failed=0
for suite in tests/external/*.sh; do
    [ -e "$suite" ] || continue
    echo "== external suite: $suite"
    if bash "$suite"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $suite"
        failed=$((failed + 1))
    fi
done
echo "external suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
