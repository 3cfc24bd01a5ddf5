//! Pairs of articles of different outlets in the same story that share copy,
//! on a corpus laid out like the GVA one (one folder per story, Markdown
//! articles with front matter `outlet` and `date`):
//!
//! ```text
//! cargo run --release --example gva_pairs -- /work/shared/corpora/gva [LOW [HIGH]]
//! ```
//!
//! Prints every pair whose copy shares at least LOW (default `COPY_SHARE`) of its text
//! with its source, those under HIGH (default 0.5) marked borderline, then
//! counts and the fingerprinting throughput. Shares are without the corpus's
//! stock text, and with it in parentheses.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use std::{env, fs};

use crosscheck_copies::{Fingerprint, Stock, COPY_SHARE};

struct Article {
    path: PathBuf,
    outlet: String,
    date: Option<String>,
    fingerprint: Fingerprint,
    without_stock: Fingerprint,
    body: String,
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: gva_pairs CORPUS [LOW [HIGH]]")?);
    let low: f32 = args.next().map_or(Ok(COPY_SHARE), |arg| arg.parse())?;
    let high: f32 = args.next().map_or(Ok(0.5), |arg| arg.parse())?;
    let mut stories: Vec<PathBuf> = fs::read_dir(&corpus)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    stories.retain(|path| path.is_dir());
    stories.sort();
    let (mut bytes, mut fingerprinting, mut kept) = (0, Duration::ZERO, 0);
    let mut corpus_articles = Vec::new();
    for story in &stories {
        let mut articles = Vec::new();
        let mut paths: Vec<PathBuf> = fs::read_dir(story)?
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<Result<_, _>>()?;
        paths.retain(|path| path.extension().is_some_and(|extension| extension == "md"));
        paths.sort();
        for path in paths {
            let markdown = fs::read_to_string(&path)?;
            let (outlet, date, body) = front_matter(&markdown);
            let started = Instant::now();
            let fingerprint = Fingerprint::new(body);
            fingerprinting += started.elapsed();
            bytes += body.len();
            kept += serde_json::to_value(&fingerprint)?["shingles"]
                .as_array()
                .map_or(0, Vec::len);
            articles.push(Article {
                path,
                outlet,
                date,
                without_stock: fingerprint.clone(),
                fingerprint,
                body: body.to_owned(),
            });
        }
        corpus_articles.push(articles);
    }
    let stock = Stock::of_stories(
        corpus_articles
            .iter()
            .map(|articles| articles.iter().map(|article| &article.fingerprint)),
    );
    let stock_shingles = serde_json::to_value(&stock)?["hashes"]
        .as_array()
        .map_or(0, Vec::len);
    for article in corpus_articles.iter_mut().flatten() {
        article.without_stock.remove_stock(&stock);
    }
    let (mut pairs, mut copies, mut copies_both_ways, mut copies_with_stock) = (0, 0, 0, 0);
    let mut stories_with_copies = 0;
    let mut passages = Passages::default();
    for articles in &corpus_articles {
        let mut story_has_copies = false;
        for (later, copy) in articles.iter().enumerate() {
            for source in &articles[..later] {
                if source.outlet == copy.outlet {
                    continue;
                }
                pairs += 1;
                // Articles are in path order: the later one in path order is the
                // copy unless dates say otherwise.
                let (copy, source) = match (&copy.date, &source.date) {
                    (Some(copy_date), Some(source_date)) if copy_date < source_date => {
                        (source, copy)
                    }
                    _ => (copy, source),
                };
                let shared = copy.without_stock.shared_with(&source.without_stock);
                let back = source.without_stock.shared_with(&copy.without_stock);
                let with_stock = copy.fingerprint.shared_with(&source.fingerprint);
                copies_both_ways += usize::from(shared.max(back) >= high);
                copies_with_stock += usize::from(with_stock >= high);
                passages.count(copy, source, shared, low, high);
                if shared.max(with_stock) < low {
                    continue;
                }
                let mark = if shared < high { "borderline" } else { "copy" };
                println!(
                    "{mark}\t{shared:.2}\t(back {back:.2}, with stock {with_stock:.2})\t{}\t{}",
                    relative(&corpus, &copy.path),
                    relative(&corpus, &source.path)
                );
                if shared >= high {
                    copies += 1;
                    story_has_copies = true;
                }
            }
        }
        stories_with_copies += usize::from(story_has_copies);
    }
    println!(
        "{pairs} pairs of different outlets; {copies} copies (shared >= {high}) in {stories_with_copies} stories; \
         {copies_both_ways} pairs with either way >= {high}; {copies_with_stock} copies counting {stock_shingles} stock shingles"
    );
    passages.print(low, high);
    let megabytes = bytes as f64 / 1e6;
    println!(
        "fingerprinted {megabytes:.1} MB in {:.3} s: {:.0} MB/s; {kept} shingles kept, {:.1} bytes of text per shingle",
        fingerprinting.as_secs_f64(),
        megabytes / fingerprinting.as_secs_f64(),
        bytes as f64 / kept as f64
    );
    Ok(())
}

/// The article's outlet, date (if any) and the text after its front matter.
fn front_matter(markdown: &str) -> (String, Option<String>, &str) {
    let Some((header, body)) = markdown
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
    else {
        return (String::new(), None, markdown);
    };
    let field = |name: &str| {
        header
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .map(|value| value.trim().trim_matches('"').to_owned())
            .filter(|value| !value.is_empty())
    };
    (field("outlet").unwrap_or_default(), field("date"), body)
}

fn relative(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Passages (a sentence and its neighbours) of copies found in their source,
/// by the share of the whole copy found there: under LOW, LOW to HIGH, HIGH and
/// more.
#[derive(Default)]
struct Passages {
    found: [usize; 3],
    sentences: [usize; 3],
    examples: Vec<String>,
}

impl Passages {
    fn count(&mut self, copy: &Article, source: &Article, shared: f32, low: f32, high: f32) {
        let band = usize::from(shared >= low) + usize::from(shared >= high);
        let sentences = sentences(&copy.body);
        for (index, sentence) in sentences.iter().enumerate() {
            let passage = sentences[index.saturating_sub(1)].start
                ..sentences[(index + 1).min(sentences.len() - 1)].end;
            self.sentences[band] += 1;
            let Some(found) =
                copy.without_stock
                    .passage_in(&source.without_stock, passage, sentence.start)
            else {
                continue;
            };
            self.found[band] += 1;
            if band == 0 && self.examples.len() < 40 {
                let at = (0..=found.source_byte)
                    .rev()
                    .find(|&at| source.body.is_char_boundary(at))
                    .unwrap_or(0);
                let in_source: String = source.body[at..].chars().take(100).collect();
                self.examples.push(format!(
                    "{:.2} {:?}\n     in {:?}",
                    found.shared,
                    &copy.body[sentence.clone()],
                    in_source
                ));
            }
        }
    }

    fn print(&self, low: f32, high: f32) {
        for (band, name) in [
            format!("< {low}"),
            format!("{low} to {high}"),
            format!(">= {high}"),
        ]
        .iter()
        .enumerate()
        {
            println!(
                "pairs sharing {name}: {} of {} sentences found in the source",
                self.found[band], self.sentences[band]
            );
        }
        println!("passages found in pairs sharing < {low}:");
        self.examples
            .iter()
            .for_each(|example| println!("  {example}"));
    }
}

/// Naive sentences: ending at `.`, `?` or `!` before white space, or at a line
/// break.
fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        let ends = byte == b'\n'
            || matches!(byte, b'.' | b'?' | b'!')
                && bytes.get(at + 1).is_none_or(u8::is_ascii_whitespace);
        if ends {
            if !text[start..=at].trim().is_empty() {
                sentences.push(start..at + 1);
            }
            start = at + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        sentences.push(start..text.len());
    }
    sentences
}
