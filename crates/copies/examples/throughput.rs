//! Fingerprinting throughput, single-threaded, on the `content` fields of a
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
    let rounds: usize = env::args().nth(1).map_or(Ok(3), |arg| arg.parse())?;
    let mut texts = Vec::new();
    for line in io::stdin().lock().lines() {
        let article: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(content) = article["content"].as_str() {
            texts.push(content.to_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    for _ in 0..rounds {
        let started = Instant::now();
        for text in &texts {
            hint::black_box(Fingerprint::new(hint::black_box(text)));
        }
        let seconds = started.elapsed().as_secs_f64();
        println!("{} texts, {:.1} MB in {seconds:.3} s: {:.0} MB/s", texts.len(), bytes as f64 / 1e6, bytes as f64 / 1e6 / seconds);
    }
    Ok(())
}
