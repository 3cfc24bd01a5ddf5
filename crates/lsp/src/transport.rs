//! JSON-RPC over stdio: `Content-Length` framed messages. Unlike
//! `lsp_server`'s own transport, which stops at the first malformed message,
//! this one reports each bad message so the server can answer it with an
//! error and read on.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{json, Value};

/// Bodies larger than this are skipped, not read into memory.
const MAX_BODY: usize = 64 * 1024 * 1024;

/// What one frame held.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that is not a JSON-RPC message: answered with this error, for
    /// the request id when one could be read.
    Invalid {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
}

/// Reads the next frame; `None` at the end of the input.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if read_header_line(input, &mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        // A header glued to the rest of a broken frame: resynchronise on it.
        let header = match header.to_ascii_lowercase().find("content-length:") {
            Some(at) => &header[at..],
            None => header,
        };
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Some(invalid(
            None,
            ErrorCode::ParseError,
            "a message without a valid Content-Length header",
        )));
    };
    if length > MAX_BODY {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(invalid(
            None,
            ErrorCode::InvalidRequest,
            &format!("a message of {length} bytes is larger than the {MAX_BODY} bytes accepted"),
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// One header line, at most a few KiB, so that a stream without line
/// breaks cannot fill the memory.
fn read_header_line(input: &mut impl BufRead, line: &mut String) -> io::Result<usize> {
    let mut bytes = Vec::new();
    let read = input.take(8 * 1024).read_until(b'\n', &mut bytes)?;
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(read)
}

fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            return invalid(
                None,
                ErrorCode::ParseError,
                &format!("the message is not JSON: {error}"),
            )
        }
    };
    let id = value
        .get("id")
        .cloned()
        .and_then(|id| serde_json::from_value::<RequestId>(id).ok());
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(error) => invalid(
            id,
            ErrorCode::InvalidRequest,
            &format!("not a JSON-RPC request, response or notification: {error}"),
        ),
    }
}

fn invalid(id: Option<RequestId>, code: ErrorCode, message: &str) -> Incoming {
    Incoming::Invalid {
        id,
        code,
        message: message.to_owned(),
    }
}

/// Writes one message.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    let mut value = serde_json::to_value(message)?;
    if let Value::Object(fields) = &mut value {
        fields.insert("jsonrpc".to_owned(), json!("2.0"));
    }
    write_value(output, &value)
}

/// Writes an error response, also for a request whose id is unknown (`null`).
pub fn write_error(
    output: &mut impl Write,
    id: Option<&RequestId>,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    write_value(
        output,
        &json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code as i32, "message": message } }),
    )
}

fn write_value(output: &mut impl Write, value: &Value) -> io::Result<()> {
    let body = serde_json::to_string(value)?;
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut input = io::Cursor::new(input.as_bytes().to_vec());
        std::iter::from_fn(|| read(&mut input).expect("in-memory reads do not fail")).collect()
    }

    #[test]
    fn reads_messages_and_reports_bad_ones_without_stopping() {
        let stream = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7}"#),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let read = read_all(&stream);
        assert_eq!(read.len(), 4);
        assert!(
            matches!(&read[0], Incoming::Message(Message::Request(request)) if request.method == "initialize")
        );
        assert!(matches!(
            &read[1],
            Incoming::Invalid {
                id: None,
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(
            matches!(&read[2], Incoming::Invalid { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(7))
        );
        assert!(
            matches!(&read[3], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    #[test]
    fn a_frame_without_length_resynchronises_on_the_next_header() {
        let stream = format!(
            "X-Nonsense: 1\r\n\r\n{{}}{}",
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#)
        );
        let read = read_all(&stream);
        assert!(matches!(
            &read[0],
            Incoming::Invalid {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        assert!(
            matches!(&read[1], Incoming::Message(Message::Notification(n)) if n.method == "exit"),
            "{read:?}"
        );
    }

    #[test]
    fn huge_frames_are_skipped() {
        let stream = "Content-Length: 99999999999\r\n\r\nshort";
        let read = read_all(stream);
        assert!(matches!(
            &read[0],
            Incoming::Invalid {
                code: ErrorCode::InvalidRequest,
                ..
            }
        ));
    }

    #[test]
    fn writes_framed_json_rpc() {
        let mut out = Vec::new();
        write_error(&mut out, None, ErrorCode::ParseError, "bad").unwrap();
        let text = String::from_utf8(out).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        let body: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            body,
            json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32700, "message": "bad" } })
        );
    }
}
