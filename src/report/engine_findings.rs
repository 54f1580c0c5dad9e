//! What the engine reports about a file itself, as `parse-error` findings: input it cannot
//! lint, statements nested deeper than it reads, more problems than a file shows.

use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::facts::{expr::MAX_DEPTH, FileFacts};
use crate::rules::engine::ParseError;
use crate::source::{SourceFile, Span, TokenKind};

/// The one diagnostic of a file the engine cannot lint (binary data, past `size_limit` bytes),
/// `reason` being the message id of `parse-error` that says why; no rule looks at it.
pub fn rejected_file(
    source: &SourceFile,
    reason: &'static str,
    size_limit: usize,
) -> Vec<Diagnostic> {
    let mut data = vec![("path", source.path.clone())];
    if reason == "tooLarge" {
        data.extend([
            ("size", source.text.len().to_string()),
            ("limit", size_limit.to_string()),
        ]);
    }
    vec![error_at_start(source, reason, data)]
}

/// The diagnostic that closes a file cut to `limit` diagnostics.
pub(super) fn too_many(source: &SourceFile, limit: usize) -> Diagnostic {
    error_at_start(
        source,
        "tooManyDiagnostics",
        vec![("limit", limit.to_string())],
    )
}

/// A `parse-error` error at the start of the file, whatever the rule's configured severity.
fn error_at_start(
    source: &SourceFile,
    message_id: &'static str,
    data: Vec<(&'static str, String)>,
) -> Diagnostic {
    let finding = Finding::new(ParseError::META.id, message_id, Span::empty_at(0), data);
    let template = ParseError::META.template(message_id);
    Diagnostic::new(source, &finding, Severity::Error, template)
}

/// A statement whose brackets nest deeper than the expression reader follows: its rules see
/// the deepest part as one opaque node, so one finding says so (at the first bracket too deep).
pub(super) fn too_deep(source: &SourceFile, facts: &FileFacts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for statement in &facts.statements {
        let mut depth = 0usize;
        let mut deepest = 0usize;
        let mut first_too_deep = None;
        // Brackets are punctuation; the kind spares reading every other token's text.
        let puncts = statement
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Punct);
        for token in puncts {
            match token.text(&source.text) {
                "(" | "[" => {
                    depth += 1;
                    deepest = deepest.max(depth);
                    if depth > MAX_DEPTH && first_too_deep.is_none() {
                        first_too_deep = Some(token.span());
                    }
                }
                ")" | "]" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if let Some(span) = first_too_deep {
            findings.push(Finding::new(
                ParseError::META.id,
                "tooDeep",
                span,
                vec![
                    ("depth", deepest.to_string()),
                    ("limit", MAX_DEPTH.to_string()),
                ],
            ));
        }
    }
    findings
}
