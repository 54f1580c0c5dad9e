//! Shared by the access rules: exposed schemas, history positions, inserting a statement
//! after another one.

use crate::config::Config;
use crate::facts::Statement;
use crate::history::Point;
use crate::rules::RuleContext;
use crate::source::TokenKind;

/// Whether the Data API serves `schema` (`exposedSchemas`).
pub fn is_exposed(config: &Config, schema: &str) -> bool {
    config
        .exposed_schemas
        .iter()
        .any(|s| s.eq_ignore_ascii_case(schema))
}

/// Where a statement of the current file sits in the history.
pub fn point_of(ctx: &RuleContext, statement: &Statement) -> Point {
    Point {
        file: ctx.file_index,
        statement: statement.index,
    }
}

/// Where to insert a new statement after `statement`, and what must precede it: at the end
/// of the line holding its `;` (after a trailing `--` comment), or right after the
/// statement with a `;` added when it has none. `None` inside a `DO` block.
pub fn insertion_after(ctx: &RuleContext, statement: &Statement) -> Option<(usize, &'static str)> {
    if statement.in_do_block {
        return None;
    }
    let file = ctx.file;
    let raw = file
        .statements
        .iter()
        .find(|raw| raw.span == statement.span)?;
    if !raw.has_terminator {
        return Some((statement.span.end, ";"));
    }
    let semicolon = file.tokens.get(raw.tokens.end.checked_sub(1)?)?;
    // Stay on the line of the `;` when only whitespace and a line comment follow it.
    let mut at = semicolon.span.end;
    for token in &file.tokens[raw.tokens.end..] {
        match token.kind {
            TokenKind::Whitespace => {
                let text = token.text(&file.text);
                match text.find('\n') {
                    Some(newline) => {
                        let before = &text[..newline];
                        at = token.span.start + before.trim_end_matches('\r').len();
                        break;
                    }
                    None => at = token.span.end,
                }
            }
            TokenKind::LineComment => at = token.span.end,
            _ => {
                at = semicolon.span.end;
                break;
            }
        }
    }
    Some((at, ""))
}

/// The source text of the statement's first keyword, for matching keyword case in fixes.
pub fn first_keyword<'a>(ctx: &RuleContext<'a>, statement: &Statement) -> &'a str {
    statement
        .tokens
        .first()
        .map(|t| t.text(ctx.text()))
        .unwrap_or("")
}
