//! The same input gives byte-identical output: across runs, and whether
//! rayon reads the articles on one thread or two (SPEC §6).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seeds (the repository's own config) and every fixture corpus.
fn corpora() -> Vec<PathBuf> {
    let mut corpora = vec![root()];
    let fixtures = root().join("tests/fixtures");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures")
        .map(|entry| entry.expect("a fixture").path())
        .collect();
    folders.sort();
    corpora.extend(
        folders
            .into_iter()
            .filter(|folder| folder.join("crosscheck.yaml").is_file()),
    );
    assert!(corpora.len() >= 5, "fixtures are missing");
    corpora
}

fn run(folder: &Path, args: &[&str], threads: &str) -> Output {
    Command::cargo_bin("crosscheck")
        .expect("the binary")
        .current_dir(folder)
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .env("NO_COLOR", "1")
        .output()
        .expect("it runs")
}

fn assert_deterministic(args: &[&str]) {
    for folder in corpora() {
        let first = run(&folder, args, "1");
        assert!(
            !first.stdout.is_empty(),
            "{}: {args:?} printed nothing",
            folder.display()
        );
        for threads in ["2", "2", "1"] {
            let again = run(&folder, args, threads);
            assert_eq!(
                again.status.code(),
                first.status.code(),
                "{}: {args:?}: exit status differs",
                folder.display()
            );
            assert!(
                again.stdout == first.stdout,
                "{}: {args:?} with RAYON_NUM_THREADS={threads} differs:\n{}\n---\n{}",
                folder.display(),
                String::from_utf8_lossy(&first.stdout),
                String::from_utf8_lossy(&again.stdout)
            );
        }
    }
}

#[test]
fn lint_json_is_byte_identical() {
    assert_deterministic(&["lint", "--format", "json"]);
}

#[test]
fn lint_human_is_byte_identical() {
    assert_deterministic(&["lint", "--format", "human", "--color", "never"]);
}

#[test]
fn matrix_json_is_byte_identical() {
    assert_deterministic(&["matrix", "--format", "json"]);
}

/// The real GVA corpus (6,224 articles in 3,614 stories), where two
/// threads really interleave; skipped like the other GVA checks when the
/// corpus is absent (see [`common::shared_corpus`]).
#[test]
fn gva_lint_json_is_byte_identical() {
    if common::shared_corpus("gva").is_none() {
        return;
    }
    let folder = root().join("tests/corpora/gva");
    let args = ["lint", "--format", "json"];
    let one = run(&folder, &args, "1");
    let two = run(&folder, &args, "2");
    assert!(one.stdout.len() > 100_000, "the GVA report is too short");
    assert_eq!(one.status.code(), two.status.code());
    assert!(
        one.stdout == two.stdout,
        "the GVA report differs between one and two threads"
    );
}
