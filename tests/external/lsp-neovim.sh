#!/usr/bin/env bash
# crosscheck lsp with a real editor: headless Neovim (Debian's package)
# attaches it to an article and checks where the diagnostics land.
set -euo pipefail
source scripts/tools.sh
ensure_apt neovim:nvim
# Neovim unpacked into .tools/apt (a user who is not root) finds its runtime there.
if [ -d "$TOOLS/apt/root/usr/share/nvim/runtime" ] && [ "$(command -v nvim)" = "$TOOLS/apt/root/usr/bin/nvim" ]; then
    export VIMRUNTIME="$TOOLS/apt/root/usr/share/nvim/runtime"
fi
[ -x "$CROSSCHECK" ] || { echo "missing $CROSSCHECK: build it first (scripts/test.sh does)"; exit 1; }
export WORKSPACE="$PWD/tests/fixtures/lsp"
timeout 120 nvim --headless --clean -c "luafile tests/external/nvim/smoke.lua"
