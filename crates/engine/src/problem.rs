//! Errors in crosscheck's own input (configuration, rule files, command
//! line), each pointing at its place so it can be shown like a compiler error.

use std::fmt;
use std::ops::Range;

/// A problem that stops a run before anything is linted (exit status 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, as one sentence.
    pub message: String,
    /// The file at fault, as shown to the user; None for command-line problems.
    pub path: Option<String>,
    /// Byte range in that file, when the place is known.
    pub range: Option<Range<usize>>,
    /// What the label under the range says.
    pub label: String,
    /// Advice shown after the message, one note each (how to fix it, what was expected).
    pub notes: Vec<String>,
}

impl Problem {
    /// A problem saying `message`, with no file or place yet.
    pub fn new(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            path: None,
            range: None,
            label: String::new(),
            notes: Vec::new(),
        }
    }

    /// The problem, in the file shown as `path`.
    pub fn in_file(mut self, path: impl Into<String>) -> Problem {
        self.path = Some(path.into());
        self
    }

    /// The problem, pointing at bytes `range` of its file with `label` under them.
    pub fn at(mut self, range: Range<usize>, label: impl Into<String>) -> Problem {
        self.range = Some(range);
        self.label = label.into();
        self
    }

    /// The problem, with `note` added after the others.
    pub fn with_note(mut self, note: impl Into<String>) -> Problem {
        self.notes.push(note.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Byte offset of a 1-based line and a 1-based column counted in characters,
/// clamped to the text (YAML parsers report positions this way).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[line_start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    rest[..line_len]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_start + line_len, |(i, _)| line_start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_from_lines_and_columns() {
        let text = "ab\nc’d\n";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 3), 7);
        assert_eq!(offset_of(text, 2, 99), 8);
        assert_eq!(offset_of(text, 9, 1), text.len());
    }
}
