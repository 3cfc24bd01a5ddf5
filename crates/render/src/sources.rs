//! The files behind human-readable diagnostics, for codespan-reporting.
//!
//! News articles often hold a whole paragraph on one line; printing such a
//! line in full would bury the span. So each diagnostic gets excerpts: the
//! lines it points at, cut to a window around its labels, while line and
//! column numbers stay those of the original file.
//!
//! Each original file is read and indexed once per render ([`Originals`]);
//! a diagnostic's excerpts hold only the lines it shows, so rendering costs
//! the size of the excerpts, not of the files (a one-line article of 15 MB
//! with 560,000 diagnostics would otherwise be copied and indexed 560,000
//! times).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::{self, Files};

use crosscheck_engine::span::{LineIndex, Span};

/// Characters kept on each side of the labels of a line.
const CONTEXT: usize = 40;
const ELLIPSIS: &str = "…";
/// A file's text with its [`LineIndex`], built once.
pub struct Original {
    text: String,
    index: LineIndex,
}

impl Original {
    pub fn new(text: String) -> Self {
        let index = LineIndex::new(&text);
        Original { text, index }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn line_of(&self, offset: usize) -> usize {
        self.index.line_of(offset)
    }

    fn line_start(&self, line: usize) -> usize {
        self.index.line_start(line).expect("a line of the file")
    }

    /// Where `line` ends, before its newline.
    fn line_end(&self, line: usize) -> usize {
        self.index.line_end(&self.text, line)
    }

    fn lines(&self) -> usize {
        self.index.lines()
    }
}

/// The original texts, read and indexed once each.
pub struct Originals {
    /// The folder shown paths are relative to; None to read no file.
    root: Option<PathBuf>,
    texts: HashMap<String, Option<Rc<Original>>>,
}

impl Originals {
    /// No text known yet; files are read by their shown path under `root`.
    pub fn new(root: &Path) -> Originals {
        Originals {
            root: Some(root.to_path_buf()),
            texts: HashMap::new(),
        }
    }

    /// Only `texts` (path, contents) and nothing read from disk.
    pub fn known(texts: &[(String, String)]) -> Originals {
        let texts = texts
            .iter()
            .map(|(path, text)| (path.clone(), Some(Rc::new(Original::new(text.clone())))))
            .collect();
        Originals { root: None, texts }
    }

    /// Makes `text` known as the contents of `path` (rule files, already read).
    pub fn insert(&mut self, path: &str, text: &str) {
        self.texts.insert(
            path.to_owned(),
            Some(Rc::new(Original::new(text.to_owned()))),
        );
    }

    /// The file, read from disk the first time; None when it cannot be read
    /// (or this holds only known texts).
    pub fn get(&mut self, path: &str) -> Option<Rc<Original>> {
        if let Some(original) = self.texts.get(path) {
            return original.clone();
        }
        let original = self
            .root
            .as_ref()
            .and_then(|root| std::fs::read(root.join(path)).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|text| Rc::new(Original::new(text)));
        self.texts.insert(path.to_owned(), original.clone());
        original
    }
}

/// Labels at `spans` (span, message, primary?), grouped by file in order of
/// first appearance, with the excerpts they point into. A file that changed
/// or vanished since it was read gets a note naming the place instead.
pub fn label_spans(
    spans: &[(&Span, String, bool)],
    originals: &mut Originals,
) -> (Excerpts, Vec<Label<usize>>, Vec<String>) {
    let mut files = Excerpts::default();
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let mut paths: Vec<&str> = Vec::new();
    for (span, _, _) in spans {
        if !paths.contains(&span.path.as_str()) {
            paths.push(&span.path);
        }
    }
    for path in paths {
        let in_file: Vec<&(&Span, String, bool)> = spans
            .iter()
            .filter(|(span, _, _)| span.path == path)
            .collect();
        let original = originals.get(path).filter(|original| {
            in_file.iter().all(|(span, _, _)| {
                original.text.get(span.byte_start..span.byte_end) == Some(span.text.as_str())
            })
        });
        match original {
            Some(original) => {
                let ranges: Vec<Range<usize>> = in_file
                    .iter()
                    .map(|(span, _, _)| span.byte_start..span.byte_end)
                    .collect();
                let (id, mapped) = files.add(path, original, &ranges);
                for ((_, message, primary), range) in in_file.iter().zip(mapped) {
                    let label = if *primary {
                        Label::primary(id, range)
                    } else {
                        Label::secondary(id, range)
                    };
                    labels.push(label.with_message(message));
                }
            }
            None => notes.extend(in_file.iter().map(|(span, message, _)| {
                format!(
                    "{}:{}:{}: {message} `{}`",
                    span.path, span.line, span.column, span.text
                )
            })),
        }
    }
    (files, labels, notes)
}

/// One line of an excerpt.
struct ShownLine {
    /// The line's index in the original file.
    line: usize,
    /// Where it stands in the excerpt's text, with its newline.
    range: Range<usize>,
    /// The original byte range shown and where it starts in the excerpt's
    /// text (after any leading ellipsis).
    window: Range<usize>,
    at: usize,
}

/// One file cut down to the lines a diagnostic points at. Line indexes are
/// those of the original; a line not shown reads as blank.
struct Excerpt {
    name: String,
    original: Rc<Original>,
    text: String,
    /// The lines shown, in order.
    shown: Vec<ShownLine>,
    /// Where the excerpt's text holds the newline of the lines not shown.
    blank: usize,
}

impl Excerpt {
    fn shown(&self, line: usize) -> Option<&ShownLine> {
        self.shown
            .binary_search_by_key(&line, |shown| shown.line)
            .ok()
            .map(|index| &self.shown[index])
    }

    fn lines(&self) -> usize {
        self.original.lines()
    }
}

/// Excerpts for one diagnostic, as a codespan-reporting file database.
#[derive(Default)]
pub struct Excerpts {
    files: Vec<Excerpt>,
}

impl Excerpts {
    /// Builds the excerpts of `original` (shown as `name`) around `ranges`,
    /// returning the file id and each range mapped into the excerpt.
    pub fn add(
        &mut self,
        name: &str,
        original: Rc<Original>,
        ranges: &[Range<usize>],
    ) -> (usize, Vec<Range<usize>>) {
        let source = original.text.as_str();
        let lines = original.lines();

        // Positions each line must show.
        let mut marks: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for range in ranges {
            let (first, last) = (original.line_of(range.start), original.line_of(range.end));
            marks.entry(first).or_default().push(range.start);
            marks.entry(last).or_default().push(range.end);
            for line in first..=last {
                if line > first {
                    marks
                        .entry(line)
                        .or_default()
                        .push(original.line_start(line));
                }
                if line < last {
                    marks.entry(line).or_default().push(original.line_end(line));
                }
            }
        }

        let mut text = String::new();
        let mut shown = Vec::with_capacity(marks.len());
        for (line, positions) in marks {
            let (start, end) = (original.line_start(line), original.line_end(line));
            let line_start = text.len();
            let content_end = if source[start..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            let low = positions
                .iter()
                .min()
                .copied()
                .unwrap_or(start)
                .min(content_end);
            let high = positions
                .iter()
                .max()
                .copied()
                .unwrap_or(start)
                .min(content_end);
            let from = back_chars(source, low, CONTEXT).max(start);
            let to = forward_chars(source, high, CONTEXT).min(content_end);
            // Cut between words, never inside the labels.
            let from = if from > start {
                source[from..low]
                    .find(' ')
                    .map_or(from, |space| from + space + 1)
            } else {
                from
            };
            let to = if to < content_end {
                source[high..to].rfind(' ').map_or(to, |space| high + space)
            } else {
                to
            };
            if from > start {
                text.push_str(ELLIPSIS);
            }
            let at = text.len();
            text.push_str(&source[from..to]);
            if to < content_end {
                text.push_str(ELLIPSIS);
            }
            if line + 1 < lines {
                text.push('\n');
            }
            shown.push(ShownLine {
                line,
                range: line_start..text.len(),
                window: from..to,
                at,
            });
        }
        let blank = text.len();
        text.push('\n');

        let excerpt = Excerpt {
            name: name.to_owned(),
            original,
            text,
            shown,
            blank,
        };
        let mapped = ranges
            .iter()
            .map(|range| {
                let map = |offset: usize| {
                    excerpt
                        .shown(excerpt.original.line_of(offset))
                        .map_or(blank, |shown| {
                            shown.at + offset.clamp(shown.window.start, shown.window.end)
                                - shown.window.start
                        })
                };
                map(range.start)..map(range.end)
            })
            .collect();
        self.files.push(excerpt);
        (self.files.len() - 1, mapped)
    }

    fn get(&self, id: usize) -> Result<&Excerpt, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

fn back_chars(text: &str, from: usize, count: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .take(count)
        .last()
        .map_or(from, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, count: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| from + i)
}

impl<'a> Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let file = self.get(id)?;
        let index = file
            .shown
            .partition_point(|shown| shown.range.start <= byte_index);
        index
            .checked_sub(1)
            .map(|index| file.shown[index].line)
            .ok_or(files::Error::IndexTooLarge {
                given: byte_index,
                max: file.text.len(),
            })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.get(id)?;
        if line_index >= file.lines() {
            return Err(files::Error::LineTooLarge {
                given: line_index,
                max: file.lines() - 1,
            });
        }
        Ok(match file.shown(line_index) {
            Some(shown) => shown.range.clone(),
            None if line_index + 1 < file.lines() => file.blank..file.blank + 1,
            None => file.blank..file.blank,
        })
    }

    /// The column in the original line, so headers read `path:line:column`
    /// of the real file.
    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let file = self.get(id)?;
        let line_start =
            file.original
                .index
                .line_start(line_index)
                .ok_or(files::Error::LineTooLarge {
                    given: line_index,
                    max: file.lines() - 1,
                })?;
        let original = match file.shown(line_index) {
            Some(shown) => {
                shown.window.start + byte_index.saturating_sub(shown.at).min(shown.window.len())
            }
            None => line_start,
        };
        Ok(file
            .original
            .index
            .chars_between(&file.original.text, line_start, original)
            + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let original = format!(
            "short line\n{}TARGET{}\nlast",
            "a".repeat(100),
            "b".repeat(100)
        );
        let start = original.find("TARGET").unwrap();
        let mut excerpts = Excerpts::default();
        let (id, mapped) = excerpts.add(
            "f.txt",
            Rc::new(Original::new(original.clone())),
            std::slice::from_ref(&(start..start + 6)),
        );
        let source = excerpts.source(id).unwrap();
        assert_eq!(&source[mapped[0].clone()], "TARGET");
        assert!(source[excerpts.line_range(id, 1).unwrap()].starts_with(ELLIPSIS));
        assert_eq!(
            &source[excerpts.line_range(id, 0).unwrap()],
            "\n",
            "lines without labels are left out"
        );
        assert_eq!(
            &source[excerpts.line_range(id, 2).unwrap()],
            "",
            "the last line has no newline"
        );
        assert!(excerpts.line_range(id, 3).is_err());
        let location = excerpts.location(id, mapped[0].start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 101));
    }

    #[test]
    fn labels_across_lines_keep_both_ends() {
        let original = "first line here\nsecond line there\n";
        let mut excerpts = Excerpts::default();
        let (id, mapped) = excerpts.add(
            "f.txt",
            Rc::new(Original::new(original.to_owned())),
            std::slice::from_ref(&(6..22)),
        );
        let source = excerpts.source(id).unwrap();
        assert_eq!(&source[mapped[0].clone()], "line here\nsecond");
    }
}
