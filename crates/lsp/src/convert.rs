//! crosscheck's diagnostics and problems as LSP diagnostics: byte spans turned
//! into positions of the negotiated encoding, related spans into locations
//! in the other articles.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
};

use super::position::{Encoding, Lines};
use super::workspace::Workspace;
use crosscheck_engine::diagnostic::{Diagnostic, Severity};
use crosscheck_engine::problem::Problem;
use crosscheck_engine::span::Span;

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "crosscheck";

/// Converts spans of the workspace's files, reading each file once.
pub struct Converter<'w> {
    workspace: &'w Workspace,
    encoding: Encoding,
    texts: HashMap<String, Option<Cow<'w, str>>>,
}

impl<'w> Converter<'w> {
    pub fn new(workspace: &'w Workspace, encoding: Encoding) -> Converter<'w> {
        Converter {
            workspace,
            encoding,
            texts: HashMap::new(),
        }
    }

    fn text(&mut self, path: &str) -> Option<&str> {
        let workspace = self.workspace;
        self.texts
            .entry(path.to_owned())
            .or_insert_with(|| workspace.text(path))
            .as_deref()
    }

    /// The range of `bytes` in file `path`; None when the file cannot be read.
    pub fn bytes(&mut self, path: &str, bytes: Range<usize>) -> Option<lsp_types::Range> {
        let encoding = self.encoding;
        self.text(path)
            .map(|text| Lines::new(text).range(bytes, encoding))
    }

    /// A span's range. When the file is no longer what the span was read
    /// from, its line and column (counted in characters) are the best guess.
    pub fn span(&mut self, span: &Span) -> lsp_types::Range {
        let encoding = self.encoding;
        match self.text(&span.path) {
            Some(text) if text.get(span.byte_start..span.byte_end) == Some(span.text.as_str()) => {
                Lines::new(text).range(span.byte_start..span.byte_end, encoding)
            }
            _ => {
                let at = |line: usize, column: usize| Position {
                    line: line.saturating_sub(1) as u32,
                    character: column.saturating_sub(1) as u32,
                };
                lsp_types::Range {
                    start: at(span.line, span.column),
                    end: at(span.end_line, span.end_column),
                }
            }
        }
    }

    pub fn diagnostic(&mut self, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
        let mut message = diagnostic.message.clone();
        for note in &diagnostic.notes {
            message.push_str("\nnote: ");
            message.push_str(note);
        }
        if let Some(suggestion) = &diagnostic.suggestion {
            message.push_str("\nhelp: ");
            message.push_str(&suggestion.message);
        }
        let related: Vec<DiagnosticRelatedInformation> = diagnostic
            .related
            .iter()
            .filter_map(|related| {
                let uri = self.workspace.uri(&related.span.path)?;
                Some(DiagnosticRelatedInformation {
                    location: Location {
                        uri,
                        range: self.span(&related.span),
                    },
                    message: related.message.clone(),
                })
            })
            .collect();
        lsp_types::Diagnostic {
            range: self.span(&diagnostic.primary),
            severity: Some(severity(diagnostic.severity)),
            code: Some(NumberOrString::String(format!(
                "{}/{}",
                diagnostic.rule, diagnostic.kind
            ))),
            source: Some(SOURCE.to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        }
    }

    /// A configuration or rule problem, at its place in the file.
    pub fn problem(&mut self, problem: &Problem) -> lsp_types::Diagnostic {
        let range = match (&problem.path, &problem.range) {
            (Some(path), Some(range)) => self.bytes(path, range.clone()).unwrap_or_default(),
            _ => lsp_types::Range::default(),
        };
        let mut message = problem.message.clone();
        if !problem.label.is_empty() && problem.label != "here" {
            message = format!("{message}: {}", problem.label);
        }
        for note in &problem.notes {
            message.push_str("\nnote: ");
            message.push_str(note);
        }
        lsp_types::Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some(SOURCE.to_owned()),
            message,
            ..lsp_types::Diagnostic::default()
        }
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}
