//! Invariants of the matching view and its span map, checked over the seeds
//! and a sample of the real GVA corpus (`../shared/corpora/gva`).

mod common;

use std::path::{Path, PathBuf};

use crosscheck_engine::article::{invariants, Article, Markup};

/// Checks every invariant the rest of crosscheck relies on.
fn check(path: &Path, article: &Article) {
    if let Err(broken) = invariants::check(article) {
        panic!("{}: {broken}", path.display());
    }
}

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

#[test]
fn seeds_keep_the_invariants() {
    let paths = seeds();
    assert!(paths.len() >= 4);
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let article = Article::parse(&bytes, Markup::of_path(&path).unwrap()).unwrap();
        assert!(article.blocks.len() >= 5, "{}", path.display());
        check(&path, &article);
    }
}

#[test]
fn seed_002_shapes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/002_34ba5583a882bc38.txt");
    let article = Article::parse(&std::fs::read(path).unwrap(), Markup::Plain).unwrap();
    let headings: Vec<&str> = article
        .blocks
        .iter()
        .filter(|b| b.heading)
        .map(|b| article.block_text(b))
        .collect();
    assert_eq!(&headings[..3], ["Companies", "28/04/2026", "Recasting AI Power: Why Microsoft and OpenAI Reworked Their Alliance for Global Competition"]);
    assert!(headings.contains(&"From Strategic Dependence to Controlled Independence"));
    // Lines holding only a non-breaking space separate paragraphs.
    let first = article.block_text(&article.blocks[3]);
    assert!(
        first.starts_with("The decision by Microsoft") && first.ends_with("others."),
        "{first}"
    );
}

/// Every article of the GVA corpus, sorted by path; None when the corpus is
/// absent (see [`common::shared_corpus`]).
fn gva() -> Option<Vec<PathBuf>> {
    let root = common::shared_corpus("gva")?;
    let mut paths = Vec::new();
    for story in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(story.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if Markup::of_path(&path).is_some() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    assert!(paths.len() > 1000, "GVA corpus looks truncated");
    Some(paths)
}

/// Every Markdown body of GVA that `prose` accepts, the parser reads alike.
#[test]
fn gva_prose_reads_as_the_parser_does() {
    let Some(paths) = gva() else { return };
    let mut accepted = 0;
    for path in paths
        .iter()
        .filter(|path| Markup::of_path(path) == Some(Markup::Markdown))
    {
        let article = Article::parse(&std::fs::read(path).unwrap(), Markup::Markdown).unwrap();
        accepted += usize::from(
            invariants::check_prose(&article)
                .unwrap_or_else(|broken| panic!("{}: {broken}", path.display())),
        );
    }
    assert!(
        accepted * 2 > paths.len(),
        "only {accepted} of {} bodies were prose",
        paths.len()
    );
}

/// Every 7th GVA article (about 900 files), sorted by path.
#[test]
fn gva_sample_keeps_the_invariants() {
    let Some(paths) = gva() else { return };
    for path in paths.iter().step_by(7) {
        let bytes = std::fs::read(path).unwrap();
        let article = Article::parse(&bytes, Markup::of_path(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(article.front.outlet.is_some(), "{}", path.display());
        check(path, &article);
    }
}

/// The same checks on synthetic text that exercises every normalization.
#[test]
fn synthetic_articles_keep_the_invariants() {
    let md = "---\r\noutlet: x\r\n---\r\n# “Quoted” — Title\r\n\r\nAT&amp;T’s **bold**\u{AD}ly  \r\nwrapped\u{A0}line &nbsp; \\* [link](u) `co  de`.\r\n\r\n- item\u{200B} one\r\n- item two\r\n\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n";
    let txt = "\u{FEFF}Headline With Caps\r\nThe first line is\r\nwrapped – here.\r\n\u{A0}\r\n- •Bullet “one”.\r\n  \r\nMr. Smith met Dr. Jones in the U.S. on Jan. 5 at 5 p.m. The end.\r\n";
    for (source, format) in [(md, Markup::Markdown), (txt, Markup::Plain)] {
        let article = Article::parse(source.as_bytes(), format).unwrap();
        check(Path::new("synthetic"), &article);
    }
}
