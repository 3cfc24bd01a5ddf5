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

# A Debian package, installed once (CI and developers run as root here).
ensure_apt() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# The crosscheck binary the suites test: the release build of this tree.
CROSSCHECK="$(pwd)/target/release/crosscheck"
export CROSSCHECK
