//! Suppression comments in Markdown articles (SPEC §4):
//!
//! ```markdown
//! <!-- crosscheck-disable extension-2032, azure-primary -- confirmed by our Redmond desk -->
//! …
//! <!-- crosscheck-enable extension-2032 -->
//! <!-- crosscheck-disable-next-line microsoft-stake -- the 27% is a different stake -->
//! ```
//!
//! A comment naming no rule applies to every rule. `disable` holds until an
//! `enable` naming the rule (or naming none) or the end of the file;
//! `disable-next-line` covers the next line that is not blank. Suppression
//! hides reports whose primary span starts in the covered text; it never
//! changes what the article states, so the statements stay evidence for the
//! other sources. A comment without a reason, naming an unknown rule, or
//! with an unknown `crosscheck-` word is itself an `invalid-suppression`
//! warning.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::diagnostic::{Diagnostic, Kind, Severity, ENGINE_RULE};
use crate::span::{LineIndex, Span};

const PREFIX: &str = "crosscheck-";

/// What a suppression comment does, named by its `crosscheck-…` word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Directive {
    /// `crosscheck-disable`: hides the rules' reports until a matching
    /// `enable` or the end of the file.
    Disable,
    /// `crosscheck-disable-next-line`: hides the rules' reports on the next
    /// line that is not blank.
    DisableNextLine,
    /// `crosscheck-enable`: ends the `disable` of the rules it names, or of every rule.
    Enable,
}

impl Directive {
    fn parse(word: &str) -> Option<Directive> {
        match word {
            "crosscheck-disable" => Some(Directive::Disable),
            "crosscheck-disable-next-line" => Some(Directive::DisableNextLine),
            "crosscheck-enable" => Some(Directive::Enable),
            _ => None,
        }
    }
}

/// One `crosscheck-…` comment as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// None: the word after `crosscheck-` is not a directive.
    pub directive: Option<Directive>,
    /// The directive word as written (`crosscheck-disable`).
    pub word: String,
    /// The rules it names; empty: every rule.
    pub rules: Vec<String>,
    /// The text after ` -- `, trimmed; None when there is none.
    pub reason: Option<String>,
    /// The whole comment in the article.
    pub span: Span,
}

/// Text of an article where reports of a rule (or of every rule) are hidden.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hidden {
    /// None: every rule.
    pub rule: Option<String>,
    /// Byte range of the original file.
    pub range: Range<usize>,
}

/// An article's suppression comments and the text they cover; kept with
/// its statements (in the cache and in statements tables).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Suppressions {
    /// Every `crosscheck-…` comment of the article, in text order.
    pub comments: Vec<Comment>,
    /// The text those comments cover, rule by rule.
    pub hidden: Vec<Hidden>,
}

impl Suppressions {
    /// Whether the article has no `crosscheck-…` comment and hides nothing.
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty() && self.hidden.is_empty()
    }

    /// The `crosscheck-` comments of `article` (shown as `path`) and what they hide.
    pub fn of(path: &str, article: &Article) -> Suppressions {
        let mut suppressions = Suppressions::default();
        if !article
            .comments
            .iter()
            .any(|comment| comment.text.starts_with(PREFIX))
        {
            return suppressions;
        }
        let lines = LineIndex::new(&article.source);
        // Disables still open: the rule they name (None: every rule) and where they start.
        let mut open: Vec<(Option<String>, usize)> = Vec::new();
        for raw in article
            .comments
            .iter()
            .filter(|comment| comment.text.starts_with(PREFIX))
        {
            let comment = parse_comment(
                &raw.text,
                lines.span(path, &article.source, raw.range.clone()),
            );
            let named: Vec<Option<String>> = if comment.rules.is_empty() {
                vec![None]
            } else {
                comment.rules.iter().cloned().map(Some).collect()
            };
            match comment.directive {
                Some(Directive::Disable) => {
                    open.extend(named.into_iter().map(|rule| (rule, raw.range.end)))
                }
                Some(Directive::DisableNextLine) => {
                    let line = next_line(&article.source, raw.range.end);
                    suppressions
                        .hidden
                        .extend(named.into_iter().map(|rule| Hidden {
                            rule,
                            range: line.clone(),
                        }));
                }
                Some(Directive::Enable) => {
                    let closes =
                        |rule: &Option<String>| comment.rules.is_empty() || named.contains(rule);
                    for (rule, start) in open.iter().filter(|(rule, _)| closes(rule)) {
                        suppressions.hidden.push(Hidden {
                            rule: rule.clone(),
                            range: *start..raw.range.start,
                        });
                    }
                    open.retain(|(rule, _)| !closes(rule));
                }
                None => {}
            }
            suppressions.comments.push(comment);
        }
        let end = article.source.len();
        suppressions
            .hidden
            .extend(open.into_iter().map(|(rule, start)| Hidden {
                rule,
                range: start..end,
            }));
        suppressions
    }

    /// Whether a report of `rule` starting at byte `at` is hidden.
    pub fn hides(&self, rule: &str, at: usize) -> bool {
        self.hidden.iter().any(|hidden| {
            hidden.rule.as_deref().is_none_or(|id| id == rule) && hidden.range.contains(&at)
        })
    }
}

fn parse_comment(text: &str, span: Span) -> Comment {
    let (head, reason) = match text.split_once("--") {
        Some((head, reason)) => (
            head,
            Some(reason.trim().to_owned()).filter(|reason| !reason.is_empty()),
        ),
        None => (text, None),
    };
    let word_end = head.find(char::is_whitespace).unwrap_or(head.len());
    let word = &head[..word_end];
    let rules = head[word_end..]
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    Comment {
        directive: Directive::parse(word),
        word: word.to_owned(),
        rules,
        reason,
        span,
    }
}

/// The first line after `offset` with something on it, without its line break.
fn next_line(source: &str, offset: usize) -> Range<usize> {
    let mut start = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i + 1);
    loop {
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        if end == source.len() || !source[start..end].trim().is_empty() {
            return start..end;
        }
        start = end + 1;
    }
}

/// An `invalid-suppression` warning for every comment without a reason,
/// naming a rule that `known` does not hold, or with an unknown directive.
pub fn check<'a>(
    articles: impl IntoIterator<Item = &'a Suppressions>,
    known: &BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for comment in articles
        .into_iter()
        .flat_map(|suppressions| &suppressions.comments)
    {
        let Some(directive) = comment.directive else {
            warnings.push(warning(
                comment,
                format!("unknown directive `{}`", comment.word),
                "use crosscheck-disable, crosscheck-disable-next-line or crosscheck-enable",
            ));
            continue;
        };
        for id in comment.rules.iter().filter(|id| !known.contains(*id)) {
            warnings.push(warning(
                comment,
                format!("`{}` names `{id}`, which no rule has", comment.word),
                "see `crosscheck rules list`; write the reason after ` -- `",
            ));
        }
        if directive != Directive::Enable && comment.reason.is_none() {
            warnings.push(warning(
                comment,
                format!("`{}` without a reason", comment.word),
                "say why after ` -- `: <!-- crosscheck-disable ID -- confirmed by the court record -->",
            ));
        }
    }
    warnings
}

fn warning(comment: &Comment, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        rule: ENGINE_RULE.to_owned(),
        kind: Kind::InvalidSuppression,
        severity: Severity::Warning,
        message,
        claim: String::new(),
        primary: comment.span.clone(),
        related: Vec::new(),
        value: None,
        notes: vec![format!("help: {help}")],
        suggestion: None,
    }
}

/// Removes the diagnostics that the articles' comments hide (`articles`
/// gives each article's path and comments); returns how many.
pub fn apply<'a>(
    articles: impl IntoIterator<Item = (&'a str, &'a Suppressions)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let by_path: HashMap<&str, &Suppressions> = articles
        .into_iter()
        .filter(|(_, suppressions)| !suppressions.hidden.is_empty())
        .collect();
    if by_path.is_empty() {
        return 0;
    }
    let before = diagnostics.len();
    diagnostics.retain(|diagnostic| {
        diagnostic.kind == Kind::InvalidSuppression
            || !by_path
                .get(diagnostic.primary.path.as_str())
                .is_some_and(|suppressions| {
                    suppressions.hides(&diagnostic.rule, diagnostic.primary.byte_start)
                })
    });
    before - diagnostics.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Markup;

    fn of(source: &str) -> Suppressions {
        Suppressions::of(
            "a.md",
            &Article::parse(source.as_bytes(), Markup::Markdown).unwrap(),
        )
    }

    fn hidden_text<'a>(
        source: &'a str,
        suppressions: &Suppressions,
    ) -> Vec<(Option<String>, &'a str)> {
        suppressions
            .hidden
            .iter()
            .map(|hidden| (hidden.rule.clone(), &source[hidden.range.clone()]))
            .collect()
    }

    #[test]
    fn disable_until_enable_per_rule() {
        let source = "One.\n\n<!-- crosscheck-disable a, b -- checked -->\n\nTwo.\n\n<!-- crosscheck-enable a -->\n\nThree.\n";
        let found = of(source);
        assert_eq!(found.comments[0].rules, ["a", "b"]);
        assert_eq!(found.comments[0].reason.as_deref(), Some("checked"));
        let two = source.find("Two").unwrap();
        let three = source.find("Three").unwrap();
        assert!(found.hides("a", two) && found.hides("b", two));
        assert!(!found.hides("a", three), "a is enabled again");
        assert!(found.hides("b", three), "b stays disabled to the end");
        assert!(!found.hides("c", two));
        assert!(!found.hides("a", source.find("One").unwrap()));
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let source = "<!-- crosscheck-disable-next-line -- every rule -->\n\nThe hidden line.\nThe next one.\n";
        let found = of(source);
        assert_eq!(hidden_text(source, &found), [(None, "The hidden line.")]);
        assert!(found.hides("any-rule", source.find("hidden").unwrap()));
        assert!(!found.hides("any-rule", source.find("next one").unwrap()));
    }

    #[test]
    fn enable_without_rules_closes_everything() {
        let source = "<!-- crosscheck-disable x -- r -->\n<!-- crosscheck-disable -- r -->\nIn.\n<!-- crosscheck-enable -->\nOut.\n";
        let found = of(source);
        assert!(
            found.hides("x", source.find("In").unwrap())
                && found.hides("y", source.find("In").unwrap())
        );
        assert!(
            !found.hides("x", source.find("Out").unwrap())
                && !found.hides("y", source.find("Out").unwrap())
        );
    }

    #[test]
    fn other_comments_and_plain_text_hide_nothing() {
        assert_eq!(
            of("<!-- an editor's note -->\n\nText.\n"),
            Suppressions::default()
        );
        let plain =
            Article::parse(b"<!-- crosscheck-disable -- r -->\nText.\n", Markup::Plain).unwrap();
        assert_eq!(Suppressions::of("a.txt", &plain), Suppressions::default());
    }

    #[test]
    fn bad_comments_are_warnings() {
        let source =
            "<!-- crosscheck-disable known -->\n\n<!-- crosscheck-disable-next-line typo -- why -->\n\n<!-- crosscheck-disabel known -- r -->\n\nText.\n";
        let known: BTreeSet<String> = ["known".to_owned()].into();
        let warnings = check([&of(source)], &known);
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`crosscheck-disable` without a reason",
                "`crosscheck-disable-next-line` names `typo`, which no rule has",
                "unknown directive `crosscheck-disabel`"
            ]
        );
        assert!(warnings
            .iter()
            .all(|w| w.kind == Kind::InvalidSuppression && w.severity == Severity::Warning));
        assert_eq!(
            warnings[0].primary.text,
            "<!-- crosscheck-disable known -->"
        );
        assert_eq!(warnings[1].primary.line, 3);
    }
}
