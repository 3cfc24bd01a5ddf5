//! Paths as URI references, for SARIF locations and Markdown links.

use std::fmt::Write;
use std::path::Path;

use crosscheck_engine::paths::lexical;

/// `path` (`/`-separated) percent-encoded as a URI reference, without dot
/// segments: relative paths stay relative, absolute ones become `file://`
/// URIs. Only unreserved characters and `/` are kept, so no segment can read
/// as a scheme, query or fragment.
pub fn uri(path: &str) -> String {
    let path = lexical(Path::new(path))
        .to_string_lossy()
        .replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved_characters() {
        assert_eq!(
            uri("news/404238/wjhl.com--a7148f73.md"),
            "news/404238/wjhl.com--a7148f73.md"
        );
        assert_eq!(uri("a b/c:d#e?(f)%.md"), "a%20b/c%3Ad%23e%3F%28f%29%25.md");
        assert_eq!(uri("café.md"), "caf%C3%A9.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("/work/wt/../shared/./x.md"), "file:///work/shared/x.md");
        assert_eq!(uri("../shared/x.md"), "../shared/x.md");
    }
}
