//! `crosscheck lsp`: a language server over stdio, so that editors show the
//! diagnostics where the article is written, the other sources beside them,
//! and quick fixes.
//!
//! The corpus and rules come from `crosscheck.yaml` in the workspace folder.
//! The `workspace` module keeps every article's record between edits: an edit
//! re-reads only the edited article (from the editor's buffer) and re-judges
//! the records, then the `server` module publishes the diagnostics of every file
//! whose diagnostics changed. Positions are converted exactly to the
//! encoding negotiated at `initialize` (the `position` module).

#![forbid(unsafe_code)]

mod actions;
mod convert;
mod documents;
mod hover;
mod position;
mod server;
mod transport;
mod workspace;

pub use server::serve;
