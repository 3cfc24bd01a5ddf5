# shellcheck shell=bash
# Shared by the external test suites: installs third-party test tools into
# .tools/ (ignored by git) on first use, pinned, and puts them on PATH.
# Source it; it defines functions only.

TOOLS="${TOOLS:-$(pwd)/.tools}"

# A Python virtual environment with the given pinned packages ("name==version").
ensure_python() {
    if [ ! -x "$TOOLS/venv/bin/python" ]; then
        python3 -m venv "$TOOLS/venv"
        "$TOOLS/venv/bin/python" -m pip install --quiet --upgrade pip
    fi
    "$TOOLS/venv/bin/python" -m pip install --quiet "$@"
    export PATH="$TOOLS/venv/bin:$PATH"
}

# npm packages ("name@version") under .tools/node, their binaries on PATH.
ensure_npm() {
    mkdir -p "$TOOLS/node"
    (cd "$TOOLS/node" && [ -f package.json ] || echo '{"private":true}' > package.json)
    (cd "$TOOLS/node" && npm install --silent --no-audit --no-fund "$@")
    export PATH="$TOOLS/node/node_modules/.bin:$PATH"
    export NODE_PATH="$TOOLS/node/node_modules"
}

# Debian packages, installed once. A package counts as there when dpkg has it
# or a command of its name (or the one given as PACKAGE:COMMAND) is on PATH,
# as GitHub's runners have chromium without Debian's package. Root installs
# it system-wide; any other user (GitHub's runners, tests/external/ci-workflow.sh)
# unpacks it, with whatever of its dependencies dpkg does not have, into
# .tools/apt/root (apt-get download, then dpkg -x: no root, no sudo), whose
# programs and libraries then go on PATH and LD_LIBRARY_PATH; only if that
# fails does it ask sudo (without a password, as on GitHub's runners).
ensure_apt() {
    local missing=() entry package command
    for entry in "$@"; do
        package=${entry%%:*}
        command=${entry#*:}
        dpkg -s "$package" >/dev/null 2>&1 || [ -e "$TOOLS/apt/done/$package" ] || command -v "$command" >/dev/null 2>&1 ||
            missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif [ "${#missing[@]}" -gt 0 ] && ! ensure_apt_in_tools "${missing[@]}"; then
        echo "could not unpack ${missing[*]} into $TOOLS/apt; trying sudo" >&2
        sudo -n apt-get update -qq
        sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    if [ -f "$TOOLS/apt/library-path" ]; then
        export PATH="$TOOLS/apt/root/usr/bin:$TOOLS/apt/root/bin:$PATH"
        LD_LIBRARY_PATH="$(cat "$TOOLS/apt/library-path")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        export LD_LIBRARY_PATH
    fi
}

# Debian packages and their dependencies that dpkg lacks, unpacked by a user
# who is not root into .tools/apt/root; apt keeps its lists and downloads in
# .tools/apt too, and takes no lock.
ensure_apt_in_tools() {
    local apt="$TOOLS/apt" deb
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/root" "$apt/done"
    local options=(-qq -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1
        -o "APT::Sandbox::User=$(id -un)")
    apt-get "${options[@]}" update
    apt-get "${options[@]}" install --download-only --no-install-recommends -y "$@" >/dev/null
    for deb in "$apt"/cache/archives/*.deb; do
        dpkg -x "$deb" "$apt/root"
        rm "$deb"
    done
    for package in "$@"; do
        touch "$apt/done/$package"
    done
    # Every folder of shared libraries the packages brought (some, such as
    # PulseAudio's, sit in a folder of their own).
    find "$apt/root" -name '*.so*' \( -type f -o -type l \) -printf '%h\n' | sort -u | paste -sd: >"$apt/library-path"
}

# Whether the real corpus ../shared/corpora/NAME is there for WHAT (a check of
# the calling suite), decided as tests/common/mod.rs decides for the Rust
# tests: absent, it fails the suite when CROSSCHECK_REQUIRE_CORPORA=1 (.ci/run
# sets it), and otherwise says loudly that WHAT is skipped (status 1).
shared_corpus() { # NAME WHAT
    local corpus
    corpus="$(pwd)/../shared/corpora/$1"
    [ -d "$corpus" ] && return 0
    if [ "${CROSSCHECK_REQUIRE_CORPORA:-}" = 1 ]; then
        echo "FAILED: $2: the real corpus $corpus is missing, and CROSSCHECK_REQUIRE_CORPORA=1 requires it" >&2
        exit 1
    fi
    echo "*** SKIPPED $2: the real corpus $corpus is absent; set CROSSCHECK_REQUIRE_CORPORA=1 to make that a failure ***" >&2
    return 1
}

# The crosscheck binary the suites test: the release build of this tree.
CROSSCHECK="$(pwd)/target/release/crosscheck"
export CROSSCHECK
