//! `crosscheck matrix`: the terminal table, Markdown and JSON on the seeds,
//! and a corpus of 30 outlets × 50 claims that must stay readable.

use assert_cmd::Command;

fn crosscheck(dir: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("crosscheck").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

fn stdout(command: &mut Command) -> String {
    String::from_utf8(command.assert().success().get_output().stdout.clone()).unwrap()
}

fn repo() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn table_of_the_seeds() {
    insta::assert_snapshot!(
        "matrix_table_seeds",
        stdout(crosscheck(repo()).arg("matrix"))
    );
}

#[test]
fn markdown_of_the_seeds() {
    insta::assert_snapshot!(
        "matrix_markdown_seeds",
        stdout(crosscheck(repo()).args(["matrix", "--format", "markdown"]))
    );
}

#[test]
fn json_has_every_outlet_in_every_row() {
    let output = stdout(crosscheck(repo()).args(["matrix", "--format", "json"]));
    let document: serde_json::Value = serde_json::from_str(&output).unwrap();
    assert_eq!(document["version"], 1);
    let outlets = document["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 4);
    let claims = document["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 10);
    for row in claims {
        assert_eq!(row["story"], "corpus");
        assert_eq!(
            row["cells"].as_object().unwrap().len(),
            4,
            "{}",
            row["rule"]
        );
    }
    let stake = claims
        .iter()
        .find(|row| row["rule"] == "microsoft-stake")
        .unwrap();
    let cell = &stake["cells"]["003_26b68e2dcfb657ae"];
    assert_eq!(cell["state"], "states");
    assert_eq!(cell["values"], serde_json::json!(["49%"]));
    assert_eq!(cell["spans"][0]["value"], "49%");
    assert_eq!(cell["spans"][0]["path"], "seeds/003_26b68e2dcfb657ae.txt");
}

/// 30 outlets with long names, 50 claims and a value row: every line fits a
/// terminal, every row of a column group has its cells at the same places,
/// and the key names every outlet.
#[test]
fn thirty_outlets_and_fifty_claims_stay_readable() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("articles")).unwrap();
    for outlet in 0..30 {
        let mut text = format!("---\noutlet: outlet-{outlet:02}.example-news.com\n---\n");
        for claim in (0..50).filter(|claim| (outlet * 7 + claim) % 4 == 0) {
            text.push_str(&format!("The claim{claim:02} holds.\n\n"));
        }
        text.push_str(if outlet % 2 == 0 {
            "Microsoft keeps a 49% stake.\n"
        } else {
            "Microsoft keeps a 27% stake.\n"
        });
        std::fs::write(
            folder.path().join(format!("articles/a{outlet:02}.md")),
            text,
        )
        .unwrap();
    }
    let mut rules = String::from("rules:\n");
    for claim in 0..50 {
        rules.push_str(&format!("  - id: claim-number-{claim:02}\n    claim: Claim {claim}\n    pattern: '\\bclaim{claim:02}\\b'\n"));
    }
    rules.push_str("  - id: stake\n    claim: The stake\n    extract: { pattern: '(?P<value>\\d+%) stake', kind: percent }\n    expect: { agree: true }\n");
    std::fs::write(folder.path().join("rules.yaml"), rules).unwrap();
    std::fs::write(
        folder.path().join("crosscheck.yaml"),
        "sources: [articles]\nrules: [rules.yaml]\n",
    )
    .unwrap();

    let output = stdout(crosscheck(folder.path()).arg("matrix"));
    let width = |line: &str| line.chars().count();
    assert!(output.lines().all(|line| width(line) <= 120), "{output}");
    assert!(
        output.starts_with("story corpus: 30 outlets, 51 claims\n"),
        "{output}"
    );
    for outlet in 0..30 {
        assert!(
            output.contains(&format!(
                "{:>5} = outlet-{outlet:02}.example-news.com\n",
                outlet + 1
            )),
            "{output}"
        );
    }
    let groups: Vec<&str> = output
        .split("\n\n")
        .filter(|group| group.contains("claim-number-00"))
        .collect();
    assert!(
        groups.len() >= 2,
        "30 columns need more than one group: {output}"
    );
    let mut columns_seen = 0;
    for group in groups {
        let lines: Vec<&str> = group
            .lines()
            .skip_while(|line| !line.starts_with(' '))
            .collect();
        let header = lines[0];
        columns_seen += header.split_whitespace().count();
        // Each column starts at its header number in every row of the group.
        let starts: Vec<usize> = header
            .char_indices()
            .filter(|(i, c)| !c.is_whitespace() && (*i == 0 || header[..*i].ends_with(' ')))
            .map(|(i, _)| i)
            .collect();
        for row in &lines[1..52] {
            let chars: Vec<char> = row.chars().collect();
            for start in &starts {
                let at = header[..*start].chars().count();
                assert!(
                    chars.get(at).is_some_and(|c| !c.is_whitespace()),
                    "row {row:?} has no cell under column at {at}"
                );
            }
        }
        assert!(lines[51].starts_with("stake "), "{group}");
    }
    assert_eq!(columns_seen, 30);
}
