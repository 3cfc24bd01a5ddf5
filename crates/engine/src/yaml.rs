//! YAML from anywhere: crosscheck's own YAML files (rule files, the
//! configuration) and the front matter of articles are checked before serde
//! reads them, so that a hostile file is a clear error at its place rather
//! than minutes of work or gigabytes of memory.
//!
//! yaml_serde scans deeply nested flow collections (`[[[[…`) in quadratic
//! time and loads a whole file into memory, so the limits are checked first,
//! on saphyr's event stream, which stops at the first node past a limit.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use saphyr_parser::{Event, Parser};

use crate::problem::Problem;

/// The largest rule file or configuration read (4 MiB): a thousand rules
/// with examples and inline test cases fit many times over.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The deepest nesting of collections accepted; rule files need about six.
pub const MAX_DEPTH: usize = 64;

/// The most nodes a document may hold once its aliases are expanded: an
/// alias bomb ("billion laughs") goes past it at its first big alias.
pub const MAX_EXPANDED_NODES: u64 = 1_000_000;

/// A YAML text past one of the limits: why, and where it went past (1-based
/// line and column counted in characters, as YAML parsers report places).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitError {
    /// The line (1-based) where the text went past the limit.
    pub line: usize,
    /// The column (1-based, in characters) where it went past the limit.
    pub column: usize,
    /// Which limit it went past (`nested more than 64 levels deep`).
    pub message: String,
}

/// Checks nesting depth and alias expansion. Syntax errors are left to the
/// serde reader, which names them better: the check stops at the first one.
pub fn check_limits(text: &str) -> Result<(), LimitError> {
    // Each open collection: its anchor (0 for none) and its node count so far.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    let mut total: u64 = 0;
    let too_deep = || format!("nested more than {MAX_DEPTH} levels deep");
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(event) => event,
            // saphyr reads ahead in flow collections and gives up at 256
            // levels, before their events come out.
            Err(error) if error.info() == "recursion limit exceeded" => {
                return Err(LimitError {
                    line: error.marker().line(),
                    column: error.marker().col() + 1,
                    message: too_deep(),
                });
            }
            Err(_) => return Ok(()),
        };
        let at = |message: String| LimitError {
            line: span.start.line(),
            column: span.start.col() + 1,
            message,
        };
        let added = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() == MAX_DEPTH {
                    return Err(at(too_deep()));
                }
                open.push((anchor, 1));
                total += 1;
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    return Ok(());
                };
                if anchor != 0 {
                    sizes.insert(anchor, size);
                }
                size
            }
            Event::Scalar(_, _, anchor, _) => {
                if anchor != 0 {
                    sizes.insert(anchor, 1);
                }
                total += 1;
                1
            }
            Event::Alias(anchor) => {
                let size = sizes.get(&anchor).copied().unwrap_or(1);
                total = total.saturating_add(size);
                if total > MAX_EXPANDED_NODES {
                    return Err(at(format!(
                        "aliases expand to more than {MAX_EXPANDED_NODES} nodes (an alias bomb?)"
                    )));
                }
                size
            }
            _ => continue,
        };
        if let Some((_, parent)) = open.last_mut() {
            *parent = parent.saturating_add(added);
        }
    }
    Ok(())
}

/// Reads one of crosscheck's own YAML files (`what`: "rule file",
/// "configuration"): at most [`MAX_FILE_BYTES`], and UTF-8 (a problem names
/// the encoding it looks like). The caller adds the path.
pub fn read_file(path: &Path, what: &str) -> Result<String, Problem> {
    let cannot = |reason: String| Problem::new(format!("cannot read the {what}: {reason}"));
    let file = std::fs::File::open(path).map_err(|error| cannot(error.to_string()))?;
    let mut bytes = Vec::new();
    // `take` also bounds files that grow while they are read, and devices.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| cannot(error.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(cannot(format!(
            "it is larger than {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let (text, _) = crate::encoding::decode(&bytes).map_err(|error| cannot(error.to_string()))?;
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_documents_pass() {
        assert_eq!(
            check_limits("rules:\n  - id: a\n    match: { any: [x, y] }\n"),
            Ok(())
        );
        assert_eq!(check_limits("common: &c [a, b]\nrules: [*c, *c]\n"), Ok(()));
        assert_eq!(check_limits(""), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_at_its_place() {
        let text = format!("rules: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let error = check_limits(&text).unwrap_err();
        assert!(
            started.elapsed().as_secs() < 2,
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(error.message, "nested more than 64 levels deep");
        // Between 64 and saphyr's own limit the error is at the 64th level.
        let text = format!("rules: {}{}", "[".repeat(100), "]".repeat(100));
        let error = check_limits(&text).unwrap_err();
        assert_eq!((error.line, error.column), (1, "rules: ".len() + MAX_DEPTH));
        let block: String = (0..100)
            .map(|depth| format!("{}- \n", "  ".repeat(depth)))
            .collect();
        assert!(check_limits(&block).is_err());
    }

    #[test]
    fn an_alias_bomb_is_refused_at_the_alias() {
        let mut text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
        for level in 1..10 {
            let aliases = vec![format!("*a{}", level - 1); 9].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{aliases}]\n"));
        }
        let error = check_limits(&text).unwrap_err();
        assert!(
            error.message.starts_with("aliases expand to more than"),
            "{}",
            error.message
        );
        let offset = crate::problem::offset_of(&text, error.line, error.column);
        assert!(text[offset..].starts_with("*a"), "{:?}", &text[offset..]);
    }

    #[test]
    fn columns_count_characters() {
        let text = format!("x: 1\né: {}", "[".repeat(70));
        let error = check_limits(&text).unwrap_err();
        assert_eq!(
            (error.line, error.column),
            (2, "é: ".chars().count() + MAX_DEPTH)
        );
    }
}
