//! Whole language-server sessions, scripted: the messages an editor sends,
//! and what comes back, on the workspace in tests/fixtures/lsp.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp")
}

fn uri(file: &str) -> String {
    url::Url::from_file_path(root().join(file))
        .unwrap()
        .to_string()
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn request(id: i64, method: &str, params: Value) -> Vec<u8> {
    frame(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string())
}

fn notification(method: &str, params: Value) -> Vec<u8> {
    frame(&json!({ "jsonrpc": "2.0", "method": method, "params": params }).to_string())
}

fn initialize(capabilities: Value) -> Vec<u8> {
    [
        request(1, "initialize", json!({ "rootUri": url::Url::from_file_path(root()).unwrap().to_string(), "capabilities": capabilities })),
        notification("initialized", json!({})),
    ]
    .concat()
}

fn open(file: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    notification(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri(file), "languageId": "markdown", "version": 1, "text": text } }),
    )
}

fn at(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

fn shutdown() -> Vec<u8> {
    [
        request(99, "shutdown", json!(null)),
        notification("exit", json!(null)),
    ]
    .concat()
}

/// Runs a session; returns every message the server wrote and whether it exited cleanly.
fn session(input: Vec<Vec<u8>>) -> (Vec<Value>, bool) {
    let mut output = Vec::new();
    let clean =
        crosscheck_lsp::serve(Cursor::new(input.concat()), &mut output).expect("the session runs");
    let mut messages = Vec::new();
    let mut rest = output.as_slice();
    while !rest.is_empty() {
        let text = std::str::from_utf8(rest).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").expect("a framed message");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .unwrap()
            .parse()
            .unwrap();
        messages.push(serde_json::from_str(&body[..length]).unwrap());
        rest = &rest[header.len() + 4 + length..];
    }
    (messages, clean)
}

fn response(messages: &[Value], id: i64) -> &Value {
    messages
        .iter()
        .find(|m| m["id"] == id && m.get("method").is_none())
        .unwrap_or_else(|| panic!("no response {id} in {messages:#?}"))
}

/// The diagnostics last published for `file`, if any.
fn published<'a>(messages: &'a [Value], file: &str) -> Option<&'a Vec<Value>> {
    let uri = uri(file);
    messages
        .iter()
        .rev()
        .find(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        })
        .and_then(|m| m["params"]["diagnostics"].as_array())
}

fn last_published<'a>(messages: &'a [Value], file: &str) -> &'a Vec<Value> {
    published(messages, file).unwrap_or_else(|| panic!("nothing published for {file}"))
}

/// The messages with the machine's path of the fixture replaced.
fn portable(value: &Value) -> Value {
    let base = url::Url::from_file_path(root()).unwrap().to_string();
    serde_json::from_str(&value.to_string().replace(&base, "file:///WORKSPACE")).unwrap()
}

#[test]
fn a_session_publishes_hovers_fixes_and_follows_edits() {
    let gamma = uri("articles/gamma.md");
    let (messages, clean) = session(vec![
        initialize(json!({})),
        open("articles/gamma.md"),
        request(
            2,
            "textDocument/hover",
            json!({ "textDocument": { "uri": gamma }, "position": at(3, 27) }),
        ),
        request(
            3,
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": gamma }, "range": { "start": at(3, 26), "end": at(3, 26) }, "context": { "diagnostics": [] } }),
        ),
        notification(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": gamma, "version": 2 }, "contentChanges": [{ "range": { "start": at(3, 26), "end": at(3, 30) }, "text": "3" }] }),
        ),
        request(
            4,
            "textDocument/hover",
            json!({ "textDocument": { "uri": gamma }, "position": at(3, 27) }),
        ),
        request(5, "textDocument/shutdown", json!(null)),
        request(6, "shutdown", json!(null)),
        notification("exit", json!(null)),
    ]);
    assert!(clean, "shut down before exit");
    assert_eq!(
        response(&messages, 1)["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );

    // Before the edit: the conflict on “four”, at UTF-16 columns, with the other outlets related.
    let first = messages
        .iter()
        .find(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == gamma.as_str()
        })
        .unwrap();
    insta::assert_json_snapshot!(
        "published_before_the_edit",
        portable(&first["params"]["diagnostics"])
    );

    let hover = &response(&messages, 2)["result"];
    assert_eq!(
        hover["range"],
        json!({ "start": at(3, 26), "end": at(3, 30) })
    );
    insta::assert_snapshot!(
        "hover_on_the_conflict",
        hover["contents"]["value"].as_str().unwrap()
    );

    let actions = response(&messages, 3)["result"].as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace `four` with `Three`, as most outlets give",
            "Suppress `killed-count` on this line (with a reason)"
        ],
        "the uncorroborated statement further on is not in the range"
    );
    assert_eq!(
        actions[0]["edit"]["changes"][gamma.as_str()][0],
        json!({ "range": { "start": at(3, 26), "end": at(3, 30) }, "newText": "Three" })
    );
    assert_eq!(
        actions[1]["edit"]["changes"][gamma.as_str()][0],
        json!({ "range": { "start": at(3, 0), "end": at(3, 0) }, "newText": "<!-- crosscheck-disable-next-line killed-count -- TODO: say why this is accepted -->\n" })
    );

    // After the edit the conflict is gone and only the uncorroborated arrest remains.
    let after = last_published(&messages, "articles/gamma.md");
    let codes: Vec<&str> = after.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["driver-arrested/uncorroborated"]);
    assert_eq!(
        response(&messages, 4)["result"],
        Value::Null,
        "nothing is flagged there any more"
    );
    assert_eq!(
        response(&messages, 5)["error"]["code"],
        -32601,
        "unknown methods are errors"
    );
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (messages, _) = session(vec![
        initialize(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } })),
        open("articles/gamma.md"),
        shutdown(),
    ]);
    assert_eq!(
        response(&messages, 1)["result"]["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let conflict = &last_published(&messages, "articles/gamma.md")[0];
    // “Café owner” José 🎉 said : 34 bytes before “four”.
    assert_eq!(
        conflict["range"],
        json!({ "start": at(3, 34), "end": at(3, 38) })
    );
}

#[test]
fn a_rule_file_with_an_error_gets_it_at_its_line() {
    let rules = uri("rules.yaml");
    let text = std::fs::read_to_string(root().join("rules.yaml")).unwrap();
    let broken = text.replace(r"'\barrested\b'", r"'\barrested(\b'");
    let line = broken
        .lines()
        .position(|line| line.contains("arrested("))
        .unwrap() as u32;
    let (messages, _) = session(vec![
        initialize(json!({})),
        notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": rules, "languageId": "yaml", "version": 1, "text": broken } }),
        ),
        shutdown(),
    ]);
    let problems = last_published(&messages, "rules.yaml");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0]["range"]["start"]["line"], line);
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid regular expression"),
        "{problems:?}"
    );
    assert!(
        published(&messages, "articles/gamma.md").is_none_or(Vec::is_empty),
        "no judgement with broken rules"
    );
}

#[test]
fn bad_input_is_answered_with_errors_and_the_server_reads_on() {
    let (messages, clean) = session(vec![
        request(1, "textDocument/hover", json!({})),
        frame("{this is not json"),
        frame(r#"{"jsonrpc":"2.0","id":9,"params":{}}"#),
        initialize(json!({})),
        request(
            2,
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///etc/passwd" }, "position": at(0, 0) }),
        ),
        request(
            3,
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri("../conflict/articles/a.md") }, "position": at(0, 0) }),
        ),
        request(4, "textDocument/hover", json!({ "position": "nowhere" })),
        notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": "file:///etc/passwd", "languageId": "text", "version": 1, "text": "" } }),
        ),
        request(
            5,
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri("articles/gamma.md") }, "position": at(3, 27) }),
        ),
        notification("exit", json!(null)),
    ]);
    assert!(!clean, "exit without shutdown");
    let errors: Vec<(Value, i64)> = messages
        .iter()
        .filter(|m| m.get("error").is_some())
        .map(|m| (m["id"].clone(), m["error"]["code"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            (json!(1), -32002),
            (Value::Null, -32700),
            (json!(9), -32600),
            (json!(2), -32803),
            (json!(3), -32803),
            (json!(4), -32602)
        ],
        "{messages:#?}"
    );
    let logged = messages
        .iter()
        .find(|m| m["method"] == "window/logMessage")
        .expect("the outside document is refused");
    assert!(logged["params"]["message"]
        .as_str()
        .unwrap()
        .contains("outside the workspace folder"));
    assert!(
        response(&messages, 5)["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("conflict"),
        "still serving"
    );
}
