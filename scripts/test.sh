#!/usr/bin/env bash
# Runs every test of the project: the Rust unit, CLI and snapshot tests, and
# the real-corpus checks on ../shared/corpora (required when CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cargo build --locked --release --bin crosscheck
cargo test --locked --release --all-targets
