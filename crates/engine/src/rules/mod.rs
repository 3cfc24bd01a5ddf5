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
    pub source: String,
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
    pub min_sources: Option<usize>,
    pub max_sources: Option<usize>,
    pub agree: bool,
    /// `extract.tolerance`: how far values may differ and still agree.
    pub tolerance: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Extract {
    /// Has a named group `value`.
    pub pattern: Pattern,
    pub kind: ValueKind,
}

/// A place in a rule file, for diagnostics that point into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub path: String,
    pub range: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default)]
pub struct Examples {
    pub states: Vec<Example>,
    pub denies: Vec<Example>,
    pub ignores: Vec<Example>,
}

#[derive(Clone, Debug)]
pub struct Want {
    pub kind: Kind,
    /// The case article it is in; None for `unstated`, which is at the rule.
    pub path: Option<String>,
}

/// A small corpus written inline in a rule, with the diagnostics it must give.
#[derive(Clone, Debug)]
pub struct TestCase {
    pub name: String,
    pub articles: Vec<(String, String)>,
    pub want: Vec<Want>,
    /// The case's `name` in its file.
    pub origin: Origin,
}

/// Which stories a rule applies to.
#[derive(Clone, Debug)]
pub struct Stories {
    pub globs: Vec<String>,
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
    pub scope: Scope,
    pub case: Case,
    pub all: Vec<Pattern>,
    pub any: Vec<Pattern>,
    pub not: Vec<Pattern>,
    pub deny: Vec<Pattern>,
    pub negation: Negation,
    pub extract: Option<Extract>,
    /// `expect.when_mentioned`: the topic whose mentions are statements too.
    pub when_mentioned: Option<Pattern>,
    pub stories: Option<Stories>,
}

impl Matching {
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

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub claim: String,
    pub severity: Severity,
    pub matching: Matching,
    pub expect: Expect,
    pub message: Option<String>,
    pub examples: Examples,
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
    pub path: String,
    pub text: String,
}

/// Every rule of a run, in file order, and the files they came from.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
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

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }

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
