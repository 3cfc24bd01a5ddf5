//! The pull-request check, through the binary as a user runs it: the
//! `sarif`, `github` and `markdown` formats (SPEC §7), and `--focus` /
//! `--since` (SPEC §5). The third-party validators run in
//! tests/external/pull_request.sh.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `crosscheck ARGS` in `dir`, outside any GitHub Actions environment.
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::cargo_bin("crosscheck").unwrap();
    command.current_dir(dir).args(args);
    for name in [
        "GITHUB_SERVER_URL",
        "GITHUB_REPOSITORY",
        "GITHUB_SHA",
        "NO_COLOR",
    ] {
        command.env_remove(name);
    }
    command.output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn sarif_of_a_conflict() {
    let output = run(&fixture("conflict"), &["lint", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn sarif_fingerprints_survive_edits_elsewhere_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.yaml", "rules:\n  - id: stake\n    claim: Microsoft keeps 49%\n    extract: { pattern: '(?P<value>\\d+%) stake', kind: percent }\n    expect: { agree: true }\n");
    write(
        dir.path(),
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\n",
    );
    write(dir.path(), "news/a.md", "It keeps a 49% stake.\n");
    write(dir.path(), "news/b.md", "It keeps a 49% stake.\n");
    write(dir.path(), "news/c.md", "It keeps a 27% stake.\n");
    let fingerprints = |dir: &Path| -> Vec<(String, String)> {
        let sarif: serde_json::Value =
            serde_json::from_slice(&run(dir, &["lint", "--format", "sarif"]).stdout).unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|result| {
                let location = &result["locations"][0]["physicalLocation"];
                (
                    format!(
                        "{}:{}",
                        location["artifactLocation"]["uri"].as_str().unwrap(),
                        location["region"]["startLine"]
                    ),
                    result["partialFingerprints"]["crosscheckFinding/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect()
    };
    let before = fingerprints(dir.path());
    write(
        dir.path(),
        "news/c.md",
        "# Update\n\nA new paragraph on top.\n\nIt keeps a 27%\nstake.\n",
    );
    let after = fingerprints(dir.path());
    assert_eq!(before.len(), 1);
    assert_eq!(
        (before[0].0.as_str(), after[0].0.as_str()),
        ("news/c.md:1", "news/c.md:5")
    );
    assert_eq!(
        before[0].1, after[0].1,
        "the fingerprint moved with the finding"
    );
}

#[test]
fn github_annotations_of_a_contradiction() {
    let output = run(&fixture("contradiction"), &["lint", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

/// Messages and paths holding `%`, `:`, `,` and line breaks stay one
/// workflow command each, escaped as GitHub's toolkit escapes them.
#[test]
fn github_escaping() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules.yaml",
        "rules:\n  - id: odd-message\n    claim: A 100% odd claim\n    severity: error\n    match: { all: ['\\bodd\\b', '\\bstory\\b'] }\n    expect: { min_sources: 2 }\n    message: \"100% sure: a, b\\r\\nsecond line\"\n",
    );
    write(
        dir.path(),
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\n",
    );
    write(dir.path(), "news/50%, odd: name.md", "An odd\nstory.\n");
    let output = run(dir.path(), &["lint", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "::error file=news/50%25%2C odd%3A name.md,line=1,endLine=2,title=crosscheck odd-message%3A uncorroborated::100%25 sure: a, b%0D%0Asecond line%0Anote: stated by 1 of 1 outlets (needs 2): 50%25, odd: name\n"
    );
}

/// 12 errors, 12 warnings and 12 notes: every error and warning is a
/// command, nine notes are, and the closing notice is the tenth.
#[test]
fn github_counts_what_the_annotation_caps_hide() {
    let dir = tempfile::tempdir().unwrap();
    let mut rules = String::from("rules:\n");
    for (word, severity) in [("alpha", "error"), ("beta", "warning"), ("gamma", "note")] {
        rules.push_str(&format!("  - {{ id: {word}, claim: {word} is said, severity: {severity}, pattern: '\\b{word}\\b', expect: {{ min_sources: 20 }} }}\n"));
    }
    write(dir.path(), "rules.yaml", &rules);
    write(
        dir.path(),
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\n",
    );
    for index in 0..12 {
        write(
            dir.path(),
            &format!("news/outlet{index:02}.md"),
            "Alpha, beta and gamma.\n",
        );
    }
    let output = run(dir.path(), &["lint", "--format", "github"]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let count = |prefix: &str| lines.iter().filter(|line| line.starts_with(prefix)).count();
    assert_eq!(
        (
            count("::error "),
            count("::warning "),
            count("::notice "),
            count("news/")
        ),
        (12, 12, 10, 3),
        "{text}"
    );
    let levels: Vec<&str> = lines
        .iter()
        .map(|line| {
            line.split([' ', ':'])
                .find(|word| !word.is_empty())
                .unwrap()
        })
        .collect();
    assert!(
        levels[..12].iter().all(|level| *level == "error")
            && levels[12..24].iter().all(|level| *level == "warning"),
        "most severe first: {levels:?}"
    );
    assert!(
        lines[33].starts_with("news/outlet09.md:1:17: note[gamma/uncorroborated]"),
        "{}",
        lines[33]
    );
    assert_eq!(
        lines[36],
        "::notice title=crosscheck%3A findings not annotated::crosscheck found 12 errors, 12 warnings and 12 notes. GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (50 per job): 2 errors, 2 warnings, 3 notes are not annotated; this log and the job summary list every finding."
    );
    assert_eq!(lines.len(), 37);
}

#[test]
fn markdown_summary_links_into_the_commit_under_test() {
    let mut command = Command::cargo_bin("crosscheck").unwrap();
    let output = command
        .current_dir(fixture("conflict"))
        .args(["lint", "--format", "markdown"])
        .env("GITHUB_SERVER_URL", "https://github.example")
        .env("GITHUB_REPOSITORY", "newsroom/articles")
        .env("GITHUB_SHA", "0123abcd")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn markdown_summary_links_relative_outside_github() {
    let output = run(&fixture("conflict"), &["lint", "--format", "markdown"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "| ❌ error | [articles/c.md:4](articles/c.md#L4) | `killed-count` conflict |"
        ),
        "{text}"
    );
    assert!(
        text.contains("[3](articles/a.md#L4)"),
        "matrix cells link too: {text}"
    );
}

/// Thousands of findings: the table stops before GitHub's 1 MiB limit and
/// counts the rest; the matrix no longer fits.
#[test]
fn markdown_summary_stays_under_one_mebibyte() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules.yaml", "rules:\n  - { id: said, claim: It is said, pattern: '\\bsaid\\b', expect: { min_sources: 9000 } }\n");
    write(
        dir.path(),
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\n",
    );
    for index in 0..6000 {
        write(
            dir.path(),
            &format!("news/outlet-with-a-long-name-{index:05}.md"),
            "It was said.\n",
        );
    }
    let output = run(dir.path(), &["lint", "--format", "markdown"]);
    let text = stdout(&output);
    assert!(text.len() < 1 << 20, "{} bytes", text.len());
    assert!(
        text.len() > 900_000,
        "the budget is used: {} bytes",
        text.len()
    );
    assert!(
        text.contains("more findings, not listed: GitHub limits a job summary to 1 MiB"),
        "{}",
        &text[text.len() - 500..]
    );
    assert!(text.ends_with("The claims × outlets matrix does not fit in a job summary; `crosscheck matrix` shows it.\n"));
}

/// A matrix of hundreds of stories is cut to the stories of the findings shown.
#[test]
fn markdown_summary_cuts_a_large_matrix_to_the_stories_with_findings() {
    let dir = tempfile::tempdir().unwrap();
    let long_claim = "a claim long enough to make every row of the matrix take room ".repeat(4);
    let mut rules = String::from("rules:\n");
    for index in 0..6 {
        rules.push_str(&format!("  - {{ id: claim-{index}, claim: '{long_claim}{index}', pattern: '\\bword{index}\\b' }}\n"));
    }
    rules.push_str("  - { id: killed, claim: People were killed, extract: { pattern: '(?P<value>\\d+) killed', kind: number }, expect: { agree: true } }\n");
    write(dir.path(), "rules.yaml", &rules);
    write(
        dir.path(),
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\nstories: folder\n",
    );
    for story in 0..800 {
        write(
            dir.path(),
            &format!("news/{story:03}/a.md"),
            "word0 word1 word2 3 killed.\n",
        );
        write(
            dir.path(),
            &format!("news/{story:03}/b.md"),
            "word3 word4 word5 3 killed.\n",
        );
    }
    write(dir.path(), "news/042/b.md", "word3 word4 word5 4 killed.\n");
    let output = run(
        dir.path(),
        &["lint", "--format", "markdown", "--focus", "news/042"],
    );
    let text = stdout(&output);
    assert!(text.len() < 1 << 20, "{} bytes", text.len());
    assert!(
        text.contains("these are 1 of its 800 stories, those of the findings above"),
        "{text}"
    );
    assert!(text.contains("**Story `news/042`**"));
    assert!(!text.contains("**Story `news/041`**"));
}

#[test]
fn focus_shows_only_the_focused_articles_and_exits_by_them() {
    let dir = fixture("conflict");
    let focused = run(
        &dir,
        &["lint", "--format", "short", "--focus", "articles/c.md"],
    );
    assert_eq!(focused.status.code(), Some(1));
    assert_eq!(stdout(&focused).lines().count(), 1);
    assert!(
        stdout(&focused).starts_with("articles/c.md:4:1: error[killed-count/conflict]"),
        "{}",
        stdout(&focused)
    );

    let elsewhere = run(&dir, &["lint", "--focus", "./articles/a.md"]);
    assert_eq!(
        elsewhere.status.code(),
        Some(0),
        "the conflict is c.md's, not a.md's"
    );
    assert_eq!(
        stdout(&elsewhere),
        "no findings in 3 articles from 3 outlets (1 rule)\n"
    );

    let folder = run(&dir, &["lint", "--format", "short", "--focus", "articles"]);
    assert_eq!(
        stdout(&folder).lines().count(),
        1,
        "a folder holds its files"
    );
}

/// The new article states what an old one denies: the contradiction is
/// reported on the new article, the denial as related.
#[test]
fn focus_reports_a_contradiction_on_the_article_under_review() {
    let output = run(
        &fixture("contradiction"),
        &["lint", "--format", "json", "--focus", "articles/a.md"],
    );
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{json:#}");
    let contradiction = &diagnostics[0];
    assert_eq!(contradiction["kind"], "contradiction");
    assert_eq!(contradiction["primary"]["path"], "articles/a.md");
    assert_eq!(contradiction["primary"]["text"], "suspect was arrested");
    assert_eq!(
        contradiction["message"],
        "states this claim, which 2 outlets deny"
    );
    let related: Vec<&str> = contradiction["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(related, ["articles/b.md", "articles/c.md"]);
}

/// The rule's `message:` words the contradiction seen from the statement
/// too, with the denying outlets as `{outlets}`.
#[test]
fn focus_words_the_contradiction_with_the_rules_message() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "crosscheck.yaml",
        "sources: [articles]\nrules: [rules.yaml]\n",
    );
    write(
        root,
        "rules.yaml",
        "rules:\n  - id: suspect-arrested\n    claim: A suspect was arrested\n    match: { all: ['\\bsuspect\\b'], any: ['\\barrested\\b'] }\n    deny: ['\\bno arrests?\\b']\n    message: 'disputed by {count}: {outlets}'\n",
    );
    write(
        root,
        "articles/a.md",
        "A suspect was arrested late on Friday, police said.\n",
    );
    write(
        root,
        "articles/b.md",
        "Police said no arrests had been made and the suspect remains at large.\n",
    );
    let output = run(
        root,
        &["lint", "--format", "json", "--focus", "articles/a.md"],
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["diagnostics"][0]["message"], "disputed by 1: b",
        "{json:#}"
    );
}

#[test]
fn focus_on_a_missing_path_is_a_usage_error() {
    let output = run(
        &fixture("conflict"),
        &["lint", "--focus", "articles/typo.md"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`--focus articles/typo.md`: no such file or folder"),
        "{}",
        stderr(&output)
    );
}

/// A newsroom repository whose last commit adds an article that
/// contradicts an older one, plus an untracked draft.
#[test]
fn since_focuses_on_what_git_says_changed() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    write(
        root,
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\n",
    );
    write(root, "rules.yaml", "rules:\n  - id: arrested\n    claim: A suspect was arrested\n    match: { all: ['\\bsuspect\\b'], any: ['\\barrested\\b'] }\n    deny: ['\\bno arrests?\\b']\n    expect: { min_sources: 2 }\n");
    write(
        root,
        "news/old.md",
        "---\noutlet: Herald\n---\nPolice said no arrests were made and the suspect is at large.\n",
    );
    write(
        root,
        "news/older.md",
        "---\noutlet: Times\n---\nA suspect was arrested on Friday.\n",
    );
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "old articles"]);
    write(
        root,
        "news/new.md",
        "---\noutlet: Wire\n---\nThe suspect was arrested overnight.\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "new article"]);

    let output = run(root, &["lint", "--format", "short", "--since", "HEAD~1"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "news/new.md:4:5: warning[arrested/contradiction]: states this claim, which 1 outlet denies\n");

    // From a subfolder, paths stay relative to the working directory.
    let output = run(
        &root.join("news"),
        &[
            "lint",
            "--format",
            "short",
            "--config",
            "../crosscheck.yaml",
            "--since",
            "HEAD~1",
        ],
    );
    assert_eq!(stdout(&output), "../news/new.md:4:5: warning[arrested/contradiction]: states this claim, which 1 outlet denies\n");

    write(
        root,
        "news/draft.md",
        "---\noutlet: Blog\n---\nNo arrests, and the suspect was not arrested.\n",
    );
    let output = run(root, &["lint", "--format", "short", "--since", "HEAD"]);
    assert_eq!(stdout(&output), "news/draft.md:4:1: warning[arrested/contradiction]: denies this claim, which 2 outlets state\n", "untracked files count");
}

#[test]
fn since_needs_a_repository_and_a_known_revision() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "crosscheck.yaml",
        "sources: [news]\nrules: [rules.yaml]\n",
    );
    write(
        dir.path(),
        "rules.yaml",
        "rules:\n  - { id: said, claim: It is said, pattern: '\\bsaid\\b' }\n",
    );
    write(dir.path(), "news/a.md", "It was said.\n");
    let not_a_repo = run(dir.path(), &["lint", "--since", "HEAD"]);
    assert_eq!(not_a_repo.status.code(), Some(2));
    assert!(
        stderr(&not_a_repo).contains("`--since HEAD` needs a git repository"),
        "{}",
        stderr(&not_a_repo)
    );

    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    let unknown = run(dir.path(), &["lint", "--since", "no-such-branch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("`--since no-such-branch`: git knows no such revision"),
        "{}",
        stderr(&unknown)
    );
    assert!(stderr(&unknown).contains("fetch-depth: 0"));
}
