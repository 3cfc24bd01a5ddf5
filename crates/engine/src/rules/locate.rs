//! Where things are in a YAML file. serde gives us values without places, so
//! a second, event-level pass over the same text records the byte range of
//! every node; rule errors then point at the exact key or pattern.

use std::ops::Range;

use saphyr_parser::{Event, Parser};

/// One step of a path into a YAML document: a mapping key or a sequence index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of this key of a mapping.
    Key(&'a str),
    /// The item at this 0-based index of a sequence.
    Index(usize),
}

#[derive(Debug)]
enum Node {
    Leaf,
    Sequence(Vec<Located>),
    Mapping(Vec<(String, Range<usize>, Located)>),
}

#[derive(Debug)]
struct Located {
    range: Range<usize>,
    node: Node,
}

/// The byte ranges of the nodes of one YAML document.
#[derive(Debug, Default)]
pub struct Locator {
    root: Option<Located>,
}

impl Locator {
    /// Records the places of `text`'s first document; a text the event parser
    /// cannot read gives a locator that knows no places.
    pub fn new(text: &str) -> Locator {
        Locator { root: build(text) }
    }

    /// The range of the value at `path`, or of the deepest ancestor found.
    pub fn value(&self, path: &[Step]) -> Range<usize> {
        self.find(path, false)
    }

    /// The range of the key that ends `path` (falls back like [`Locator::value`]).
    pub fn key(&self, path: &[Step]) -> Range<usize> {
        self.find(path, true)
    }

    fn find(&self, path: &[Step], want_key: bool) -> Range<usize> {
        let Some(mut current) = self.root.as_ref() else {
            return 0..0;
        };
        for (depth, step) in path.iter().enumerate() {
            let last = depth + 1 == path.len();
            let next = match (&current.node, step) {
                (Node::Mapping(entries), Step::Key(key)) => entries
                    .iter()
                    .find(|(name, _, _)| name == key)
                    .map(|(_, key_range, value)| {
                        if last && want_key {
                            return Err(key_range.clone());
                        }
                        Ok(value)
                    }),
                (Node::Sequence(items), Step::Index(index)) => items.get(*index).map(Ok),
                _ => None,
            };
            match next {
                Some(Ok(node)) => current = node,
                Some(Err(key_range)) => return key_range,
                None => break,
            }
        }
        current.range.clone()
    }
}

/// A collection being read: where it opened, its node so far, and for a
/// mapping the key still waiting for its value.
type Open = (usize, Node, Option<(String, Range<usize>)>);

fn build(text: &str) -> Option<Located> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut offsets = CharOffsets {
        text,
        char_index: 0,
        byte: 0,
    };
    while let Some(event) = parser.next_event() {
        let (event, span) = event.ok()?;
        let start = offsets.byte_of(span.start.index());
        let end = offsets.byte_of(span.end.index()).max(start);
        let finished = match event {
            Event::Scalar(value, ..) => {
                // A scalar is a key when its mapping has no pending key.
                if let Some((_, Node::Mapping(_), pending @ None)) = stack.last_mut() {
                    *pending = Some((value.into_owned(), start..end));
                    continue;
                }
                Located {
                    range: start..end,
                    node: Node::Leaf,
                }
            }
            Event::Alias(_) => Located {
                range: start..end,
                node: Node::Leaf,
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let node = if matches!(event, Event::SequenceStart(..)) {
                    Node::Sequence(Vec::new())
                } else {
                    Node::Mapping(Vec::new())
                };
                if let Some((_, Node::Mapping(_), pending @ None)) = stack.last_mut() {
                    // A collection used as a key: keep it nameless.
                    *pending = Some((String::new(), start..end));
                }
                stack.push((start, node, None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (open, node, _) = stack.pop()?;
                Located {
                    range: open..end.max(open),
                    node,
                }
            }
            Event::StreamEnd | Event::DocumentEnd => break,
            _ => continue,
        };
        match stack.last_mut() {
            None => return Some(finished),
            Some((_, Node::Sequence(items), _)) => items.push(finished),
            Some((_, Node::Mapping(entries), pending)) => {
                let (key, key_range) = pending.take().unwrap_or_default();
                entries.push((key, key_range, finished));
            }
            Some((_, Node::Leaf, _)) => return None,
        }
    }
    None
}

/// Byte offsets of character indices (saphyr's markers count characters).
/// Events come nearly in text order, so a cursor that walks from the last
/// place keeps a whole file linear; looking each place up from the start of
/// the text made files of many rules quadratic.
struct CharOffsets<'a> {
    text: &'a str,
    char_index: usize,
    byte: usize,
}

impl CharOffsets<'_> {
    fn byte_of(&mut self, char_index: usize) -> usize {
        while self.char_index < char_index {
            match self.text[self.byte..].chars().next() {
                Some(c) => self.byte += c.len_utf8(),
                None => return self.byte,
            }
            self.char_index += 1;
        }
        while self.char_index > char_index {
            match self.text[..self.byte].chars().next_back() {
                Some(c) => self.byte -= c.len_utf8(),
                None => break,
            }
            self.char_index -= 1;
        }
        self.byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "rules:\n  - id: first\n    match:\n      any: ['a', 'b(']\n  - id: second\n";

    #[test]
    fn finds_values_and_keys() {
        let locator = Locator::new(TEXT);
        let pattern = locator.value(&[
            Step::Key("rules"),
            Step::Index(0),
            Step::Key("match"),
            Step::Key("any"),
            Step::Index(1),
        ]);
        assert_eq!(&TEXT[pattern], "'b('");
        let id = locator.value(&[Step::Key("rules"), Step::Index(1), Step::Key("id")]);
        assert_eq!(&TEXT[id], "second");
        let key = locator.key(&[Step::Key("rules"), Step::Index(0), Step::Key("match")]);
        assert_eq!(&TEXT[key], "match");
    }

    #[test]
    fn missing_paths_fall_back_to_the_deepest_ancestor() {
        let locator = Locator::new(TEXT);
        let range = locator.value(&[Step::Key("rules"), Step::Index(1), Step::Key("expect")]);
        assert!(TEXT[range].starts_with("id: second"));
    }

    #[test]
    fn places_after_multibyte_characters() {
        let text = "claim: “café” ‘x’\nid: ünïcode\n";
        let locator = Locator::new(text);
        assert_eq!(&text[locator.value(&[Step::Key("id")])], "ünïcode");
        assert_eq!(&text[locator.value(&[Step::Key("claim")])], "“café” ‘x’");
    }

    #[test]
    fn many_rules_are_located_in_linear_time() {
        let text: String = std::iter::once("rules:\n".to_owned())
            .chain((0..20_000).map(|i| format!("  - id: rule-{i}\n    claim: “c{i}”\n")))
            .collect();
        let started = std::time::Instant::now();
        let locator = Locator::new(&text);
        assert_eq!(
            &text[locator.value(&[Step::Key("rules"), Step::Index(19_999), Step::Key("id")])],
            "rule-19999"
        );
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn unreadable_yaml_knows_no_places() {
        let locator = Locator::new("rules: [");
        assert_eq!(locator.value(&[Step::Key("rules")]), 0..0);
    }
}
