//! `DO` blocks: the body is lexed once, here, for what the block does and for the SQL
//! statements it runs.

use crate::parse::ast::*;
use crate::parse::cursor::Cursor;
use crate::parse::name::literal_inner;
use crate::source::{split_statements, tokenize, Token, TokenKind};

pub(super) fn do_block(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let mut body = None;
    while let Some(token) = c.advance() {
        if matches!(token.kind, TokenKind::DollarString | TokenKind::String) {
            body = literal_inner(token, c.source);
        }
    }
    let tokens = body.map_or_else(Vec::new, |span| tokenize(span.text(c.source), span.start));
    let catches_duplicates = tokens.iter().enumerate().any(|(i, t)| {
        t.is_word(c.source, "exception")
            && tokens[i..]
                .iter()
                .filter(|t| !t.is_trivia())
                .nth(1)
                .is_some_and(|t| t.is_word(c.source, "when"))
    });
    let runs_dynamic_sql = tokens.iter().any(|t| t.is_word(c.source, "execute"));
    StatementKind::Do(DoBlock {
        body,
        catches_duplicates,
        runs_dynamic_sql,
        statements: nested_statements(c.source, &tokens),
    })
}

/// The SQL statements of a PL/pgSQL `DO` body (`tokens`, the body lexed): each
/// `CREATE/ALTER/DROP/…` that follows `BEGIN`, `THEN`, `ELSE`, `LOOP` or `;`, with whether it
/// sits under `IF … THEN`.
fn nested_statements(source: &str, tokens: &[Token]) -> Vec<NestedStatement> {
    let mut statements = Vec::new();
    let mut if_depth = 0usize;
    for raw in split_statements(tokens, source) {
        let chunk: Vec<Token> = tokens[raw.tokens.clone()]
            .iter()
            .filter(|t| !t.is_trivia() && !t.is_punct(source, ";"))
            .cloned()
            .collect();
        let mut start = None;
        let mut depth = 0usize;
        for (i, token) in chunk.iter().enumerate() {
            if token.is_punct(source, "(") {
                depth += 1;
            } else if token.is_punct(source, ")") {
                depth = depth.saturating_sub(1);
            }
            if depth > 0 {
                continue;
            }
            let after_end = i > 0 && chunk[i - 1].is_word(source, "end");
            if token.is_word(source, "if") && !after_end {
                if_depth += 1;
            } else if token.is_word(source, "if") && after_end {
                if_depth = if_depth.saturating_sub(1);
            }
            let follows_block_word = i == 0
                || ["begin", "then", "else", "loop"]
                    .iter()
                    .any(|w| chunk[i - 1].is_word(source, w));
            let is_sql_start = [
                "create", "alter", "drop", "insert", "grant", "revoke", "comment", "truncate",
                "update",
            ]
            .iter()
            .any(|w| token.is_word(source, w));
            if follows_block_word && is_sql_start {
                start = Some(i);
                break;
            }
        }
        let Some(start) = start else { continue };
        let statement_tokens = &chunk[start..];
        let (Some(first), Some(last)) = (statement_tokens.first(), statement_tokens.last()) else {
            continue;
        };
        statements.push(NestedStatement {
            span: first.span().cover(last.span()),
            tokens: statement_tokens.to_vec(),
            under_if: if_depth > 0,
        });
    }
    statements
}
