//! `crosscheck lint --format html`: the structure of the page (every
//! finding has its card and highlight, every related span its link), the
//! escaping of hostile article and rule text, stable bytes, and files that
//! change between the run and the page. tests/external/html-browser.sh
//! drives the page in a browser.

use std::path::Path;

use assert_cmd::Command;
use crosscheck_engine::run::{self, Options, Setup};
use crosscheck_render::{Context, Format, Report};
use regex::Regex;

fn crosscheck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("crosscheck").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

/// Standard output of a lint that found nothing at `fail_on` or some (0 or 1).
fn lint(dir: &Path, args: &[&str]) -> String {
    let output = crosscheck(dir).arg("lint").args(args).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn every_finding_of_the_seeds_has_its_card_highlight_and_links() {
    let html = lint(repo(), &["--format", "html"]);
    let json: serde_json::Value =
        serde_json::from_str(&lint(repo(), &["--format", "json"])).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 8);
    assert_eq!(
        html.matches("<li class=\"card\"").count(),
        diagnostics.len()
    );
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let field = |name: &str| diagnostic[name].as_str().unwrap().to_owned();
        let primary = &diagnostic["primary"];
        let card = format!(
            "<li class=\"card\" id=\"d{index}\" data-rule=\"{}\" data-sev=\"{}\"",
            field("rule"),
            field("severity")
        );
        assert!(html.contains(&card), "no card for {index}: {card}");
        assert!(
            html.contains(&format!("<code>{}/{}</code>", field("rule"), field("kind"))),
            "{index}"
        );
        assert!(
            html.contains(&format!(
                "<p class=\"message\">{}</p>",
                escaped(&field("message"))
            )),
            "{index}"
        );
        let place = format!(
            "{}:{}:{}</",
            primary["path"].as_str().unwrap(),
            primary["line"],
            primary["column"]
        );
        assert!(html.contains(&place), "{index}: no place {place}");
        if primary["path"].as_str().unwrap().starts_with("seeds/") {
            let highlight =
                Regex::new(&format!(r#"<mark id="a\d+-{}" class="f" data-sev="\w+" data-d="(\d+ )*{index}( \d+)*" tabindex="0">"#, primary["byte_start"]))
                    .unwrap();
            assert!(highlight.is_match(&html), "no highlight for {index}");
        }
        for related in diagnostic["related"].as_array().unwrap() {
            let link = Regex::new(&format!(
                r##"<a href="#a\d+-{}" data-to="{}">{}</a>"##,
                related["byte_start"],
                related["byte_end"],
                regex::escape(&escaped(related["text"].as_str().unwrap()))
            ))
            .unwrap();
            assert!(link.is_match(&html), "{index}: no link to {related}");
        }
    }
    // The finding in the rule file has no article: it is listed on its own.
    let elsewhere = &html[html.find("<section id=\"elsewhere\"").unwrap()..];
    let rules = std::fs::read_to_string(repo().join("rules/partnership.yaml")).unwrap();
    let line = rules
        .lines()
        .position(|line| line.contains("id: investment-13bn"))
        .unwrap()
        + 1;
    assert!(elsewhere.contains(&format!("rules/partnership.yaml:{line}:9")));
}

#[test]
fn every_link_on_the_page_has_its_target() {
    let html = lint(repo(), &["--format", "html"]);
    let ids: std::collections::BTreeSet<&str> = Regex::new(r#" id="([^"]+)""#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let links: Vec<&str> = Regex::new(r##"href="#([^"]+)""##)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(links.len() > 50, "{} links", links.len());
    for link in links {
        assert!(ids.contains(link), "#{link} leads nowhere");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = lint(repo(), &["--format", "html"]);
    let second = lint(repo(), &["--format", "html"]);
    assert!(first == second, "two runs differ");
}

#[test]
fn the_page_is_self_contained() {
    let html = lint(repo(), &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let policy = Regex::new(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; script-src 'sha256-[A-Za-z0-9+/]{43}='; img-src data:; base-uri 'none'; form-action 'none'">"#).unwrap();
    assert!(policy.is_match(&html), "no policy");
    for external in [
        "src=\"http",
        "href=\"http",
        "url(",
        "@import",
        "<link rel=\"stylesheet\"",
        "<iframe",
    ] {
        assert!(!html.contains(external), "{external}");
    }
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<style").count(), 1);
}

/// A corpus written to attack the page: script and markup in article text,
/// front matter and rule text.
fn hostile_corpus() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = folder.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "crosscheck.yaml",
        "sources: [articles]\nrules: [rules.yaml]\n",
    );
    write(
        "rules.yaml",
        "rules:\n  - id: toll\n    claim: \"The toll is <b>known</b> & final\"\n    extract:\n      pattern: '(?P<value>\\d+) (?:people )?died'\n      kind: number\n    \
         expect: { agree: true }\n    message: \"<script>alert('message')</script> gives {value}\"\n",
    );
    write(
        "articles/a.txt",
        "<script>alert(\"article\")</script> 4 died in the fire.\n",
    );
    write(
        "articles/b.md",
        "---\noutlet: \"<script>alert('outlet')</script>\"\ntitle: \"<img src=x onerror=alert('title')>\"\nurl: \"javascript:alert('url')\"\n---\n\n\
         Officials said 3 died. <img src=x onerror=alert('inline')> `<script>alert('code')</script>`\n",
    );
    write("articles/c.md", "---\noutlet: Gamma\nurl: https://example.com/c?x=1&y=\"2\"\n---\n\nFirefighters said 3 people died.\n");
    folder
}

#[test]
fn article_and_rule_text_is_escaped() {
    let corpus = hostile_corpus();
    let html = lint(corpus.path(), &["--format", "html"]);
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(
        !html.contains("<img"),
        "markup from an article became an element"
    );
    assert!(!html.contains("<b>known"));
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
    // The flagged words, script and all, are shown as text in a highlight.
    let highlight = Regex::new(
        r#"<mark id="a0-\d+" class="f" data-sev="warning" data-d="0" tabindex="0">4</mark>"#,
    )
    .unwrap();
    assert!(highlight.is_match(&html), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&quot;article&quot;)&lt;/script&gt; <mark"));
    assert!(html.contains(
        "<p class=\"message\">&lt;script&gt;alert(&#39;message&#39;)&lt;/script&gt; gives 4</p>"
    ));
    assert!(html.contains("Claim: The toll is &lt;b&gt;known&lt;/b&gt; &amp; final"));
    assert!(html.contains(
        "<span class=\"outlet\">&lt;script&gt;alert(&#39;outlet&#39;)&lt;/script&gt;</span>"
    ));
    assert!(html
        .contains("<span class=\"title\">&lt;img src=x onerror=alert(&#39;title&#39;)&gt;</span>"));
    assert!(
        html.contains(" · javascript:alert(&#39;url&#39;)</p>"),
        "a javascript: address stays text"
    );
    assert!(html.contains(
        "<a href=\"https://example.com/c?x=1&amp;y=&quot;2&quot;\" rel=\"noopener noreferrer\">"
    ));
}

/// Lints `corpus` through the library, lets `change` touch its files, then
/// renders the page from the run's outcome.
fn page_after(corpus: &Path, change: impl FnOnce()) -> String {
    let options = Options {
        cwd: corpus.to_path_buf(),
        rules: vec![corpus.join("rules.yaml")],
        paths: vec![corpus.join("articles").to_string_lossy().into_owned()],
        ..Options::default()
    };
    let setup = Setup::load(&options).unwrap();
    let outcome = run::lint(&setup, options.strategy);
    change();
    let report = Report {
        outcome: &outcome,
        diagnostics: &outcome.diagnostics,
        rules: &setup.rules,
        color: false,
        quiet: false,
        context: &Context {
            root: corpus.to_path_buf(),
            blob_base: None,
        },
    };
    let mut bytes = Vec::new();
    Format::Html.renderer().render(&report, &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn files_changed_or_gone_since_the_run_show_their_findings_without_text() {
    let corpus = hostile_corpus();
    let articles = corpus.path().join("articles");
    let html = page_after(corpus.path(), || {
        std::fs::write(articles.join("a.txt"), "Rewritten: 5 died.\n").unwrap();
        std::fs::remove_file(articles.join("c.md")).unwrap();
    });
    assert_eq!(
        html.matches("This file changed or could not be read since the run")
            .count(),
        2
    );
    assert!(
        html.contains("<li class=\"card\" id=\"d0\""),
        "the finding is still listed"
    );
    assert!(
        html.contains("<blockquote class=\"quote\">4</blockquote>"),
        "with the words it had"
    );
    assert!(!html.contains("Rewritten"));
    // Links into those files lead to their sections, which exist.
    let a = Regex::new(
        r#"<details class="article" id="(a\d+)"[^>]*>\n<summary>[^\n]*a\.txt</span></summary>"#,
    )
    .unwrap();
    let section = &a.captures(&html).unwrap()[1];
    assert!(html.contains(&format!("<a class=\"place\" href=\"#{section}\">")));
    // The unchanged article keeps its highlights.
    assert!(html.contains("Officials said <mark"));
}

#[test]
fn conflict_page() {
    let html = lint(
        &repo().join("tests/fixtures/conflict"),
        &["--format", "html"],
    );
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap() + "</main>".len()];
    insta::assert_snapshot!("html_conflict_main", main);
}

#[test]
fn the_matrix_shows_the_stories_with_findings() {
    let stories = repo().join("tests/fixtures/stories");
    let html = lint(&stories, &["--format", "html"]);
    assert!(
        html.contains(
            "<summary>Story <b>news/202</b> · 2 outlets · 1 claim · 2 findings</summary>"
        ),
        "{html}"
    );
    assert!(
        !html.contains("<b>news/101</b>"),
        "a story without findings has a table"
    );
    assert!(html.contains("<p class=\"left-out\">1 story without findings left out.</p>"));
    assert!(
        !html.contains("news/101/"),
        "its articles are not shown either"
    );
    let quiet = lint(&stories, &["--format", "html", "--quiet"]);
    assert!(!quiet.contains("<section id=\"matrix\""));
    assert!(quiet.contains("<section id=\"articles\""));
}
