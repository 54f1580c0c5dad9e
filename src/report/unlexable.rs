//! Fixes are not offered where the text is not what PostgreSQL will read.

use crate::diagnostic::{Edit, Finding};
use crate::facts::FileFacts;
use crate::rules::engine::syntax_problems;
use crate::source::{SourceFile, Span};

/// Takes the fixes and suggestions off findings whose edits touch a statement with a lexical
/// error: its text is not what PostgreSQL will read (the quote or comment runs on), so an edit
/// there is a guess, and one that moves the error out of sight (into a `DO` body it wraps)
/// would be applied again by every later `--fix`. The same for a statement with a syntax
/// error (a `syntax-error` finding): `add colum x text` is no column to guard.
pub(super) fn drop_fixes_in_unlexable_statements(
    source: &SourceFile,
    facts: &FileFacts,
    findings: &mut [Finding],
) {
    let has_edits = findings
        .iter()
        .any(|f| f.fix.is_some() || !f.suggestions.is_empty());
    if !has_edits {
        return;
    }
    let mut broken = unlexable_regions(source, facts);
    broken.extend(
        syntax_problems(&source.text, &facts.statements)
            .into_iter()
            .map(|(statement, _)| statement.span),
    );
    if broken.is_empty() {
        return;
    }
    let touches = |edit: &Edit| {
        broken
            .iter()
            .any(|region| edit.span.start <= region.end && edit.span.end >= region.start)
    };
    for finding in findings {
        if finding.fix.as_ref().is_some_and(touches) {
            finding.fix = None;
        }
        finding.suggestions.retain(|s| !touches(&s.edit));
    }
}

/// From the start of each statement holding an unterminated token (in its text or in the body
/// of its `DO` block) to the end of that token, and from an unterminated comment to the end of
/// the file, with the statement the comment interrupts.
fn unlexable_regions(source: &SourceFile, facts: &FileFacts) -> Vec<Span> {
    let mut regions = Vec::new();
    let mut top_level: Option<Span> = None;
    for statement in &facts.statements {
        if !statement.in_do_block {
            top_level = Some(statement.span);
        }
        if let Some(token) = statement.tokens.iter().find(|t| t.error.is_some()) {
            let start = match top_level {
                Some(outer) if statement.in_do_block => outer.start,
                _ => statement.span.start,
            };
            let end = top_level.map_or(0, |outer| outer.end).max(token.span().end);
            regions.push(Span::new(start.min(statement.span.start), end));
        }
    }
    for comment in source.comments.iter().filter(|c| c.error.is_some()) {
        let at = comment.span().start;
        let interrupted = source
            .statements
            .iter()
            .take_while(|raw| raw.span.start < at)
            .last()
            .filter(|raw| raw.terminator.is_none_or(|t| t.start > at));
        let start = interrupted.map_or(at, |raw| raw.span.start);
        regions.push(Span::new(start, source.text.len()));
    }
    regions
}
