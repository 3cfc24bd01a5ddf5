//! Validation and compilation of one rule file: every mistake becomes a
//! [`Problem`] at the key or pattern at fault.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use globset::{Glob, GlobSetBuilder};
use rayon::prelude::*;
use regex::RegexBuilder;

use super::locate::{Locator, Step};
use super::raw::{Case, RawCase, RawExpect, RawExtract, RawFile, RawMatch, RawRule};
use super::{
    Example, Examples, Expect, Extract, Matching, Origin, Pattern, Rule, RuleFile, Stories,
    TestCase, Want, MAX_RULES, TEMPLATE_FIELDS,
};
use crate::article::Markup;
use crate::diagnostic::{Kind, Severity};
use crate::problem::{offset_of, Problem};
use crate::values::ValueKind;

/// The kinds a rule test case may want: those the assertions give.
const ASSERTION_KINDS: [Kind; 6] = [
    Kind::Uncorroborated,
    Kind::Unstated,
    Kind::Overstated,
    Kind::Conflict,
    Kind::Missing,
    Kind::Contradiction,
];

/// Regexes larger than this once compiled are refused (hostile rule files).
const REGEX_SIZE_LIMIT: usize = 10 * 1024 * 1024;

/// Compiles the rules of one file; `room` is how many more rules the run
/// may read (see [`MAX_RULES`]), and shrinks by this file's count.
pub(super) fn compile_file(file: &RuleFile, room: &mut usize) -> Result<Vec<Rule>, Vec<Problem>> {
    crate::yaml::check_limits(&file.text).map_err(|error| {
        let start = offset_of(&file.text, error.line, error.column);
        let end = file.text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        vec![
            Problem::new(format!("invalid rule file: {}", error.message))
                .in_file(&file.path)
                .at(start..end, "here"),
        ]
    })?;
    let locator = Locator::new(&file.text);
    let raw: RawFile =
        serde_yaml::from_str(&file.text).map_err(|error| shape_problems(file, &locator, &error))?;
    if raw.rules.len() > *room {
        let id = locator.value(&[Step::Key("rules"), Step::Index(*room), Step::Key("id")]);
        return Err(vec![Problem::new(format!(
            "too many rules: a run reads at most {MAX_RULES}"
        ))
        .in_file(&file.path)
        .at(id, "the first rule past the limit")
        .with_note("split the corpus and its rules into smaller runs")]);
    }
    *room -= raw.rules.len();
    // Building the regexes is most of the start-up time of a run: the rules
    // are compiled in parallel, their problems kept in rule order.
    let compiled: Vec<(Option<Rule>, Vec<Problem>)> = raw
        .rules
        .into_par_iter()
        .enumerate()
        .map(|(index, raw_rule)| {
            let mut problems = Vec::new();
            let rule = RuleCompiler {
                file,
                locator: &locator,
                index,
                problems: &mut problems,
            }
            .compile(raw_rule);
            (rule, problems)
        })
        .collect();
    let mut rules = Vec::with_capacity(compiled.len());
    let mut problems = Vec::new();
    for (rule, rule_problems) in compiled {
        rules.extend(rule);
        problems.extend(rule_problems);
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}

/// A problem for every rule id already used by an earlier rule.
pub(super) fn duplicate_ids(rules: &[Rule], files: &[RuleFile]) -> Vec<Problem> {
    let place = |origin: &super::Origin| match files.iter().find(|file| file.path == origin.path) {
        Some(file) => {
            let (line, column) =
                crate::span::LineIndex::new(&file.text).position(&file.text, origin.range.start);
            format!("{}:{line}:{column}", origin.path)
        }
        None => origin.path.clone(),
    };
    let mut first: HashMap<&str, &Rule> = HashMap::new();
    let mut problems = Vec::new();
    for rule in rules {
        match first.get(rule.id.as_str()) {
            Some(earlier) => problems.push(
                Problem::new(format!("duplicate rule id `{}`", rule.id))
                    .in_file(&rule.origin.path)
                    .at(rule.origin.range.clone(), "used again here")
                    .with_note(format!("first defined at {}", place(&earlier.origin))),
            ),
            None => {
                first.insert(&rule.id, rule);
            }
        }
    }
    problems
}

/// Why a rule file does not have the shape of SPEC §3. serde stops at the
/// first mistake, so when the file is a list of rules each rule is also read
/// alone, from its own text, and every rule's first mistake is reported.
fn shape_problems(file: &RuleFile, locator: &Locator, error: &serde_yaml::Error) -> Vec<Problem> {
    let Ok(loose) = serde_yaml::from_str::<LooseFile>(&file.text) else {
        return vec![yaml_problem(file, error)];
    };
    let problems: Vec<Problem> = loose
        .rules
        .into_iter()
        .enumerate()
        .filter(|(_, rule)| serde_yaml::from_value::<RawRule>(rule.clone()).is_err())
        .filter_map(|(index, _)| {
            rule_problem(
                file,
                locator.value(&[Step::Key("rules"), Step::Index(index)]),
                index,
            )
        })
        .collect();
    if problems.is_empty() {
        vec![yaml_problem(file, error)]
    } else {
        problems
    }
}

/// The first mistake of the rule at `range`, read alone: its text, with what
/// precedes it on its line (`  - `) blanked so that offsets stay the file's.
fn rule_problem(file: &RuleFile, range: Range<usize>, index: usize) -> Option<Problem> {
    let line_start = file.text[..range.start]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    let text = format!(
        "{}{}",
        " ".repeat(range.start - line_start),
        file.text.get(range.clone())?
    );
    let error = serde_yaml::from_str::<RawRule>(&text).err()?;
    // serde_yaml names the path inside the rule (`match.all: …`) unless the mistake is in its own mapping.
    let message = strip_location(&error.to_string()).to_owned();
    let inside = message
        .split_once(": ")
        .is_some_and(|(path, _)| !path.is_empty() && !path.contains(' '));
    let separator = if inside { "." } else { ": " };
    let mut problem = Problem::new(format!(
        "invalid rule file: rules[{index}]{separator}{message}"
    ))
    .in_file(&file.path);
    if let Some(place) = error_range(&text, &error) {
        problem = problem.at(place.start + line_start..place.end + line_start, "here");
    }
    Some(problem)
}

/// A rule file read only as far as its list of rules.
#[derive(serde::Deserialize)]
struct LooseFile {
    rules: Vec<serde_yaml::Value>,
}

fn yaml_problem(file: &RuleFile, error: &serde_yaml::Error) -> Problem {
    let problem = Problem::new(format!(
        "invalid rule file: {}",
        strip_location(&error.to_string())
    ))
    .in_file(&file.path);
    match error_range(&file.text, error) {
        Some(range) => problem.at(range, "here"),
        None => problem,
    }
}

/// Where in `text` serde_yaml says `error` is: to the end of its line or key.
fn error_range(text: &str, error: &serde_yaml::Error) -> Option<Range<usize>> {
    let location = error.location()?;
    let start = offset_of(text, location.line(), location.column());
    let end = text[start..]
        .find(['\n', ':'])
        .map_or(text.len(), |len| start + len.max(1));
    let end = (start..=end)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    Some(start..end)
}

/// serde_yaml appends " at line L column C"; the label shows the place instead.
fn strip_location(message: &str) -> &str {
    message
        .find(" at line ")
        .map_or(message, |at| &message[..at])
}

/// A rule's `match:`, `pattern:` and `deny:` patterns, compiled.
struct MatchPatterns {
    all: Vec<Pattern>,
    any: Vec<Pattern>,
    not: Vec<Pattern>,
    deny: Vec<Pattern>,
}

struct RuleCompiler<'a> {
    file: &'a RuleFile,
    locator: &'a Locator,
    index: usize,
    problems: &'a mut Vec<Problem>,
}

impl RuleCompiler<'_> {
    /// The rule `raw`, or None when it has problems. Every problem is
    /// reported, in the order of the checks below, before giving up.
    fn compile(&mut self, mut raw: RawRule) -> Option<Rule> {
        let before = self.problems.len();
        self.check_names(&raw);
        let case = raw.case.unwrap_or_default();
        let raw_match = raw.matcher.take().unwrap_or_default();
        let MatchPatterns {
            all,
            any,
            not,
            deny,
        } = self.match_patterns(&raw_match, &raw, case);
        let tolerance = raw
            .extract
            .as_ref()
            .and_then(|extract| extract.tolerance)
            .unwrap_or(0.0);
        let extract = raw
            .extract
            .as_ref()
            .and_then(|extract| self.extract(extract, tolerance, case));
        self.check_stated(&raw_match, &raw);
        let raw_expect = raw.expect.unwrap_or_default();
        let when_mentioned = self.when_mentioned(&raw_expect, case);
        let agree = raw_expect.agree.unwrap_or(false);
        self.check_expect(&raw_expect, agree, raw.extract.is_some());
        let stories = raw
            .stories
            .as_ref()
            .and_then(|globs| self.stories(&globs.0));
        if let Some(message) = &raw.message {
            self.check_message(message);
        }
        let examples = raw.examples.as_ref().map(|examples| Examples {
            states: self.examples(&examples.states, "states"),
            denies: self.examples(&examples.denies, "denies"),
            ignores: self.examples(&examples.ignores, "ignores"),
        });
        let cases = raw
            .cases
            .into_iter()
            .enumerate()
            .map(|(index, case)| self.case(index, case))
            .collect();

        if self.problems.len() > before {
            return None;
        }
        Some(Rule {
            origin: self.origin(&[Step::Key("id")]),
            id: raw.id,
            claim: raw.claim.trim().to_owned(),
            severity: raw.severity.unwrap_or(Severity::Warning),
            matching: Matching {
                scope: raw.scope.unwrap_or_default(),
                case,
                all,
                any,
                not,
                deny,
                negation: raw.negation.unwrap_or_default(),
                extract,
                when_mentioned,
                stories,
            },
            expect: Expect {
                min_sources: raw_expect.min_sources,
                max_sources: raw_expect.max_sources,
                agree,
                tolerance,
            },
            message: raw.message,
            examples: examples.unwrap_or_default(),
            cases,
        })
    }

    /// Reports an id that is not kebab-case and an empty claim.
    fn check_names(&mut self, raw: &RawRule) {
        if !is_kebab_case(&raw.id) {
            self.problem(
                &[Step::Key("id")],
                format!("rule id `{}` is not kebab-case", raw.id),
                "expected lowercase words joined by `-`, like `extension-2032`",
            );
        }
        if raw.claim.trim().is_empty() {
            self.problem(
                &[Step::Key("claim")],
                "the claim is empty".into(),
                "say the claim in plain words",
            );
        }
    }

    /// The `match:` patterns, the top-level `pattern:` (one more of `any`)
    /// and `deny:`, compiled in the order their problems are reported.
    fn match_patterns(&mut self, raw_match: &RawMatch, raw: &RawRule, case: Case) -> MatchPatterns {
        let mut any = self.patterns(
            &raw_match.any.0,
            &[Step::Key("match"), Step::Key("any")],
            case,
        );
        if let Some(pattern) = &raw_match.pattern {
            any.extend(self.pattern(pattern, &[Step::Key("match"), Step::Key("pattern")], case));
        }
        if let Some(pattern) = &raw.pattern {
            any.extend(self.pattern(pattern, &[Step::Key("pattern")], case));
        }
        let all = self.patterns(
            &raw_match.all.0,
            &[Step::Key("match"), Step::Key("all")],
            case,
        );
        let not = self.patterns(
            &raw_match.not.0,
            &[Step::Key("match"), Step::Key("not")],
            case,
        );
        let deny = self.patterns(&raw.deny.0, &[Step::Key("deny")], case);
        MatchPatterns {
            all,
            any,
            not,
            deny,
        }
    }

    /// The `extract:` pattern, which must capture `value`; also checks that
    /// `tolerance` is a number of 0 or more, for a numeric kind.
    fn extract(&mut self, extract: &RawExtract, tolerance: f64, case: Case) -> Option<Extract> {
        let pattern = self.pattern(
            &extract.pattern,
            &[Step::Key("extract"), Step::Key("pattern")],
            case,
        )?;
        if !pattern
            .regex
            .capture_names()
            .any(|name| name == Some("value"))
        {
            self.problem(
                &[Step::Key("extract"), Step::Key("pattern")],
                "the extract pattern has no group named `value`".into(),
                "add `(?P<value>...)` around the value",
            );
        }
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            self.problem(
                &[Step::Key("extract"), Step::Key("tolerance")],
                "tolerance must be a number of 0 or more".into(),
                "here",
            );
        } else if tolerance > 0.0 && extract.kind == ValueKind::Text {
            self.problem(
                &[Step::Key("extract"), Step::Key("tolerance")],
                "tolerance applies to numeric kinds, not `text`".into(),
                "remove it or change `kind`",
            );
        }
        Some(Extract {
            pattern,
            kind: extract.kind,
        })
    }

    /// Reports a rule with no pattern that states the claim (`match: not:`
    /// alone only says what does not).
    fn check_stated(&mut self, raw_match: &RawMatch, raw: &RawRule) {
        // Patterns that failed to compile are already reported; do not also
        // call the rule patternless.
        let written = !raw_match.all.0.is_empty()
            || !raw_match.any.0.is_empty()
            || raw_match.pattern.is_some()
            || raw.pattern.is_some();
        if !written && raw.extract.is_none() {
            let path: &[Step] = if raw_match.not.0.is_empty() {
                &[Step::Key("id")]
            } else {
                &[Step::Key("match")]
            };
            self.problem(
                path,
                "the rule has no pattern that states the claim".into(),
                "add `match:` with `all:` or `any:`, or an `extract:` pattern",
            );
        }
    }

    /// The `expect: when_mentioned:` pattern, if any.
    fn when_mentioned(&mut self, raw_expect: &RawExpect, case: Case) -> Option<Pattern> {
        raw_expect.when_mentioned.as_ref().and_then(|pattern| {
            self.pattern(
                pattern,
                &[Step::Key("expect"), Step::Key("when_mentioned")],
                case,
            )
        })
    }

    /// Reports `agree` without a value to compare, and source bounds that
    /// can never both hold.
    fn check_expect(&mut self, raw_expect: &RawExpect, agree: bool, has_extract: bool) {
        if agree && !has_extract {
            self.problem_at_key(
                &[Step::Key("expect"), Step::Key("agree")],
                "`agree` needs `extract`".into(),
                "there is no value to compare without an `extract:` pattern",
            );
        }
        if let (Some(min), Some(max)) = (raw_expect.min_sources, raw_expect.max_sources) {
            if min > max {
                self.problem(
                    &[Step::Key("expect")],
                    format!("`min_sources: {min}` and `max_sources: {max}` can never both hold"),
                    "here",
                );
            }
        }
    }

    /// Reports each placeholder in `message` that is not a template field.
    fn check_message(&mut self, message: &str) {
        for field in template_fields(message) {
            if !TEMPLATE_FIELDS.contains(&field) {
                self.problem(
                    &[Step::Key("message")],
                    format!("unknown placeholder `{{{field}}}` in message"),
                    &format!(
                        "use one of {}",
                        TEMPLATE_FIELDS.map(|f| format!("{{{f}}}")).join(", ")
                    ),
                );
            }
        }
    }

    fn rule_path<'p>(&self, path: &[Step<'p>]) -> Vec<Step<'p>> {
        [Step::Key("rules"), Step::Index(self.index)]
            .into_iter()
            .chain(path.iter().copied())
            .collect()
    }

    fn origin(&self, path: &[Step]) -> Origin {
        Origin {
            path: self.file.path.clone(),
            range: self.locator.value(&self.rule_path(path)),
        }
    }

    fn problem(&mut self, path: &[Step], message: String, label: &str) {
        let range = self.locator.value(&self.rule_path(path));
        self.problems.push(
            Problem::new(message)
                .in_file(&self.file.path)
                .at(range, label),
        );
    }

    fn problem_at_key(&mut self, path: &[Step], message: String, label: &str) {
        let range = self.locator.key(&self.rule_path(path));
        self.problems.push(
            Problem::new(message)
                .in_file(&self.file.path)
                .at(range, label),
        );
    }

    fn pattern(&mut self, source: &str, path: &[Step], case: Case) -> Option<Pattern> {
        match compile_regex(source, case) {
            Ok(regex) => Some(Pattern {
                source: source.to_owned(),
                regex,
            }),
            Err(error) => {
                self.problem(
                    path,
                    "invalid regular expression".into(),
                    &regex_error_label(&error),
                );
                None
            }
        }
    }

    fn patterns(&mut self, sources: &[String], path: &[Step], case: Case) -> Vec<Pattern> {
        let mut patterns = Vec::new();
        for (index, source) in sources.iter().enumerate() {
            let mut item = path.to_vec();
            item.push(Step::Index(index));
            patterns.extend(self.pattern(source, &item, case));
        }
        patterns
    }

    fn stories(&mut self, globs: &[String]) -> Option<Stories> {
        let mut builder = GlobSetBuilder::new();
        for (index, glob) in globs.iter().enumerate() {
            match Glob::new(glob) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(error) => self.problem(
                    &[Step::Key("stories"), Step::Index(index)],
                    "invalid story glob".into(),
                    &error.kind().to_string(),
                ),
            }
        }
        let set = builder.build().ok()?;
        Some(Stories {
            globs: globs.to_vec(),
            set,
        })
    }

    /// A test case; its articles must be named like article files, and each
    /// wanted diagnostic must be one an assertion gives, in one of them.
    fn case(&mut self, index: usize, case: RawCase) -> TestCase {
        let at = |rest: &[Step<'static>]| {
            [Step::Key("cases"), Step::Index(index)]
                .into_iter()
                .chain(rest.iter().copied())
                .collect::<Vec<_>>()
        };
        for name in case.articles.keys() {
            if Markup::of_path(Path::new(name)).is_none() {
                let path = [at(&[Step::Key("articles")]), vec![Step::Key(name)]].concat();
                self.problem_at_key(
                    &path,
                    format!("case article `{name}` is not an article name"),
                    "end it in .md, .markdown or .txt",
                );
            }
        }
        for (want_index, want) in case.want.iter().enumerate() {
            let place = at(&[Step::Key("want"), Step::Index(want_index)]);
            if !ASSERTION_KINDS.contains(&want.kind) {
                let kinds = ASSERTION_KINDS.map(|kind| kind.as_str()).join(", ");
                self.problem(
                    &[place.as_slice(), &[Step::Key("kind")]].concat(),
                    format!("no assertion gives `{}`", want.kind),
                    &format!("use one of {kinds}"),
                );
            }
            match (&want.path, want.kind) {
                (Some(_), Kind::Unstated) => self.problem_at_key(
                    &[place.as_slice(), &[Step::Key("path")]].concat(),
                    "`unstated` is reported at the rule, not in an article".into(),
                    "leave out `path`",
                ),
                (Some(path), _) if !case.articles.contains_key(path) => self.problem(
                    &[place.as_slice(), &[Step::Key("path")]].concat(),
                    format!("the case has no article `{path}`"),
                    "name one of the case's `articles`",
                ),
                (None, kind) if kind != Kind::Unstated => self.problem(
                    &place,
                    format!("a `{kind}` diagnostic needs the `path` of its article"),
                    "add `path:`",
                ),
                _ => {}
            }
        }
        TestCase {
            name: case.name,
            articles: case.articles.into_iter().collect(),
            want: case
                .want
                .into_iter()
                .map(|want| Want {
                    kind: want.kind,
                    path: want.path,
                })
                .collect(),
            origin: self.origin(&[Step::Key("cases"), Step::Index(index), Step::Key("name")]),
        }
    }

    fn examples(&self, texts: &[String], key: &'static str) -> Vec<Example> {
        texts
            .iter()
            .enumerate()
            .map(|(index, text)| Example {
                text: text.clone(),
                origin: self.origin(&[Step::Key("examples"), Step::Key(key), Step::Index(index)]),
            })
            .collect()
    }
}

/// Compiles a rule pattern the way it is matched: against the normalized
/// view, case-insensitive unless the rule says `case: sensitive`.
pub fn compile_regex(source: &str, case: Case) -> Result<regex::Regex, regex::Error> {
    RegexBuilder::new(source)
        .case_insensitive(case == Case::Insensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

fn regex_error_label(error: &regex::Error) -> String {
    match error {
        regex::Error::Syntax(text) => text
            .lines()
            .last()
            .unwrap_or(text)
            .trim_start_matches("error: ")
            .to_owned(),
        regex::Error::CompiledTooBig(limit) => {
            format!("the compiled pattern is larger than {limit} bytes")
        }
        other => other.to_string(),
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The `{name}` placeholders of a message template.
pub(crate) fn template_fields(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn problems(text: &str) -> Vec<Problem> {
        RuleSet::from_text("rules.yaml", text).expect_err("the rule file should be refused")
    }

    fn pointed_text(text: &str, problem: &Problem) -> String {
        text[problem.range.clone().expect("a place")].to_owned()
    }

    #[test]
    fn a_valid_rule_compiles() {
        let text = "rules:\n  - id: azure-primary\n    claim: Azure is the primary cloud\n    match: { all: ['\\bAzure\\b'], any: [primary] }\n    expect: { min_sources: 2 }\n";
        let set = RuleSet::from_text("rules.yaml", text).unwrap();
        let rule = &set.rules[0];
        assert_eq!(rule.severity, Severity::Warning);
        assert_eq!(rule.expect.min_sources, Some(2));
        assert_eq!(&text[rule.origin.range.clone()], "azure-primary");
        assert!(
            rule.matching.all[0].regex.is_match("AZURE"),
            "case-insensitive by default"
        );
    }

    #[test]
    fn an_invalid_regex_points_at_the_pattern() {
        let text = "rules:\n  - id: r\n    claim: c\n    match:\n      any: ['fine', 'bro(ken']\n";
        let found = problems(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "invalid regular expression");
        assert_eq!(pointed_text(text, &found[0]), "'bro(ken'");
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let text = "rules:\n  - id: r\n    claim: c\n    colour: red\n";
        let found = problems(text);
        assert!(
            found[0].message.contains("unknown field `colour`"),
            "{}",
            found[0].message
        );
        assert_eq!(
            crate::span::LineIndex::new(text)
                .position(text, found[0].range.clone().unwrap().start)
                .0,
            4
        );
    }

    #[test]
    fn every_rule_s_shape_mistake_is_reported_at_its_place() {
        let text = "rules:\n  - id: one\n    claim: One\n    match: { all: 3 }\n  - id: two\n    claim: Two\n    colour: blue\n    pattern: x\n  - id: fine\n    claim: Fine\n    pattern: y\n  - id: three\n    claim: Three\n    scope: chapter\n    pattern: y\n";
        let found = problems(text);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(
            messages[0]
                .starts_with("invalid rule file: rules[0].match.all: invalid type: integer `3`"),
            "{}",
            messages[0]
        );
        assert!(pointed_text(text, &found[0]).starts_with('3'));
        assert!(
            messages[1].starts_with("invalid rule file: rules[1]: unknown field `colour`"),
            "{}",
            messages[1]
        );
        assert_eq!(pointed_text(text, &found[1]), "colour");
        assert!(
            messages[2].starts_with("invalid rule file: rules[3].scope: unknown variant `chapter`"),
            "{}",
            messages[2]
        );
        assert_eq!(pointed_text(text, &found[2]), "chapter");
    }

    #[test]
    fn agree_needs_extract() {
        let text =
            "rules:\n  - id: r\n    claim: c\n    pattern: x\n    expect:\n      agree: true\n";
        let found = problems(text);
        assert_eq!(found[0].message, "`agree` needs `extract`");
        assert_eq!(pointed_text(text, &found[0]), "agree");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let text = "rules:\n  - id: r\n    claim: c\n    pattern: x\n  - id: r\n    claim: d\n    pattern: y\n";
        let found = problems(text);
        assert_eq!(found[0].message, "duplicate rule id `r`");
        assert_eq!(
            found[0].range.clone().unwrap().start,
            text.rfind("r\n    claim: d").unwrap()
        );
    }

    #[test]
    fn bad_yaml_points_at_the_place() {
        let text = "rules:\n  - id: r\n    claim: [unclosed\n";
        let found = problems(text);
        assert!(
            found[0].message.starts_with("invalid rule file"),
            "{}",
            found[0].message
        );
        assert!(found[0].range.is_some());
    }

    #[test]
    fn other_mistakes_are_named() {
        let text = "rules:\n  - id: Not_Kebab\n    claim: c\n    match: { not: [x] }\n    message: '{nope}'\n    extract: { pattern: '\\d+', kind: number, tolerance: -1 }\n";
        let messages: Vec<String> = problems(text).into_iter().map(|p| p.message).collect();
        assert!(messages.iter().any(|m| m.contains("not kebab-case")));
        assert!(messages
            .iter()
            .any(|m| m.contains("no group named `value`")));
        assert!(messages.iter().any(|m| m.contains("tolerance must be")));
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown placeholder `{nope}`")));
    }

    #[test]
    fn a_huge_regex_is_refused() {
        let text = "rules:\n  - id: r\n    claim: c\n    pattern: '\\w{1000}\\w{1000}\\w{1000}'\n";
        let found = problems(text);
        assert_eq!(found[0].message, "invalid regular expression");
    }
}
