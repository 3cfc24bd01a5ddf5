Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 191

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": "Azure is the primary cloud."}}}Content-Length: 160

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 0, "character": 0}}}Content-Length: 257

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 65

{"jsonrpc": "2.0", "id": 4, "method": "shutdown", "params": null}Content-Length: 73

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {}}Content-Length: 52

{"jsonrpc": "2.0", "method": "exit", "params": null}