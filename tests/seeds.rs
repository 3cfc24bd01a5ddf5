//! The bundled sample: `crosscheck lint` on seeds/ with rules/ and the root
//! crosscheck.yaml, as a user first runs it. The outputs are snapshots, and
//! every span must quote exactly the bytes it points at.

mod common;

use common::{assert_report_shape, assert_span_invariant, crosscheck, root};
use serde_json::Value;

fn lint(args: &[&str]) -> (String, i32) {
    let output = crosscheck()
        .arg("lint")
        .args(args)
        .output()
        .expect("crosscheck runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "nothing on stderr"
    );
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        output.status.code().expect("an exit status"),
    )
}

#[test]
fn human_output() {
    let (stdout, code) = lint(&["--color", "never"]);
    assert_eq!(
        code, 0,
        "the seeds give warnings and notes only; fail_on is error"
    );
    insta::assert_snapshot!("seeds_human", stdout);
}

#[test]
fn json_output() {
    let (stdout, code) = lint(&["--format", "json"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_report_shape(&report);
    insta::assert_snapshot!("seeds_json", stdout);
}

#[test]
fn every_span_quotes_its_bytes() {
    let (stdout, _) = lint(&["--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let checked = common::assert_report_spans(root(), &report);
    assert!(
        checked >= 10,
        "the seeds have primary and related spans ({checked})"
    );
    // The Westlaw outlet comes from the config's `outlets` mapping.
    assert!(
        stdout.contains("stated by Westlaw"),
        "seeds/002_* is shown as Westlaw"
    );

    let output = crosscheck()
        .args(["matrix", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let matrix: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut spans = 0;
    for row in matrix["claims"].as_array().unwrap() {
        assert_eq!(
            row["cells"].as_object().unwrap().len(),
            4,
            "every seed outlet has a cell: {row}"
        );
        for cell in row["cells"].as_object().unwrap().values() {
            for span in cell["spans"].as_array().unwrap() {
                assert_span_invariant(root(), span);
                spans += 1;
            }
        }
    }
    assert!(
        spans > 20,
        "the matrix lists the statements behind its cells ({spans})"
    );
}

#[test]
fn the_invariant_checker_catches_wrong_spans() {
    // The checker itself must fail on a span that is off by one, or it proves nothing.
    let (stdout, _) = lint(&["--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let good = report["diagnostics"][1]["primary"].clone();
    assert_span_invariant(root(), &good);
    let mutations: [(&str, i64); 6] = [
        ("byte_start", 1),
        ("byte_end", -1),
        ("line", 1),
        ("column", 1),
        ("end_line", -1),
        ("end_column", 1),
    ];
    for (key, delta) in mutations {
        let mut bad = good.clone();
        bad[key] = Value::from(bad[key].as_i64().unwrap() + delta);
        let caught = std::panic::catch_unwind(|| assert_span_invariant(root(), &bad)).is_err();
        assert!(
            caught,
            "a span with {key} off by {delta} passes the checker"
        );
    }
    let mut bad = good.clone();
    bad["text"] = Value::from(format!("{} ", good["text"].as_str().unwrap()));
    assert!(
        std::panic::catch_unwind(|| assert_span_invariant(root(), &bad)).is_err(),
        "wrong text passes"
    );
}
