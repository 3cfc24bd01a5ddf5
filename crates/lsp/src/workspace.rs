//! One workspace folder as the language server sees it: its configuration,
//! rules and corpus, every article's record kept between edits, and the
//! documents open in the editor. An edit re-reads only the edited article
//! and re-judges the records; a rule or configuration change reloads all.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{MessageType, Uri};

use super::documents::Document;
use crosscheck_engine::assertions;
use crosscheck_engine::config::{Config, FILE_NAME};
use crosscheck_engine::corpus;
use crosscheck_engine::diagnostic::{Diagnostic, Kind};
use crosscheck_engine::paths::lexical;
use crosscheck_engine::problem::Problem;
use crosscheck_engine::record::{ArticleRecord, SourceFile};
use crosscheck_engine::rules::{Locator, Step};
use crosscheck_engine::run::{self, Options, Setup};
use crosscheck_engine::statements::{Combined, Reader};

/// What the server reports about one file: the diagnostics whose primary
/// span lies in it, or the problems of its configuration or rules.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub problems: Vec<Problem>,
}

/// A document the client names that is not inside the workspace folder.
#[derive(Debug)]
pub struct Outside(pub String);

/// What a path inside the workspace is to crosscheck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Article,
    Rules,
    Config,
    Other,
}

pub struct Workspace {
    /// The workspace folder, absolute, with `.` and `..` resolved.
    root: PathBuf,
    config: Option<Config>,
    setup: Option<Setup>,
    /// The setup's combined automaton, built when the corpus is read and kept for the edits.
    combined: Combined,
    /// The corpus's article files, sorted by shown path.
    files: Vec<SourceFile>,
    /// One per readable article, sorted by path.
    records: Vec<ArticleRecord>,
    /// Articles (and inputs) that could not be read.
    unreadable: Vec<Diagnostic>,
    /// The problems of the configuration or rules that stopped the last load.
    problems: Vec<Problem>,
    /// The last judgement, sorted by path.
    diagnostics: Vec<Diagnostic>,
    /// Files of the workspace by their path on disk, as shown in diagnostics.
    shown: HashMap<PathBuf, String>,
    open: HashMap<PathBuf, Document>,
    /// What was last published, by shown path.
    published: BTreeMap<String, Findings>,
    pending: Pending,
    messages: Vec<(MessageType, String)>,
}

/// Work that edits left for the next [`Workspace::flush`].
#[derive(Default)]
struct Pending {
    reload: bool,
    /// Articles to read again, by shown path.
    articles: BTreeSet<String>,
    /// Files whose findings go out again even if unchanged (just opened).
    republish: BTreeSet<String>,
}

impl Workspace {
    /// A workspace for `root`; nothing is read until the first flush.
    pub fn new(root: &Path) -> Workspace {
        Workspace {
            root: lexical(root),
            config: None,
            setup: None,
            combined: Combined::default(),
            files: Vec::new(),
            records: Vec::new(),
            unreadable: Vec::new(),
            problems: Vec::new(),
            diagnostics: Vec::new(),
            shown: HashMap::new(),
            open: HashMap::new(),
            published: BTreeMap::new(),
            pending: Pending {
                reload: true,
                ..Pending::default()
            },
            messages: Vec::new(),
        }
    }

    /// Messages for the user (`window/showMessage`) since the last call.
    pub fn take_messages(&mut self) -> Vec<(MessageType, String)> {
        std::mem::take(&mut self.messages)
    }

    /// The path inside the workspace that `uri` names.
    pub fn resolve(&self, uri: &Uri) -> Result<PathBuf, Outside> {
        let path =
            path_of(uri).ok_or_else(|| Outside(format!("{} is not a file", uri.as_str())))?;
        let path = lexical(&path);
        if path.starts_with(&self.root) {
            Ok(path)
        } else {
            Err(Outside(format!(
                "{} is outside the workspace folder {}",
                path.display(),
                self.root.display()
            )))
        }
    }

    pub fn did_open(&mut self, uri: Uri, text: String, version: i32) -> Result<(), Outside> {
        let path = self.resolve(&uri)?;
        let changed = std::fs::read(&path).map_or(true, |bytes| bytes != text.as_bytes());
        self.open
            .insert(path.clone(), Document { uri, text, version });
        if changed {
            self.edited(&path);
        }
        if let Some(shown) = self.shown.get(&path) {
            self.pending.republish.insert(shown.clone());
        }
        Ok(())
    }

    pub fn did_change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<lsp_types::TextDocumentContentChangeEvent>,
        encoding: super::position::Encoding,
    ) -> Result<(), Outside> {
        let path = self.resolve(uri)?;
        match self.open.get_mut(&path) {
            Some(document) => document.apply(version, changes, encoding),
            None => {
                return Err(Outside(format!(
                    "{} changed without being opened",
                    uri.as_str()
                )))
            }
        }
        self.edited(&path);
        Ok(())
    }

    pub fn did_save(&mut self, uri: &Uri, text: Option<String>) -> Result<(), Outside> {
        let path = self.resolve(uri)?;
        if let (Some(document), Some(text)) = (self.open.get_mut(&path), text) {
            document.text = text;
        }
        match self.role(&path) {
            // The configuration applies once saved; a new article joins the corpus once saved.
            Role::Config => self.pending.reload = true,
            Role::Other
                if crosscheck_engine::article::Markup::of_path(&path).is_some()
                    && self.in_sources(&path) =>
            {
                self.pending.reload = true
            }
            _ => self.edited(&path),
        }
        Ok(())
    }

    pub fn did_close(&mut self, uri: &Uri) -> Result<(), Outside> {
        let path = self.resolve(uri)?;
        if self.open.remove(&path).is_some() {
            // Back to the file on disk, whatever the buffer held.
            self.edited(&path);
        }
        Ok(())
    }

    fn edited(&mut self, path: &Path) {
        match self.role(path) {
            Role::Article => {
                let shown = self.shown[path].clone();
                self.pending.articles.insert(shown);
            }
            Role::Rules => self.pending.reload = true,
            Role::Config | Role::Other => {}
        }
    }

    /// Whether `path` lies under one of the configuration's `sources` (up to
    /// its first glob character), where a new article would be found.
    fn in_sources(&self, path: &Path) -> bool {
        let Some(config) = &self.config else {
            return false;
        };
        config.sources.iter().any(|written| {
            let literal = written
                .split(['*', '?', '[', '{'])
                .next()
                .unwrap_or_default();
            path.starts_with(lexical(&config.resolve(literal)))
        })
    }

    fn role(&self, path: &Path) -> Role {
        if path == self.root.join(FILE_NAME) {
            return Role::Config;
        }
        let is_yaml = path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml");
        let in_rules = |config: &Config| {
            config
                .rules
                .iter()
                .any(|written| path.starts_with(lexical(&config.resolve(written))))
        };
        if is_yaml && self.config.as_ref().is_some_and(in_rules) {
            Role::Rules
        } else if self.shown.contains_key(path)
            && self
                .setup
                .as_ref()
                .is_some_and(|setup| setup.rules.file(&self.shown[path]).is_none())
        {
            Role::Article
        } else {
            Role::Other
        }
    }

    /// Does the pending work and returns what to publish: the findings of
    /// every file whose findings changed (empty when they are gone), by shown path.
    pub fn flush(&mut self) -> Vec<(String, Findings)> {
        let pending = std::mem::take(&mut self.pending);
        let mut candidates = if pending.reload {
            self.load();
            None
        } else if pending.articles.is_empty() {
            Some(BTreeSet::new())
        } else {
            Some(self.rejudge(&pending.articles))
        };
        if let Some(candidates) = &mut candidates {
            candidates.extend(pending.republish.iter().cloned());
        }
        let paths: BTreeSet<String> = match candidates {
            Some(candidates) => candidates,
            None => {
                let mut all: BTreeSet<String> = self.published.keys().cloned().collect();
                all.extend(self.diagnostics.iter().map(|d| d.primary.path.clone()));
                all.extend(
                    self.problems
                        .iter()
                        .filter_map(|problem| problem.path.clone()),
                );
                all
            }
        };
        let mut changed = Vec::new();
        for path in paths {
            let findings = Findings {
                diagnostics: self.diagnostics_in(&path).to_vec(),
                problems: self
                    .problems
                    .iter()
                    .filter(|problem| problem.path.as_deref() == Some(path.as_str()))
                    .cloned()
                    .collect(),
            };
            let empty = findings == Findings::default();
            let before = self.published.get(&path);
            let publish = if empty {
                before.is_some()
            } else {
                before != Some(&findings) || pending.republish.contains(&path)
            };
            if empty {
                self.published.remove(&path);
            } else {
                self.published.insert(path.clone(), findings.clone());
            }
            if publish {
                changed.push((path, findings));
            }
        }
        changed
    }

    /// Reads the configuration, rules and corpus anew.
    fn load(&mut self) {
        self.config = None;
        self.setup = None;
        self.files.clear();
        self.records.clear();
        self.unreadable.clear();
        self.problems.clear();
        self.diagnostics.clear();
        self.shown.clear();
        let config_path = self.root.join(FILE_NAME);
        self.shown.insert(config_path.clone(), FILE_NAME.to_owned());
        if !config_path.is_file() {
            let message = format!(
                "crosscheck: no {FILE_NAME} in the workspace folder {}: nothing to check",
                self.root.display()
            );
            self.messages.push((MessageType::WARNING, message));
            return;
        }
        let config = match Config::discover(&self.root, Some(&config_path)) {
            Ok(config) => config,
            Err(problem) => {
                self.problems.push(problem);
                return;
            }
        };
        self.problems = self.outside_paths(&config);
        self.config = Some(config);
        if !self.problems.is_empty() {
            return;
        }
        let options = Options {
            cwd: self.root.clone(),
            config: Some(config_path),
            ..Options::default()
        };
        let open = &self.open;
        let setup = match Setup::load_with(&options, &|path| {
            open.get(&lexical(path))
                .map(|document| document.text.clone())
        }) {
            Ok(setup) => setup,
            Err(problems) => {
                for problem in problems.iter().filter(|problem| problem.path.is_none()) {
                    self.messages
                        .push((MessageType::ERROR, format!("crosscheck: {problem}")));
                }
                self.problems = problems;
                return;
            }
        };
        for file in &setup.rules.files {
            self.shown
                .insert(lexical(&self.root.join(&file.path)), file.path.clone());
        }
        let (files, unreadable) = corpus::discover(&setup.inputs, &setup.config);
        // The new setup's automaton, built for this reading and kept for the edits.
        self.combined = Combined::default();
        let (records, problems) = corpus::read_all(
            &files,
            &setup.config,
            &Reader::sharing(&setup.rules, setup.config.date_order, &self.combined),
            None,
        );
        for file in &files {
            self.shown.insert(lexical(&file.disk), file.shown.clone());
        }
        self.files = files;
        self.records = records;
        self.unreadable = unreadable.into_iter().chain(problems).collect();
        self.setup = Some(setup);
        let open_articles: Vec<String> = self
            .open
            .keys()
            .filter(|path| self.role(path) == Role::Article)
            .map(|path| self.shown[path].clone())
            .collect();
        for shown in &open_articles {
            self.reread(shown);
        }
        self.judge();
    }

    /// A problem for each source or rule path of the configuration that
    /// leads outside the workspace folder, which the server never reads.
    fn outside_paths(&self, config: &Config) -> Vec<Problem> {
        let text = std::fs::read_to_string(self.root.join(FILE_NAME)).unwrap_or_default();
        let locator = Locator::new(&text);
        let mut problems = Vec::new();
        for (key, written) in [("sources", &config.sources), ("rules", &config.rules)] {
            for (index, path) in written.iter().enumerate() {
                if !lexical(&config.resolve(path)).starts_with(&self.root) {
                    problems.push(
                        Problem::new(format!("`{path}` is outside the workspace folder"))
                            .in_file(FILE_NAME)
                            .at(
                                locator.value(&[Step::Key(key), Step::Index(index)]),
                                "the language server reads only files inside the workspace folder",
                            ),
                    );
                }
            }
        }
        problems
    }

    /// Reads one article again, from the editor's buffer when it is open.
    fn reread(&mut self, shown: &str) {
        let (Some(setup), Ok(index)) = (
            &self.setup,
            self.files
                .binary_search_by(|file| file.shown.as_str().cmp(shown)),
        ) else {
            return;
        };
        let file = &self.files[index];
        let read = match self.open.get(&lexical(&file.disk)) {
            Some(document) => Ok(document.text.clone().into_bytes()),
            None => std::fs::read(&file.disk),
        };
        let reader = Reader::sharing(&setup.rules, setup.config.date_order, &self.combined);
        let result = match read {
            Ok(bytes) => corpus::read_one(file, &bytes, &setup.config, &reader),
            Err(error) => Err(Box::new(corpus::unreadable(
                shown,
                format!("cannot read: {error}"),
                None,
            ))),
        };
        if let Ok(at) = self
            .records
            .binary_search_by(|record| record.path.as_str().cmp(shown))
        {
            self.records.remove(at);
        }
        self.unreadable
            .retain(|problem| problem.primary.path != shown);
        match result {
            Ok(record) => {
                let at = self
                    .records
                    .partition_point(|other| other.path < record.path);
                self.records.insert(at, record);
            }
            Err(problem) => self.unreadable.push(*problem),
        }
    }

    /// Reads `articles` again and judges their stories alone (those they
    /// were in and those they are in now), which is all an edit can change:
    /// every assertion is per story. When the edit changed whether a story
    /// states a `min_sources` claim at all, the `unstated` diagnostics (in
    /// the rule files, spanning stories) are found again. Returns the files
    /// whose findings may have changed.
    fn rejudge(&mut self, articles: &BTreeSet<String>) -> BTreeSet<String> {
        let before: Vec<ArticleRecord> = self
            .records
            .iter()
            .filter(|record| articles.contains(&record.path))
            .cloned()
            .collect();
        for shown in articles {
            self.reread(shown);
        }
        let stories: BTreeSet<String> = before
            .iter()
            .chain(
                self.records
                    .iter()
                    .filter(|record| articles.contains(&record.path)),
            )
            .map(|record| record.story.clone())
            .collect();
        let mut touched: BTreeSet<String> = articles.clone();
        let mut judged = Vec::new();
        let mut unstated_changed = false;
        for story in &stories {
            let others = self
                .records
                .iter()
                .filter(|record| record.story == *story && !articles.contains(&record.path));
            let then: Vec<ArticleRecord> = others
                .chain(before.iter().filter(|record| record.story == *story))
                .cloned()
                .collect();
            let now: Vec<ArticleRecord> = self
                .records
                .iter()
                .filter(|record| record.story == *story)
                .cloned()
                .collect();
            touched.extend(now.iter().map(|record| record.path.clone()));
            let (_, unstated_then) = self.judge_members(then);
            let (diagnostics, unstated_now) = self.judge_members(now);
            unstated_changed |= unstated_now != unstated_then;
            judged.extend(diagnostics);
        }
        self.diagnostics
            .retain(|diagnostic| !touched.contains(&diagnostic.primary.path));
        self.diagnostics.extend(judged);
        if let Some(setup) = self.setup.as_ref().filter(|_| unstated_changed) {
            let mut unstated = assertions::unstated(&setup.rules, &self.records);
            setup.accepting().hide(
                self.records.iter().map(ArticleRecord::suppressions),
                &mut unstated,
            );
            self.diagnostics
                .retain(|diagnostic| diagnostic.kind != Kind::Unstated);
            self.diagnostics.extend(unstated);
            touched.extend(setup.rules.files.iter().map(|file| file.path.clone()));
        }
        self.diagnostics.extend(
            self.unreadable
                .iter()
                .filter(|problem| touched.contains(&problem.primary.path))
                .cloned(),
        );
        Diagnostic::sort(&mut self.diagnostics);
        touched
    }

    /// The articles of one story judged alone: their diagnostics, and apart
    /// the `unstated` ones they would give if they were the whole corpus.
    fn judge_members(&self, members: Vec<ArticleRecord>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let Some(setup) = &self.setup else {
            return (Vec::new(), Vec::new());
        };
        run::judge(setup, members, Vec::new())
            .diagnostics
            .into_iter()
            .partition(|diagnostic| diagnostic.kind != Kind::Unstated)
    }

    fn judge(&mut self) {
        let Some(setup) = &self.setup else {
            return;
        };
        let outcome = run::judge(
            setup,
            std::mem::take(&mut self.records),
            self.unreadable.clone(),
        );
        self.records = outcome.records;
        self.diagnostics = outcome.diagnostics;
    }

    /// The shown path of a file of the workspace.
    pub fn shown(&self, path: &Path) -> Option<&str> {
        self.shown.get(path).map(String::as_str)
    }

    /// Whether `shown` is an article of the corpus (not a rule or config file).
    pub fn is_article(&self, shown: &str) -> bool {
        self.files
            .binary_search_by(|file| file.shown.as_str().cmp(shown))
            .is_ok()
    }

    pub fn setup(&self) -> Option<&Setup> {
        self.setup.as_ref()
    }

    pub fn records(&self) -> &[ArticleRecord] {
        &self.records
    }

    /// The diagnostics whose primary span lies in `shown`.
    pub fn diagnostics_in(&self, shown: &str) -> &[Diagnostic] {
        let start = self
            .diagnostics
            .partition_point(|d| d.primary.path.as_str() < shown);
        let end = self
            .diagnostics
            .partition_point(|d| d.primary.path.as_str() <= shown);
        &self.diagnostics[start..end]
    }

    /// A file's text as the judgement saw it: the editor's buffer, the rule
    /// file as compiled, or the file on disk (inside the workspace only).
    pub fn text(&self, shown: &str) -> Option<Cow<'_, str>> {
        let disk = lexical(&self.root.join(shown));
        if let Some(document) = self.open.get(&disk) {
            return Some(Cow::Borrowed(&document.text));
        }
        if let Some(file) = self
            .setup
            .as_ref()
            .and_then(|setup| setup.rules.file(shown))
        {
            return Some(Cow::Borrowed(&file.text));
        }
        if !disk.starts_with(&self.root) {
            return None;
        }
        std::fs::read(&disk)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(Cow::Owned)
    }

    /// The URI to publish a file's findings to: the one the client opened it
    /// with, else the file's own.
    pub fn uri(&self, shown: &str) -> Option<Uri> {
        let disk = lexical(&self.root.join(shown));
        match self.open.get(&disk) {
            Some(document) => Some(document.uri.clone()),
            None => uri_of(&disk),
        }
    }

    /// The version of an open document, to publish with.
    pub fn version(&self, shown: &str) -> Option<i32> {
        self.open
            .get(&lexical(&self.root.join(shown)))
            .map(|document| document.version)
    }
}

/// The file a `file:` URI names.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str())
        .ok()
        .filter(|url| url.scheme() == "file")?
        .to_file_path()
        .ok()
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_engine::diagnostic::Kind;

    fn fixture() -> (Workspace, PathBuf) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/lsp");
        let mut workspace = Workspace::new(&root);
        workspace.flush();
        (workspace, lexical(&root))
    }

    fn uri(root: &Path, file: &str) -> Uri {
        uri_of(&root.join(file)).unwrap()
    }

    fn open_with(
        workspace: &mut Workspace,
        root: &Path,
        file: &str,
        edit: impl Fn(String) -> String,
    ) -> Vec<(String, Findings)> {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        workspace.did_open(uri(root, file), edit(text), 1).unwrap();
        workspace.flush()
    }

    /// Checks that the incremental judgement gave what judging everything gives.
    fn assert_exact(workspace: &mut Workspace) {
        let incremental = workspace.diagnostics.clone();
        workspace.judge();
        assert_eq!(
            incremental, workspace.diagnostics,
            "re-judging some stories gives what judging all gives"
        );
    }

    fn kinds(findings: &Findings) -> Vec<Kind> {
        findings.diagnostics.iter().map(|d| d.kind).collect()
    }

    #[test]
    fn the_first_flush_publishes_every_finding() {
        let (mut workspace, _) = fixture();
        let mut fresh = Workspace::new(&workspace.root.clone());
        let published = fresh.flush();
        assert_eq!(published.len(), 1);
        assert_eq!(published[0].0, "articles/gamma.md");
        assert_eq!(
            kinds(&published[0].1),
            [Kind::Conflict, Kind::Uncorroborated]
        );
        assert!(workspace.flush().is_empty(), "nothing changed since");
    }

    #[test]
    fn an_edit_that_resolves_a_conflict_clears_it_and_the_judgement_stays_exact() {
        let (mut workspace, root) = fixture();
        let published = open_with(&mut workspace, &root, "articles/gamma.md", |text| {
            text.replace("four people", "3 people")
        });
        assert_eq!(published.len(), 1);
        assert_eq!(kinds(&published[0].1), [Kind::Uncorroborated]);
        assert_exact(&mut workspace);
    }

    #[test]
    fn an_edit_in_one_article_republishes_the_others_it_concerns() {
        let (mut workspace, root) = fixture();
        let published = open_with(&mut workspace, &root, "articles/beta.md", |text| {
            text.replace("Police said", "Police said the driver was arrested and")
        });
        // Beta has no finding of its own; Gamma's arrest is now corroborated
        // and its conflict points at Beta's moved statement.
        let paths: Vec<&str> = published.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["articles/gamma.md"]);
        assert_eq!(kinds(&published[0].1), [Kind::Conflict]);
        let beta = &published[0].1.diagnostics[0].related[1].span;
        assert_eq!((beta.path.as_str(), beta.column), ("articles/beta.md", 41));
        assert_exact(&mut workspace);
    }

    #[test]
    fn an_edit_that_leaves_a_claim_unstated_reaches_the_rule_file() {
        let (mut workspace, root) = fixture();
        let published = open_with(&mut workspace, &root, "articles/gamma.md", |text| {
            text.replace(
                "The driver was arrested at the scene.",
                "Nobody knows more.",
            )
        });
        let paths: Vec<&str> = published.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["articles/gamma.md", "rules.yaml"]);
        assert_eq!(kinds(&published[1].1), [Kind::Unstated]);
        assert_exact(&mut workspace);
    }

    #[test]
    fn moving_articles_between_stories_stays_exact() {
        let (mut workspace, root) = fixture();
        for (file, story) in [
            ("articles/gamma.md", "elsewhere"),
            ("articles/beta.md", "elsewhere"),
            ("articles/gamma.md", "corpus"),
        ] {
            open_with(&mut workspace, &root, file, |text| {
                text.replacen("---\n", &format!("---\nstory: {story}\n"), 1)
            });
            assert_exact(&mut workspace);
            workspace.did_close(&uri(&root, file)).unwrap();
        }
    }

    #[test]
    fn closing_a_buffer_returns_to_the_file_on_disk() {
        let (mut workspace, root) = fixture();
        open_with(&mut workspace, &root, "articles/gamma.md", |text| {
            text.replace("four people", "3 people")
        });
        workspace
            .did_close(&uri(&root, "articles/gamma.md"))
            .unwrap();
        let published = workspace.flush();
        assert_eq!(
            kinds(&published[0].1),
            [Kind::Conflict, Kind::Uncorroborated]
        );
    }

    #[test]
    fn a_rule_file_with_an_invalid_regex_gets_the_problem_at_its_place() {
        let (mut workspace, root) = fixture();
        let published = open_with(&mut workspace, &root, "rules.yaml", |text| {
            text.replace(r"'\barrested\b'", r"'\barrested(\b'")
        });
        let rules = published
            .iter()
            .find(|(path, _)| path == "rules.yaml")
            .expect("the rule file gets diagnostics");
        assert_eq!(rules.1.problems.len(), 1);
        assert_eq!(rules.1.problems[0].message, "invalid regular expression");
        let text = workspace.text("rules.yaml").unwrap().into_owned();
        assert_eq!(
            &text[rules.1.problems[0].range.clone().unwrap()],
            r"'\barrested(\b'"
        );
        let gamma = published
            .iter()
            .find(|(path, _)| path == "articles/gamma.md")
            .expect("the articles' findings are withdrawn");
        assert!(gamma.1.diagnostics.is_empty());

        let fixed = "rules.yaml";
        let text = std::fs::read_to_string(root.join(fixed)).unwrap();
        workspace
            .did_change(
                &uri(&root, fixed),
                2,
                vec![lsp_types::TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text,
                }],
                super::super::position::Encoding::Utf16,
            )
            .unwrap();
        let published = workspace.flush();
        let paths: Vec<&str> = published.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["articles/gamma.md", "rules.yaml"]);
    }

    #[test]
    fn sources_outside_the_workspace_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "sources: [articles, ../elsewhere]\nrules: [rules.yaml]\n",
        )
        .unwrap();
        let mut workspace = Workspace::new(dir.path());
        let published = workspace.flush();
        assert_eq!(published.len(), 1);
        let problem = &published[0].1.problems[0];
        assert_eq!(
            problem.message,
            "`../elsewhere` is outside the workspace folder"
        );
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert_eq!(&text[problem.range.clone().unwrap()], "../elsewhere");
    }

    #[test]
    fn a_saved_new_article_joins_the_corpus_and_other_files_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/lsp");
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        for file in [
            "crosscheck.yaml",
            "rules.yaml",
            "articles/alpha.md",
            "articles/beta.md",
            "articles/gamma.md",
        ] {
            std::fs::copy(fixture.join(file), dir.path().join(file)).unwrap();
        }
        let mut workspace = Workspace::new(dir.path());
        workspace.flush();
        let root = lexical(dir.path());

        std::fs::write(root.join("README.md"), "The driver was arrested.\n").unwrap();
        workspace.did_save(&uri(&root, "README.md"), None).unwrap();
        assert!(
            !workspace.pending.reload,
            "a file outside `sources` is no article"
        );

        std::fs::write(
            root.join("articles/delta.md"),
            "---\noutlet: Delta Post\n---\nThe driver was arrested.\n",
        )
        .unwrap();
        workspace
            .did_save(&uri(&root, "articles/delta.md"), None)
            .unwrap();
        let published = workspace.flush();
        assert!(workspace.is_article("articles/delta.md"));
        let gamma = published
            .iter()
            .find(|(path, _)| path == "articles/gamma.md")
            .expect("Gamma's arrest is corroborated now");
        assert_eq!(kinds(&gamma.1), [Kind::Conflict]);
    }

    #[test]
    fn a_folder_without_configuration_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut workspace = Workspace::new(dir.path());
        assert!(workspace.flush().is_empty());
        let messages = workspace.take_messages();
        assert!(messages[0].1.contains("no crosscheck.yaml"), "{messages:?}");
    }

    #[test]
    fn paths_are_normalized_without_the_disk() {}

    #[test]
    fn uris_and_paths_round_trip_with_escapes() {
        let path = Path::new("/w/story one/café.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///w/story%20one/caf%C3%A9.md");
        assert_eq!(path_of(&uri).unwrap(), path);
        assert_eq!(path_of(&"untitled:Untitled-1".parse().unwrap()), None);
    }

    #[test]
    fn documents_outside_the_folder_are_refused() {
        let workspace = Workspace::new(Path::new("/w/project"));
        assert!(workspace
            .resolve(&"file:///w/project/a.md".parse().unwrap())
            .is_ok());
        assert!(workspace
            .resolve(&"file:///w/project/../secret.md".parse().unwrap())
            .is_err());
        assert!(workspace
            .resolve(&"file:///w/project-other/a.md".parse().unwrap())
            .is_err());
        assert!(workspace
            .resolve(&"file:///etc/passwd".parse().unwrap())
            .is_err());
    }
}
