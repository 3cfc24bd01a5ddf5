//! crosscheck's engine: a source-consistency linter for corpora of news
//! articles, as a library that never prints, reads no environment and takes
//! the working directory from its caller.
//!
//! The data flows one way, one module per stage: [`corpus`] finds the
//! articles (and reads them through [`at_folder`]) → [`article`] turns each
//! into normalized text with a span map and paragraphs → [`statements`]
//! finds each rule's statements, denials and mentions in its units, kept as
//! a [`record`] → [`assertions`] judge the statements of every story →
//! [`diagnostic`]s, which the `crosscheck-render` crate renders. [`rules`],
//! [`values`] and [`config`] describe what is checked; [`accepted`] findings
//! (suppression comments, the config's `ignore:`, a baseline) are hidden;
//! [`authoring`] serves rule writers (explain, tests); [`run`] runs the
//! stages. [`cache`] keeps each article's statements between runs;
//! [`table`] writes and reads them as JSON Lines, so that reading articles
//! (a map step) and judging them (a reduce step) can run apart. Reports,
//! baselines and the cache are written as an [`atomic_file`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod accepted;
pub mod article;
pub mod assertions;
pub mod at_folder;
pub mod atomic_file;
pub mod authoring;
pub mod cache;
pub mod choice;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod encoding;
pub mod focus;
pub mod matrix;
pub mod paths;
pub mod problem;
pub mod record;
pub mod rules;
pub mod run;
pub mod span;
pub mod statements;
pub mod table;
pub mod values;
pub mod wording;
pub mod yaml;
