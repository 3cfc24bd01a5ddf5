//! Classifies every sentence of a corpus of Markdown news articles that
//! gives a toll (a number near killed, dead, died, injured or wounded) and
//! prints the distribution of voices and a sample of each, to check by eye.
//!
//! `cargo run --release --example gva_voices -- /work/shared/corpora/gva [per-voice] [seed]`

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crosscheck_voice::{Cues, Paragraph, Voice};
use regex::Regex;

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(
        args.next()
            .expect("usage: gva_voices FOLDER [PER_VOICE] [SEED]"),
    );
    let per_voice: usize = args.next().map_or(40, |n| n.parse().expect("a count"));
    let mut seed: u64 = args.next().map_or(23, |n| n.parse().expect("a seed"));

    let toll = Regex::new(
        r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens?)\b(?:[\s-]+[\w'’-]+){0,4}?[\s,]+(?:killed|dead|died|injured|wounded)\b",
    )
    .expect("a valid pattern");
    let cues = Cues::english();
    let mut files = Vec::new();
    markdown_files(&folder, &mut files);
    files.sort();

    let mut found: BTreeMap<Voice, Vec<String>> = BTreeMap::new();
    for file in &files {
        let Ok(article) = std::fs::read_to_string(file) else {
            continue;
        };
        for paragraph in paragraphs(&article) {
            let voiced_paragraph = Paragraph::new(paragraph);
            for sentence in sentences(paragraph) {
                let Some(matched) = toll.find(&paragraph[sentence.clone()]) else {
                    continue;
                };
                let matched = sentence.start + matched.start()..sentence.start + matched.end();
                let voiced = cues.voice(&voiced_paragraph, sentence.clone(), matched.clone());
                // A quotation's cue is its opening mark: show its start too.
                let cue = voiced.cue.map_or(String::new(), |cue| match voiced.voice {
                    Voice::Quoted => paragraph[cue.range].chars().take(40).collect(),
                    _ => cue.text,
                });
                let source = voiced
                    .source
                    .map_or(String::new(), |source| paragraph[source].to_owned());
                found.entry(voiced.voice).or_default().push(format!(
                    "[{}] cue={cue:?} source={source:?}\n    {}",
                    &paragraph[matched],
                    paragraph[sentence].replace('\n', " ")
                ));
            }
        }
    }

    let total: usize = found.values().map(Vec::len).sum();
    println!("{} files, {total} toll sentences", files.len());
    for voice in Voice::ALL {
        let count = found.get(&voice).map_or(0, Vec::len);
        println!(
            "{:>10}: {count:>6} ({:.1}%)",
            voice.as_str(),
            100.0 * count as f64 / total.max(1) as f64
        );
    }
    for (voice, lines) in &mut found {
        println!("\n== {} (sample of {per_voice})", voice.as_str());
        // A partial Fisher-Yates shuffle with a xorshift generator: the same
        // seed, the same sample.
        for index in 0..per_voice.min(lines.len()) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let pick = index + (seed % (lines.len() - index) as u64) as usize;
            lines.swap(index, pick);
            println!("{:>2}. {}", index + 1, lines[index]);
        }
    }
}

fn markdown_files(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            out.push(path);
        }
    }
}

/// The body's paragraphs: blank-line separated, without the front matter and
/// headings.
fn paragraphs(article: &str) -> impl Iterator<Item = &str> {
    let body = article
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n").map(|(_, body)| body))
        .unwrap_or(article);
    body.split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty() && !paragraph.starts_with('#'))
}

/// Sentences cut after . ! or ? (and closing quotes) before white space and
/// a capital, a digit or a quote, or after a lowercase word's period glued to
/// a capital, except after a few abbreviations and initials.
fn sentences(paragraph: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: [&str; 16] = [
        "Mr", "Mrs", "Ms", "Dr", "St", "Sgt", "Lt", "Capt", "Det", "Gov", "Rep", "Sen", "Jr", "No",
        "Officer", "Ave",
    ];
    let mut cuts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (index, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = index + 1;
        while chars
            .get(end)
            .is_some_and(|&(_, c)| matches!(c, '"' | '”' | '’' | '\'' | ')'))
        {
            end += 1;
        }
        let next_is_space = chars.get(end).is_some_and(|&(_, c)| c.is_whitespace());
        let after = chars[end..]
            .iter()
            .find(|(_, c)| !c.is_whitespace())
            .map(|&(_, c)| c);
        let opens =
            after.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘".contains(c));
        let word_before: String = paragraph[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let word_before: String = word_before.chars().rev().collect();
        let abbreviation = c == '.'
            && (ABBREVIATIONS.contains(&word_before.as_str()) || word_before.chars().count() == 1);
        // Some articles lose the space between sentences: "boyfriend.The".
        let glued = c == '.'
            && end == index + 1
            && word_before.chars().count() > 1
            && word_before.chars().all(char::is_lowercase)
            && after.is_some_and(char::is_uppercase);
        if (next_is_space && opens || glued) && !abbreviation {
            let cut = chars.get(end).map_or(paragraph.len(), |&(at, _)| at);
            cuts.push(start..cut);
            start = cut;
        }
    }
    cuts.push(start..paragraph.len());
    cuts.into_iter()
        .map(|range| {
            let text = &paragraph[range.clone()];
            let lead = text.len() - text.trim_start().len();
            range.start + lead..range.start + text.trim_end().len()
        })
        .filter(|range| !range.is_empty())
        .collect()
}
