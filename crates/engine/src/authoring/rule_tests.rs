//! `crosscheck rules test` (SPEC §3): each rule's `examples`, one unit at a
//! time, and its `cases`, small corpora written inline and judged the way
//! `lint` judges a real one. Every failure is a diagnostic at the example or
//! case in the rule file, with notes that say why.

use std::collections::BTreeMap;

use crate::article::{Article, Markup};
use crate::assertions;
use crate::config::{Config, StoriesMode};
use crate::corpus;
use crate::diagnostic::{Diagnostic, Kind, Severity};
use crate::record::SourceFile;
use crate::rules::{Example, Matching, Origin, Rule, RuleSet, TestCase};
use crate::span::{LineIndex, Span};
use crate::statements::{evaluate_unit, Finding, Reader, StatementKind, Strategy};
use crate::values::{self, DateOrder};

/// What `rules test` found.
#[derive(Debug, Default)]
pub struct TestRun {
    /// How many examples and cases gave what they expect.
    pub passed: usize,
    /// One `test-failure` diagnostic per failing example or case.
    pub failures: Vec<Diagnostic>,
    /// Ids of the rules with neither examples nor cases.
    pub untested: Vec<String>,
}

/// Runs the examples and cases of every rule of `rules`. Case articles are
/// read with `config`'s date order, but none of its outlets or stories:
/// a case is its own small corpus.
pub fn run(rules: &RuleSet, config: &Config) -> TestRun {
    let mut case_config = config.clone();
    case_config.outlets.clear();
    case_config.stories = StoriesMode::Corpus;
    let mut run = TestRun::default();
    for (index, rule) in rules.rules.iter().enumerate() {
        let examples = &rule.examples;
        let expected = [
            (&examples.states, Some(StatementKind::States)),
            (&examples.denies, Some(StatementKind::Denies)),
            (&examples.ignores, None),
        ];
        let mut tests = 0;
        for (list, want) in expected {
            for example in list {
                tests += 1;
                match check_example(&rule.matching, example, want, config.date_order) {
                    Ok(()) => run.passed += 1,
                    Err((message, notes)) => {
                        run.failures
                            .push(failure(rules, rule, &example.origin, message, notes))
                    }
                }
            }
        }
        for case in &rule.cases {
            tests += 1;
            match check_case(rules, index, case, &case_config) {
                Ok(()) => run.passed += 1,
                Err((message, notes)) => {
                    run.failures
                        .push(failure(rules, rule, &case.origin, message, notes))
                }
            }
        }
        if tests == 0 {
            run.untested.push(rule.id.clone());
        }
    }
    run
}

/// Why a test failed: the message and the notes that explain it.
type Failed = (String, Vec<String>);

fn what(kind: Option<StatementKind>) -> &'static str {
    match kind {
        Some(StatementKind::States) => "states the claim",
        Some(StatementKind::Denies) => "denies the claim",
        Some(StatementKind::Mentions) => "mentions the topic",
        None => "says nothing about the claim",
    }
}

/// An example is one unit: the whole text, read as a plain-text article,
/// whatever the rule's scope.
fn check_example(
    rule: &Matching,
    example: &Example,
    want: Option<StatementKind>,
    date_order: DateOrder,
) -> Result<(), Failed> {
    let article = Article::parse(example.text.as_bytes(), Markup::Plain)
        .map_err(|error| (format!("the example cannot be read: {error}"), Vec::new()))?;
    let text = &article.text.text;
    let finding = evaluate_unit(rule, text, 0..text.len());
    let got = finding.as_ref().map(|finding| finding.kind);
    if got != want {
        let expectation = match want {
            Some(StatementKind::States) => "should state the claim",
            Some(_) => "should deny the claim",
            None => "should say nothing about the claim",
        };
        return Err((
            format!("this example {expectation}, but it {}", what(got)),
            reasons(rule, text, finding.as_ref()),
        ));
    }
    if let Some(Finding {
        value: Some((range, kind)),
        ..
    }) = &finding
    {
        if values::parse(*kind, &text[range.clone()], date_order).is_none() {
            let kind = format!("{kind:?}").to_lowercase();
            return Err((
                format!(
                    "this example states the claim, but its value `{}` cannot be read as a {kind}",
                    &text[range.clone()]
                ),
                Vec::new(),
            ));
        }
    }
    Ok(())
}

/// Notes on how the rule read `text`: which pattern made a denial, or why
/// nothing matched.
fn reasons(rule: &Matching, text: &str, finding: Option<&Finding>) -> Vec<String> {
    let shown = |range: &std::ops::Range<usize>| text[range.clone()].to_owned();
    match finding {
        Some(Finding { kind: StatementKind::Denies, range, .. }) => match rule.deny.iter().find(|pattern| pattern.regex.is_match(text)) {
            Some(pattern) => vec![format!("`deny` pattern `{}` matches `{}`", pattern.source, shown(range))],
            None => vec![
                format!("a negation cue stands at most five words before the match: `{}`", shown(range)),
                "help: rephrase the example, or set `negation: off` when such words do not negate this claim".into(),
            ],
        },
        Some(Finding { range, .. }) => vec![format!("matched `{}`", shown(range))],
        None => {
            let mut notes: Vec<String> = rule
                .all
                .iter()
                .filter(|pattern| !pattern.regex.is_match(text))
                .map(|pattern| format!("`all` pattern `{}` does not match", pattern.source))
                .collect();
            if !rule.any.is_empty() && !rule.any.iter().any(|pattern| pattern.regex.is_match(text)) {
                let sources: Vec<&str> = rule.any.iter().map(|pattern| pattern.source.as_str()).collect();
                notes.push(format!("no `any` pattern matches: `{}`", sources.join("`, `")));
            }
            if let Some(extract) = rule.extract.as_ref().filter(|_| !rule.has_match()) {
                if !extract.pattern.regex.is_match(text) {
                    notes.push(format!("the `extract` pattern `{}` does not match", extract.pattern.source));
                }
            }
            if notes.is_empty() {
                notes.extend(
                    rule.not.iter().filter_map(|pattern| pattern.regex.find(text)).map(|found| format!("a `not` pattern matches `{}`", found.as_str())),
                );
            }
            notes.push(format!("the example as matched: \"{text}\""));
            notes
        }
    }
}

/// A case is a small corpus: its articles are read as lint reads files,
/// judged by this rule alone, and must give exactly the wanted (kind, path)
/// diagnostics.
fn check_case(
    rules: &RuleSet,
    index: usize,
    case: &TestCase,
    config: &Config,
) -> Result<(), Failed> {
    let alone = RuleSet {
        rules: vec![rules.rules[index].clone()],
        files: rules.files.clone(),
    };
    let reader = Reader::new(&alone, config.date_order, Strategy::default());
    let mut records = Vec::new();
    for (name, text) in &case.articles {
        let record = corpus::read_one(
            &SourceFile::in_memory(name),
            text.as_bytes(),
            config,
            &reader,
        )
        .map_err(|problem| {
            (
                format!(
                    "case `{}`: article `{name}` cannot be read: {}",
                    case.name, problem.message
                ),
                Vec::new(),
            )
        })?;
        records.push(record);
    }
    let diagnostics = assertions::judge(&alone, &records);
    let mut left: BTreeMap<(Kind, Option<&str>), usize> = BTreeMap::new();
    for want in &case.want {
        *left.entry((want.kind, want.path.as_deref())).or_default() += 1;
    }
    let mut unexpected = Vec::new();
    for diagnostic in &diagnostics {
        let path = (diagnostic.kind != Kind::Unstated).then_some(diagnostic.primary.path.as_str());
        match left.get_mut(&(diagnostic.kind, path)) {
            Some(count) if *count > 0 => *count -= 1,
            _ => unexpected.push(diagnostic),
        }
    }
    let missing: Vec<String> = left
        .iter()
        .flat_map(|((kind, path), count)| std::iter::repeat_n(describe(*kind, *path), *count))
        .map(|want| format!("wanted {want}, not given"))
        .collect();
    if missing.is_empty() && unexpected.is_empty() {
        return Ok(());
    }
    let mut notes = missing;
    notes.extend(unexpected.iter().map(|diagnostic| {
        let path = (diagnostic.kind != Kind::Unstated).then_some(diagnostic.primary.path.as_str());
        format!(
            "gave {} at `{}`: {}",
            describe(diagnostic.kind, path),
            diagnostic.primary.text,
            diagnostic.message
        )
    }));
    let given: Vec<String> = diagnostics
        .iter()
        .map(|diagnostic| {
            describe(
                diagnostic.kind,
                (diagnostic.kind != Kind::Unstated).then_some(diagnostic.primary.path.as_str()),
            )
        })
        .collect();
    notes.push(format!("all it gave: [{}]", given.join(", ")));
    Err((
        format!(
            "case `{}` does not give the diagnostics it wants",
            case.name
        ),
        notes,
    ))
}

/// "`conflict` in c.md", "`unstated`".
fn describe(kind: Kind, path: Option<&str>) -> String {
    match path {
        Some(path) => format!("`{kind}` in {path}"),
        None => format!("`{kind}`"),
    }
}

fn failure(
    rules: &RuleSet,
    rule: &Rule,
    origin: &Origin,
    message: String,
    notes: Vec<String>,
) -> Diagnostic {
    let primary = match rules.file(&origin.path) {
        Some(file) => LineIndex::new(&file.text).span(&file.path, &file.text, origin.range.clone()),
        None => Span {
            path: origin.path.clone(),
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
        rule: rule.id.clone(),
        kind: Kind::TestFailure,
        severity: Severity::Error,
        message,
        claim: rule.claim.clone(),
        primary,
        related: Vec::new(),
        value: None,
        notes,
        suggestion: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_text(text: &str) -> TestRun {
        let rules = RuleSet::from_text("rules.yaml", text).unwrap();
        let config =
            Config::discover(std::path::Path::new("/nonexistent-folder-for-tests"), None).unwrap();
        run(&rules, &config)
    }

    const STAKE: &str = r#"rules:
  - id: stake
    claim: Microsoft keeps a 49% stake
    extract:
      pattern: '(?P<value>\d+\s*(?:%|percent))\s+(?:economic\s+)?(?:interest|stake)'
      kind: percent
    expect: { agree: true }
    examples:
      states: ["Microsoft keeps its 49 percent economic interest."]
      denies: ["Microsoft does not keep a 49% stake."]
      ignores: ["Shares rose 49% on Monday."]
    cases:
      - name: one outlet disagrees
        articles:
          a.md: "Microsoft keeps its 49% economic interest."
          b.txt: "Microsoft keeps its 49 percent economic interest."
          c.md: "---\noutlet: Gazette\n---\nMicrosoft now holds a 27% economic interest."
        want: [{ kind: conflict, path: c.md }]
"#;

    #[test]
    fn passing_examples_and_cases() {
        let run = run_text(STAKE);
        assert!(run.failures.is_empty(), "{:#?}", run.failures);
        assert_eq!(run.passed, 4);
        assert!(run.untested.is_empty());
    }

    #[test]
    fn failing_examples_point_at_themselves_and_say_why() {
        let text = STAKE
            .replace("Shares rose 49% on Monday.", "It holds a 49% stake.")
            .replace(
                "Microsoft does not keep a 49% stake.",
                "Microsoft keeps a 49% stake.",
            )
            .replace(
                "keeps its 49 percent economic interest.\"]",
                "keeps its shares.\"]",
            );
        let run = run_text(&text);
        let messages: Vec<(&str, &str)> = run
            .failures
            .iter()
            .map(|f| (f.primary.text.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "\"Microsoft keeps its shares.\"",
                    "this example should state the claim, but it says nothing about the claim"
                ),
                (
                    "\"Microsoft keeps a 49% stake.\"",
                    "this example should deny the claim, but it states the claim"
                ),
                (
                    "\"It holds a 49% stake.\"",
                    "this example should say nothing about the claim, but it states the claim"
                ),
            ]
        );
        assert!(
            run.failures[0].notes[0].contains("`extract` pattern"),
            "{:?}",
            run.failures[0].notes
        );
        assert_eq!(run.failures[0].primary.line, 9);
        assert!(run
            .failures
            .iter()
            .all(|f| f.kind == Kind::TestFailure && f.severity == Severity::Error));
    }

    #[test]
    fn denials_name_their_cause() {
        let text = "rules:\n  - id: azure\n    claim: Azure is primary\n    match: { all: ['\\bAzure\\b'], any: [primary] }\n    examples:\n      states: [\"Azure will no longer be the primary cloud.\"]\n";
        let run = run_text(text);
        assert_eq!(run.failures.len(), 1);
        assert!(
            run.failures[0].notes[0].contains("no longer be the primary`"),
            "{:?}",
            run.failures[0].notes
        );
    }

    #[test]
    fn a_case_must_give_exactly_what_it_wants() {
        let text = STAKE.replace(
            "want: [{ kind: conflict, path: c.md }]",
            "want: [{ kind: conflict, path: a.md }]",
        );
        let run = run_text(&text);
        assert_eq!(run.failures.len(), 1);
        let failure = &run.failures[0];
        assert_eq!(
            failure.message,
            "case `one outlet disagrees` does not give the diagnostics it wants"
        );
        assert_eq!(failure.primary.text, "one outlet disagrees");
        assert_eq!(failure.notes[0], "wanted `conflict` in a.md, not given");
        assert!(
            failure.notes[1].starts_with("gave `conflict` in c.md at `27%`"),
            "{:?}",
            failure.notes
        );
    }

    #[test]
    fn unstated_is_wanted_without_a_path() {
        let text = "rules:\n  - id: r\n    claim: c\n    pattern: needle\n    expect: { min_sources: 2 }\n    cases:\n      - name: nobody says it\n        articles: { a.md: \"Nothing here.\", b.md: \"Nor here.\" }\n        want: [{ kind: unstated }]\n      - name: one says it\n        articles: { a.md: \"A needle.\", b.md: \"Nothing.\" }\n        want: [{ kind: uncorroborated, path: a.md }]\n";
        let run = run_text(text);
        assert!(run.failures.is_empty(), "{:#?}", run.failures);
        assert_eq!(run.passed, 2);
    }

    #[test]
    fn rules_without_tests_are_named() {
        let run = run_text("rules:\n  - id: bare\n    claim: c\n    pattern: x\n");
        assert_eq!(run.untested, ["bare"]);
        assert_eq!(run.passed, 0);
    }
}
