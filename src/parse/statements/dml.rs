//! `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `SET`.

use std::ops::Range;

use crate::parse::ast::*;
use crate::parse::cursor::{split_top_level_commas, Cursor};
use crate::parse::expr::parse_expr;
use crate::parse::name::identifier;
use crate::source::{Token, TokenKind};

pub(super) fn insert(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_word("into");
    let table = c.name();
    if c.eat_word("as") {
        c.pos += 1;
    }
    let mut columns = Vec::new();
    if let Some(list) = c.skip_group() {
        columns = split_top_level_commas(c.source, c.tokens, list)
            .into_iter()
            .filter_map(|item| {
                c.tokens
                    .get(item.start)
                    .and_then(|t| identifier(t, c.source))
            })
            .collect();
    }
    let mut rows = Vec::new();
    if c.eat_word("values") {
        while c.is_punct("(") {
            if let Some(row) = c.skip_group() {
                rows.push(split_top_level_commas(c.source, c.tokens, row));
            }
            if !c.eat_punct(",") {
                break;
            }
        }
    }
    let bucket_values = if table.as_ref().is_some_and(|t| t.is("storage.buckets")) {
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|value| parse_expr(c.source, &c.tokens[value.clone()]))
                    .collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    let returning = c
        .tokens
        .iter()
        .position(|t| t.is_word(c.source, "returning"));
    let has_on_conflict = c
        .tokens
        .windows(2)
        .any(|w| w[0].is_word(c.source, "on") && w[1].is_word(c.source, "conflict"));
    let has_not_exists_guard = rows.is_empty()
        && c.tokens[c.pos.min(c.tokens.len())..].windows(3).any(|w| {
            w[0].is_word(c.source, "where")
                && w[1].is_word(c.source, "not")
                && w[2].is_word(c.source, "exists")
        });
    let on_conflict_insert_at = match returning {
        Some(index) if index > 0 => c.tokens[index - 1].span().end,
        _ => c.tokens.last().map(|t| t.span().end).unwrap_or_default(),
    };
    StatementKind::Insert(Insert {
        table,
        columns,
        rows,
        bucket_values,
        has_on_conflict,
        has_not_exists_guard,
        on_conflict_insert_at,
    })
}

pub(super) fn truncate(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_word("table");
    c.eat_word("only");
    let tables = c.name_list();
    let is_cascade = c.tokens.iter().any(|t| t.is_word(c.source, "cascade"));
    StatementKind::Truncate(Truncate { tables, is_cascade })
}

pub(super) fn delete(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_word("from");
    c.eat_word("only");
    let table = c.name();
    let has_where = c.seek_word("where");
    StatementKind::Delete(Delete { table, has_where })
}

pub(super) fn set(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_any_word(&["local", "session"]);
    let name = c.word_text().unwrap_or_default();
    c.pos += 1;
    let value = c.tokens[c.pos.min(c.tokens.len())..]
        .iter()
        .filter(|t| !t.is_operator(c.source, "=") && !t.is_word(c.source, "to"))
        .map(|t| t.text(c.source).trim_matches('\''))
        .collect::<Vec<_>>()
        .join(" ");
    StatementKind::Set { name, value }
}

pub(super) fn update(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_word("only");
    let table = c.name();
    c.eat_operator("*");
    // `[AS] alias`
    c.eat_word("as");
    if !c.is_word("set") && c.peek().is_some_and(|t| t.kind != TokenKind::Punct) {
        c.pos += 1;
    }
    let mut assignments = Vec::new();
    if c.eat_word("set") {
        let start = c.pos;
        while !c.at_end() && !["from", "where", "returning"].iter().any(|w| c.is_word(w)) {
            if c.skip_group().is_none() {
                c.pos += 1;
            }
        }
        for item in split_top_level_commas(c.source, c.tokens, start..c.pos) {
            let mut item_cursor = c.within(item.clone());
            match item_cursor.skip_group() {
                // `(a, b) = (…)`
                Some(targets) => {
                    for target in split_top_level_commas(c.source, c.tokens, targets) {
                        assignments.extend(assignment(c.source, c.tokens, target));
                    }
                }
                None => assignments.extend(assignment(c.source, c.tokens, item.clone()).map(
                    |mut assignment| {
                        assignment.value = assignment_value(c.source, c.tokens, item)
                            .map(|value| parsed_expr(c.source, c.tokens, value));
                        assignment
                    },
                )),
            }
        }
    }
    let where_clause = c.seek_word("where").then(|| {
        c.pos += 1;
        let start = c.pos;
        c.seek_word("returning");
        parsed_expr(c.source, c.tokens, start..c.pos)
    });
    StatementKind::Update(Update {
        table,
        assignments,
        where_clause,
    })
}

/// The tokens `range` of `tokens`, parsed as an expression.
fn parsed_expr(source: &str, tokens: &[Token], range: Range<usize>) -> ParsedExpr {
    ParsedExpr {
        expr: parse_expr(source, &tokens[range.clone()]),
        tokens: range,
    }
}

/// The tokens after the top-level `=` of `col = value`.
pub(super) fn assignment_value(
    source: &str,
    tokens: &[Token],
    item: Range<usize>,
) -> Option<Range<usize>> {
    let mut depth = 0usize;
    for index in item.clone() {
        let token = &tokens[index];
        if token.is_punct(source, "(") || token.is_punct(source, "[") {
            depth += 1;
        } else if token.is_punct(source, ")") || token.is_punct(source, "]") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && token.is_operator(source, "=") {
            return (index + 1 < item.end).then(|| index + 1..item.end);
        }
    }
    None
}

/// The column an assignment target (`col`, `col.field`, `col[1]`, `col = expr`) sets.
pub(super) fn assignment(source: &str, tokens: &[Token], item: Range<usize>) -> Option<Assignment> {
    let first = tokens.get(item.start).filter(|_| item.start < item.end)?;
    let column = identifier(first, source)?;
    let is_partial = tokens
        .get(item.start + 1)
        .filter(|_| item.start + 1 < item.end)
        .is_some_and(|t| t.is_punct(source, ".") || t.is_punct(source, "["));
    Some(Assignment {
        column,
        span: first.span(),
        is_partial,
        value: None,
    })
}
