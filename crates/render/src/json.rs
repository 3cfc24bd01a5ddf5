//! `--format json`: the document of SPEC §6, for scripts and other tools.

use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Report, Summary};
use crosscheck_engine::diagnostic::Diagnostic;

pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
}

impl Renderer for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let document = Document {
            version: 1,
            summary: report.summary(),
            diagnostics: report.diagnostics,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
