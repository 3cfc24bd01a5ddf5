//! The files behind human-readable diagnostics, for codespan-reporting.
//!
//! News articles often hold a whole paragraph on one line; printing such a
//! line in full would bury the span. So each diagnostic gets excerpts: the
//! lines it points at, cut to a window around its labels, while line and
//! column numbers stay those of the original file.

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::{self, Files};

use crate::span::Span;

/// Characters kept on each side of the labels of a line.
const CONTEXT: usize = 40;
const ELLIPSIS: &str = "…";

/// The original texts, read once each.
#[derive(Default)]
pub struct Originals {
    texts: HashMap<String, Option<String>>,
}

impl Originals {
    /// Makes `text` known as the contents of `path` (rule files, already read).
    pub fn insert(&mut self, path: &str, text: &str) {
        self.texts.insert(path.to_owned(), Some(text.to_owned()));
    }

    /// The file's text, read from disk the first time; None when it cannot be read.
    pub fn get(&mut self, path: &str) -> Option<&str> {
        self.texts.entry(path.to_owned()).or_insert_with(|| std::fs::read(path).ok().and_then(|bytes| String::from_utf8(bytes).ok())).as_deref()
    }
}

/// Labels at `spans` (span, message, primary?), grouped by file in order of
/// first appearance, with the excerpts they point into. A file that changed
/// or vanished since it was read gets a note naming the place instead.
pub fn label_spans(spans: &[(&Span, String, bool)], originals: &mut Originals) -> (Excerpts, Vec<Label<usize>>, Vec<String>) {
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
        let in_file: Vec<&(&Span, String, bool)> = spans.iter().filter(|(span, _, _)| span.path == path).collect();
        let original =
            originals.get(path).filter(|text| in_file.iter().all(|(span, _, _)| text.get(span.byte_start..span.byte_end) == Some(span.text.as_str())));
        match original {
            Some(text) => {
                let ranges: Vec<Range<usize>> = in_file.iter().map(|(span, _, _)| span.byte_start..span.byte_end).collect();
                let (id, mapped) = files.add(path, text, &ranges);
                for ((_, message, primary), range) in in_file.iter().zip(mapped) {
                    let label = if *primary { Label::primary(id, range) } else { Label::secondary(id, range) };
                    labels.push(label.with_message(message));
                }
            }
            None => notes.extend(in_file.iter().map(|(span, message, _)| format!("{}:{}:{}: {message} `{}`", span.path, span.line, span.column, span.text))),
        }
    }
    (files, labels, notes)
}

/// One file cut down to the lines a diagnostic points at.
struct Excerpt {
    name: String,
    original: String,
    original_line_starts: Vec<usize>,
    text: String,
    line_starts: Vec<usize>,
    /// Per line: the original byte range shown and where it starts in `text`
    /// (after any leading ellipsis).
    windows: Vec<Option<(Range<usize>, usize)>>,
}

/// Excerpts for one diagnostic, as a codespan-reporting file database.
#[derive(Default)]
pub struct Excerpts {
    files: Vec<Excerpt>,
}

impl Excerpts {
    /// Builds the excerpts of `original` (shown as `name`) around `ranges`,
    /// returning the file id and each range mapped into the excerpt.
    pub fn add(&mut self, name: &str, original: &str, ranges: &[Range<usize>]) -> (usize, Vec<Range<usize>>) {
        let original_line_starts: Vec<usize> = files::line_starts(original).collect();
        let line_of = |offset: usize| original_line_starts.partition_point(|&start| start <= offset) - 1;
        let line_end = |line: usize| original_line_starts.get(line + 1).map_or(original.len(), |&next| next - 1);

        // Positions each line must show.
        let mut marks: HashMap<usize, Vec<usize>> = HashMap::new();
        for range in ranges {
            let (first, last) = (line_of(range.start), line_of(range.end));
            marks.entry(first).or_default().push(range.start);
            marks.entry(last).or_default().push(range.end);
            for (line, &line_start) in original_line_starts.iter().enumerate().take(last + 1).skip(first) {
                if line > first {
                    marks.entry(line).or_default().push(line_start);
                }
                if line < last {
                    marks.entry(line).or_default().push(line_end(line));
                }
            }
        }

        let mut text = String::new();
        let mut line_starts = Vec::with_capacity(original_line_starts.len());
        let mut windows = Vec::with_capacity(original_line_starts.len());
        for (line, &start) in original_line_starts.iter().enumerate() {
            line_starts.push(text.len());
            let end = line_end(line);
            if let Some(positions) = marks.get(&line) {
                let content_end = if original[start..end].ends_with('\r') { end - 1 } else { end };
                let low = positions.iter().min().copied().unwrap_or(start).min(content_end);
                let high = positions.iter().max().copied().unwrap_or(start).min(content_end);
                let from = back_chars(original, low, CONTEXT).max(start);
                let to = forward_chars(original, high, CONTEXT).min(content_end);
                // Cut between words, never inside the labels.
                let from = if from > start { original[from..low].find(' ').map_or(from, |space| from + space + 1) } else { from };
                let to = if to < content_end { original[high..to].rfind(' ').map_or(to, |space| high + space) } else { to };
                if from > start {
                    text.push_str(ELLIPSIS);
                }
                windows.push(Some((from..to, text.len())));
                text.push_str(&original[from..to]);
                if to < content_end {
                    text.push_str(ELLIPSIS);
                }
            } else {
                windows.push(None);
            }
            if line + 1 < original_line_starts.len() {
                text.push('\n');
            }
        }

        let mapped = ranges
            .iter()
            .map(|range| {
                let map = |offset: usize| {
                    let line = line_of(offset);
                    windows[line].as_ref().map_or(line_starts[line], |(window, at)| at + offset.clamp(window.start, window.end) - window.start)
                };
                map(range.start)..map(range.end)
            })
            .collect();
        self.files.push(Excerpt { name: name.to_owned(), original: original.to_owned(), original_line_starts, text, line_starts, windows });
        (self.files.len() - 1, mapped)
    }

    fn get(&self, id: usize) -> Result<&Excerpt, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

fn back_chars(text: &str, from: usize, count: usize) -> usize {
    text[..from].char_indices().rev().take(count).last().map_or(from, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, count: usize) -> usize {
    text[from..].char_indices().nth(count).map_or(text.len(), |(i, _)| from + i)
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
        Ok(self.get(id)?.line_starts.partition_point(|&start| start <= byte_index) - 1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.get(id)?;
        let start = *file.line_starts.get(line_index).ok_or(files::Error::LineTooLarge { given: line_index, max: file.line_starts.len() - 1 })?;
        let end = file.line_starts.get(line_index + 1).copied().unwrap_or(file.text.len());
        Ok(start..end)
    }

    /// The column in the original line, so headers read `path:line:column`
    /// of the real file.
    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        let file = self.get(id)?;
        let line_start = file.original_line_starts[line_index];
        let original = match &file.windows[line_index] {
            Some((window, at)) => window.start + byte_index.saturating_sub(*at).min(window.len()),
            None => line_start,
        };
        Ok(file.original[line_start..original].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_label() {
        let original = format!("short line\n{}TARGET{}\nlast", "a".repeat(100), "b".repeat(100));
        let start = original.find("TARGET").unwrap();
        let mut excerpts = Excerpts::default();
        let (id, mapped) = excerpts.add("f.txt", &original, std::slice::from_ref(&(start..start + 6)));
        let source = excerpts.source(id).unwrap();
        assert_eq!(&source[mapped[0].clone()], "TARGET");
        assert!(source.lines().nth(1).unwrap().starts_with(ELLIPSIS));
        assert_eq!(source.lines().next(), Some(""), "lines without labels are left out");
        let location = excerpts.location(id, mapped[0].start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 101));
    }

    #[test]
    fn labels_across_lines_keep_both_ends() {
        let original = "first line here\nsecond line there\n";
        let mut excerpts = Excerpts::default();
        let (id, mapped) = excerpts.add("f.txt", original, std::slice::from_ref(&(6..22)));
        let source = excerpts.source(id).unwrap();
        assert_eq!(&source[mapped[0].clone()], "line here\nsecond");
    }
}
