//! The fast paths change nothing: the combined automaton gives exactly the
//! diagnostics of evaluating every unit, the statements cache gives exactly
//! those of reading every article, and a corpus split in shards (`extract`)
//! and judged from their statements (`lint --statements`) gives exactly those
//! of a single run. On the seeds, every fixture, and the real GVA corpus.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs crosscheck in `dir`; its standard output and exit status.
fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code != 2 || args.contains(&"--statements"),
        "crosscheck {args:?} in {} failed: {stderr}",
        dir.display()
    );
    (String::from_utf8(output.stdout).unwrap(), code)
}

/// `lint --format json` in `dir` with `extra` arguments.
fn lint_json(dir: &Path, extra: &[&str]) -> (String, i32) {
    let mut args = vec!["lint", "--format", "json"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// The folders with a crosscheck.yaml and a small corpus: the seeds and every fixture.
fn small_corpora() -> Vec<PathBuf> {
    let mut dirs = vec![root()];
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("crosscheck.yaml").is_file() {
            dirs.push(dir);
        }
    }
    dirs.sort();
    assert!(dirs.len() >= 7, "the fixtures are there: {dirs:?}");
    dirs
}

/// The folder of the GVA corpus's config, or None when the corpus is absent
/// (see [`common::shared_corpus`]).
fn gva() -> Option<PathBuf> {
    common::shared_corpus("gva").map(|_| root().join("tests/corpora/gva"))
}

fn assert_same(dir: &Path, what: &str, expected: &(String, i32), got: &(String, i32)) {
    assert_eq!(
        expected.1,
        got.1,
        "{what} in {}: exit status",
        dir.display()
    );
    assert!(
        expected.0 == got.0,
        "{what} in {}: the JSON differs",
        dir.display()
    );
}

#[test]
fn the_combined_pass_gives_the_diagnostics_of_every_unit() {
    for dir in small_corpora() {
        let exhaustive = lint_json(&dir, &["--no-cache", "--strategy", "exhaustive"]);
        assert!(exhaustive.0.contains("\"diagnostics\""), "{}", exhaustive.0);
        assert_same(
            &dir,
            "the combined pass",
            &exhaustive,
            &lint_json(&dir, &["--no-cache"]),
        );
    }
}

#[test]
fn the_combined_pass_gives_the_diagnostics_of_every_unit_on_gva() {
    let Some(dir) = gva() else { return };
    let exhaustive = lint_json(&dir, &["--no-cache", "--strategy", "exhaustive"]);
    let fast = lint_json(&dir, &["--no-cache"]);
    assert!(
        exhaustive.0.matches("\"rule\"").count() > 1000,
        "GVA gives many diagnostics"
    );
    assert_same(&dir, "the combined pass", &exhaustive, &fast);
}

/// Copies the seeds, rules and configuration into a fresh folder.
fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["seeds", "rules"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(root().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        root().join("crosscheck.yaml"),
        dir.path().join("crosscheck.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn the_cache_gives_the_diagnostics_of_reading_every_article() {
    let copy = seeds_copy();
    let dir = copy.path();
    let fresh = lint_json(dir, &["--no-cache"]);
    assert!(
        !dir.join(".crosscheck-cache").exists(),
        "--no-cache writes no cache"
    );
    assert_same(dir, "a first run", &fresh, &lint_json(dir, &[]));
    let files: Vec<_> = std::fs::read_dir(dir.join(".crosscheck-cache"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert!(
        files
            .iter()
            .any(|name| name.to_string_lossy().ends_with(".bin")),
        "{files:?}"
    );
    assert_same(dir, "a cached run", &fresh, &lint_json(dir, &[]));

    // An article that changes is read again; the others come from the cache.
    let seed = dir.join("seeds/003_26b68e2dcfb657ae.txt");
    let text = std::fs::read_to_string(&seed)
        .unwrap()
        .replace("49%", "27%")
        .replace("2032", "2031");
    std::fs::write(&seed, text).unwrap();
    let changed = lint_json(dir, &["--no-cache"]);
    assert!(changed.0 != fresh.0, "the edit changes the diagnostics");
    assert_same(dir, "a run after an edit", &changed, &lint_json(dir, &[]));

    // Other rules are another cache.
    let one_rule = lint_json(dir, &["--no-cache", "--rule", "microsoft-stake"]);
    assert_same(
        dir,
        "a run with one rule",
        &one_rule,
        &lint_json(dir, &["--rule", "microsoft-stake"]),
    );
    assert_same(
        dir,
        "a run with all rules again",
        &changed,
        &lint_json(dir, &[]),
    );

    // A damaged cache is rebuilt.
    for entry in std::fs::read_dir(dir.join(".crosscheck-cache")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "bin") {
            let mut bytes = std::fs::read(&path).unwrap();
            bytes.truncate(bytes.len() * 2 / 3);
            std::fs::write(&path, bytes).unwrap();
        }
    }
    assert_same(
        dir,
        "a run over a damaged cache",
        &changed,
        &lint_json(dir, &[]),
    );
}

/// Extracts with each of `shards` (paths, globs or `--shard K/N`) into a
/// table in `out`, then judges all the tables.
fn sharded(dir: &Path, shards: &[Vec<String>], out: &Path) -> (String, i32) {
    let mut tables = Vec::new();
    for (index, paths) in shards.iter().enumerate() {
        let table = out
            .join(format!("shard-{index}.jsonl"))
            .to_string_lossy()
            .into_owned();
        let mut args = vec!["extract", "--no-cache", "--output", table.as_str()];
        args.extend(paths.iter().map(String::as_str));
        run(dir, &args);
        tables.push(table);
    }
    let mut args = vec!["lint", "--format", "json", "--statements"];
    args.extend(tables.iter().map(String::as_str));
    run(dir, &args)
}

#[test]
fn shards_judged_together_give_the_single_run() {
    let out = tempfile::tempdir().unwrap();
    // One shard per seed, the config's `outlets` naming one of them.
    let seeds: Vec<Vec<String>> = ["000", "001", "002", "003"]
        .iter()
        .map(|n| vec![format!("seeds/{n}_*.txt")])
        .collect();
    let single = lint_json(&root(), &["--no-cache"]);
    assert_same(
        &root(),
        "four shards",
        &single,
        &sharded(&root(), &seeds, out.path()),
    );
    let numbered: Vec<Vec<String>> = (1..=3)
        .map(|k| vec!["--shard".to_owned(), format!("{k}/3")])
        .collect();
    assert_same(
        &root(),
        "shards 1/3, 2/3 and 3/3",
        &single,
        &sharded(&root(), &numbered, out.path()),
    );
    // Tables concatenated into one file, each with its header.
    let joined: String = (0..3)
        .map(|index| {
            std::fs::read_to_string(out.path().join(format!("shard-{index}.jsonl"))).unwrap()
        })
        .collect();
    let all = out.path().join("all.jsonl");
    std::fs::write(&all, joined).unwrap();
    assert_same(
        &root(),
        "concatenated shards",
        &single,
        &run(
            &root(),
            &[
                "lint",
                "--format",
                "json",
                "--statements",
                &all.to_string_lossy(),
            ],
        ),
    );

    // Each fixture in two shards of article files, every other one.
    for dir in small_corpora().into_iter().skip(1) {
        let articles = article_files(&dir, &dir);
        let halves: Vec<Vec<String>> = if articles.is_empty() {
            // Its articles are elsewhere, named by its configuration.
            (1..=2)
                .map(|k| vec!["--shard".to_owned(), format!("{k}/2")])
                .collect()
        } else {
            (0..2)
                .map(|half| articles.iter().skip(half).step_by(2).cloned().collect())
                .collect()
        };
        let single = lint_json(&dir, &["--no-cache"]);
        assert_same(
            &dir,
            "two shards",
            &single,
            &sharded(&dir, &halves, out.path()),
        );
    }
}

/// The article files under `folder`, relative to `base`, sorted.
fn article_files(base: &Path, folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(article_files(base, &path));
        } else if path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "txt")
        {
            found.push(
                path.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    found.sort();
    found
}

#[test]
fn shards_judged_together_give_the_single_run_on_gva() {
    let Some(dir) = gva() else { return };
    let out = tempfile::tempdir().unwrap();
    let corpus = "../../../../shared/corpora/gva";
    let thirds: Vec<Vec<String>> = ["[1-3]", "[4-6]", "[!1-6]"]
        .iter()
        .map(|first| vec![format!("{corpus}/{first}*/*.md")])
        .collect();
    let single = lint_json(&dir, &["--no-cache"]);
    assert_same(
        &dir,
        "three shards",
        &single,
        &sharded(&dir, &thirds, out.path()),
    );
    let numbered: Vec<Vec<String>> = (1..=4)
        .map(|k| vec!["--shard".to_owned(), format!("{k}/4")])
        .collect();
    assert_same(
        &dir,
        "shards 1/4 to 4/4",
        &single,
        &sharded(&dir, &numbered, out.path()),
    );
}

/// Suppression comments, valid and invalid, live in the articles: a cached
/// run and a sharded run keep them, so they hide (and warn) as a plain run does.
#[test]
fn suppressions_survive_the_cache_and_the_statements_tables() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| std::fs::write(dir.path().join(path), text).unwrap();
    std::fs::create_dir(dir.path().join("news")).unwrap();
    write("crosscheck.yaml", "sources: [news]\nrules: [rules.yaml]\n");
    write("rules.yaml", "rules:\n  - id: extension\n    claim: Extended through 2032\n    pattern: 'through 2032'\n    expect: { max_sources: 1 }\n");
    write(
        "news/a.md",
        "---\ndate: 2026-04-01\n---\nThe alliance runs through 2032.\n",
    );
    write("news/b.md", "---\ndate: 2026-04-02\n---\n<!-- crosscheck-disable-next-line extension -- checked with the desk -->\nIt is solid through 2032.\n");
    write("news/c.md", "---\ndate: 2026-04-03\n---\n<!-- crosscheck-disable-next-line extensoin -- a typo -->\nAgain through 2032.\n");
    let plain = lint_json(dir.path(), &["--no-cache"]);
    assert_eq!(
        plain.0.matches("\"kind\": \"overstated\"").count(),
        1,
        "b.md is hidden, c.md is not: {}",
        plain.0
    );
    assert_eq!(
        plain.0.matches("\"kind\": \"invalid-suppression\"").count(),
        1,
        "c.md names no rule: {}",
        plain.0
    );
    assert_same(
        dir.path(),
        "a run filling the cache",
        &plain,
        &lint_json(dir.path(), &[]),
    );
    assert_same(
        dir.path(),
        "a cached run",
        &plain,
        &lint_json(dir.path(), &[]),
    );
    let out = tempfile::tempdir().unwrap();
    let halves = vec![
        vec!["news/a.md".to_owned(), "news/c.md".to_owned()],
        vec!["news/b.md".to_owned()],
    ];
    assert_same(
        dir.path(),
        "two shards",
        &plain,
        &sharded(dir.path(), &halves, out.path()),
    );
}

/// The story of an article in `stories: folder` is named after the input
/// it was found under (`news/101` from the configuration's `news`, the
/// whole parent folder for a file named on the command line); the cache
/// must not hand one input's story to another.
#[test]
fn the_cache_keeps_stories_apart_by_input() {
    let outer = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("cp")
        .arg("-R")
        .arg(root().join("tests/fixtures/stories"))
        .arg(outer.path())
        .status()
        .unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(outer.path().join("stories/.crosscheck-cache"));
    let config = ["--config", "stories/crosscheck.yaml"];
    let files = [
        "stories/news/101/wjhl.md",
        "stories/news/101/wjhl-update.md",
        "stories/news/101/wcyb.md",
    ];
    let by_folder = lint_json(outer.path(), &config);
    let by_file = lint_json(outer.path(), &[&config[..], &files[..]].concat());
    assert_same(
        outer.path(),
        "files after the folder",
        &lint_json(
            outer.path(),
            &[&config[..], &files[..], &["--no-cache"]].concat(),
        ),
        &by_file,
    );
    assert_same(
        outer.path(),
        "the folder after files",
        &lint_json(outer.path(), &[&config[..], &["--no-cache"]].concat()),
        &lint_json(outer.path(), &config),
    );
    assert!(by_folder.0 != by_file.0, "the two runs differ");
}

#[test]
fn tables_from_other_rules_or_broken_lines_are_refused() {
    let out = tempfile::tempdir().unwrap();
    let table = out.path().join("all.jsonl");
    let table = table.to_string_lossy();
    run(&root(), &["extract", "--no-cache", "--output", &table]);
    let lines = std::fs::read_to_string(table.as_ref()).unwrap();
    assert!(
        lines
            .lines()
            .next()
            .unwrap()
            .contains("\"record\":\"header\""),
        "{lines}"
    );
    assert!(
        lines.contains("\"record\":\"statement\"") && lines.contains("\"value\":\"49%\""),
        "{lines}"
    );

    let refused = |args: &[&str], message: &str| {
        let output = Command::cargo_bin("crosscheck")
            .unwrap()
            .current_dir(root())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    };
    refused(
        &["lint", "--rule", "microsoft-stake", "--statements", &table],
        "extracted with other rules",
    );
    refused(
        &["lint", "--statements", &table, &table],
        "is in more than one statements table",
    );
    let broken = out.path().join("broken.jsonl");
    std::fs::write(
        &broken,
        lines.replacen("\"record\":\"statement\"", "\"record\":\"statment\"", 1),
    )
    .unwrap();
    refused(
        &["lint", "--statements", &broken.to_string_lossy()],
        "broken.jsonl:",
    );
    let renamed = out.path().join("renamed.jsonl");
    std::fs::write(
        &renamed,
        lines.replace("\"rule\":\"microsoft-stake\"", "\"rule\":\"no-such-rule\""),
    )
    .unwrap();
    refused(
        &["lint", "--statements", &renamed.to_string_lossy()],
        "no rule has the id `no-such-rule`",
    );
    let empty = out.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    refused(
        &["lint", "--statements", &empty.to_string_lossy()],
        "is empty",
    );
}
