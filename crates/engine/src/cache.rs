//! The statements cache (`.crosscheck-cache/`, beside the configuration):
//! what each article contributed to the last run, so that a run over an
//! unchanged corpus reads and hashes its files but parses and matches none.
//!
//! An entry is keyed by a BLAKE3 hash of the article's path (as shown), the
//! folder its story is named after (which depends on the input it was found
//! under) and bytes. A cache file holds the entries of one fingerprint: the engine (a
//! hash of the running executable), the rules as far as they find statements
//! (in order, each rule's id and [`Matching`](crate::rules::Matching)) and the
//! configuration that places an article (outlets, stories, date order).
//! Severities, messages and the numbers of `expect:` are judged afresh every
//! run and do not invalidate it. The newest few fingerprints are kept, so
//! switching between rule sets stays fast.
//!
//! The cache is an optimization only: a missing, stale or damaged file is
//! rebuilt, and failing to write one never fails a run.

use rustc_hash::FxHashMap as HashMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::accepted::Suppressions;
use crate::at_folder::{Folders, Stat};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::record::{ArticleRecord, SourceFile};
use crate::rules::RuleSet;
use crate::span::Span;
use crate::statements::{Extracted, Statement, StatementKind};
use crate::values::{self, DateOrder, ValueKind};

/// The cache folder's name.
pub const FOLDER: &str = ".crosscheck-cache";
/// The first bytes of a cache file; a new layout gets a new number.
const MAGIC: &[u8] = b"crosscheck statements cache 5\n";
/// How many cache files (fingerprints) a folder keeps.
const KEPT: usize = 4;

/// A hash of an article's path, story folder and bytes.
pub type Key = [u8; 32];

/// A file modified this recently before a run is hashed again even when its
/// metadata is unchanged: within a timestamp's granularity, a write may not
/// change it.
const SETTLED: Duration = Duration::from_secs(2);

/// The cache of one run: the articles of its fingerprint found on disk,
/// paired with the run's files, and what the run read.
pub struct Cache {
    file: PathBuf,
    fingerprint: [u8; 32],
    /// Per rule, the kind of its extracted values (to read them back).
    kinds: Vec<Option<ValueKind>>,
    date_order: DateOrder,
    started: SystemTime,
    /// The cache file as read: `articles` lie in it, and their entries are
    /// decoded from it when used, on the threads that use them.
    stored: Vec<u8>,
    /// The stored articles, in path order (as written).
    articles: Vec<Known>,
    /// The stored articles by key, for the files their metadata does not
    /// find: built when first needed.
    by_key: OnceLock<HashMap<Key, usize>>,
    /// By position in the run's files ([`Cache::pair`]): the stored article of its path.
    paired: Vec<Option<usize>>,
    /// By position in the run's files: what the run saw of it, once read.
    seen: Vec<OnceLock<Seen>>,
    /// Some file was not found by its unchanged metadata: the file must be written.
    changed: AtomicBool,
}

/// A stored article, its parts as places in the cache file.
struct Known {
    path: Range<usize>,
    folder: Range<usize>,
    /// The file's metadata when it was last hashed, if settled then.
    metadata: Option<Stat>,
    key: Key,
    entry: Range<usize>,
}

/// What a run saw of a file it read.
struct Seen {
    /// Only when settled.
    metadata: Option<Stat>,
    key: Key,
    /// The stored article whose entry gave its record: written back as it was.
    reused: Option<usize>,
}

/// A stored article as the cache file holds it, after the count of them.
#[derive(Serialize, Deserialize)]
struct StoredArticle<'a> {
    path: &'a str,
    /// The folder its story is named after, which depends on the input it was found under.
    folder: &'a str,
    metadata: Option<Stat>,
    key: Key,
    /// Its [`Entry`], encoded on its own so that a run decodes only the entries it uses.
    #[serde(serialize_with = "as_bytes")]
    entry: &'a [u8],
}

fn as_bytes<S: Serializer>(bytes: &&[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytes)
}

impl Cache {
    /// The cache in `folder` for these rules and configuration, with the
    /// articles already on disk (none if the file is missing or unreadable).
    pub fn open(folder: &Path, rules: &RuleSet, config: &Config) -> Cache {
        let fingerprint = fingerprint(rules, config);
        let file = folder.join(format!("{}.bin", hex(&fingerprint[..8])));
        let stored = std::fs::read(&file).unwrap_or_default();
        let articles = decode(&stored, &fingerprint).unwrap_or_default();
        Cache {
            file,
            fingerprint,
            kinds: rules
                .rules
                .iter()
                .map(|rule| rule.matching.extract.as_ref().map(|extract| extract.kind))
                .collect(),
            date_order: config.date_order,
            started: SystemTime::now(),
            stored,
            articles,
            by_key: OnceLock::new(),
            paired: Vec::new(),
            seen: Vec::new(),
            changed: AtomicBool::new(false),
        }
    }

    /// Whether no article was found on disk.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Pairs the run's `files`, in path order, with the stored articles of
    /// their paths, in one pass over both; [`Cache::record`] names a file by
    /// its position in them.
    pub fn pair(&mut self, files: &[SourceFile]) {
        let mut stored = self.articles.iter().enumerate().peekable();
        let path = |known: &Known| &self.stored[known.path.clone()];
        let paired = files
            .iter()
            .map(|file| {
                let shown = file.shown.as_bytes();
                while stored.next_if(|(_, known)| path(known) < shown).is_some() {}
                stored
                    .next_if(|(_, known)| path(known) == shown)
                    .map(|(index, _)| index)
            })
            .collect();
        self.paired = paired;
        self.seen = files.iter().map(|_| OnceLock::new()).collect();
    }

    /// The record of `file`, at `position` of the files paired: from the
    /// cache when the file's metadata is that of the last run (the file is
    /// not even read) or its bytes hash to a known key; else `read` from
    /// its `bytes`.
    pub fn record<'b>(
        &self,
        position: usize,
        file: &SourceFile,
        folders: &mut Folders,
        bytes: impl FnOnce(&mut Folders) -> Result<&'b [u8], Box<Diagnostic>>,
        read: impl FnOnce(&[u8]) -> Result<ArticleRecord, Box<Diagnostic>>,
    ) -> Result<ArticleRecord, Box<Diagnostic>> {
        let path = file.shown.as_str();
        let see = |seen: Seen| {
            // Only a file at a position of its own is written back; each position is seen once.
            if let Some(slot) = self.seen.get(position) {
                let _ = slot.set(seen);
            }
        };
        // Taken before the bytes: a write after it changes the metadata the next run sees.
        let metadata = settled(&file.disk, folders, self.started);
        if let Some(index) = self.paired.get(position).copied().flatten() {
            let known = &self.articles[index];
            if metadata.is_some()
                && metadata == known.metadata
                && file.folder.as_bytes() == &self.stored[known.folder.clone()]
            {
                if let Some(record) = self.entry(index, path) {
                    see(Seen {
                        metadata,
                        key: known.key,
                        reused: Some(index),
                    });
                    return Ok(record);
                }
            }
        }
        self.changed.store(true, Ordering::Relaxed);
        let bytes = bytes(folders)?;
        let key = Cache::key(file, bytes);
        let stored = self
            .by_key()
            .get(&key)
            .and_then(|&index| Some((index, self.entry(index, path)?)));
        let (record, reused) = match stored {
            Some((index, record)) => (record, Some(index)),
            None => (read(bytes)?, None),
        };
        see(Seen {
            metadata,
            key,
            reused,
        });
        Ok(record)
    }

    /// The key of the article `file` with these bytes.
    fn key(file: &SourceFile, bytes: &[u8]) -> Key {
        let mut hasher = blake3::Hasher::new();
        for part in [&file.shown, &file.folder] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.update(bytes);
        *hasher.finalize().as_bytes()
    }

    fn by_key(&self) -> &HashMap<Key, usize> {
        self.by_key.get_or_init(|| {
            self.articles
                .iter()
                .enumerate()
                .map(|(index, known)| (known.key, index))
                .collect()
        })
    }

    /// The record the stored article at `index` holds, for the article shown as `path`.
    fn entry(&self, index: usize, path: &str) -> Option<ArticleRecord> {
        let entry: Entry =
            postcard::from_bytes(&self.stored[self.articles[index].entry.clone()]).ok()?;
        entry.into_record(path, &self.kinds, self.date_order)
    }

    /// Writes what this run read (`records`, the files paired that were
    /// read, in their order) when it differs from the file, and removes the
    /// oldest cache files past the few kept. The file is written article by
    /// article: an entry reused is copied as stored, a new one encoded as it
    /// is written, so memory never holds a second copy of the statements.
    pub fn save(self, files: &[SourceFile], records: &[ArticleRecord]) -> io::Result<()> {
        let Cache {
            file,
            fingerprint,
            stored,
            articles,
            seen,
            changed,
            ..
        } = self;
        let seen: Vec<(&SourceFile, Seen)> = files
            .iter()
            .zip(seen)
            .filter_map(|(file, seen)| Some((file, seen.into_inner()?)))
            .collect();
        // Every file was found by its stored metadata, and as many as stored: nothing to write.
        if !changed.into_inner() && seen.len() == articles.len() {
            return Ok(());
        }
        if seen.len() != records.len() {
            return Err(io::Error::other(
                "the records are not those of the files seen",
            ));
        }
        let folder = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        // Marks the folder as a cache for backup tools and keeps it out of git.
        for (name, text) in [
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n# crosscheck's statements cache\n",
            ),
            (".gitignore", "*\n"),
        ] {
            let path = folder.join(name);
            if !path.exists() {
                std::fs::write(path, text)?;
            }
        }
        crate::atomic_file::write_with(&file, |out| {
            out.write_all(MAGIC)?;
            out.write_all(&fingerprint)?;
            postcard::to_io(&seen.len(), &mut *out).map_err(io::Error::other)?;
            for ((file, seen), record) in seen.iter().zip(records) {
                let encoded;
                let entry = match seen.reused {
                    Some(index) => &stored[articles[index].entry.clone()],
                    None => {
                        encoded =
                            postcard::to_stdvec(&Entry::of(record)).map_err(io::Error::other)?;
                        &encoded[..]
                    }
                };
                let article = StoredArticle {
                    path: &file.shown,
                    folder: &file.folder,
                    metadata: seen.metadata,
                    key: seen.key,
                    entry,
                };
                postcard::to_io(&article, &mut *out).map_err(io::Error::other)?;
            }
            Ok(())
        })?;
        prune(folder)
    }
}

/// The metadata of `path` that tells whether it changed (as git's index
/// keeps it); None when it cannot be read or the file changed too shortly
/// before `started` to be told apart from a later write.
fn settled(path: &Path, folders: &mut Folders, started: SystemTime) -> Option<Stat> {
    let stat = folders.stat(path).ok()?;
    let settled = started
        .checked_sub(SETTLED)?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos() as i128;
    (stat.modified_ns < settled && stat.changed_ns < settled).then_some(stat)
}

/// The stored articles of a cache file of this fingerprint; None if it is
/// not one or is damaged.
fn decode(bytes: &[u8], fingerprint: &[u8; 32]) -> Option<Vec<Known>> {
    let rest = bytes
        .strip_prefix(MAGIC)?
        .strip_prefix(fingerprint.as_slice())?;
    let (count, mut rest) = postcard::take_from_bytes::<usize>(rest).ok()?;
    // Each article takes more than a byte: a count past that is damage, not a size to reserve.
    let mut articles = Vec::with_capacity(count.min(rest.len()));
    for _ in 0..count {
        let (article, after) = postcard::take_from_bytes::<StoredArticle>(rest).ok()?;
        let place = |part: &[u8]| range_in(bytes, part);
        articles.push(Known {
            path: place(article.path.as_bytes()),
            folder: place(article.folder.as_bytes()),
            metadata: article.metadata,
            key: article.key,
            entry: place(article.entry),
        });
        rest = after;
    }
    rest.is_empty().then_some(articles)
}

/// Where `part`, a slice of `whole`, lies in it.
fn range_in(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// Removes all but the newest [`KEPT`] cache files of `folder`.
fn prune(folder: &Path) -> io::Result<()> {
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "bin"))
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    for (_, path) in files.into_iter().skip(KEPT) {
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// What decides the statements of an article, besides its path and bytes.
fn fingerprint(rules: &RuleSet, config: &Config) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(MAGIC);
    hasher.update(engine());
    hasher.update(statements_shape(rules, config).as_bytes());
    *hasher.finalize().as_bytes()
}

/// A hash of what decides an article's statements besides the engine and
/// the article: each rule's id and [`Matching`](crate::rules::Matching), and
/// the configuration that places an article (outlets, stories, date order).
pub fn statements_shape(rules: &RuleSet, config: &Config) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    let outlets: Vec<(&str, &str)> = config
        .outlets
        .iter()
        .map(|(glob, outlet)| (glob.glob().glob(), outlet.as_str()))
        .collect();
    hasher.update(format!("{:?} {:?} {outlets:?}\n", config.date_order, config.stories).as_bytes());
    for rule in &rules.rules {
        // `Matching` whole, by its type: a field added to it changes the key
        // by itself. The id too: statements tables name rules by it.
        postcard::to_io(&(&rule.id, &rule.matching), &mut hasher)
            .expect("a hasher takes any bytes");
    }
    hasher.finalize()
}

/// A hash of the running executable: a rebuilt engine may read articles differently.
fn engine() -> &'static [u8] {
    static ENGINE: OnceLock<Vec<u8>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        // An executable that cannot be read leaves the version alone to tell engines apart.
        let _ = std::env::current_exe()
            .and_then(std::fs::File::open)
            .and_then(|exe| hasher.update_reader(exe).map(|_| ()));
        hasher.finalize().as_bytes().to_vec()
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// An article's record without its path (the stored article has it).
/// Borrowed, both ways: from the record when written, from the cache file
/// when read, so each text is copied once.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    outlet: &'a str,
    story: &'a str,
    #[serde(borrow)]
    date: Option<&'a str>,
    #[serde(borrow)]
    sort_date: Option<&'a str>,
    #[serde(borrow)]
    statements: Vec<Stored<'a>>,
    suppressions: Suppressions,
}

#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    rule: usize,
    kind: StatementKind,
    #[serde(borrow)]
    span: Place<'a>,
    /// The value's normalized form and its place.
    #[serde(borrow)]
    value: Option<(&'a str, Place<'a>)>,
}

/// A span without its path.
#[derive(Serialize, Deserialize)]
struct Place<'a> {
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
}

impl<'a> Place<'a> {
    fn of(span: &'a Span) -> Place<'a> {
        Place {
            byte_start: span.byte_start,
            byte_end: span.byte_end,
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            text: &span.text,
        }
    }

    fn span(&self, path: &str) -> Span {
        Span {
            path: path.to_owned(),
            byte_start: self.byte_start,
            byte_end: self.byte_end,
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
            text: self.text.to_owned(),
        }
    }
}

impl<'a> Entry<'a> {
    fn of(record: &'a ArticleRecord) -> Entry<'a> {
        let statements = record
            .statements
            .iter()
            .map(|statement| Stored {
                rule: statement.rule,
                kind: statement.kind,
                span: Place::of(&statement.span),
                value: statement
                    .value
                    .as_ref()
                    .map(|extracted| (extracted.value.canonical(), Place::of(&extracted.span))),
            })
            .collect();
        Entry {
            outlet: &record.outlet,
            story: &record.story,
            date: record.date.as_deref(),
            sort_date: record.sort_date.as_deref(),
            statements,
            suppressions: record.suppressions.clone(),
        }
    }

    /// The record back; None if a value no longer reads (a damaged file).
    fn into_record(
        self,
        path: &str,
        kinds: &[Option<ValueKind>],
        date_order: DateOrder,
    ) -> Option<ArticleRecord> {
        let statements = self
            .statements
            .iter()
            .map(|stored| {
                let value = match &stored.value {
                    Some((canonical, place)) => {
                        let value =
                            values::parse((*kinds.get(stored.rule)?)?, canonical, date_order)?;
                        Some(Extracted {
                            value,
                            span: place.span(path),
                        })
                    }
                    None => None,
                };
                Some(Statement {
                    rule: stored.rule,
                    kind: stored.kind,
                    span: stored.span.span(path),
                    value,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ArticleRecord {
            path: path.to_owned(),
            outlet: self.outlet.to_owned(),
            story: self.story.to_owned(),
            date: self.date.map(str::to_owned),
            sort_date: self.sort_date.map(str::to_owned),
            statements,
            suppressions: self.suppressions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statements::Statement;

    fn record(path: &str, outlet: &str) -> ArticleRecord {
        let span = Span {
            path: path.to_owned(),
            byte_start: 0,
            byte_end: 3,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 4,
            text: "One".to_owned(),
        };
        let statement = Statement {
            rule: 0,
            kind: StatementKind::States,
            span,
            value: None,
        };
        ArticleRecord {
            path: path.to_owned(),
            outlet: outlet.to_owned(),
            story: "corpus".to_owned(),
            date: None,
            sort_date: None,
            statements: vec![statement],
            suppressions: Default::default(),
        }
    }

    #[test]
    fn the_key_changes_with_the_id_and_each_matching_field_only() {
        const BASE: &str = "rules:\n  - id: stake\n    claim: The stake\n    severity: warning\n    scope: sentence\n    case: insensitive\n    match: { all: [stake], any: [holds], not: [former] }\n    deny: [sold]\n    negation: auto\n    stories: ['a/*']\n    extract: { pattern: '(?P<value>\\d+)%', kind: percent, tolerance: 0 }\n    expect: { min_sources: 2, max_sources: 3, agree: true, when_mentioned: Azure }\n    message: \"{claim}\"\n    examples: { states: ['It holds a 49% stake.'] }\n";
        let config = Config::discover(tempfile::tempdir().unwrap().path(), None).unwrap();
        let key = |text: &str| {
            statements_shape(
                &RuleSet::from_text("rules.yaml", text)
                    .unwrap_or_else(|problems| panic!("{problems:?}\n{text}")),
                &config,
            )
        };
        let changed = |from: &str, to: &str| {
            assert!(BASE.contains(from), "{from}");
            key(&BASE.replacen(from, to, 1))
        };
        // One change per field of `Matching`, named so that a field added
        // there does not compile here until it has its own.
        let crate::rules::Matching {
            scope: _,
            case: _,
            all: _,
            any: _,
            not: _,
            deny: _,
            negation: _,
            extract: _,
            when_mentioned: _,
            stories: _,
        } = RuleSet::from_text("rules.yaml", BASE)
            .unwrap()
            .rules
            .remove(0)
            .matching;
        let matching = [
            ("scope", "scope: sentence", "scope: paragraph"),
            ("case", "case: insensitive", "case: sensitive"),
            ("all", "all: [stake]", "all: [stakes]"),
            ("any", "any: [holds]", "any: [keeps]"),
            ("not", "not: [former]", "not: [ex]"),
            ("deny", "deny: [sold]", "deny: [sells]"),
            ("negation", "negation: auto", "negation: off"),
            (
                "extract pattern",
                "'(?P<value>\\d+)%'",
                "'(?P<value>\\d+) ?%'",
            ),
            ("extract kind", "kind: percent", "kind: number"),
            (
                "when_mentioned",
                "when_mentioned: Azure",
                "when_mentioned: Redmond",
            ),
            ("stories", "['a/*']", "['b/*']"),
            ("id", "id: stake", "id: share"),
        ];
        let base = key(BASE);
        for (field, from, to) in matching {
            assert_ne!(changed(from, to), base, "changing {field} keeps the key");
        }
        let judged = [
            ("claim", "claim: The stake", "claim: The share"),
            ("severity", "severity: warning", "severity: error"),
            ("min_sources", "min_sources: 2", "min_sources: 1"),
            ("max_sources", "max_sources: 3", "max_sources: 4"),
            ("agree", "agree: true", "agree: false"),
            ("tolerance", "tolerance: 0", "tolerance: 1"),
            ("message", "\"{claim}\"", "\"{id}\""),
            (
                "examples",
                "'It holds a 49% stake.'",
                "'It holds a 27% stake.'",
            ),
        ];
        for (field, from, to) in judged {
            assert_eq!(
                changed(from, to),
                base,
                "changing {field} renews the key, though it does not decide statements"
            );
        }
        let two = format!("{BASE}  - id: other\n    claim: Other\n    pattern: other\n");
        let swapped = format!(
            "rules:\n  - id: other\n    claim: Other\n    pattern: other\n{}",
            &BASE["rules:\n".len()..]
        );
        assert_ne!(
            key(&two),
            key(&swapped),
            "the order of the rules is part of the key"
        );
    }

    #[test]
    fn settled_files_are_not_read_again_and_changed_ones_are() {
        let rules = RuleSet::from_text(
            "rules.yaml",
            "rules:\n  - id: one\n    claim: One\n    pattern: one\n",
        )
        .unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let config = Config::discover(corpus.path(), None).unwrap();
        let folder = corpus.path().join(FOLDER);
        let (settled, fresh) = (corpus.path().join("a.md"), corpus.path().join("b.md"));
        std::fs::write(&settled, "One.").unwrap();
        std::thread::sleep(SETTLED + Duration::from_millis(200));
        std::fs::write(&fresh, "One!").unwrap();
        let read = |path: &Path| std::fs::read(path).unwrap();
        let file = |disk: &Path, shown: &str| SourceFile {
            disk: disk.to_path_buf(),
            shown: shown.to_owned(),
            folder: "corpus".to_owned(),
        };
        let (a, b) = (file(&settled, "a.md"), file(&fresh, "b.md"));

        let files = [a.clone(), b.clone()];
        let open = || {
            let mut cache = Cache::open(&folder, &rules, &config);
            cache.pair(&files);
            cache
        };
        let cache = open();
        let mut records = Vec::new();
        for (position, file) in files.iter().enumerate() {
            let bytes = read(&file.disk);
            records.push(
                cache
                    .record(
                        position,
                        file,
                        &mut Folders::default(),
                        |_| Ok(&bytes),
                        |_| Ok(record(&file.shown, "first")),
                    )
                    .unwrap(),
            );
            assert_eq!(records.last(), Some(&record(&file.shown, "first")));
        }
        cache.save(&files, &records).unwrap();

        // Unchanged: a settled file is not even read; a fresh one is hashed, and found.
        let cache = open();
        let unread = |_: &mut Folders| -> Result<&[u8], Box<Diagnostic>> {
            panic!("a settled, unchanged file is read")
        };
        assert_eq!(
            cache
                .record(0, &a, &mut Folders::default(), unread, |_| panic!(
                    "parsed again"
                ))
                .unwrap(),
            record("a.md", "first")
        );
        let bytes = read(&fresh);
        assert_eq!(
            cache
                .record(
                    1,
                    &b,
                    &mut Folders::default(),
                    |_| Ok(&bytes),
                    |_| panic!("parsed again")
                )
                .unwrap(),
            record("b.md", "first")
        );
        cache.save(&files, &records).unwrap();

        // Found under another input, so in another story folder: parsed again.
        let cache = open();
        let elsewhere = SourceFile {
            folder: "elsewhere".to_owned(),
            ..a.clone()
        };
        let bytes = read(&settled);
        assert_eq!(
            cache
                .record(
                    0,
                    &elsewhere,
                    &mut Folders::default(),
                    |_| Ok(&bytes),
                    |_| Ok(record("a.md", "moved"))
                )
                .unwrap(),
            record("a.md", "moved")
        );

        // Changed: read and parsed again.
        std::fs::write(&settled, "One?").unwrap();
        let cache = open();
        let bytes = read(&settled);
        assert_eq!(
            cache
                .record(
                    0,
                    &a,
                    &mut Folders::default(),
                    |_| Ok(&bytes),
                    |_| Ok(record("a.md", "second"))
                )
                .unwrap(),
            record("a.md", "second")
        );
        let fresh_bytes = read(&fresh);
        let b_record = cache
            .record(
                1,
                &b,
                &mut Folders::default(),
                |_| Ok(&fresh_bytes),
                |_| panic!("parsed again"),
            )
            .unwrap();
        cache
            .save(&files, &[record("a.md", "second"), b_record])
            .unwrap();

        // The new entry was encoded, the one found by its key copied as stored: both read back.
        let cache = open();
        let records =
            [(&a, &settled, "second"), (&b, &fresh, "first")].map(|(file, disk, outlet)| {
                let bytes = read(disk);
                let position = files
                    .iter()
                    .position(|known| known.shown == file.shown)
                    .unwrap();
                let found = cache
                    .record(
                        position,
                        file,
                        &mut Folders::default(),
                        |_| Ok(&bytes),
                        |_| panic!("parsed again"),
                    )
                    .unwrap();
                assert_eq!(found, record(&file.shown, outlet));
                found
            });
        cache.save(&files, &records).unwrap();

        // Once every file is settled, a run stores its metadata; the next finds
        // every file by it, reads none and leaves the cache file as it is.
        std::thread::sleep(SETTLED + Duration::from_millis(200));
        let cache = open();
        let cache_file = cache.file.clone();
        let records: Vec<ArticleRecord> = [(&a, &settled), (&b, &fresh)]
            .iter()
            .enumerate()
            .map(|(position, (file, disk))| {
                let bytes = read(disk);
                cache
                    .record(
                        position,
                        file,
                        &mut Folders::default(),
                        |_| Ok(&bytes),
                        |_| panic!("parsed again"),
                    )
                    .unwrap()
            })
            .collect();
        cache.save(&files, &records).unwrap();
        let written = std::fs::metadata(&cache_file).unwrap().modified().unwrap();
        let cache = open();
        let again: Vec<ArticleRecord> = files
            .iter()
            .enumerate()
            .map(|(position, file)| {
                cache
                    .record(position, file, &mut Folders::default(), unread, |_| {
                        panic!("parsed again")
                    })
                    .unwrap()
            })
            .collect();
        assert_eq!(again, records);
        cache.save(&files, &again).unwrap();
        assert_eq!(
            std::fs::metadata(&cache_file).unwrap().modified().unwrap(),
            written,
            "an unchanged corpus rewrote the cache"
        );
    }
}
