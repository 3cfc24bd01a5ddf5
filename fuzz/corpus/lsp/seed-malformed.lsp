Content-Length: 73

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}Content-Length: 17

{this is not jsonContent-Length: 36

{"jsonrpc":"2.0","id":9,"params":{}}X-Nonsense: 1

{}Content-Type: application/vscode-jsonrpc; charset=utf-8
Content-Length: 2

[]garbage Content-Length: 52

{"jsonrpc":"2.0","method":"$/cancelRequest","params"Content-Length: 99999999999

shortContent-Length: -4

Content-Length: 115

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": "file:///WORKSPACE"}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 159

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///etc/passwd"}, "position": {"line": 0, "character": 0}}}Content-Length: 175

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///WORKSPACE/../conflict/a.md"}, "position": {"line": 0, "character": 0}}}Content-Length: 94

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"position": "nowhere"}}Content-Length: 83

{"jsonrpc": "2.0", "id": 5, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 87

{"jsonrpc": "2.0", "id": "five", "method": "workspace/symbol", "params": {"query": ""}}Content-Length: 38

{"jsonrpc":"2.0","id":7,"result":null}Content-Length: 179

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md", "version": 2}, "contentChanges": [{"text": "x"}]}}Content-Length: 194

{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/gamma.md"}, "position": {"line": 4294967295, "character": 4294967295}}}Content-Length: 52

{"jsonrpc": "2.0", "method": "exit", "params": null}Content-Length: 100

{"jsonrpc"