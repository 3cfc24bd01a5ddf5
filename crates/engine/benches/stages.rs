//! Criterion benchmarks of the hot stages, on a sample of the GVA corpus
//! (../shared/corpora/gva, every 10th article) with its shootings rules, or
//! on the seeds when that corpus is absent:
//! parsing articles, finding statements by the combined pass and by
//! evaluating every unit, judging, and reading the statements cache.
//! `cargo bench --bench stages`; scripts/bench.sh measures whole runs.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck_engine::article::{Article, Markup};
use crosscheck_engine::assertions;
use crosscheck_engine::at_folder::Folders;
use crosscheck_engine::cache::Cache;
use crosscheck_engine::config::Config;
use crosscheck_engine::record::{ArticleRecord, SourceFile};
use crosscheck_engine::rules::RuleSet;
use crosscheck_engine::statements::{Reader, Strategy};

struct Sample {
    name: &'static str,
    config: Config,
    rules: RuleSet,
    /// Shown path, format and bytes of each article.
    articles: Vec<(String, Markup, Vec<u8>)>,
}

fn sample() -> Sample {
    // The workspace root, where the seeds and the test corpora are.
    let root = &Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gva = root.join("../shared/corpora/gva");
    let (name, base, corpus, step) = if gva.is_dir() {
        ("gva", root.join("tests/corpora/gva"), gva, 10)
    } else {
        eprintln!(
            "note: {} is absent; benchmarking the four seeds",
            gva.display()
        );
        ("seeds", root.to_path_buf(), root.join("seeds"), 1)
    };
    let config = Config::discover(&base, None).expect("the sample's configuration");
    let rules = RuleSet::load_with(
        &config
            .rules
            .iter()
            .map(|rules| config.resolve(rules))
            .collect::<Vec<_>>(),
        &|path| path.display().to_string(),
        &|_| None,
    )
    .expect("rules");
    let mut paths = Vec::new();
    collect(&corpus, &mut paths);
    paths.sort();
    let articles = paths
        .iter()
        .step_by(step)
        .map(|path| {
            (
                path.display().to_string(),
                Markup::of_path(path).expect("an article"),
                std::fs::read(path).expect("readable"),
            )
        })
        .collect();
    Sample {
        name,
        config,
        rules,
        articles,
    }
}

fn collect(folder: &Path, paths: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("a corpus folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(&path, paths);
        } else if Markup::of_path(&path).is_some() {
            paths.push(path);
        }
    }
}

/// The records of the sample, as a run reads them.
fn records(sample: &Sample, reader: &Reader, articles: &[(String, Article)]) -> Vec<ArticleRecord> {
    let every_rule: Vec<usize> = (0..sample.rules.rules.len()).collect();
    articles
        .iter()
        .map(|(path, article)| ArticleRecord {
            path: path.clone(),
            outlet: article.front.outlet.clone().unwrap_or_default(),
            story: path
                .rsplit_once('/')
                .map_or("corpus", |(folder, _)| folder)
                .to_owned(),
            date: article.front.date.clone(),
            sort_date: article.front.date.clone(),
            statements: reader.statements(path, article, &every_rule),
            suppressions: Default::default(),
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let sample = sample();
    let bytes: usize = sample
        .articles
        .iter()
        .map(|(_, _, bytes)| bytes.len())
        .sum();
    let articles: Vec<(String, Article)> = sample
        .articles
        .iter()
        .map(|(path, format, bytes)| {
            (
                path.clone(),
                Article::parse(bytes, *format).expect("parses"),
            )
        })
        .collect();
    let combined = Reader::new(
        &sample.rules,
        sample.config.date_order,
        Strategy::Prefiltered,
    );
    let exhaustive = Reader::new(
        &sample.rules,
        sample.config.date_order,
        Strategy::Exhaustive,
    );
    let records = records(&sample, &combined, &articles);
    assert_eq!(
        records,
        self::records(&sample, &exhaustive, &articles),
        "both strategies find the same statements"
    );

    let mut group = c.benchmark_group(format!("{} ({} articles)", sample.name, articles.len()));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (_, format, bytes) in &sample.articles {
                black_box(Article::parse(bytes, *format).expect("parses"));
            }
        })
    });
    group.bench_function("statements: combined pass", |b| {
        b.iter(|| black_box(self::records(&sample, &combined, &articles)))
    });
    group.bench_function("statements: every unit", |b| {
        b.iter(|| black_box(self::records(&sample, &exhaustive, &articles)))
    });
    group.bench_function("judge", |b| {
        b.iter(|| black_box(assertions::judge(&sample.rules, &records)))
    });

    // The articles as files, settled (written over two seconds before the
    // cache opens), so that a second run reads none of them.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let files: Vec<SourceFile> = sample
        .articles
        .iter()
        .enumerate()
        .map(|(index, (shown, _, _))| SourceFile {
            disk: folder.path().join(format!("{index}.md")),
            shown: shown.clone(),
            folder: "corpus".to_owned(),
        })
        .collect();
    for (file, (_, _, bytes)) in files.iter().zip(&sample.articles) {
        std::fs::write(&file.disk, bytes).expect("written");
    }
    std::thread::sleep(std::time::Duration::from_millis(2500));
    // A run's files come in path order, as the cache pairs them.
    assert!(
        files.windows(2).all(|pair| pair[0].shown < pair[1].shown),
        "the sample is in path order"
    );
    let open = || {
        let mut cache = Cache::open(folder.path(), &sample.rules, &sample.config);
        cache.pair(&files);
        cache
    };
    let cached = |cache: &Cache| {
        for (position, ((_, _, bytes), (file, record))) in sample
            .articles
            .iter()
            .zip(files.iter().zip(&records))
            .enumerate()
        {
            black_box(
                cache
                    .record(
                        position,
                        file,
                        &mut Folders::default(),
                        |_| Ok(bytes),
                        |_| Ok(record.clone()),
                    )
                    .expect("read"),
            );
        }
    };
    let cache = open();
    cached(&cache);
    cache.save(&files, &records).expect("the cache is written");
    group.bench_function("cache: a second run over unchanged files", |b| {
        b.iter(|| cached(&open()))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
