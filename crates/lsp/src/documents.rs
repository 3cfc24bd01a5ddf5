//! The documents open in the editor: their text as the editor has it, which
//! wins over the file on disk until they are closed.

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, Lines};

#[derive(Clone, Debug)]
pub struct Document {
    /// The URI as the client spells it, to publish back to.
    pub uri: Uri,
    pub text: String,
    pub version: i32,
}

impl Document {
    /// Applies the changes of one `didChange`, in order: ranges are in the
    /// text as the previous change left it.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let offsets = Lines::new(&self.text).offsets(range, encoding);
                    self.text.replace_range(offsets, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(from: (u32, u32), to: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        let range = Range {
            start: Position {
                line: from.0,
                character: from.1,
            },
            end: Position {
                line: to.0,
                character: to.1,
            },
        };
        TextDocumentContentChangeEvent {
            range: Some(range),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_the_negotiated_encoding() {
        let uri: Uri = "file:///w/a.md".parse().unwrap();
        let mut document = Document {
            uri,
            text: "“Four” 😀 people\nwere killed.\n".to_owned(),
            version: 1,
        };
        // In UTF-16 “ is one unit and 😀 two: once “Four” reads “Three”, "people" starts at 11.
        document.apply(
            2,
            vec![
                change((0, 1), (0, 5), "Three"),
                change((0, 11), (0, 17), "persons"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(document.text, "“Three” 😀 persons\nwere killed.\n");
        document.apply(
            3,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".to_owned(),
            }],
            Encoding::Utf16,
        );
        assert_eq!((document.text.as_str(), document.version), ("new", 3));
    }
}
