//! Nothing lost: `--output` replaces its file through a temporary file and a
//! rename, so a run that fails or is interrupted by SIGINT or SIGTERM leaves
//! the previous file intact, and no temporary file behind.
//! (tests/external/interrupt.sh interrupts a run in the middle of writing.)
#![cfg(unix)]

use std::fs::Permissions;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
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
        let name = path.file_name().expect("a name").to_string_lossy().into_owned();
        for copy in 0..copies {
            std::fs::write(dir.path().join(format!("articles/{copy:04}-{name}")), &text).expect("written");
        }
    }
    std::fs::copy(root.join("rules/partnership.yaml"), dir.path().join("rules.yaml")).expect("the rules");
    dir
}

fn lint(dir: &Path) -> Command {
    let mut command = binary();
    command.current_dir(dir).args(["lint", "articles", "--rules", "rules.yaml", "--format", "json", "--output", "out/report.json"]);
    command
}

/// Files left in `out/` besides the report.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("out"))
        .expect("out/")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "report.json")
        .collect()
}

#[test]
fn output_replaces_the_previous_file_and_leaves_no_temporary_file() {
    let dir = corpus(1);
    std::fs::create_dir(dir.path().join("out")).expect("out/");
    let report = dir.path().join("out/report.json");
    std::fs::write(&report, PREVIOUS).expect("written");
    std::fs::set_permissions(&report, Permissions::from_mode(0o640)).expect("a mode");
    let status = lint(dir.path()).status().expect("it runs");
    assert_eq!(status.code(), Some(0));
    let text = std::fs::read_to_string(&report).expect("the report");
    assert!(text.starts_with("{\n  \"version\": 1,") && text.ends_with("}\n"), "{text}");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    // The replaced file keeps its mode; a new one gets the usual mode.
    assert_eq!(std::fs::metadata(&report).expect("the report").permissions().mode() & 0o777, 0o640);
    std::fs::remove_file(&report).expect("removed");
    let status = lint(dir.path()).status().expect("it runs");
    assert_eq!(status.code(), Some(0));
    let mode = std::fs::metadata(&report).expect("the report").permissions().mode() & 0o777;
    assert!(mode & 0o644 == 0o644, "a new report is not readable by others: {mode:o}");
}

#[test]
fn a_failed_write_leaves_the_previous_file() {
    let dir = corpus(1);
    // The report cannot replace a folder: the rename fails.
    std::fs::create_dir_all(dir.path().join("out/report.json")).expect("a folder in the way");
    std::fs::write(dir.path().join("out/report.json/keep"), PREVIOUS).expect("written");
    let output = lint(dir.path()).output().expect("it runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write the report"));
    assert_eq!(std::fs::read_to_string(dir.path().join("out/report.json/keep")).expect("kept"), PREVIOUS);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill").args([&format!("-{name}"), &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
}

/// Interrupts runs at moments spread over a whole run: the report is then
/// either the previous file or the complete new one, never a mix, and no
/// temporary file is left.
#[test]
fn an_interrupted_run_leaves_the_previous_file_or_the_complete_new_one() {
    let dir = corpus(150);
    std::fs::create_dir(dir.path().join("out")).expect("out/");
    let report = dir.path().join("out/report.json");
    let started = std::time::Instant::now();
    assert_eq!(lint(dir.path()).status().expect("it runs").code(), Some(0));
    let full_run = started.elapsed();
    let complete = std::fs::read_to_string(&report).expect("the report");
    let (mut kept, mut replaced) = (0, 0);
    for step in 0..12u32 {
        std::fs::write(&report, PREVIOUS).expect("written");
        let mut child = lint(dir.path()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("it starts");
        std::thread::sleep(full_run * step / 10);
        signal(&child, if step % 2 == 0 { "INT" } else { "TERM" });
        child.wait().expect("it ends");
        let now = std::fs::read_to_string(&report).expect("a report is there");
        assert!(now == PREVIOUS || now == complete, "step {step}: a partial report of {} bytes", now.len());
        if now == PREVIOUS {
            kept += 1;
        } else {
            replaced += 1;
        }
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "step {step}");
    }
    // The early signals came before the report was written.
    assert!(kept > 0, "no run was interrupted in time ({replaced} finished)");
}
