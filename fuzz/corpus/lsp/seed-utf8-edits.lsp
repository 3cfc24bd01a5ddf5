Content-Length: 168

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}, "rootUri": "file:///WORKSPACE"}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 328

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md", "languageId": "markdown", "version": 1, "text": "---\noutlet: Gamma Wire\n---\n“Café owner” José 🎉 said four people were killed in the collision.\n\nThe driver was arrested at the scene.\n"}}}Content-Length: 269

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md", "version": 2}, "contentChanges": [{"range": {"start": {"line": 3, "character": 34}, "end": {"line": 3, "character": 38}}, "text": "five"}]}}Content-Length: 328

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md", "version": 3}, "contentChanges": [{"text": "---\noutlet: Gamma Wire\n---\n“Café owner” José 🎉 said four people were killed in the collision.\n\nThe driver was questioned at the scene.\n"}]}}Content-Length: 280

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "range": {"start": {"line": 3, "character": 0}, "end": {"line": 5, "character": 10}}, "context": {"diagnostics": [], "only": ["quickfix"]}}}Content-Length: 128

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}}}Content-Length: 129

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}}}Content-Length: 177

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "position": {"line": 3, "character": 40}}}Content-Length: 66

{"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}Content-Length: 52

{"jsonrpc": "2.0", "method": "exit", "params": null}