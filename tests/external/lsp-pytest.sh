#!/usr/bin/env bash
# crosscheck lsp under pytest-lsp: a real LSP client over stdio, with the
# capabilities of VS Code, Neovim and Emacs eglot.
set -euo pipefail
source scripts/tools.sh
ensure_python "pytest-lsp==1.0.1" "pytest==9.2.0" "pytest-asyncio==1.5.0" "pygls==2.1.1" "lsprotocol==2025.0.0"
[ -x "$CROSSCHECK" ] || { echo "missing $CROSSCHECK: build it first (scripts/test.sh does)"; exit 1; }
cd tests/external/lsp
exec python -m pytest -c pytest.ini -p no:cacheprovider -q .
