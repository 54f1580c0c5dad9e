//! Function calls in a token range, read without building an expression tree: a column's
//! `DEFAULT` is checked call by call (is any of them volatile?).

use std::ops::Range;

use crate::source::{Token, TokenKind};

use super::ast::CallSite;
use super::cursor::Cursor;

/// The calls `name(…)` in tokens `range` of `tokens`, in order, each followed by the calls
/// in its arguments. A type name after `::` or `AS` is no call, even with modifiers
/// (`::numeric(10, 2)`).
pub(super) fn call_sites(source: &str, tokens: &[Token], range: Range<usize>) -> Vec<CallSite> {
    let tokens = &tokens[..range.end.min(tokens.len())];
    let mut calls = Vec::new();
    let mut index = range.start;
    while index < tokens.len() {
        let token = &tokens[index];
        let starts_name = matches!(token.kind, TokenKind::Word | TokenKind::QuotedIdent)
            && !(index > 0 && tokens[index - 1].is_punct(source, "."));
        if !starts_name {
            index += 1;
            continue;
        }
        let is_type = index > 0
            && (tokens[index - 1].is_punct(source, "::")
                || tokens[index - 1].is_word(source, "as"));
        let mut cursor = Cursor::new(source, tokens);
        cursor.pos = index;
        let name = cursor.name();
        let after_name = cursor.pos.max(index + 1);
        match name {
            Some(name) if !is_type && cursor.is_punct("(") => {
                let open = cursor.pos;
                cursor.skip_group();
                let close = cursor.pos.saturating_sub(1).max(open);
                let span = name.span.cover(tokens[close.min(tokens.len() - 1)].span());
                calls.push(CallSite { name, span });
                // The arguments hold calls too: step inside the parentheses.
                index = open + 1;
            }
            _ => index = after_name,
        }
    }
    calls
}
