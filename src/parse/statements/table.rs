//! `CREATE TABLE`, its columns and constraints, `CREATE INDEX`, `CREATE VIEW`.

use std::ops::Range;

use crate::parse::ast::*;
use crate::parse::cursor::{split_top_level_commas, Cursor};
use crate::parse::name::{identifier, normalize_type};
use crate::source::{Span, Token};

use crate::parse::calls::call_sites;

use super::*;

pub(super) fn table_def(c: &mut Cursor) -> TableDef {
    let mut def = TableDef::default();
    if c.eat_words(&["partition", "of"]) {
        def.partition_of = c.name();
    }
    if let Some(inner) = c.skip_group() {
        for item in split_top_level_commas(c.source, c.tokens, inner) {
            table_element(c.source, c.tokens, item, &mut def);
        }
    }
    let after_elements = c.pos;
    def.is_partitioned = c.seek_word("partition") && c.is_word_at(1, "by");
    c.pos = after_elements;
    def.is_as_select = c.seek_word("as");
    def
}

pub(super) fn table_element(
    source: &str,
    tokens: &[Token],
    item: Range<usize>,
    def: &mut TableDef,
) {
    let Some(first) = tokens.get(item.start) else {
        return;
    };
    let is_constraint = TABLE_CONSTRAINT_WORDS
        .iter()
        .any(|w| first.is_word(source, w));
    if is_constraint {
        def.constraints.push(constraint_def(source, tokens, item));
    } else if first.is_word(source, "like") {
        def.has_like = true;
    } else if let Some(column) = column_def(source, tokens, item) {
        def.columns.push(column);
    }
}

/// Words that start a table constraint rather than a column, in `CREATE TABLE (…)` and
/// `ALTER TABLE … ADD`.
pub(super) const TABLE_CONSTRAINT_WORDS: &[&str] = &[
    "constraint",
    "primary",
    "unique",
    "check",
    "foreign",
    "exclude",
];

pub(super) const COLUMN_OPTION_WORDS: &[&str] = &[
    "not",
    "null",
    "default",
    "primary",
    "unique",
    "check",
    "references",
    "constraint",
    "generated",
    "collate",
];

/// Reads `name type [options…]` from the tokens of `item`.
pub fn column_def(source: &str, tokens: &[Token], item: Range<usize>) -> Option<ColumnDef> {
    let name_token = tokens.get(item.start)?;
    let name = identifier(name_token, source)?;
    let mut pos = item.start + 1;
    let type_start = pos;
    let mut depth = 0usize;
    while pos < item.end {
        let token = &tokens[pos];
        if token.is_punct(source, "(") || token.is_punct(source, "[") {
            depth += 1;
        } else if token.is_punct(source, ")") || token.is_punct(source, "]") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && COLUMN_OPTION_WORDS.iter().any(|w| token.is_word(source, w)) {
            break;
        }
        pos += 1;
    }
    let type_span = if pos > type_start {
        tokens[type_start].span().cover(tokens[pos - 1].span())
    } else {
        Span::empty_at(name_token.span().end)
    };
    let mut column = ColumnDef {
        name,
        name_span: name_token.span(),
        data_type: normalize_type(type_span.text(source)),
        type_span,
        is_not_null: false,
        is_primary_key: false,
        is_unique: false,
        is_identity: false,
        default: None,
        default_calls: Vec::new(),
        references: None,
        referenced_columns: Vec::new(),
        is_generated: false,
        span: name_token
            .span()
            .cover(tokens[item.end.max(item.start + 1) - 1].span()),
    };
    let mut c = Cursor::new(source, &tokens[..item.end]);
    c.pos = pos;
    while !c.at_end() {
        if c.eat_words(&["not", "null"]) {
            column.is_not_null = true;
        } else if c.eat_words(&["primary", "key"]) {
            column.is_primary_key = true;
        } else if c.eat_word("unique") {
            column.is_unique = true;
        } else if c.eat_word("default") {
            let start = c.pos;
            while !c.at_end() && !COLUMN_OPTION_WORDS.iter().any(|w| c.is_word(w)) {
                if c.skip_group().is_none() {
                    c.pos += 1;
                }
            }
            column.default = Some(start..c.pos);
            column.default_calls = call_sites(source, tokens, start..c.pos);
        } else if c.eat_word("references") {
            column.references = c.name();
            column.referenced_columns = c
                .skip_group()
                .map(|list| identifier_list(source, tokens, list))
                .unwrap_or_default();
        } else if c.eat_word("generated") {
            if c.tokens[c.pos..]
                .iter()
                .take(4)
                .any(|t| t.is_word(source, "identity"))
            {
                column.is_identity = true;
            } else {
                column.is_generated = true;
            }
        } else if c.skip_group().is_none() {
            c.pos += 1;
        }
    }
    Some(column)
}

/// Reads a table constraint (`[CONSTRAINT name] PRIMARY KEY …`) from `item`.
pub(super) fn constraint_def(source: &str, tokens: &[Token], item: Range<usize>) -> ConstraintDef {
    let mut c = Cursor::new(source, &tokens[..item.end]);
    c.pos = item.start;
    let mut name = None;
    let mut name_span = None;
    if c.eat_word("constraint") {
        if let Some(token) = c.advance() {
            name = identifier(token, source);
            name_span = Some(token.span());
        }
    }
    let kind = if c.eat_words(&["primary", "key"]) {
        ConstraintKind::PrimaryKey
    } else if c.eat_word("unique") {
        ConstraintKind::Unique
    } else if c.eat_words(&["foreign", "key"]) {
        ConstraintKind::ForeignKey
    } else if c.eat_word("check") {
        ConstraintKind::Check
    } else if c.eat_word("exclude") {
        ConstraintKind::Exclude
    } else if c.eat_words(&["not", "null"]) {
        ConstraintKind::NotNull
    } else {
        ConstraintKind::Other
    };
    let columns = match kind {
        ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::ForeignKey => {
            c.eat_words(&["nulls", "not", "distinct"]);
            c.eat_words(&["nulls", "distinct"]);
            c.skip_group()
                .map(|list| identifier_list(source, tokens, list))
                .unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let not_null_columns = match kind {
        ConstraintKind::Check => c
            .skip_group()
            .map(|expr| not_null_columns(source, tokens, expr))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let rest = &tokens[c.pos.min(item.end)..item.end];
    let (references, referenced_columns) =
        match rest.iter().position(|t| t.is_word(source, "references")) {
            Some(i) => {
                let mut after = Cursor::new(source, rest);
                after.pos = i + 1;
                let name = after.name();
                let columns = after
                    .skip_group()
                    .map(|list| identifier_list(source, rest, list))
                    .unwrap_or_default();
                (name, columns)
            }
            None => (None, Vec::new()),
        };
    let using_index = rest
        .windows(2)
        .position(|w| w[0].is_word(source, "using") && w[1].is_word(source, "index"));
    let uses_index = using_index.is_some();
    let index_name = using_index
        .and_then(|i| rest.get(i + 2))
        .and_then(|t| identifier(t, source));
    let is_not_valid = rest
        .windows(2)
        .any(|w| w[0].is_word(source, "not") && w[1].is_word(source, "valid"));
    let last = item.end.max(item.start + 1) - 1;
    ConstraintDef {
        name,
        name_span,
        kind,
        is_not_valid,
        uses_index,
        index_name,
        references,
        referenced_columns,
        span: tokens[item.start]
            .span()
            .cover(tokens[last.min(tokens.len() - 1)].span()),
        columns,
        not_null_columns,
    }
}

/// The identifiers that start each comma-separated item of `range`: `(a, b DESC)` gives `a, b`.
pub(super) fn identifier_list(source: &str, tokens: &[Token], range: Range<usize>) -> Vec<String> {
    split_top_level_commas(source, tokens, range)
        .into_iter()
        .filter_map(|item| tokens.get(item.start).and_then(|t| identifier(t, source)))
        .collect()
}

/// The columns `a IS NOT NULL AND b IS NOT NULL` proves not null; empty when any conjunct is
/// something else (an `OR`, a comparison), since then no column is proven.
pub(super) fn not_null_columns(source: &str, tokens: &[Token], range: Range<usize>) -> Vec<String> {
    let mut columns = Vec::new();
    let mut start = range.start;
    for index in range.start..=range.end {
        let at_end = index == range.end;
        if !at_end && !tokens[index].is_word(source, "and") {
            continue;
        }
        let conjunct = &tokens[start..index];
        let is_not_null = conjunct.len() == 4
            && conjunct[1].is_word(source, "is")
            && conjunct[2].is_word(source, "not")
            && conjunct[3].is_word(source, "null");
        match conjunct
            .first()
            .and_then(|t| identifier(t, source))
            .filter(|_| is_not_null)
        {
            Some(column) => columns.push(column),
            None => return Vec::new(),
        }
        start = index + 1;
    }
    columns
}

/// `… ON [ONLY] table [USING method] (columns) [INCLUDE …] [WHERE …]`, after the name.
pub(super) fn index_def(c: &mut Cursor, is_unique: bool, is_concurrently: bool) -> IndexDef {
    let table = c
        .seek_word("on")
        .then(|| {
            c.pos += 1;
            c.eat_word("only");
            c.name()
        })
        .flatten();
    let mut method = String::from("btree");
    if c.eat_word("using") {
        method = c.word_text().unwrap_or(method);
        c.pos += 1;
    }
    let elements = c
        .skip_group()
        .map(|list| split_top_level_commas(c.source, c.tokens, list))
        .unwrap_or_default();
    let columns = elements
        .iter()
        .map(|item| index_element(c.source, c.tokens, item.clone()))
        .collect();
    let tail = c.pos.min(c.tokens.len())..c.tokens.len();
    let is_partial = c.seek_word("where");
    IndexDef {
        table,
        is_unique,
        is_concurrently,
        columns,
        is_partial,
        method,
        elements,
        tail,
    }
}

/// One index element: a column name (with its options), or `(expr)` for an expression.
pub(super) fn index_element(source: &str, tokens: &[Token], item: Range<usize>) -> String {
    let is_call = tokens
        .get(item.start + 1)
        .is_some_and(|t| t.is_punct(source, "(") || t.is_punct(source, "."));
    match tokens.get(item.start).and_then(|t| identifier(t, source)) {
        Some(name) if !is_call => name,
        _ => "(expr)".into(),
    }
}

pub(super) fn view_def(c: &mut Cursor) -> ViewDef {
    let mut def = ViewDef {
        options_insert_at: c.previous_span().end,
        ..ViewDef::default()
    };
    // An optional column list comes before WITH.
    if c.is_punct("(") {
        c.skip_group();
        def.options_insert_at = c.previous_span().end;
    }
    if c.eat_word("with") {
        if let Some(options) = c.skip_group() {
            def.is_security_invoker =
                has_true_option(c.source, &c.tokens[options.clone()], "security_invoker");
            def.security_invoker =
                option_value(c.source, &c.tokens[options.clone()], "security_invoker");
            def.options = Some(options);
        }
    }
    if c.seek_word("as") {
        c.pos += 1;
        def.query = Some(c.pos..c.tokens.len());
    }
    def
}
