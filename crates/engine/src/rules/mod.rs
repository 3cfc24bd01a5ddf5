//! Rules: YAML files of checkable claims (SPEC §3), loaded, validated and
//! compiled. Every error points at its place in the rule file.

mod compile;
mod locate;
mod raw;

use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::GlobSet;
use regex::Regex;
use serde::{Serialize, Serializer};

use crate::diagnostic::{Kind, Severity};
use crate::problem::Problem;
use crate::values::ValueKind;
use crate::wording::outlets;

pub use locate::{Locator, Step};
pub use raw::{Case, Negation, Scope};

/// A compiled regular expression with the text it was written as.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The pattern as written in the rule file.
    pub source: String,
    /// The pattern compiled, case-insensitive unless the rule says `case: sensitive`.
    pub regex: Regex,
}

/// As its source: the regex is compiled from it and the rule's `case`.
impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source)
    }
}

/// What `expect:` asks of a rule's statements, judged afresh every run.
#[derive(Clone, Debug, Default)]
pub struct Expect {
    /// `min_sources`: at least this many outlets of a story must state the claim.
    pub min_sources: Option<usize>,
    /// `max_sources`: at most this many outlets of a story may state it (`0` forbids it).
    pub max_sources: Option<usize>,
    /// `agree: true`: every value extracted must agree within `tolerance`.
    pub agree: bool,
    /// `extract.tolerance`: how far values may differ and still agree.
    pub tolerance: f64,
}

/// `extract:`: how a statement's value is pulled out and read.
#[derive(Clone, Debug, Serialize)]
pub struct Extract {
    /// Has a named group `value`.
    pub pattern: Pattern,
    /// How the value is read and compared (`number`, `percent`, `date`, …).
    pub kind: ValueKind,
}

/// A place in a rule file, for diagnostics that point into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The rule file, as shown to the user.
    pub path: String,
    /// Byte offsets of the place in the file's text.
    pub range: Range<usize>,
}

/// One sentence of a rule's `examples:`, checked by `crosscheck rules test`.
#[derive(Clone, Debug)]
pub struct Example {
    /// The example's text, as written.
    pub text: String,
    /// Where the example is in its rule file.
    pub origin: Origin,
}

/// A rule's `examples:`: texts the rule must read as stating, denying or
/// neither, checked by `crosscheck rules test`.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    /// Texts that must state the claim.
    pub states: Vec<Example>,
    /// Texts that must deny it.
    pub denies: Vec<Example>,
    /// Texts that must neither state nor deny it.
    pub ignores: Vec<Example>,
}

/// One diagnostic a test case must give (`want:`).
#[derive(Clone, Debug)]
pub struct Want {
    /// Its kind.
    pub kind: Kind,
    /// The case article it is in; None for `unstated`, which is at the rule.
    pub path: Option<String>,
}

/// A small corpus written inline in a rule, with the diagnostics it must give.
#[derive(Clone, Debug)]
pub struct TestCase {
    /// The case's `name`, which a failure is shown at.
    pub name: String,
    /// The case's `articles:`: each article's path and text, in the order written.
    pub articles: Vec<(String, String)>,
    /// The diagnostics the case must give, and no others.
    pub want: Vec<Want>,
    /// The case's `name` in its file.
    pub origin: Origin,
}

/// Which stories a rule applies to.
#[derive(Clone, Debug)]
pub struct Stories {
    /// The rule's `stories:` globs, as written.
    pub globs: Vec<String>,
    /// The globs, compiled.
    pub set: GlobSet,
}

/// As its globs, which the set is built from.
impl Serialize for Stories {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.globs.serialize(serializer)
    }
}

/// Everything of a rule that decides its statements: which articles it
/// reads, which units state, deny or mention its claim, and the values they
/// give. Statements are found from this alone, and the statements cache is
/// keyed by it serialized whole, so a field added here renews caches by
/// itself and a field elsewhere cannot leave them stale.
#[derive(Clone, Debug, Serialize)]
pub struct Matching {
    /// `scope:`: the unit a statement is found in.
    pub scope: Scope,
    /// `case:`: whether the patterns match case-sensitively.
    pub case: Case,
    /// `match.all`: patterns that must all match in a unit.
    pub all: Vec<Pattern>,
    /// `match.any` (and `pattern:`): patterns of which at least one must match.
    pub any: Vec<Pattern>,
    /// `match.not`: patterns of which none may match.
    pub not: Vec<Pattern>,
    /// `deny:`: patterns of units that state the opposite of the claim.
    pub deny: Vec<Pattern>,
    /// `negation:`: whether a negation cue before a match turns a statement into a denial.
    pub negation: Negation,
    /// `extract:`: the value each statement gives, if the rule reads one.
    pub extract: Option<Extract>,
    /// `expect.when_mentioned`: the topic whose mentions are statements too.
    pub when_mentioned: Option<Pattern>,
    /// `stories:`: the stories the rule applies to; `None` for every story.
    pub stories: Option<Stories>,
}

impl Matching {
    /// Whether the rule applies to the story named `story`.
    pub fn applies_to(&self, story: &str) -> bool {
        self.stories
            .as_ref()
            .is_none_or(|stories| stories.set.is_match(story))
    }

    /// Whether a unit states the claim through `match` (else through `extract`).
    pub fn has_match(&self) -> bool {
        !self.all.is_empty() || !self.any.is_empty()
    }
}

/// One checkable claim of a rule file (SPEC §3), compiled.
#[derive(Clone, Debug)]
pub struct Rule {
    /// `id`: unique across all rule files, kebab-case.
    pub id: String,
    /// `claim`: the claim in plain words.
    pub claim: String,
    /// `severity:`, after the config's `overrides:` (default `warning`).
    pub severity: Severity,
    /// Everything that decides the rule's statements.
    pub matching: Matching,
    /// `expect:`: the assertions its statements are judged by.
    pub expect: Expect,
    /// `message:`: the template of its diagnostics' messages, if it has one.
    pub message: Option<String>,
    /// `examples:`: texts it must state, deny or ignore.
    pub examples: Examples,
    /// `cases:`: small corpora and the diagnostics each must give.
    pub cases: Vec<TestCase>,
    /// The rule's `id` in its file.
    pub origin: Origin,
}

impl Rule {
    /// What the rule expects of every story it applies to, in words: one
    /// phrase per assertion of `expect:`, then the contradiction check that
    /// always holds.
    pub fn expectations(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(min) = self.expect.min_sources {
            out.push(format!("stated by at least {}", outlets(min)));
        }
        match self.expect.max_sources {
            Some(0) => out.push("stated by no outlet".to_owned()),
            Some(max) => out.push(format!("stated by at most {}", outlets(max))),
            None => {}
        }
        if self.expect.agree {
            let tolerance = self.expect.tolerance;
            let within = if tolerance > 0.0 {
                format!(" (within {tolerance})")
            } else {
                String::new()
            };
            out.push(format!("every outlet gives the same value{within}"));
        }
        if let Some(topic) = &self.matching.when_mentioned {
            out.push(format!(
                "stated by every outlet that mentions `{}`",
                topic.source
            ));
        }
        out.push("denied by no outlet when another states it".to_owned());
        out
    }

    /// The kinds of diagnostic `lint` may report of this rule, one per
    /// assertion of `expect:` and the contradiction check, in [`Kind::ALL`] order.
    pub fn kinds(&self) -> Vec<Kind> {
        let expect = &self.expect;
        Kind::ALL
            .into_iter()
            .filter(|kind| match kind {
                Kind::Uncorroborated | Kind::Unstated => expect.min_sources.is_some(),
                Kind::Overstated => expect.max_sources.is_some(),
                Kind::Conflict => expect.agree,
                Kind::Missing => self.matching.when_mentioned.is_some(),
                Kind::Contradiction => true,
                // Not findings of a rule: crosscheck's input, and `rules test`.
                Kind::Unreadable | Kind::InvalidSuppression | Kind::TestFailure => false,
            })
            .collect()
    }
}

/// A rule file as read, kept to show diagnostics that point into it.
#[derive(Clone, Debug)]
pub struct RuleFile {
    /// The file, as shown to the user.
    pub path: String,
    /// Its whole text, as read from disk or from an editor's buffer.
    pub text: String,
}

/// Every rule of a run, in file order, and the files they came from.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    /// Every rule, in file order, then in order within each file.
    pub rules: Vec<Rule>,
    /// Every rule file read, in path order.
    pub files: Vec<RuleFile>,
}

/// The most rules a run reads. More is a runaway or hostile rule set: each
/// rule compiles its patterns, which costs time and memory before any
/// article is read.
pub const MAX_RULES: usize = 1000;

/// Placeholders a `message` template may use.
pub const TEMPLATE_FIELDS: [&str; 7] = [
    "claim", "id", "count", "needed", "value", "majority", "outlets",
];

impl RuleSet {
    /// Loads rule files and folders (`.yaml`/`.yml`, folders searched
    /// recursively, files in path order). `display` turns a file path into
    /// the path shown to the user; a file for which `unsaved` gives a text is
    /// compiled from that text instead of the disk (an editor's buffer). All
    /// problems are collected.
    pub fn load_with(
        inputs: &[PathBuf],
        display: &dyn Fn(&Path) -> String,
        unsaved: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<RuleSet, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut files = Vec::new();
        for input in inputs {
            match rule_files(input) {
                Ok(paths) => files.extend(paths),
                Err(problem) => problems.push(problem.in_file(display(input))),
            }
        }
        let mut set = RuleSet::default();
        for path in files {
            let shown = display(&path);
            match unsaved(&path).map_or_else(|| crate::yaml::read_file(&path, "rule file"), Ok) {
                Ok(text) => set.files.push(RuleFile { path: shown, text }),
                Err(problem) => problems.push(problem.in_file(shown)),
            }
        }
        let mut room = MAX_RULES;
        for file in &set.files {
            match compile::compile_file(file, &mut room) {
                Ok(rules) => set.rules.extend(rules),
                Err(errors) => problems.extend(errors),
            }
        }
        problems.extend(compile::duplicate_ids(&set.rules, &set.files));
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(problems)
        }
    }

    /// Compiles rules from text (rule tests, the language server).
    pub fn from_text(path: &str, text: &str) -> Result<RuleSet, Vec<Problem>> {
        let file = RuleFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        let mut room = MAX_RULES;
        let rules = compile::compile_file(&file, &mut room)?;
        let duplicates = compile::duplicate_ids(&rules, std::slice::from_ref(&file));
        if !duplicates.is_empty() {
            return Err(duplicates);
        }
        Ok(RuleSet {
            rules,
            files: vec![file],
        })
    }

    /// The rule with the id `id`, if any.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// The rule file shown as `path`, if any.
    pub fn file(&self, path: &str) -> Option<&RuleFile> {
        self.files.iter().find(|file| file.path == path)
    }
}

fn rule_files(input: &Path) -> Result<Vec<PathBuf>, Problem> {
    let metadata = std::fs::metadata(input)
        .map_err(|error| Problem::new(format!("cannot read rules: {error}")))?;
    if metadata.is_file() {
        return Ok(vec![input.to_path_buf()]);
    }
    let mut paths = Vec::new();
    for entry in ignore::WalkBuilder::new(input)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .build()
    {
        let entry = entry.map_err(|error| Problem::new(format!("cannot read rules: {error}")))?;
        let path = entry.path();
        let is_yaml = path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml");
        if is_yaml && entry.file_type().is_some_and(|kind| kind.is_file()) {
            paths.push(path.to_path_buf());
        }
    }
    paths.sort();
    Ok(paths)
}
