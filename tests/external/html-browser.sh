#!/usr/bin/env bash
# The HTML report in a real browser: Debian's chromium, headless, driven by
# playwright-core. Checks the seeds' report (a highlight's finding names the
# other outlet, keyboard navigation, filters, links into collapsed
# articles, print, a phone's screen, no request leaving the page), that a
# hostile article's <script> never runs, and how the GVA corpus's report
# (6,224 articles) loads. Screenshots stay in target/html-report/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/tools.sh
ensure_npm "playwright-core@1.65.1"
# A browser on PATH (Debian's chromium; GitHub's runners have Chromium and
# Chrome), or else Debian's chromium, which ensure_apt installs as root and
# otherwise unpacks into .tools/apt (where its /usr/bin/chromium wrapper
# names /usr/lib: the browser itself is called).
if ! CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome); then
    ensure_apt chromium
    CHROMIUM="$TOOLS/apt/root/usr/lib/chromium/chromium"
    [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
fi
export CHROMIUM

artifacts="$(pwd)/target/html-report"
rm -rf "$artifacts"
mkdir -p "$artifacts"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# crosscheck lint exits 1 when it finds something at fail_on: that is a report too.
report() {
    local status=0
    "$CROSSCHECK" lint --format html "$@" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "crosscheck lint $* exited with $status"
        exit 1
    fi
}

report --output "$artifacts/seeds.html"

# Articles and a rule written to attack the page.
hostile="$scratch/hostile"
mkdir -p "$hostile/articles"
printf 'sources: [articles]\nrules: [rules.yaml]\n' > "$hostile/crosscheck.yaml"
cat > "$hostile/rules.yaml" <<'EOF'
rules:
  - id: toll
    claim: "The toll <script>window.pwned = 'claim'</script>"
    extract: { pattern: '(?P<value>\d+) died', kind: number }
    expect: { agree: true }
    message: "<script>window.pwned = 'message'</script> gives {value}"
EOF
cat > "$hostile/articles/a.txt" <<'EOF'
<script>window.pwned = 'article'; alert('article')</script> 4 died <img src=x onerror="window.pwned = 'img'">.
EOF
cat > "$hostile/articles/b.md" <<'EOF'
---
outlet: "<script>window.pwned = 'outlet'</script>"
title: "<img src=x onerror=\"window.pwned = 'title'\">"
url: "javascript:window.pwned = 'url'"
---

Officials said 3 died. <script>window.pwned = 'markdown'</script>
EOF
printf 'Neighbours said 3 died.\n' > "$hostile/articles/c.txt"
(cd "$hostile" && report --output "$artifacts/hostile.html")

# The GVA corpus, one story per incident, with the shootings rules of tests/gva.rs.
if shared_corpus gva "html-browser: the GVA report"; then
    started=$(date +%s%N)
    report --config tests/corpora/gva/crosscheck.yaml --output "$artifacts/gva.html"
    echo "gva report: $(( ($(date +%s%N) - started) / 1000000 )) ms to lint and render, $(stat -c %s "$artifacts/gva.html") bytes"
fi

# The browser keeps its profile, caches and settings in the scratch folder.
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_CACHE_HOME="$scratch/home/.cache"
export XDG_DATA_HOME="$scratch/home/.local/share" XDG_STATE_HOME="$scratch/home/.local/state" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
node tests/external/html-browser/check.js "$artifacts" "$scratch/profile"
