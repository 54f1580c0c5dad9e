//! A statement of a file: where it is, whether sqlparser accepted it, how it nests, and what
//! it does (the parser's [`StatementKind`]).

use std::ops::Range;

use crate::parse::ast::StatementKind;
use crate::source::Span;

use super::tokens::StatementTokens;

#[derive(Clone, Debug)]
pub struct Statement {
    /// Position among the statements of the file, nested ones included.
    pub index: usize,
    pub span: Span,
    pub tokens: StatementTokens,
    /// Whether sqlparser accepted the statement (else only the token-level extractor read it).
    pub parsed: bool,
    /// Inside a `DO` block.
    pub in_do_block: bool,
    /// Inside a `DO` block that guards it (`IF [NOT] EXISTS … THEN`, `EXCEPTION WHEN …`),
    /// so applying it twice is safe.
    pub guarded: bool,
    pub kind: StatementKind,
}

impl Statement {
    pub fn token_span(&self, range: Range<usize>) -> Span {
        match (self.tokens.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= range.start => first
                .span()
                .cover(self.tokens[last.min(self.tokens.len() - 1)].span()),
            _ => Span::empty_at(self.span.end),
        }
    }

    pub fn token_text<'a>(&self, source: &'a str, range: Range<usize>) -> &'a str {
        self.token_span(range).text(source)
    }

    /// The span of the statement's first keyword, where a statement-wide finding points.
    pub fn head_span(&self) -> Span {
        self.tokens.first().map(|t| t.span()).unwrap_or(self.span)
    }
}
