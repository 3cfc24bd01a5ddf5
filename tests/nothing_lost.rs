//! Nothing lost: `--output` and `--write-baseline` replace their file
//! through a temporary file and a rename, so a run that fails or is
//! interrupted by SIGINT or SIGTERM leaves the previous file intact, and no
//! temporary file behind.
//! (tests/external/interrupt.sh interrupts a run in the middle of writing.)
#![cfg(unix)]

use std::fs::Permissions;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const PREVIOUS: &str = "the previous report\n";

fn binary() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
}

/// A corpus of `copies` × the four seeds, with the seeds' rules.
fn corpus(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("articles")).expect("a folder");
    for entry in std::fs::read_dir(root.join("seeds")).expect("seeds") {
        let path = entry.expect("a seed").path();
        let text = std::fs::read(&path).expect("a seed");
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        for copy in 0..copies {
            std::fs::write(dir.path().join(format!("articles/{copy:04}-{name}")), &text)
                .expect("written");
        }
    }
    std::fs::copy(
        root.join("rules/partnership.yaml"),
        dir.path().join("rules.yaml"),
    )
    .expect("the rules");
    dir
}

/// A file `lint` replaces: the option that names it, its name in `out/`,
/// and how a failure to write it is reported.
#[derive(Clone, Copy)]
struct Target {
    option: &'static str,
    name: &'static str,
    error: &'static str,
}

const REPORT: Target = Target {
    option: "--output",
    name: "report.json",
    error: "cannot write the report",
};
const BASELINE: Target = Target {
    option: "--write-baseline",
    name: "baseline.json",
    error: "cannot write the baseline",
};

impl Target {
    fn path(self, dir: &Path) -> PathBuf {
        dir.join("out").join(self.name)
    }
}

/// `lint` writing `target` (a baseline run shows its report on standard output, left out).
fn lint(dir: &Path, target: Target) -> Command {
    let mut command = binary();
    command.current_dir(dir).args([
        "lint",
        "articles",
        "--rules",
        "rules.yaml",
        "--format",
        "json",
        target.option,
        &format!("out/{}", target.name),
    ]);
    command.stdout(Stdio::null());
    command
}

/// Files left in `out/` besides `target`.
fn leftovers(dir: &Path, target: Target) -> Vec<String> {
    std::fs::read_dir(dir.join("out"))
        .expect("out/")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != target.name)
        .collect()
}

fn replaces_the_previous_file_and_leaves_no_temporary_file(target: Target) {
    let dir = corpus(1);
    std::fs::create_dir(dir.path().join("out")).expect("out/");
    let written = target.path(dir.path());
    std::fs::write(&written, PREVIOUS).expect("written");
    std::fs::set_permissions(&written, Permissions::from_mode(0o640)).expect("a mode");
    let status = lint(dir.path(), target).output().expect("it runs").status;
    assert_eq!(status.code(), Some(0));
    let text = std::fs::read_to_string(&written).expect("the new file");
    assert!(
        text.starts_with("{\n  \"version\": 1,") && text.ends_with("}\n"),
        "{text}"
    );
    assert_eq!(leftovers(dir.path(), target), Vec::<String>::new());
    // The replaced file keeps its mode; a new one gets the usual mode.
    assert_eq!(
        std::fs::metadata(&written)
            .expect("the new file")
            .permissions()
            .mode()
            & 0o777,
        0o640
    );
    std::fs::remove_file(&written).expect("removed");
    let status = lint(dir.path(), target).output().expect("it runs").status;
    assert_eq!(status.code(), Some(0));
    let mode = std::fs::metadata(&written)
        .expect("the new file")
        .permissions()
        .mode()
        & 0o777;
    assert!(
        mode & 0o644 == 0o644,
        "a new {} is not readable by others: {mode:o}",
        target.name
    );
}

#[test]
fn output_replaces_the_previous_file_and_leaves_no_temporary_file() {
    replaces_the_previous_file_and_leaves_no_temporary_file(REPORT);
}

#[test]
fn write_baseline_replaces_the_previous_file_and_leaves_no_temporary_file() {
    replaces_the_previous_file_and_leaves_no_temporary_file(BASELINE);
}

fn a_failed_write_leaves_the_previous(target: Target) {
    let dir = corpus(1);
    // The file cannot replace a folder: the rename fails.
    let written = target.path(dir.path());
    std::fs::create_dir_all(&written).expect("a folder in the way");
    std::fs::write(written.join("keep"), PREVIOUS).expect("written");
    let output = lint(dir.path(), target).output().expect("it runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains(target.error));
    assert_eq!(
        std::fs::read_to_string(written.join("keep")).expect("kept"),
        PREVIOUS
    );
    assert_eq!(leftovers(dir.path(), target), Vec::<String>::new());
}

#[test]
fn a_failed_write_leaves_the_previous_file() {
    a_failed_write_leaves_the_previous(REPORT);
}

#[test]
fn a_failed_baseline_write_leaves_the_previous_baseline() {
    a_failed_write_leaves_the_previous(BASELINE);
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Interrupts runs at moments spread over a whole run: the file is then
/// either the previous one or the complete new one, never a mix, and no
/// temporary file is left.
fn an_interrupted_run_leaves_the_previous_or_the_complete_new(target: Target) {
    let dir = corpus(150);
    std::fs::create_dir(dir.path().join("out")).expect("out/");
    let written = target.path(dir.path());
    let started = std::time::Instant::now();
    assert_eq!(
        lint(dir.path(), target)
            .output()
            .expect("it runs")
            .status
            .code(),
        Some(0)
    );
    let full_run = started.elapsed();
    let complete = std::fs::read_to_string(&written).expect("the new file");
    let (mut kept, mut replaced) = (0, 0);
    for step in 0..12u32 {
        std::fs::write(&written, PREVIOUS).expect("written");
        let mut child = lint(dir.path(), target)
            .stderr(Stdio::null())
            .spawn()
            .expect("it starts");
        std::thread::sleep(full_run * step / 10);
        signal(&child, if step % 2 == 0 { "INT" } else { "TERM" });
        child.wait().expect("it ends");
        let now = std::fs::read_to_string(&written).expect("a file is there");
        assert!(
            now == PREVIOUS || now == complete,
            "step {step}: a partial {} of {} bytes",
            target.name,
            now.len()
        );
        if now == PREVIOUS {
            kept += 1;
        } else {
            replaced += 1;
        }
        assert_eq!(
            leftovers(dir.path(), target),
            Vec::<String>::new(),
            "step {step}"
        );
    }
    // The early signals came before the file was written.
    assert!(
        kept > 0,
        "no run was interrupted in time ({replaced} finished)"
    );
}

#[test]
fn an_interrupted_run_leaves_the_previous_file_or_the_complete_new_one() {
    an_interrupted_run_leaves_the_previous_or_the_complete_new(REPORT);
}

#[test]
fn an_interrupted_baseline_run_leaves_the_previous_baseline_or_the_complete_new_one() {
    an_interrupted_run_leaves_the_previous_or_the_complete_new(BASELINE);
}
