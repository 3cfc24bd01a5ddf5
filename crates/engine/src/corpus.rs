//! The corpus: which files are articles (SPEC §4 `sources`, `exclude`), and
//! what each one contributes once read: its outlet, story, date and
//! statements. Only statements are kept, never texts, so memory stays small.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::accepted::Suppressions;
use crate::article::{Article, Markup};
use crate::at_folder::Folders;
use crate::cache::Cache;
use crate::config::{Config, StoriesMode};
use crate::diagnostic::{Diagnostic, Kind, Severity, ENGINE_RULE};
use crate::paths::{self, join_shown, Input};
use crate::record::{ArticleRecord, SourceFile};
use crate::span::{LineIndex, Span};
use crate::statements::Reader;
use crate::values::{self, ValueKind};

/// Every article file under `inputs`, sorted by shown path, and a diagnostic
/// for each input that could not be walked.
pub fn discover(inputs: &[Input], config: &Config) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        discover_input(input, config, &mut files, &mut problems);
    }
    sort_and_dedup(&mut files);
    (files, problems)
}

/// Adds the article files under one input (a file, a folder or a glob) to
/// `files`, and what could not be read to `problems`.
fn discover_input(
    input: &Input,
    config: &Config,
    files: &mut Vec<SourceFile>,
    problems: &mut Vec<Diagnostic>,
) {
    let glob = is_glob(&input.shown);
    let (root_disk, root_shown) = if glob {
        glob_root(input)
    } else {
        (input.disk.clone(), input.shown.clone())
    };
    let matcher = if glob {
        match globset::Glob::new(&input.shown) {
            Ok(glob) => Some(glob.compile_matcher()),
            Err(error) => {
                problems.push(unreadable(
                    &input.shown,
                    format!("invalid glob: {}", error.kind()),
                    None,
                ));
                return;
            }
        }
    } else {
        None
    };
    match std::fs::metadata(&root_disk) {
        Ok(metadata) if metadata.is_file() => {
            single_file(root_disk, root_shown, config, files, problems);
            return;
        }
        Ok(_) => {}
        Err(error) if !glob => {
            problems.push(unreadable(
                &input.shown,
                format!("cannot read: {error}"),
                None,
            ));
            return;
        }
        Err(_) => return,
    }
    let (found_files, found_problems) =
        walk_root(&root_disk, &root_shown, matcher.as_ref(), config);
    files.extend(found_files);
    problems.extend(found_problems);
}

/// An input that names one file: kept if it is an article the config does
/// not exclude, a problem if it is not an article at all.
fn single_file(
    disk: PathBuf,
    shown: String,
    config: &Config,
    files: &mut Vec<SourceFile>,
    problems: &mut Vec<Diagnostic>,
) {
    if Markup::of_path(&disk).is_none() {
        problems.push(unreadable(
            &shown,
            "not an article: crosscheck reads .txt, .md and .markdown files".into(),
            None,
        ));
    } else if !config.is_excluded(&shown) {
        let folder = paths::parent_shown(&shown);
        files.push(SourceFile {
            disk,
            shown,
            folder,
        });
    }
}

/// The article files under the folder `root_disk` (shown as `root_shown`)
/// that `matcher`, if any, and the config keep, and the walk's errors, each
/// sorted: the walk is parallel, so they are found in no particular order.
fn walk_root(
    root_disk: &Path,
    root_shown: &str,
    matcher: Option<&globset::GlobMatcher>,
    config: &Config,
) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let root_name = root_name(root_disk, root_shown);
    let found: Mutex<(Vec<SourceFile>, Vec<Diagnostic>)> = Mutex::default();
    let walker = ignore::WalkBuilder::new(root_disk)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            let kept = match entry {
                Ok(entry) => {
                    article_file(&entry, root_disk, root_shown, &root_name, matcher, config).map(Ok)
                }
                Err(error) => {
                    let (path, message) = walk_error(root_disk, root_shown, &error);
                    Some(Err(unreadable(&path, message, None)))
                }
            };
            if let Some(kept) = kept {
                let mut found = found
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                match kept {
                    Ok(file) => found.0.push(file),
                    Err(problem) => found.1.push(problem),
                }
            }
            ignore::WalkState::Continue
        })
    });
    let (mut found_files, mut found_problems) = found
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Unique paths: an unstable sort gives the same order, moving fewer files.
    found_files.sort_unstable_by(|a, b| a.shown.cmp(&b.shown));
    found_problems
        .sort_by(|a, b| (&a.primary.path, &a.message).cmp(&(&b.primary.path, &b.message)));
    (found_files, found_problems)
}

/// Sorts `files` by shown path and drops repeats. Stable: of a file found
/// under two inputs, the first input's stays.
fn sort_and_dedup(files: &mut Vec<SourceFile>) {
    files.sort_by(|a, b| a.shown.cmp(&b.shown));
    files.dedup_by(|a, b| a.shown == b.shown);
}

/// The article `entry` is, found under the input shown as `root_shown`
/// (on disk `root_disk`); None for folders, other files, and files the
/// input's glob or the config's `exclude` leaves out.
fn article_file(
    entry: &ignore::DirEntry,
    root_disk: &Path,
    root_shown: &str,
    root_name: &str,
    matcher: Option<&globset::GlobMatcher>,
    config: &Config,
) -> Option<SourceFile> {
    if !entry.file_type().is_some_and(|kind| kind.is_file())
        || Markup::of_path(entry.path()).is_none()
    {
        return None;
    }
    let relative = entry.path().strip_prefix(root_disk).unwrap_or(entry.path());
    let relative = relative.to_string_lossy().replace('\\', "/");
    let shown = join_shown(root_shown, &relative);
    if matcher.is_some_and(|m| !m.is_match(&shown)) || config.is_excluded(&shown) {
        return None;
    }
    let folder = match relative.rsplit_once('/') {
        Some((dir, _)) => format!("{root_name}/{dir}"),
        None => root_name.to_owned(),
    };
    Some(SourceFile {
        disk: entry.path().to_path_buf(),
        shown,
        folder,
    })
}

/// The largest article read (64 MiB: a 50 MB wire dump still lints).
/// Reading one takes about seven times its size in memory (its text, the
/// matching view, the span map, units), on each thread; a real article is a
/// few KiB, a whole report a few MiB.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads every file (in parallel) into its record, through `cache` when
/// given (which knows unchanged articles, paired with `files`); files that
/// cannot be read become diagnostics. Both come back in path order.
pub fn read_all(
    files: &[SourceFile],
    config: &Config,
    reader: &Reader,
    cache: Option<&Cache>,
) -> (Vec<ArticleRecord>, Vec<Diagnostic>) {
    // In jobs of at most 16 articles: rayon otherwise splits a slice only so
    // far, and one thread may be left reading a thousand while the other idles.
    // Each job has its reader's state of its own, dropped with the job.
    let results: Vec<Result<ArticleRecord, Box<Diagnostic>>> = files
        .par_iter()
        .enumerate()
        .with_max_len(16)
        .map_init(Reading::default, |reading, (position, file)| {
            let Reading { buffer, folders } = reading;
            let bytes = bytes_of(file, buffer);
            match cache {
                Some(cache) => cache.record(position, file, folders, bytes, |bytes| {
                    read_one(file, bytes, config, reader)
                }),
                None => bytes(folders).and_then(|bytes| read_one(file, bytes, config, reader)),
            }
        })
        .collect();
    let mut problems = Vec::new();
    // Collected in place, in the results' own memory: no second vector of every record.
    let records = results
        .into_iter()
        .filter_map(|result| match result {
            Ok(record) => Some(record),
            Err(problem) => {
                problems.push(*problem);
                None
            }
        })
        .collect();
    (records, problems)
}

/// What a reader keeps from one article to the next: the buffer articles
/// are read into (it only grows, so it is not zeroed for each) and the
/// handle on the folder they are in.
#[derive(Default)]
struct Reading {
    buffer: Vec<u8>,
    folders: Folders,
}

/// Reads `file` into `buffer` when called: its bytes, or its diagnostic.
fn bytes_of<'b>(
    file: &'b SourceFile,
    buffer: &'b mut Vec<u8>,
) -> impl FnOnce(&mut Folders) -> Result<&'b [u8], Box<Diagnostic>> + 'b {
    move |folders| {
        read_bounded(&file.disk, buffer, folders)
            .map_err(|message| Box::new(unreadable(&file.shown, message, None)))
    }
}

/// The bytes of an article of at most [`MAX_ARTICLE_BYTES`], read into
/// `buffer`, or why not. A file is read as long as it was when opened: its
/// length is known, so no read is spent finding its end (a file that grows
/// meanwhile is read as it was). A file whose length is unknown (zero: a
/// pipe, a pseudo-file) is read to its end, bounded by `take`. The buffer
/// serves file after file and only grows, so it is not zeroed for each.
fn read_bounded<'b>(
    path: &Path,
    buffer: &'b mut Vec<u8>,
    folders: &mut Folders,
) -> Result<&'b [u8], String> {
    use std::io::Read;
    let cannot = |error: std::io::Error| format!("cannot read: {error}");
    let too_large = || {
        format!("larger than {} MiB: crosscheck reads articles up to that size; split it, or leave it out with `exclude:`", MAX_ARTICLE_BYTES >> 20)
    };
    let mut file = folders.open(path).map_err(cannot)?;
    let length = file.metadata().map_err(cannot)?.len();
    if length > MAX_ARTICLE_BYTES {
        return Err(too_large());
    }
    let length = length as usize;
    if buffer.len() < length {
        buffer.resize(length, 0);
    }
    let mut filled = 0;
    while filled < length {
        match file.read(&mut buffer[filled..length]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(cannot(error)),
        }
    }
    if length == 0 {
        buffer.clear();
        file.take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(buffer)
            .map_err(cannot)?;
        if buffer.len() as u64 > MAX_ARTICLE_BYTES {
            return Err(too_large());
        }
        return Ok(buffer);
    }
    Ok(&buffer[..filled])
}

/// One article's record from its bytes.
pub fn read_one(
    file: &SourceFile,
    bytes: &[u8],
    config: &Config,
    reader: &Reader,
) -> Result<ArticleRecord, Box<Diagnostic>> {
    let format = Markup::of_path(&file.disk).unwrap_or(Markup::Plain);
    let article = Article::parse(bytes, format).map_err(|error| {
        let offset = error.offset().map(|offset| (offset, bytes));
        Box::new(unreadable(&file.shown, error.to_string(), offset))
    })?;
    let outlet = article
        .front
        .outlet
        .clone()
        .or_else(|| config.outlet_of(&file.shown).map(str::to_owned))
        .unwrap_or_else(|| stem(&file.shown));
    let story = match (&article.front.story, config.stories) {
        (Some(story), _) => story.clone(),
        (None, StoriesMode::Folder) => file.folder.clone(),
        (None, StoriesMode::Corpus) => "corpus".to_owned(),
    };
    let statements = reader.statements(&file.shown, &article, &reader.rules_of(&story));
    let date = article.front.date.clone();
    let sort_date = date
        .as_deref()
        .and_then(|date| values::parse(ValueKind::Date, date, config.date_order))
        .map(|value| value.canonical().to_owned());
    let suppressions = Suppressions::of(&file.shown, &article);
    Ok(ArticleRecord {
        path: file.shown.clone(),
        outlet,
        story,
        date,
        sort_date,
        statements,
        suppressions,
    })
}

/// An `unreadable` error diagnostic for a file, at `offset` of `bytes` when known.
pub fn unreadable(path: &str, message: String, at: Option<(usize, &[u8])>) -> Diagnostic {
    let primary = match at {
        Some((offset, bytes)) => {
            let offset = offset.min(bytes.len());
            let valid = match std::str::from_utf8(&bytes[..offset]) {
                Ok(text) => text,
                Err(error) => {
                    std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default()
                }
            };
            LineIndex::new(valid).span(path, valid, valid.len()..valid.len())
        }
        None => Span {
            path: path.to_owned(),
            byte_start: 0,
            byte_end: 0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            text: String::new(),
        },
    };
    Diagnostic {
        rule: ENGINE_RULE.to_owned(),
        kind: Kind::Unreadable,
        severity: Severity::Error,
        message,
        claim: String::new(),
        primary,
        related: Vec::new(),
        value: None,
        notes: Vec::new(),
        suggestion: None,
    }
}

fn is_glob(path: &str) -> bool {
    path.contains(['*', '?', '[', '{'])
}

/// The folder a glob's literal prefix names, where walking starts.
fn glob_root(input: &Input) -> (PathBuf, String) {
    let literal: Vec<&str> = input
        .shown
        .split('/')
        .take_while(|part| !is_glob(part))
        .collect();
    let shown = literal.join("/");
    let depth_of_glob = input.shown.split('/').count() - literal.len();
    let mut disk = input.disk.clone();
    for _ in 0..depth_of_glob {
        disk.pop();
    }
    if shown.is_empty() {
        (
            if disk.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                disk
            },
            String::new(),
        )
    } else {
        (disk, shown)
    }
}

fn walk_error(root_disk: &Path, root_shown: &str, error: &ignore::Error) -> (String, String) {
    let mut path = root_shown.to_owned();
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: at, err } => {
                if let Ok(relative) = at.strip_prefix(root_disk) {
                    path = join_shown(root_shown, &relative.to_string_lossy());
                }
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err
            }
            ignore::Error::Loop { child, ancestor } => {
                let shown = |path: &Path| {
                    path.strip_prefix(root_disk)
                        .map(|p| join_shown(root_shown, &p.to_string_lossy()))
                        .unwrap_or_else(|_| path.display().to_string())
                };
                return (
                    shown(child),
                    format!("symbolic link loop: it leads back to {}", shown(ancestor)),
                );
            }
            other => return (path, format!("cannot read: {other}")),
        }
    }
}

fn root_name(disk: &Path, shown: &str) -> String {
    let from_shown = shown
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|name| !name.is_empty() && *name != "." && *name != "..");
    match from_shown {
        Some(name) => name.to_owned(),
        None => std::fs::canonicalize(disk)
            .ok()
            .and_then(|path| {
                path.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| ".".to_owned()),
    }
}

fn stem(shown: &str) -> String {
    let name = shown.rsplit('/').next().unwrap_or(shown);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_whole_by_their_length() {
        let dir = tempfile::tempdir().unwrap();
        // One buffer for all, shorter files after longer ones.
        let mut buffer = Vec::new();
        for length in [0, 1, 8191, 8192, 8193, 100_000, 3, 8192, 0] {
            let path = dir.path().join(format!("{length}.txt"));
            let bytes: Vec<u8> = (0..length).map(|at| b'a' + (at % 26) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(
                read_bounded(&path, &mut buffer, &mut Folders::default()).unwrap(),
                bytes,
                "{length} bytes"
            );
        }
        assert!(read_bounded(
            &dir.path().join("missing.txt"),
            &mut buffer,
            &mut Folders::default()
        )
        .unwrap_err()
        .starts_with("cannot read: "));
    }

    /// A pseudo-file says it is empty and is not: it is read to its end.
    #[cfg(target_os = "linux")]
    #[test]
    fn files_of_unknown_length_are_read_to_their_end() {
        let path = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(path).unwrap().len(), 0);
        let mut buffer = b"older bytes".repeat(1000);
        let bytes = read_bounded(path, &mut buffer, &mut Folders::default()).unwrap();
        let text = String::from_utf8_lossy(bytes);
        assert!(text.contains("Name:") && !text.contains("older"), "{text}");
    }
}
