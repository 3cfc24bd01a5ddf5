//! `--focus` and `--since` (SPEC §5): the articles under review, as in a
//! pull-request check. The whole corpus stays the evidence; the focus only
//! decides which diagnostics are shown, by the path of their primary span.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::assertions::contradiction;
use crate::diagnostic::{Diagnostic, Kind};
use crate::paths::lexical;
use crate::problem::Problem;
use crate::record::ArticleRecord;
use crate::rules::RuleSet;
use crate::span::Span;

/// Files and folders under review, as absolute paths without `.` or `..`.
#[derive(Clone, Debug)]
pub struct Focus {
    cwd: PathBuf,
    paths: Vec<PathBuf>,
}

impl Focus {
    /// The focus of `--focus PATHS` and `--since REV` (both together: either),
    /// or None when neither is given and everything is shown.
    pub fn from_options(
        cwd: &Path,
        paths: &[String],
        since: Option<&str>,
    ) -> Result<Option<Focus>, Problem> {
        if paths.is_empty() && since.is_none() {
            return Ok(None);
        }
        let mut focus = Focus {
            cwd: cwd.to_path_buf(),
            paths: Vec::new(),
        };
        for path in paths {
            let absolute = focus.absolute(path);
            if !absolute.exists() {
                return Err(Problem::new(format!(
                    "`--focus {path}`: no such file or folder"
                )));
            }
            focus.paths.push(absolute);
        }
        if let Some(rev) = since {
            focus.paths.extend(changed_since(cwd, rev)?);
        }
        Ok(Some(focus))
    }

    /// Whether a path as shown (relative to the working directory, or
    /// absolute) is a focused file or lies in a focused folder.
    pub fn contains(&self, shown: &str) -> bool {
        let path = self.absolute(shown);
        self.paths.iter().any(|focused| path.starts_with(focused))
    }

    fn absolute(&self, path: &str) -> PathBuf {
        lexical(&self.cwd.join(path))
    }

    /// The diagnostics to show, sorted: those whose primary span is in the
    /// focus, and every unreadable article (the evidence is incomplete
    /// without it). A focused statement that an article outside the focus
    /// denies gets a `contradiction` of its own, with the denials as related
    /// spans: the article under review is the one that contradicts.
    pub fn select(
        &self,
        diagnostics: &[Diagnostic],
        records: &[ArticleRecord],
        rules: &RuleSet,
    ) -> Vec<Diagnostic> {
        let mut shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.kind == Kind::Unreadable || self.contains(&d.primary.path))
            .cloned()
            .collect();
        let mut denied: BTreeMap<(&str, &Span), Vec<&Diagnostic>> = BTreeMap::new();
        for denial in diagnostics
            .iter()
            .filter(|d| d.kind == Kind::Contradiction && !self.contains(&d.primary.path))
        {
            for statement in denial
                .related
                .iter()
                .filter(|related| self.contains(&related.span.path))
            {
                denied
                    .entry((denial.rule.as_str(), &statement.span))
                    .or_default()
                    .push(denial);
            }
        }
        let outlet_of = |path: &str| {
            records
                .iter()
                .find(|record| record.path == path)
                .map_or_else(|| path.to_owned(), |record| record.outlet.clone())
        };
        shown.extend(denied.into_iter().map(|((rule, statement), denials)| {
            contradiction::seen_from_statement(rules.get(rule), statement, &denials, outlet_of)
        }));
        Diagnostic::sort(&mut shown);
        shown
    }
}

/// Files git reports as added or changed since `rev`, untracked files
/// included, as absolute paths. Changes are counted from the merge base of
/// `rev` and HEAD, so that `--since main` on a branch means the branch's own
/// changes, not what `main` gained meanwhile.
fn changed_since(cwd: &Path, rev: &str) -> Result<Vec<PathBuf>, Problem> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"])
        .map_err(|why| Problem::new(format!("`--since {rev}` needs a git repository: {why}")))?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let commit = git(cwd, &["rev-parse", "--verify", "--end-of-options", &format!("{rev}^{{commit}}")]).map_err(|why| {
        Problem::new(format!("`--since {rev}`: git knows no such revision"))
            .with_note(why)
            .with_note("a shallow clone lacks older commits: fetch them (actions/checkout with `fetch-depth: 0`)")
    })?;
    let commit = commit.trim().to_owned();
    // Unrelated histories have no merge base: then the revision itself is the base.
    let base =
        git(cwd, &["merge-base", &commit, "HEAD"]).map_or(commit, |base| base.trim().to_owned());
    let failed = |why: String| {
        Problem::new(format!(
            "`--since {rev}`: git cannot list the changed files"
        ))
        .with_note(why)
    };
    let changed = git(
        &top,
        &["diff", "--name-only", "-z", "--diff-filter=d", &base, "--"],
    )
    .map_err(failed)?;
    let untracked =
        git(&top, &["ls-files", "-z", "--others", "--exclude-standard"]).map_err(failed)?;
    Ok(changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|name| !name.is_empty())
        .map(|name| lexical(&top.join(name)))
        .collect())
}

/// Runs git in `dir`: its output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Related, Severity};

    fn span(path: &str, start: usize) -> Span {
        Span {
            path: path.into(),
            byte_start: start,
            byte_end: start + 4,
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: start + 5,
            text: "text".into(),
        }
    }

    fn finding(kind: Kind, path: &str, related: &[&str]) -> Diagnostic {
        Diagnostic {
            rule: "r".into(),
            kind,
            severity: Severity::Warning,
            message: "m".into(),
            claim: "c".into(),
            primary: span(path, 0),
            related: related
                .iter()
                .map(|path| Related {
                    span: span(path, 10),
                    message: "stated by x".into(),
                })
                .collect(),
            value: None,
            notes: Vec::new(),
            suggestion: None,
        }
    }

    fn record(path: &str, outlet: &str) -> ArticleRecord {
        ArticleRecord {
            path: path.into(),
            outlet: outlet.into(),
            story: "corpus".into(),
            date: None,
            sort_date: None,
            suppressions: Default::default(),
            statements: Vec::new(),
        }
    }

    fn focus(paths: &[&str]) -> Focus {
        Focus {
            cwd: PathBuf::from("/repo/sub"),
            paths: paths
                .iter()
                .map(|path| lexical(&Path::new("/repo/sub").join(path)))
                .collect(),
        }
    }

    #[test]
    fn paths_compare_lexically_and_folders_hold_their_files() {
        let focus = focus(&["./news/new.md", "../other"]);
        assert!(focus.contains("news/new.md"));
        assert!(focus.contains("news/./x/../new.md"));
        assert!(focus.contains("/repo/sub/news/new.md"));
        assert!(focus.contains("../other/deep/a.md"));
        assert!(!focus.contains("news/new.md.bak"));
        assert!(!focus.contains("news/old.md"));
    }

    #[test]
    fn only_focused_findings_and_unreadable_articles_are_shown() {
        let diagnostics = vec![
            finding(Kind::Conflict, "news/new.md", &["news/old.md"]),
            finding(Kind::Conflict, "news/old.md", &["news/new.md"]),
            finding(Kind::Unreadable, "news/broken.md", &[]),
        ];
        let shown = focus(&["news/new.md"]).select(&diagnostics, &[], &RuleSet::default());
        let paths: Vec<(&str, Kind)> = shown
            .iter()
            .map(|d| (d.primary.path.as_str(), d.kind))
            .collect();
        assert_eq!(
            paths,
            [
                ("news/broken.md", Kind::Unreadable),
                ("news/new.md", Kind::Conflict)
            ]
        );
    }

    #[test]
    fn a_focused_statement_denied_elsewhere_is_the_contradiction() {
        let diagnostics = vec![
            finding(Kind::Contradiction, "news/old.md", &["news/new.md"]),
            finding(
                Kind::Contradiction,
                "news/older.md",
                &["news/new.md", "news/third.md"],
            ),
        ];
        let records = [
            record("news/old.md", "Herald"),
            record("news/older.md", "Times"),
        ];
        let shown = focus(&["news/new.md"]).select(&diagnostics, &records, &RuleSet::default());
        assert_eq!(shown.len(), 1, "{shown:#?}");
        let contradiction = &shown[0];
        assert_eq!(
            (
                contradiction.kind,
                contradiction.primary.path.as_str(),
                contradiction.primary.byte_start
            ),
            (Kind::Contradiction, "news/new.md", 10)
        );
        assert_eq!(
            contradiction.message,
            "states this claim, which 2 outlets deny"
        );
        let related: Vec<(&str, &str)> = contradiction
            .related
            .iter()
            .map(|r| (r.span.path.as_str(), r.message.as_str()))
            .collect();
        assert_eq!(
            related,
            [
                ("news/old.md", "denied by Herald"),
                ("news/older.md", "denied by Times")
            ]
        );
        assert_eq!(contradiction.notes, ["denied by 2 outlets: Herald, Times"]);
    }

    #[test]
    fn a_focused_denial_keeps_its_own_diagnostic() {
        let diagnostics = vec![finding(
            Kind::Contradiction,
            "news/new.md",
            &["news/old.md"],
        )];
        let shown =
            focus(&["news/new.md", "news/old.md"]).select(&diagnostics, &[], &RuleSet::default());
        assert_eq!(shown, diagnostics);
    }
}
