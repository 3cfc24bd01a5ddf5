//! Fingerprinting throughput, single-threaded (the best and the median of
//! ROUNDS, since machines are shared), on the `content` fields of a
//! JSON Lines corpus read from standard input:
//!
//! ```text
//! xz -dc /work/shared/corpora/abp/articles.jsonl.xz | cargo run --release --example throughput [ROUNDS]
//! ```

use std::error::Error;
use std::io::{self, BufRead};
use std::time::Instant;
use std::{env, hint};

use crosscheck_copies::Fingerprint;

fn main() -> Result<(), Box<dyn Error>> {
    let rounds: usize = env::args().nth(1).map_or(Ok(10), |arg| arg.parse())?;
    let mut texts = Vec::new();
    for line in io::stdin().lock().lines() {
        let article: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(content) = article["content"].as_str() {
            texts.push(content.to_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut seconds: Vec<f64> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            for text in &texts {
                hint::black_box(Fingerprint::new(hint::black_box(text)));
            }
            started.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    let megabytes = bytes as f64 / 1e6;
    if let (Some(best), Some(median)) = (seconds.first(), seconds.get(seconds.len() / 2)) {
        println!(
            "{} texts, {megabytes:.1} MB, {rounds} rounds: best {:.0} MB/s, median {:.0} MB/s",
            texts.len(),
            megabytes / best,
            megabytes / median
        );
    }
    Ok(())
}
