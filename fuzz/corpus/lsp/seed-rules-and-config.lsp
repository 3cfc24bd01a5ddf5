Content-Length: 115

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": "file:///WORKSPACE"}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 652

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///WORKSPACE/rules.yaml", "languageId": "yaml", "version": 1, "text": "rules:\n  - id: killed-count\n    claim: The number of people killed\n    severity: error\n    extract:\n      pattern: '(?P<value>\\b(?:\\d+|one|two|three|four|five|six)\\b) (?:people|persons) (?:were |had been )?killed'\n      kind: number\n    expect: { agree: true }\n\n  - id: driver-arrested\n    claim: The driver was arrested\n    severity: warning\n    match:\n      all: ['\\bdriver\\b']\n      any: ['\\barrested(\\b', '\\bin custody\\b']\n    expect: { min_sources: 2 }\n"}}}Content-Length: 653

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///WORKSPACE/rules.yaml", "version": 2}, "contentChanges": [{"text": "rules:\n  - id: killed-count\n    claim: The number of people killed\n    severity: error\n    extract:\n      pattern: '(?P<value>\\b(?:\\d+|one|two|three|four|five|six)\\b) (?:people|persons) (?:were |had been )?killed'\n      kind: number\n    expect: { agree: true }\n\n  - id: driver-arrested\n    claim: The driver was arrested\n    severity: warning\n    match:\n      all: ['\\bdriver\\b']\n      any: ['\\barrested\\b', '\\bin custody\\b']\n    expect: { min_sources: 2 }\n"}]}}Content-Length: 385

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///WORKSPACE/crosscheck.yaml", "languageId": "yaml", "version": 1, "text": "# A workspace for the language server's tests: three outlets on one crash,\n# one of which gives another death toll on a line of curly quotes, accents\n# and an emoji.\nsources: [articles]\nrules: [rules.yaml]\n"}}}Content-Length: 401

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///WORKSPACE/crosscheck.yaml", "version": 2}, "contentChanges": [{"text": "# A workspace for the language server's tests: three outlets on one crash,\n# one of which gives another death toll on a line of curly quotes, accents\n# and an emoji.\nsources: [articles, ../elsewhere]\nrules: [rules.yaml]\n"}]}}Content-Length: 349

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///WORKSPACE/crosscheck.yaml"}, "text": "# A workspace for the language server's tests: three outlets on one crash,\n# one of which gives another death toll on a line of curly quotes, accents\n# and an emoji.\nsources: [articles]\nrules: [rules.yaml]\n"}}Content-Length: 217

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/new.txt", "languageId": "plaintext", "version": 1, "text": "The driver was arrested, police said."}}}Content-Length: 127

{"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/new.txt"}}}Content-Length: 175

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///WORKSPACE/articles/new.txt"}, "position": {"line": 0, "character": 5}}}Content-Length: 66

{"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}Content-Length: 52

{"jsonrpc": "2.0", "method": "exit", "params": null}