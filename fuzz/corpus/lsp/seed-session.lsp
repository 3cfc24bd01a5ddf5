Content-Length: 115

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": "file:///WORKSPACE"}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 328

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md", "languageId": "markdown", "version": 1, "text": "---\noutlet: Gamma Wire\n---\n“Café owner” José 🎉 said four people were killed in the collision.\n\nThe driver was arrested at the scene.\n"}}}Content-Length: 177

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "position": {"line": 3, "character": 27}}}Content-Length: 259

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "range": {"start": {"line": 3, "character": 26}, "end": {"line": 3, "character": 26}}, "context": {"diagnostics": []}}}Content-Length: 266

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md", "version": 2}, "contentChanges": [{"range": {"start": {"line": 3, "character": 26}, "end": {"line": 3, "character": 30}}, "text": "3"}]}}Content-Length: 177

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "position": {"line": 3, "character": 27}}}Content-Length: 66

{"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}Content-Length: 52

{"jsonrpc": "2.0", "method": "exit", "params": null}