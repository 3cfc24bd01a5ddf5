//! The statements cache (`.crosscheck-cache/`, beside the configuration):
//! what each article contributed to the last run, so that a run over an
//! unchanged corpus reads and hashes its files but parses and matches none.
//!
//! An entry is keyed by a BLAKE3 hash of the article's path (as shown), the
//! folder its story is named after (which depends on the input it was found
//! under) and bytes. A cache file holds the entries of one fingerprint: the engine (a
//! hash of the running executable), the rules as far as they find statements
//! (id, order, patterns, scope, case, negation, extract, when_mentioned,
//! stories) and the configuration that places an article (outlets, stories,
//! date order). Severities, messages and the numbers of `expect:` are judged
//! afresh every run and do not invalidate it. The newest few fingerprints are
//! kept, so switching between rule sets stays fast.
//!
//! The cache is an optimization only: a missing, stale or damaged file is
//! rebuilt, and failing to write one never fails a run.

use rustc_hash::FxHashMap as HashMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::corpus::{ArticleRecord, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, RuleSet};
use crate::span::Span;
use crate::statements::{Extracted, Statement, StatementKind};
use crate::suppression::Suppressions;
use crate::values::{self, DateOrder, ValueKind};

/// The cache folder's name.
pub const FOLDER: &str = ".crosscheck-cache";
/// The first bytes of a cache file; a new layout gets a new number.
const MAGIC: &[u8] = b"crosscheck statements cache 4\n";
/// How many cache files (fingerprints) a folder keeps.
const KEPT: usize = 4;

/// A hash of an article's path, story folder and bytes.
pub type Key = [u8; 32];

/// A file modified this recently before a run is hashed again even when its
/// metadata is unchanged: within a timestamp's granularity, a write may not
/// change it.
const SETTLED: Duration = Duration::from_secs(2);

/// The cache of one run: the entries of its fingerprint found on disk,
/// taken as the run uses them, and what the run read.
pub struct Cache {
    file: PathBuf,
    fingerprint: [u8; 32],
    /// Per rule, the kind of its extracted values (to read them back).
    kinds: Vec<Option<ValueKind>>,
    date_order: DateOrder,
    started: SystemTime,
    /// By shown path, as stored: the file's metadata when it was last hashed, its folder and key.
    files: HashMap<String, Known>,
    /// The cache file as read: its entries are decoded from it when used,
    /// on the threads that use them.
    stored: Vec<u8>,
    /// Where the stored entries not used yet lie in `stored`.
    entries: Mutex<HashMap<Key, Range<usize>>>,
    /// By shown path: the files this run saw, their metadata when settled, folder and key.
    seen: Mutex<HashMap<String, Seen>>,
    /// Some file was not found by its unchanged metadata: the file must be written.
    changed: AtomicBool,
}

/// What the cache knows of a file without reading it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Known {
    metadata: Metadata,
    folder: String,
    key: Key,
}

/// A file this run saw; its metadata only when settled.
struct Seen {
    metadata: Option<Metadata>,
    folder: String,
    key: Key,
}

/// A cache file's contents: each entry encoded on its own (`E` is its bytes),
/// so that a run decodes only the entries it uses.
#[derive(Serialize, Deserialize)]
struct Contents<E> {
    files: HashMap<String, Known>,
    entries: HashMap<Key, E>,
}

impl Cache {
    /// The cache in `folder` for these rules and configuration, with the
    /// entries already on disk (none if the file is missing or unreadable).
    pub fn open(folder: &Path, rules: &RuleSet, config: &Config) -> Cache {
        let fingerprint = fingerprint(rules, config);
        let file = folder.join(format!("{}.bin", hex(&fingerprint[..8])));
        let stored = std::fs::read(&file).unwrap_or_default();
        let (files, entries) = match decode(&stored, &fingerprint) {
            Some(contents) => (contents.files, contents.entries.into_iter().map(|(key, entry)| (key, range_in(&stored, entry))).collect()),
            None => Default::default(),
        };
        // Usually every stored file is seen again: room for them from the start.
        let seen = HashMap::with_capacity_and_hasher(files.len(), Default::default());
        Cache {
            file,
            fingerprint,
            kinds: rules.rules.iter().map(|rule| rule.extract.as_ref().map(|extract| extract.kind)).collect(),
            date_order: config.date_order,
            started: SystemTime::now(),
            files,
            stored,
            entries: Mutex::new(entries),
            seen: Mutex::new(seen),
            changed: AtomicBool::new(false),
        }
    }

    /// Whether no entry was found on disk (or all were used).
    pub fn is_empty(&self) -> bool {
        lock(&self.entries).is_empty()
    }

    /// The record of the article shown as `path` and stored at `disk`: from
    /// the cache when the file's metadata is that of the last run (the file
    /// is not even read) or its bytes hash to a known key; else `read` from
    /// its `bytes`.
    pub fn record<'b>(
        &self,
        file: &SourceFile,
        bytes: impl FnOnce() -> Result<&'b [u8], Box<Diagnostic>>,
        read: impl FnOnce(&[u8]) -> Result<ArticleRecord, Box<Diagnostic>>,
    ) -> Result<ArticleRecord, Box<Diagnostic>> {
        // Taken before the bytes: a write after it changes the metadata the next run sees.
        let path = file.shown.as_str();
        let metadata = Metadata::of(&file.disk, self.started);
        if let (Some(metadata), Some(known)) = (metadata, self.files.get(path)) {
            if metadata == known.metadata && file.folder == known.folder {
                if let Some(record) = self.take(&known.key, path) {
                    lock(&self.seen).insert(path.to_owned(), Seen { metadata: Some(metadata), folder: known.folder.clone(), key: known.key });
                    return Ok(record);
                }
            }
        }
        self.changed.store(true, Ordering::Relaxed);
        let bytes = bytes()?;
        let key = Cache::key(file, bytes);
        let record = match self.take(&key, path) {
            Some(record) => record,
            None => read(bytes)?,
        };
        lock(&self.seen).insert(path.to_owned(), Seen { metadata, folder: file.folder.clone(), key });
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

    /// The record stored under `key`, for the article shown as `path`.
    fn take(&self, key: &Key, path: &str) -> Option<ArticleRecord> {
        let range = lock(&self.entries).remove(key)?;
        let entry: Entry = postcard::from_bytes(self.stored.get(range)?).ok()?;
        entry.into_record(path, &self.kinds, self.date_order)
    }

    /// Writes what this run read (`records`, in any order, with the files
    /// they came from) when it differs from the file, and removes the oldest
    /// cache files past the few kept. The file is encoded as it is written,
    /// entry by entry: memory holds the records, not a second copy of them.
    pub fn save(self, records: &[ArticleRecord]) -> io::Result<()> {
        let Cache { file, fingerprint, files, stored, entries, seen, changed, .. } = self;
        let unused = entries.into_inner().unwrap_or_else(|poison| poison.into_inner());
        let seen = seen.into_inner().unwrap_or_else(|poison| poison.into_inner());
        // Every file seen was found by its stored metadata, and as many as stored: nothing to write.
        if !changed.into_inner() && unused.is_empty() && seen.len() == files.len() {
            drop_later((files, stored, seen));
            return Ok(());
        }
        drop_later((files, stored, unused));
        let folder = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        // Marks the folder as a cache for backup tools and keeps it out of git.
        for (name, text) in [("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# crosscheck's statements cache\n"), (".gitignore", "*\n")] {
            let path = folder.join(name);
            if !path.exists() {
                std::fs::write(path, text)?;
            }
        }
        crate::atomic_file::write_with(&file, |out| {
            out.write_all(MAGIC)?;
            out.write_all(&fingerprint)?;
            postcard::to_io(&Written { seen: &seen, records }, out).map(drop).map_err(io::Error::other)
        })?;
        drop_later(seen);
        prune(folder)
    }
}

/// Drops `value` on a thread of its own. The cache's maps hold a few small
/// allocations per article, and freeing them one by one kept a cached
/// AllSides run waiting about 20 ms; the run need not wait for it (a process
/// that ends first simply skips it).
fn drop_later<T: Send + 'static>(value: T) {
    // Should no thread start, the value comes back in the error and is dropped here.
    let _ = std::thread::Builder::new().name("cache-drop".into()).spawn(move || drop(value));
}

/// A run's [`Contents`], encoded straight from what it saw and read: the
/// settled files, and an entry for every record of a file seen.
struct Written<'a> {
    seen: &'a HashMap<String, Seen>,
    records: &'a [ArticleRecord],
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let known = || self.seen.iter().filter_map(|(path, seen)| Some((path, Known { metadata: seen.metadata?, folder: seen.folder.clone(), key: seen.key })));
        let entries = || self.records.iter().filter_map(|record| Some((self.seen.get(&record.path)?.key, record)));
        // Each entry is encoded on its own, as `Contents` holds it; the
        // encoding needs every map's length first.
        let files = Counted(known().count(), known);
        let entries = Counted(entries().count(), || entries().map(|(key, record)| (key, Encoded(record))));
        let mut contents = serializer.serialize_struct("Contents", 2)?;
        contents.serialize_field("files", &files)?;
        contents.serialize_field("entries", &entries)?;
        contents.end()
    }
}

/// A record as a cache entry's bytes.
struct Encoded<'a>(&'a ArticleRecord);

impl Serialize for Encoded<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let bytes = postcard::to_stdvec(&Entry::of(self.0)).map_err(serde::ser::Error::custom)?;
        serializer.serialize_bytes(&bytes)
    }
}

/// A map of `.0` pairs, made by `.1` when written.
struct Counted<F>(usize, F);

impl<K: Serialize, V: Serialize, I: Iterator<Item = (K, V)>, F: Fn() -> I> Serialize for Counted<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0))?;
        for (key, value) in (self.1)() {
            map.serialize_entry(&key, &value)?;
        }
        map.end()
    }
}

/// What tells that a file changed without reading it: its size, inode,
/// and modification and change times (as git's index keeps them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Metadata {
    len: u64,
    device: u64,
    inode: u64,
    modified_ns: i128,
    changed_ns: i128,
}

impl Metadata {
    /// The metadata of `path`; None when it cannot be read or the file
    /// changed too shortly before `started` to be told apart from a later write.
    fn of(path: &Path, started: SystemTime) -> Option<Metadata> {
        let metadata = std::fs::metadata(path).ok()?;
        let ns = |time: SystemTime| time.duration_since(UNIX_EPOCH).ok().map(|since| since.as_nanos() as i128);
        let modified_ns = ns(metadata.modified().ok()?)?;
        #[cfg(unix)]
        let (device, inode, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (metadata.dev(), metadata.ino(), i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (device, inode, changed_ns) = (0, 0, modified_ns);
        let settled = ns(started.checked_sub(SETTLED)?)?;
        (modified_ns < settled && changed_ns < settled).then_some(Metadata { len: metadata.len(), device, inode, modified_ns, changed_ns })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}

fn decode<'a>(bytes: &'a [u8], fingerprint: &[u8; 32]) -> Option<Contents<&'a [u8]>> {
    let rest = bytes.strip_prefix(MAGIC)?.strip_prefix(fingerprint.as_slice())?;
    postcard::from_bytes(rest).ok()
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
/// the article: the rules as far as they find statements, and the
/// configuration that places an article (outlets, stories, date order).
pub fn statements_shape(rules: &RuleSet, config: &Config) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    let outlets: Vec<(&str, &str)> = config.outlets.iter().map(|(glob, outlet)| (glob.glob().glob(), outlet.as_str())).collect();
    hasher.update(format!("{:?} {:?} {outlets:?}\n", config.date_order, config.stories).as_bytes());
    for rule in &rules.rules {
        hasher.update(shape(rule).as_bytes());
    }
    hasher.finalize()
}

/// Everything of a rule that decides its statements, written out.
fn shape(rule: &Rule) -> String {
    let sources = |patterns: &[crate::rules::Pattern]| patterns.iter().map(|pattern| pattern.source.clone()).collect::<Vec<_>>();
    let extract = rule.extract.as_ref().map(|extract| (&extract.pattern.source, extract.kind));
    let mentioned = rule.expect.when_mentioned.as_ref().map(|pattern| &pattern.source);
    let stories = rule.stories.as_ref().map(|stories| &stories.globs);
    format!(
        "{:?}\n",
        (
            &rule.id,
            rule.scope,
            rule.case,
            sources(&rule.all),
            sources(&rule.any),
            sources(&rule.not),
            sources(&rule.deny),
            rule.negation,
            extract,
            mentioned,
            stories
        )
    )
}

/// A hash of the running executable: a rebuilt engine may read articles differently.
fn engine() -> &'static [u8] {
    static ENGINE: OnceLock<Vec<u8>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        // An executable that cannot be read leaves the version alone to tell engines apart.
        let _ = std::env::current_exe().and_then(std::fs::File::open).and_then(|exe| hasher.update_reader(exe).map(|_| ()));
        hasher.finalize().as_bytes().to_vec()
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// An article's record without its path (the key has it).
#[derive(Serialize, Deserialize)]
struct Entry {
    outlet: String,
    story: String,
    date: Option<String>,
    sort_date: Option<String>,
    statements: Vec<Stored>,
    suppressions: Suppressions,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    rule: usize,
    kind: StatementKind,
    span: Place,
    /// The value's normalized form and its place.
    value: Option<(String, Place)>,
}

/// A span without its path.
#[derive(Serialize, Deserialize)]
struct Place {
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: String,
}

impl Place {
    fn of(span: &Span) -> Place {
        Place {
            byte_start: span.byte_start,
            byte_end: span.byte_end,
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            text: span.text.clone(),
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
            text: self.text.clone(),
        }
    }
}

impl Entry {
    fn of(record: &ArticleRecord) -> Entry {
        let statements = record
            .statements
            .iter()
            .map(|statement| Stored {
                rule: statement.rule,
                kind: statement.kind,
                span: Place::of(&statement.span),
                value: statement.value.as_ref().map(|extracted| (extracted.value.canonical().to_owned(), Place::of(&extracted.span))),
            })
            .collect();
        Entry {
            outlet: record.outlet.clone(),
            story: record.story.clone(),
            date: record.date.clone(),
            sort_date: record.sort_date.clone(),
            statements,
            suppressions: record.suppressions.clone(),
        }
    }

    /// The record back; None if a value no longer reads (a damaged file).
    fn into_record(self, path: &str, kinds: &[Option<ValueKind>], date_order: DateOrder) -> Option<ArticleRecord> {
        let statements = self
            .statements
            .iter()
            .map(|stored| {
                let value = match &stored.value {
                    Some((canonical, place)) => {
                        let value = values::normalize((*kinds.get(stored.rule)?)?, canonical, date_order)?;
                        Some(Extracted { value, span: place.span(path) })
                    }
                    None => None,
                };
                Some(Statement { rule: stored.rule, kind: stored.kind, span: stored.span.span(path), value })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ArticleRecord {
            path: path.to_owned(),
            outlet: self.outlet,
            story: self.story,
            date: self.date,
            sort_date: self.sort_date,
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
        let span = Span { path: path.to_owned(), byte_start: 0, byte_end: 3, line: 1, column: 1, end_line: 1, end_column: 4, text: "One".to_owned() };
        let statement = Statement { rule: 0, kind: StatementKind::States, span, value: None };
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
    fn settled_files_are_not_read_again_and_changed_ones_are() {
        let rules = RuleSet::from_text("rules.yaml", "rules:\n  - id: one\n    claim: One\n    pattern: one\n").unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let config = Config::discover(corpus.path(), None).unwrap();
        let folder = corpus.path().join(FOLDER);
        let (settled, fresh) = (corpus.path().join("a.md"), corpus.path().join("b.md"));
        std::fs::write(&settled, "One.").unwrap();
        std::thread::sleep(SETTLED + Duration::from_millis(200));
        std::fs::write(&fresh, "One!").unwrap();
        let read = |path: &Path| std::fs::read(path).unwrap();
        let file = |disk: &Path, shown: &str| SourceFile { disk: disk.to_path_buf(), shown: shown.to_owned(), folder: "corpus".to_owned() };
        let (a, b) = (file(&settled, "a.md"), file(&fresh, "b.md"));

        let cache = Cache::open(&folder, &rules, &config);
        let mut records = Vec::new();
        for file in [&a, &b] {
            let bytes = read(&file.disk);
            records.push(cache.record(file, || Ok(&bytes), |_| Ok(record(&file.shown, "first"))).unwrap());
            assert_eq!(records.last(), Some(&record(&file.shown, "first")));
        }
        cache.save(&records).unwrap();

        // Unchanged: a settled file is not even read; a fresh one is hashed, and found.
        let cache = Cache::open(&folder, &rules, &config);
        let unread = || -> Result<&[u8], Box<Diagnostic>> { panic!("a settled, unchanged file is read") };
        assert_eq!(cache.record(&a, unread, |_| panic!("parsed again")).unwrap(), record("a.md", "first"));
        let bytes = read(&fresh);
        assert_eq!(cache.record(&b, || Ok(&bytes), |_| panic!("parsed again")).unwrap(), record("b.md", "first"));
        cache.save(&records).unwrap();

        // Found under another input, so in another story folder: parsed again.
        let cache = Cache::open(&folder, &rules, &config);
        let elsewhere = SourceFile { folder: "elsewhere".to_owned(), ..a.clone() };
        let bytes = read(&settled);
        assert_eq!(cache.record(&elsewhere, || Ok(&bytes), |_| Ok(record("a.md", "moved"))).unwrap(), record("a.md", "moved"));

        // Changed: read and parsed again.
        std::fs::write(&settled, "One?").unwrap();
        let cache = Cache::open(&folder, &rules, &config);
        let bytes = read(&settled);
        assert_eq!(cache.record(&a, || Ok(&bytes), |_| Ok(record("a.md", "second"))).unwrap(), record("a.md", "second"));
    }
}
