//! Invariants of the matching view and its span map, checked over the seeds
//! and a sample of the real GVA corpus (`../shared/corpora/gva`).

use std::path::{Path, PathBuf};

use super::normalize::{classify, Class};
use super::{Article, Format};

/// Checks every invariant the rest of crosscheck relies on.
fn check(path: &Path, article: &Article) {
    let text = &article.text.text;
    let source = &article.source;
    let name = path.display();

    // The normalized view has only normalized characters.
    assert!(!text.starts_with(' ') && !text.ends_with(' '), "{name}: untrimmed");
    assert!(!text.contains("  "), "{name}: double space");
    for c in text.chars() {
        match classify(c) {
            Class::Keep => {}
            Class::Space => assert_eq!(c, ' ', "{name}: {c:?} in normalized text"),
            other => panic!("{name}: {c:?} ({other:?}) in normalized text"),
        }
    }

    // Blocks are trimmed, non-empty, in order, and joined by single spaces.
    let joined: Vec<&str> = article.blocks.iter().map(|b| article.block_text(b)).collect();
    assert_eq!(joined.join(" "), *text, "{name}: blocks do not make the text");
    let mut last_end = 0;
    let mut last_orig = 0;
    for block in &article.blocks {
        assert!(block.range.start < block.range.end, "{name}: empty block");
        assert!(block.range.start >= last_end);
        last_end = block.range.end;
        let units = article.sentences(block);
        assert!(!units.is_empty(), "{name}: block without sentences");
        if block.heading {
            assert_eq!(units.len(), 1);
            assert_eq!(units[0], block.range);
        }
        for unit in units.iter().chain(std::iter::once(&block.range)) {
            assert!(block.range.start <= unit.start && unit.end <= block.range.end);
            let piece = &text[unit.clone()];
            assert!(!piece.is_empty() && piece.trim() == piece, "{name}: untrimmed unit {piece:?}");
            let orig = article.text.original_range(unit.clone());
            assert!(source.is_char_boundary(orig.start) && source.is_char_boundary(orig.end), "{name}: {orig:?} not on char boundaries");
            assert!(orig.start < orig.end, "{name}: empty original for {piece:?}");
            check_words(&name.to_string(), article, unit.clone());
        }
        for unit in &units {
            let orig = article.text.original_range(unit.clone());
            assert!(orig.start >= last_orig, "{name}: sentences out of order");
            last_orig = orig.end;
        }
    }
    check_random_ranges(&name.to_string(), article);
}

/// Every ASCII alphanumeric word of `unit` maps back to itself, and the words
/// appear in order.
fn check_words(name: &str, article: &Article, unit: std::ops::Range<usize>) {
    let text = &article.text.text;
    let bytes = text.as_bytes();
    let mut i = unit.start;
    let mut last = 0;
    while i < unit.end {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < unit.end && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &text[start..i];
        let orig = article.text.original_range(start..i);
        let back = &article.source[orig.clone()];
        // A word may span markup or a soft hyphen ("**bold**\u{AD}ly"); its
        // letters still are the original's, unless an entity made them.
        let letters: String = back.chars().filter(char::is_ascii_alphanumeric).collect();
        assert!(back == word || letters == word || back.contains('&') || back.contains('\\'), "{name}: {word:?} maps to {back:?}");
        assert!(orig.start >= last, "{name}: words out of order");
        last = orig.end;
    }
}

/// Random ranges on char boundaries: boundaries, monotonicity, copied text.
fn check_random_ranges(name: &str, article: &Article) {
    let text = &article.text.text;
    if text.is_empty() {
        return;
    }
    let mut seed = text.len() as u64 ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let boundary = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for _ in 0..200 {
        let a = boundary(next(text.len() + 1));
        let b = boundary(a + next(text.len() - a + 1));
        let r = article.text.original_range(a..b);
        assert!(article.source.is_char_boundary(r.start) && article.source.is_char_boundary(r.end));
        assert!(r.start <= r.end);
        // Growing the range never shrinks the original.
        let wider = article.text.original_range(boundary(a.saturating_sub(3))..b);
        assert!(wider.start <= r.start && wider.end >= r.end, "{name}: not monotone");
    }
}

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
}

#[test]
fn seeds_keep_the_invariants() {
    let paths = seeds();
    assert!(paths.len() >= 4);
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let article = Article::parse(&bytes, Format::of_path(&path).unwrap()).unwrap();
        assert!(article.blocks.len() >= 5, "{}", path.display());
        check(&path, &article);
    }
}

#[test]
fn seed_002_shapes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/002_34ba5583a882bc38.txt");
    let article = Article::parse(&std::fs::read(path).unwrap(), Format::Plain).unwrap();
    let headings: Vec<&str> = article.blocks.iter().filter(|b| b.heading).map(|b| article.block_text(b)).collect();
    assert_eq!(&headings[..3], ["Companies", "28/04/2026", "Recasting AI Power: Why Microsoft and OpenAI Reworked Their Alliance for Global Competition"]);
    assert!(headings.contains(&"From Strategic Dependence to Controlled Independence"));
    // Lines holding only a non-breaking space separate paragraphs.
    let first = article.block_text(&article.blocks[3]);
    assert!(first.starts_with("The decision by Microsoft") && first.ends_with("others."), "{first}");
}

/// Every 7th GVA article (about 900 files), sorted by path.
#[test]
fn gva_sample_keeps_the_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/gva");
    if !root.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing in CI", root.display());
        eprintln!("SKIPPED: {} is absent; GVA invariants not checked", root.display());
        return;
    }
    let mut paths = Vec::new();
    for story in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(story.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if Format::of_path(&path).is_some() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    assert!(paths.len() > 1000, "GVA corpus looks truncated");
    for path in paths.iter().step_by(7) {
        let bytes = std::fs::read(path).unwrap();
        let article = Article::parse(&bytes, Format::of_path(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(article.front.outlet.is_some(), "{}", path.display());
        check(path, &article);
    }
}

/// The same checks on synthetic text that exercises every normalization.
#[test]
fn synthetic_articles_keep_the_invariants() {
    let md = "---\r\noutlet: x\r\n---\r\n# “Quoted” — Title\r\n\r\nAT&amp;T’s **bold**\u{AD}ly  \r\nwrapped\u{A0}line &nbsp; \\* [link](u) `co  de`.\r\n\r\n- item\u{200B} one\r\n- item two\r\n\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n";
    let txt = "\u{FEFF}Headline With Caps\r\nThe first line is\r\nwrapped – here.\r\n\u{A0}\r\n- •Bullet “one”.\r\n  \r\nMr. Smith met Dr. Jones in the U.S. on Jan. 5 at 5 p.m. The end.\r\n";
    for (source, format) in [(md, Format::Markdown), (txt, Format::Plain)] {
        let article = Article::parse(source.as_bytes(), format).unwrap();
        check(Path::new("synthetic"), &article);
    }
}
