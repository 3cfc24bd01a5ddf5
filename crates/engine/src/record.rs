//! What reading an article leaves for judging: its record (outlet, story,
//! date, statements, suppression comments), and the file it came from. The
//! records are all the later stages see of the corpus; texts are not kept,
//! so memory stays small.

use std::path::PathBuf;

use crate::accepted::Suppressions;
use crate::paths;
use crate::statements::Statement;

/// An article file found by discovery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Where to read it on disk.
    pub disk: PathBuf,
    /// How reports name it.
    pub shown: String,
    /// Its story under `stories: folder`: the folder, named from the root it
    /// was found under (`gva/404238`).
    pub folder: String,
}

impl SourceFile {
    /// An article that exists only in memory (a rule test's case), named
    /// `name`: its extension gives the format, its stem the default outlet.
    pub fn in_memory(name: &str) -> SourceFile {
        SourceFile {
            disk: PathBuf::from(name),
            shown: name.to_owned(),
            folder: paths::parent_shown(name),
        }
    }
}

/// What one article contributes to the judgement.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRecord {
    /// The article's path as shown.
    pub path: String,
    /// Its outlet: the front matter's `outlet:`, else the config's `outlets:`
    /// glob that matches it, else the file's stem.
    pub outlet: String,
    /// The story it is judged in: the front matter's `story:`, else its
    /// folder (`stories: folder`) or `corpus`.
    pub story: String,
    /// Front-matter `date` as written.
    pub date: Option<String>,
    /// The same date normalized (`YYYY-MM-DD`), for oldest-first ordering.
    pub sort_date: Option<String>,
    /// Sorted by rule index, then text order.
    pub statements: Vec<Statement>,
    /// Its suppression comments and the text they cover.
    pub suppressions: Suppressions,
}

impl ArticleRecord {
    /// Its statements of the rule at index `rule` of the rule set, in text order.
    pub fn statements_of(&self, rule: usize) -> &[Statement] {
        let start = self.statements.partition_point(|s| s.rule < rule);
        let end = self.statements.partition_point(|s| s.rule <= rule);
        &self.statements[start..end]
    }

    /// Its path and suppression comments, as [`crate::accepted`] takes them.
    pub fn suppressions(&self) -> (&str, &Suppressions) {
        (&self.path, &self.suppressions)
    }
}
