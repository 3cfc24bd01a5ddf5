//! `crosscheck.yaml` (SPEC §4): found in the working directory or an
//! ancestor, or named with `--config`. Paths in it are relative to its folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::accepted::Ignore;
use crate::choice::Choice;
use crate::diagnostic::Severity;
use crate::paths::{self, join_shown, shown_dir, shown_path};
use crate::problem::{offset_of, Problem};
use crate::rules::{Locator, Step};
use crate::values::DateOrder;

/// The name of the config file that [`Config::discover`] looks for.
pub const FILE_NAME: &str = "crosscheck.yaml";

/// The lowest severity that makes the run fail (exit 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only (the default).
    #[default]
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any diagnostic.
    Note,
    /// Never fail because of diagnostics.
    Never,
}

impl Choice for FailOn {
    const ALL: &'static [FailOn] = &[FailOn::Error, FailOn::Warning, FailOn::Note, FailOn::Never];

    fn name(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Note => "note",
            FailOn::Never => "never",
        }
    }

    fn about(self) -> &'static str {
        ""
    }
}

impl FailOn {
    /// Whether a diagnostic of `severity` makes the run fail.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Note => true,
            FailOn::Never => false,
        }
    }
}

/// What the assertions are judged over (SPEC §1 "story").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoriesMode {
    /// The whole corpus is one story.
    #[default]
    Corpus,
    /// Each folder that holds articles is its own story.
    Folder,
}

impl Choice for StoriesMode {
    const ALL: &'static [StoriesMode] = &[StoriesMode::Corpus, StoriesMode::Folder];

    fn name(self) -> &'static str {
        match self {
            StoriesMode::Corpus => "corpus",
            StoriesMode::Folder => "folder",
        }
    }

    fn about(self) -> &'static str {
        match self {
            StoriesMode::Corpus => "The whole corpus is one story.",
            StoriesMode::Folder => "Each folder that holds articles is its own story.",
        }
    }
}

/// The config's `overrides:` entry for one rule id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The severity to report the rule's findings at, instead of the rule's own.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Whether the rule is left out of the run altogether.
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    sources: Option<Vec<String>>,
    #[serde(default)]
    rules: Option<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    outlets: serde_yaml::Mapping,
    #[serde(default)]
    fail_on: FailOn,
    #[serde(default)]
    date_order: DateOrder,
    #[serde(default)]
    stories: StoriesMode,
    #[serde(default)]
    overrides: BTreeMap<String, Override>,
    #[serde(default)]
    ignore: Vec<RawIgnore>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: String,
    rule: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// A configuration, with every path resolved.
#[derive(Clone, Debug)]
pub struct Config {
    /// The config file, as shown to the user; None when there is none.
    pub file: Option<String>,
    /// The folder paths in the config are relative to, on disk.
    pub base: PathBuf,
    /// The same folder as shown to the user: "" for the working directory.
    pub shown_base: String,
    /// `sources:`: article files, folders or globs, as written (default `seeds`).
    pub sources: Vec<String>,
    /// `rules:`: rule files or folders, as written (default `rules`).
    pub rules: Vec<String>,
    /// `exclude:`: globs of articles to leave out.
    pub exclude: GlobSet,
    /// `outlets:`: path globs and the outlet of the files they match, in the
    /// file's order; front matter wins over them.
    pub outlets: Vec<(GlobMatcher, String)>,
    /// `fail_on:`: the lowest severity that makes the run fail.
    pub fail_on: FailOn,
    /// `date_order:`: how slash dates such as `3/4/2024` read.
    pub date_order: DateOrder,
    /// `stories:`: what the assertions are judged over.
    pub stories: StoriesMode,
    /// `overrides:`: changes to rules, by rule id.
    pub overrides: BTreeMap<String, Override>,
    /// `ignore:`: accepted findings, by file, rule and exact text.
    pub ignore: Vec<Ignore>,
}

impl Config {
    /// The config named by `explicit`, else `crosscheck.yaml` in `cwd` or its
    /// nearest ancestor, else the defaults (sources `seeds/`, rules `rules/`).
    pub fn discover(cwd: &Path, explicit: Option<&Path>) -> Result<Config, Problem> {
        let found = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => cwd
                .ancestors()
                .map(|dir| dir.join(FILE_NAME))
                .find(|path| path.is_file()),
        };
        match found {
            Some(path) => {
                let shown = shown_path(cwd, &path);
                let text = crate::yaml::read_file(&path, "configuration")
                    .map_err(|problem| problem.in_file(&shown))?;
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let base = if base.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    base
                };
                let shown_base = shown_dir(cwd, &base);
                Config::parse(&text, &shown, base, shown_base)
            }
            None => Config::parse("{}", "", cwd.to_path_buf(), String::new()),
        }
    }

    fn parse(
        text: &str,
        shown: &str,
        base: PathBuf,
        shown_base: String,
    ) -> Result<Config, Problem> {
        crate::yaml::check_limits(text).map_err(|error| {
            let start = offset_of(text, error.line, error.column);
            Problem::new(format!("invalid configuration: {}", error.message))
                .in_file(shown)
                .at(start..start, "here")
        })?;
        let raw: RawConfig = match serde_yaml::from_str::<Option<RawConfig>>(text) {
            Ok(Some(raw)) => raw,
            Ok(None) => serde_yaml::from_str("{}").expect("an empty config is valid"),
            Err(error) => {
                let problem = Problem::new(format!(
                    "invalid configuration: {}",
                    error
                        .to_string()
                        .split(" at line ")
                        .next()
                        .unwrap_or_default()
                ))
                .in_file(shown);
                return Err(match error.location() {
                    Some(location) => {
                        let start = offset_of(text, location.line(), location.column());
                        let end = text[start..]
                            .find('\n')
                            .map_or(text.len(), |len| start + len);
                        problem.at(start..end, "here")
                    }
                    None => problem,
                });
            }
        };
        let locator = Locator::new(text);
        let glob_problem = |path: &[Step], error: globset::Error| {
            Problem::new("invalid glob")
                .in_file(shown)
                .at(locator.value(path), error.kind().to_string())
        };

        let mut exclude = GlobSetBuilder::new();
        for (index, pattern) in raw.exclude.iter().enumerate() {
            exclude.add(Glob::new(pattern).map_err(|error| {
                glob_problem(&[Step::Key("exclude"), Step::Index(index)], error)
            })?);
        }
        let mut outlets = Vec::new();
        for (key, value) in &raw.outlets {
            let (Some(pattern), Some(outlet)) = (key.as_str(), value.as_str()) else {
                return Err(Problem::new(
                    "`outlets` maps path globs to outlet names (both strings)",
                )
                .in_file(shown)
                .at(locator.value(&[Step::Key("outlets")]), "here"));
            };
            let glob = Glob::new(pattern).map_err(|error| {
                glob_problem(&[Step::Key("outlets"), Step::Key(pattern)], error)
            })?;
            outlets.push((glob.compile_matcher(), outlet.to_owned()));
        }
        let mut ignore = Vec::new();
        for (index, entry) in raw.ignore.into_iter().enumerate() {
            let glob = Glob::new(&entry.path).map_err(|error| {
                glob_problem(
                    &[Step::Key("ignore"), Step::Index(index), Step::Key("path")],
                    error,
                )
            })?;
            ignore.push(Ignore {
                path: glob.compile_matcher(),
                rule: entry.rule,
                text: entry.text,
                reason: entry.reason.unwrap_or_default(),
            });
        }
        Ok(Config {
            file: (!shown.is_empty()).then(|| shown.to_owned()),
            base,
            shown_base,
            sources: raw.sources.unwrap_or_else(|| vec!["seeds".into()]),
            rules: raw.rules.unwrap_or_else(|| vec!["rules".into()]),
            exclude: exclude.build().map_err(|error| {
                Problem::new(format!("invalid exclude globs: {error}")).in_file(shown)
            })?,
            outlets,
            fail_on: raw.fail_on,
            date_order: raw.date_order,
            stories: raw.stories,
            overrides: raw.overrides,
            ignore,
        })
    }

    /// A path written in the config, on disk.
    pub fn resolve(&self, written: &str) -> PathBuf {
        self.base.join(written)
    }

    /// A path written in the config, as shown to the user.
    pub fn show(&self, written: &str) -> String {
        join_shown(&self.shown_base, written)
    }

    /// The path of a shown path relative to the config's folder, which is
    /// what the config's globs are written against.
    pub fn relative<'a>(&self, shown: &'a str) -> &'a str {
        paths::relative(&self.shown_base, shown)
    }

    /// Whether `exclude:` leaves out the file at the shown path `shown`.
    pub fn is_excluded(&self, shown: &str) -> bool {
        // Even an empty set builds a candidate path for each question.
        !self.exclude.is_empty()
            && (self.exclude.is_match(shown) || self.exclude.is_match(self.relative(shown)))
    }

    /// The outlet the config gives a file, if any.
    pub fn outlet_of(&self, shown: &str) -> Option<&str> {
        let relative = self.relative(shown);
        self.outlets
            .iter()
            .find(|(glob, _)| glob.is_match(relative) || glob.is_match(shown))
            .map(|(_, outlet)| outlet.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let config = Config::parse("{}", "", PathBuf::from("."), String::new()).unwrap();
        assert_eq!(config.sources, ["seeds"]);
        assert_eq!(config.rules, ["rules"]);
        assert_eq!(config.fail_on, FailOn::Error);
    }

    #[test]
    fn reads_every_key() {
        let text = "sources: [seeds]\nrules: [rules]\nexclude: ['**/drafts/**']\noutlets: { 'seeds/002_*': Westlaw }\nfail_on: warning\ndate_order: mdy\nstories: folder\noverrides: { a: { severity: error }, b: { disabled: true } }\nignore: [{ path: 'seeds/*', rule: a, text: x, reason: accepted }]\n";
        let config =
            Config::parse(text, "crosscheck.yaml", PathBuf::from("."), String::new()).unwrap();
        assert!(config.is_excluded("seeds/drafts/x.md"));
        assert_eq!(config.outlet_of("seeds/002_34ba.txt"), Some("Westlaw"));
        assert_eq!(config.fail_on, FailOn::Warning);
        assert_eq!(config.date_order, DateOrder::Mdy);
        assert_eq!(config.stories, StoriesMode::Folder);
        assert!(config.overrides["b"].disabled);
        assert_eq!(config.ignore[0].reason, "accepted");
    }

    #[test]
    fn unknown_keys_point_at_their_line() {
        let text = "sources: [seeds]\nfail_no: error\n";
        let problem =
            Config::parse(text, "crosscheck.yaml", PathBuf::from("."), String::new()).unwrap_err();
        assert!(
            problem.message.contains("unknown field `fail_no`"),
            "{}",
            problem.message
        );
        assert_eq!(&text[problem.range.unwrap()], "fail_no: error");
    }
}
