//! Quick fixes for a flagged span: apply a conflict's suggestion, or (in
//! Markdown) insert a suppression comment whose reason the writer fills in.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};

use super::convert::Converter;
use crosscheck_engine::diagnostic::{Diagnostic, Kind};

/// What the inserted suppression comment gives as its reason until the writer says why.
pub const REASON_PLACEHOLDER: &str = "TODO: say why this is accepted";

/// The quick fixes for `diagnostic`, in the document `uri` whose text is `text`.
pub fn quick_fixes(
    diagnostic: &Diagnostic,
    uri: &Uri,
    text: &str,
    markdown: bool,
    converter: &mut Converter,
) -> Vec<CodeAction> {
    let shown = converter.diagnostic(diagnostic);
    let mut actions = Vec::new();
    if let Some(suggestion) = diagnostic
        .suggestion
        .as_ref()
        .filter(|suggestion| suggestion.path == diagnostic.primary.path)
    {
        if let Some(range) =
            converter.bytes(&suggestion.path, suggestion.byte_start..suggestion.byte_end)
        {
            let edit = TextEdit {
                range,
                new_text: suggestion.replacement.clone(),
            };
            actions.push(action(
                capitalize(&suggestion.message),
                uri,
                edit,
                &shown,
                true,
            ));
        }
    }
    if markdown && diagnostic.kind != Kind::Unreadable {
        let line_start = text[..diagnostic.primary.byte_start.min(text.len())]
            .rfind('\n')
            .map_or(0, |at| at + 1);
        if let Some(range) = converter.bytes(&diagnostic.primary.path, line_start..line_start) {
            let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let comment = format!(
                "<!-- crosscheck-disable-next-line {} -- {REASON_PLACEHOLDER} -->{newline}",
                diagnostic.rule
            );
            let edit = TextEdit {
                range: lsp_types::Range {
                    start: range.start,
                    end: range.start,
                },
                new_text: comment,
            };
            actions.push(action(
                format!(
                    "Suppress `{}` on this line (with a reason)",
                    diagnostic.rule
                ),
                uri,
                edit,
                &shown,
                false,
            ));
        }
    }
    actions
}

fn action(
    title: String,
    uri: &Uri,
    edit: TextEdit,
    diagnostic: &lsp_types::Diagnostic,
    preferred: bool,
) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Whether `range` (of a request) touches `diagnostic`'s primary span.
pub fn touches(diagnostic: &Diagnostic, bytes: std::ops::Range<usize>) -> bool {
    diagnostic.primary.byte_start <= bytes.end && bytes.start <= diagnostic.primary.byte_end
}
