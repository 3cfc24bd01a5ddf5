#!/usr/bin/env bash
# The sample rules' own tests (`crosscheck rules test`) must pass, and a
# rule file with a failing example must make `rules test` exit 1.
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/tools.sh

passed=0
failed=0
check() {
    local name="$1" want="$2"
    shift 2
    "$@" >/tmp/rules-test.$$ 2>&1
    local got=$?
    if [ "$got" -eq "$want" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name: exit $got, wanted $want"
        cat /tmp/rules-test.$$
    fi
}

if [ ! -x "$CROSSCHECK" ]; then
    echo "FAIL: $CROSSCHECK is missing: build it with cargo build --release"
    exit 1
fi

check "the sample rules pass their tests" 0 "$CROSSCHECK" rules test
check "the sample rules are valid" 0 "$CROSSCHECK" rules check

broken="$(mktemp -d)"
trap 'rm -rf "$broken" /tmp/rules-test.$$' EXIT
sed 's/"Sales may double by 2032."/"Sales may double through 2032."/' rules/partnership.yaml >"$broken/partnership.yaml"
if cmp -s rules/partnership.yaml "$broken/partnership.yaml"; then
    echo "FAIL: could not break an example of rules/partnership.yaml"
    failed=$((failed + 1))
else
    check "a failing example fails rules test" 1 "$CROSSCHECK" rules test --rules "$broken/partnership.yaml"
fi

echo "rules-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
