//! A lint run end to end: configuration and rules, then the corpus read
//! article by article, then the assertions over all statements. The library
//! never prints; callers render the [`Outcome`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::accepted::comments;
use crate::accepted::{Accepting, Baseline};
use crate::assertions;
use crate::cache::{self, Cache};
use crate::config::{Config, FailOn, StoriesMode};
use crate::corpus;
use crate::diagnostic::{Counts, Diagnostic};
use crate::paths::{self, Input};
use crate::problem::Problem;
use crate::record::ArticleRecord;
use crate::rules::RuleSet;
use crate::statements::{Reader, Strategy};

/// What the command line says about a run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The working directory: relative paths are taken from it, and shown relative to it.
    pub cwd: PathBuf,
    /// The config file (`--config`); without it, `crosscheck.yaml` is looked
    /// for in `cwd` and its ancestors.
    pub config: Option<PathBuf>,
    /// Rule files or folders; when given they replace the config's `rules`.
    pub rules: Vec<PathBuf>,
    /// Articles, folders or globs; when given they replace the config's `sources`.
    pub paths: Vec<String>,
    /// What the assertions are judged over (`--stories`), instead of the config's `stories:`.
    pub stories: Option<StoriesMode>,
    /// The lowest severity that fails the run (`--fail-on`), instead of the config's `fail_on:`.
    pub fail_on: Option<FailOn>,
    /// Only these rules (`--rule`), when given.
    pub only_rules: Vec<String>,
    /// How units are chosen for evaluation; both strategies give the same statements.
    pub strategy: Strategy,
    /// A baseline file whose findings are not reported (`--baseline`).
    pub baseline: Option<PathBuf>,
    /// Keep the statements cache in the configuration's folder (the command line does).
    pub cache: bool,
}

/// The configuration and rules of a run, validated.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The configuration, with `--stories` and `--fail-on` applied.
    pub config: Config,
    /// The rules to run: the config's `overrides:` and `--rule` applied.
    pub rules: RuleSet,
    /// The articles, folders and globs to read, on disk and as shown.
    pub inputs: Vec<Input>,
    /// Every rule id of the rule files, also of rules disabled or not
    /// selected: suppression comments may name them.
    pub known_rules: BTreeSet<String>,
    /// The baseline of `--baseline`, loaded.
    pub baseline: Option<Baseline>,
}

impl Setup {
    /// Reads the configuration and rules; every problem is returned, and a
    /// run with problems lints nothing.
    pub fn load(options: &Options) -> Result<Setup, Vec<Problem>> {
        Setup::load_with(options, &|_| None)
    }

    /// Like [`Setup::load`], with the rule files for which `unsaved` gives a
    /// text compiled from that text (the language server's open buffers).
    pub fn load_with(
        options: &Options,
        unsaved: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<Setup, Vec<Problem>> {
        let mut config = Config::discover(&options.cwd, options.config.as_deref())
            .map_err(|problem| vec![problem])?;
        if let Some(stories) = options.stories {
            config.stories = stories;
        }
        if let Some(fail_on) = options.fail_on {
            config.fail_on = fail_on;
        }
        let (rule_paths, shown_base): (Vec<PathBuf>, String) = if options.rules.is_empty() {
            (
                config
                    .rules
                    .iter()
                    .map(|written| config.resolve(written))
                    .collect(),
                config.shown_base.clone(),
            )
        } else {
            (
                options
                    .rules
                    .iter()
                    .map(|path| options.cwd.join(path))
                    .collect(),
                String::new(),
            )
        };
        let base = if options.rules.is_empty() {
            config.base.clone()
        } else {
            options.cwd.clone()
        };
        let cwd = options.cwd.clone();
        let display = move |path: &Path| paths::shown_under(&cwd, &base, &shown_base, path);
        let mut rules = RuleSet::load_with(&rule_paths, &display, unsaved)?;
        let known_rules = rules.rules.iter().map(|rule| rule.id.clone()).collect();
        apply_overrides(&config, &mut rules)?;
        if !options.only_rules.is_empty() {
            for id in &options.only_rules {
                if rules.get(id).is_none() {
                    return Err(vec![Problem::new(format!(
                        "no rule has the id `{id}` (see `crosscheck rules list`)"
                    ))]);
                }
            }
            rules
                .rules
                .retain(|rule| options.only_rules.contains(&rule.id));
        }
        let inputs = if options.paths.is_empty() {
            config
                .sources
                .iter()
                .map(|written| Input {
                    disk: config.resolve(written),
                    shown: config.show(written),
                })
                .collect()
        } else {
            options
                .paths
                .iter()
                .map(|path| Input {
                    disk: options.cwd.join(path),
                    shown: paths::join_shown("", path),
                })
                .collect()
        };
        let baseline = match &options.baseline {
            Some(path) => Some(
                Baseline::load(&options.cwd.join(path), &path.to_string_lossy())
                    .map_err(|problem| vec![problem])?,
            ),
            None => None,
        };
        Ok(Setup {
            config,
            rules,
            inputs,
            known_rules,
            baseline,
        })
    }

    /// What accepts findings in this run: the config's `ignore:`, the
    /// articles' comments (given to [`Accepting::hide`]) and the baseline.
    pub fn accepting(&self) -> Accepting<'_> {
        Accepting {
            ignore: &self.config.ignore,
            shown_base: &self.config.shown_base,
            baseline: self.baseline.as_ref(),
        }
    }

    /// Where the statements cache lives: beside the configuration, else in
    /// the working directory.
    pub fn cache_folder(&self) -> PathBuf {
        self.config.base.join(cache::FOLDER)
    }
}

fn apply_overrides(config: &Config, rules: &mut RuleSet) -> Result<(), Vec<Problem>> {
    let unknown: Vec<Problem> = config
        .overrides
        .keys()
        .filter(|id| rules.get(id).is_none())
        .map(|id| {
            Problem::new(format!("`overrides` names `{id}`, which no rule has"))
                .in_file(config.file.clone().unwrap_or_default())
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    rules
        .rules
        .retain(|rule| !config.overrides.get(&rule.id).is_some_and(|o| o.disabled));
    for rule in &mut rules.rules {
        if let Some(severity) = config.overrides.get(&rule.id).and_then(|o| o.severity) {
            rule.severity = severity;
        }
    }
    Ok(())
}

/// The result of a run.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// What each article read contributes, in path order.
    pub records: Vec<ArticleRecord>,
    /// Sorted as SPEC §6 says.
    pub diagnostics: Vec<Diagnostic>,
    /// Some article could not be read (exit status 2).
    pub unreadable: bool,
    /// How many findings were hidden as accepted: by comments, `ignore:` or the baseline.
    pub suppressed: usize,
}

impl Outcome {
    /// How many articles were read.
    pub fn sources(&self) -> usize {
        self.records.len()
    }

    /// How many distinct outlets the articles are from.
    pub fn outlets(&self) -> usize {
        self.records
            .iter()
            .map(|record| record.outlet.as_str())
            .collect::<FxHashSet<_>>()
            .len()
    }

    /// Hides the findings `baseline` accepts, as `--baseline` would have.
    pub fn accept(&mut self, baseline: &Baseline, config: &Config) {
        self.suppressed += baseline.apply(&mut self.diagnostics, &config.shown_base);
    }

    /// The diagnostics counted by severity.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }

    /// 2 when an article could not be read, 1 when a diagnostic is at or
    /// above `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        self.exit_code_showing(&self.diagnostics, fail_on)
    }

    /// The same when only `shown` is reported (`--focus`).
    pub fn exit_code_showing(&self, shown: &[Diagnostic], fail_on: FailOn) -> i32 {
        if self.unreadable {
            2
        } else if shown.iter().any(|d| fail_on.fails(d.severity)) {
            1
        } else {
            0
        }
    }
}

/// Reads the corpus and judges it.
pub fn lint(setup: &Setup, strategy: Strategy) -> Outcome {
    lint_cached(setup, strategy, None)
}

/// Reads the corpus and judges it, reusing and updating the statements
/// cache in the folder `cache` (see [`crate::cache`]) when given.
pub fn lint_cached(setup: &Setup, strategy: Strategy, cache: Option<&Path>) -> Outcome {
    let (records, problems) = read(setup, strategy, cache, Shard::WHOLE);
    judge(setup, records, problems)
}

/// One of `count` parts of a corpus (`index` counts from 1): the articles
/// at positions `index - 1`, `index - 1 + count`, … of the sorted list of
/// articles every part finds alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1 to `count`.
    pub index: usize,
    /// How many parts the corpus is cut into.
    pub count: usize,
}

impl Shard {
    /// The whole corpus, as one part.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    fn holds(self, position: usize) -> bool {
        position % self.count == self.index - 1
    }
}

/// Reads the corpus, or one shard of it: each article's record, in path
/// order, and a diagnostic for every input that could not be read (inputs
/// that cannot be walked count in the first shard).
pub fn read(
    setup: &Setup,
    strategy: Strategy,
    cache: Option<&Path>,
    shard: Shard,
) -> (Vec<ArticleRecord>, Vec<Diagnostic>) {
    let reader = Reader::new(&setup.rules, setup.config.date_order, strategy);
    // Walking the corpus, decoding the cache and building the combined
    // automaton are independent, and each takes a while. The automaton is
    // only needed for the articles the cache does not know.
    let ((mut files, mut problems), mut cache) = rayon::join(
        || corpus::discover(&setup.inputs, &setup.config),
        || {
            let cache = cache.map(|folder| Cache::open(folder, &setup.rules, &setup.config));
            if cache.as_ref().is_none_or(Cache::is_empty) {
                reader.prepare();
            }
            cache
        },
    );
    if shard != Shard::WHOLE {
        files = files
            .into_iter()
            .enumerate()
            .filter(|(position, _)| shard.holds(*position))
            .map(|(_, file)| file)
            .collect();
        if shard.index != 1 {
            problems.clear();
        }
    }
    if let Some(cache) = &mut cache {
        cache.pair(&files);
    }
    let (records, unreadable) = corpus::read_all(&files, &setup.config, &reader, cache.as_ref());
    // The cache only saves time: a run whose cache cannot be written is still right.
    let _ = cache.map(|cache| cache.save(&files, &records));
    // Freeing a path and two names per article takes a while; the judging need not wait for it.
    rayon::spawn(move || drop(files));
    problems.extend(unreadable);
    (records, problems)
}

/// The assertions over records already read (or loaded from statements files).
pub fn judge(setup: &Setup, records: Vec<ArticleRecord>, problems: Vec<Diagnostic>) -> Outcome {
    let unreadable = !problems.is_empty();
    let mut diagnostics = assertions::judge(&setup.rules, &records);
    diagnostics.extend(comments::check(
        records.iter().map(|record| &record.suppressions),
        &setup.known_rules,
    ));
    let suppressed = setup.accepting().hide(
        records.iter().map(ArticleRecord::suppressions),
        &mut diagnostics,
    );
    diagnostics.extend(problems);
    Diagnostic::sort(&mut diagnostics);
    Outcome {
        records,
        diagnostics,
        unreadable,
        suppressed,
    }
}
