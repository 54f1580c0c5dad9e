//! Reads what a statement does from its tokens. Works the same whether or not sqlparser
//! accepted the statement, and gives exact spans.

use std::ops::Range;

use crate::source::{Span, Token, TokenKind};

use super::cursor::{split_top_level_commas, Cursor};
use super::expr::parse_expr;
use super::name::{identifier, string_literal};
use super::statement::*;

pub fn extract(source: &str, tokens: &[Token]) -> StatementKind {
    let mut c = Cursor::new(source, tokens);
    let Some(first) = c.word_text() else {
        return StatementKind::Other {
            keyword: String::new(),
        };
    };
    match first.as_str() {
        "create" => create(&mut c),
        "drop" => drop(&mut c),
        "alter" => alter(&mut c),
        "insert" => insert(&mut c),
        "grant" | "revoke" => grant(&mut c, false),
        "do" => do_block(&mut c),
        "begin" | "start" => StatementKind::Transaction(TransactionKind::Begin),
        "commit" | "end" => StatementKind::Transaction(TransactionKind::Commit),
        "rollback" | "abort" => {
            if c.tokens.iter().any(|t| t.is_word(source, "to")) {
                StatementKind::Other { keyword: first }
            } else {
                StatementKind::Transaction(TransactionKind::Rollback)
            }
        }
        "savepoint" => StatementKind::Transaction(TransactionKind::Savepoint),
        "truncate" => truncate(&mut c),
        "delete" => delete(&mut c),
        "comment" => StatementKind::Comment,
        "set" => set(&mut c),
        "update" => update(&mut c),
        "reindex" => reindex(&mut c),
        "vacuum" => vacuum(&mut c),
        "cluster" => cluster(&mut c),
        _ => StatementKind::Other { keyword: first },
    }
}

fn object_kind(c: &mut Cursor) -> Option<(ObjectKind, Span)> {
    let start = c.peek()?.span();
    let kind = if c.eat_words(&["materialized", "view"]) {
        ObjectKind::MaterializedView
    } else if c.eat_words(&["foreign", "table"]) {
        ObjectKind::ForeignTable
    } else {
        let word = c.word_text()?;
        let kind = match word.as_str() {
            "table" => ObjectKind::Table,
            "view" => ObjectKind::View,
            "index" => ObjectKind::Index,
            "sequence" => ObjectKind::Sequence,
            "schema" => ObjectKind::Schema,
            "extension" => ObjectKind::Extension,
            "function" => ObjectKind::Function,
            "procedure" => ObjectKind::Procedure,
            "trigger" => ObjectKind::Trigger,
            "policy" => ObjectKind::Policy,
            "type" => ObjectKind::Type,
            "domain" => ObjectKind::Domain,
            "publication" => ObjectKind::Publication,
            "role" | "user" => ObjectKind::Role,
            "database" => ObjectKind::Database,
            _ => ObjectKind::Other,
        };
        c.pos += 1;
        kind
    };
    Some((kind, start.cover(c.previous_span())))
}

fn create(c: &mut Cursor) -> StatementKind {
    let create_span = c.advance().map(|t| t.span()).unwrap_or_default();
    let or_replace = c.eat_words(&["or", "replace"]);
    let mut is_unique = false;
    let mut is_temporary = false;
    // Modifiers that may stand between CREATE and the object keyword.
    loop {
        if c.eat_word("unique") {
            is_unique = true;
        } else if c.eat_any_word(&["temp", "temporary"]).is_some() {
            is_temporary = true;
        } else if c
            .eat_any_word(&[
                "unlogged",
                "global",
                "local",
                "recursive",
                "trusted",
                "procedural",
                "constraint",
                "default",
            ])
            .is_none()
        {
            break;
        }
    }
    let Some((object, mut object_span)) = object_kind(c) else {
        return StatementKind::Other {
            keyword: "create".into(),
        };
    };
    let mut is_concurrently = false;
    if object == ObjectKind::Index && c.eat_word("concurrently") {
        is_concurrently = true;
        object_span = object_span.cover(c.previous_span());
    }
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let name = match object {
        // `CREATE INDEX ON t (…)` has no name.
        ObjectKind::Index if c.is_word("on") => None,
        // `CREATE SCHEMA AUTHORIZATION role` names the schema after the role.
        ObjectKind::Schema if c.is_word("authorization") => {
            c.pos += 1;
            c.name()
        }
        _ => c.name(),
    };
    let detail = match object {
        ObjectKind::Table | ObjectKind::ForeignTable => CreateDetail::Table(table_def(c)),
        ObjectKind::Index => CreateDetail::Index(index_def(c, is_unique, is_concurrently)),
        ObjectKind::View | ObjectKind::MaterializedView => CreateDetail::View(view_def(c)),
        ObjectKind::Function | ObjectKind::Procedure => {
            CreateDetail::Function(Box::new(function_def(c)))
        }
        ObjectKind::Trigger => CreateDetail::Trigger(Box::new(trigger_def(c))),
        ObjectKind::Policy => CreateDetail::Policy(Box::new(policy_def(c))),
        ObjectKind::Domain => CreateDetail::Domain(DomainDef {
            has_constraint: c
                .tokens
                .iter()
                .any(|t| t.is_word(c.source, "check") || t.is_word(c.source, "constraint")),
        }),
        _ => CreateDetail::None,
    };
    StatementKind::Create(Create {
        object,
        name,
        or_replace,
        if_not_exists,
        is_temporary,
        create_span,
        object_span,
        detail,
    })
}

/// `… ON [ONLY] table [USING method] (columns) [INCLUDE …] [WHERE …]`, after the name.
fn index_def(c: &mut Cursor, is_unique: bool, is_concurrently: bool) -> IndexDef {
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
fn index_element(source: &str, tokens: &[Token], item: Range<usize>) -> String {
    let is_call = tokens
        .get(item.start + 1)
        .is_some_and(|t| t.is_punct(source, "(") || t.is_punct(source, "."));
    match tokens.get(item.start).and_then(|t| identifier(t, source)) {
        Some(name) if !is_call => name,
        _ => "(expr)".into(),
    }
}

fn table_def(c: &mut Cursor) -> TableDef {
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

fn table_element(source: &str, tokens: &[Token], item: Range<usize>, def: &mut TableDef) {
    let Some(first) = tokens.get(item.start) else {
        return;
    };
    let is_constraint = [
        "constraint",
        "primary",
        "unique",
        "check",
        "foreign",
        "exclude",
    ]
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

const COLUMN_OPTION_WORDS: &[&str] = &[
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

/// Lower case with single spaces, without spaces around punctuation: `character varying(20)`.
pub fn normalize_type(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .to_ascii_lowercase()
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// Reads a table constraint (`[CONSTRAINT name] PRIMARY KEY …`) from `item`.
pub(crate) fn constraint_def(source: &str, tokens: &[Token], item: Range<usize>) -> ConstraintDef {
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
fn identifier_list(source: &str, tokens: &[Token], range: Range<usize>) -> Vec<String> {
    split_top_level_commas(source, tokens, range)
        .into_iter()
        .filter_map(|item| tokens.get(item.start).and_then(|t| identifier(t, source)))
        .collect()
}

/// The columns `a IS NOT NULL AND b IS NOT NULL` proves not null; empty when any conjunct is
/// something else (an `OR`, a comparison), since then no column is proven.
fn not_null_columns(source: &str, tokens: &[Token], range: Range<usize>) -> Vec<String> {
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

fn view_def(c: &mut Cursor) -> ViewDef {
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

/// The boolean value an option list (`a = true, b`) gives `option`, when it names it.
fn option_value(source: &str, tokens: &[Token], option: &str) -> Option<bool> {
    tokens
        .iter()
        .any(|t| identifier(t, source).as_deref() == Some(option))
        .then(|| has_true_option(source, tokens, option))
}

/// Whether an option list (`a = true, b`) sets `option` on.
fn has_true_option(source: &str, tokens: &[Token], option: &str) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        // Option names may be quoted: `WITH ("security_invoker"='on')`.
        if identifier(t, source).as_deref() != Some(option) {
            return false;
        }
        match (tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(eq), Some(value)) if eq.is_operator(source, "=") => {
                let value = value.text(source).trim_matches('\'').to_ascii_lowercase();
                matches!(value.as_str(), "true" | "on" | "1" | "yes")
            }
            (None, _) => true,
            (Some(next), _) => next.is_punct(source, ","),
        }
    })
}

fn function_def(c: &mut Cursor) -> FunctionDef {
    let args = c.skip_group().unwrap_or(c.pos..c.pos);
    let arg_types = argument_types(c.source, c.tokens, args.clone());
    let mut def = FunctionDef {
        args,
        arg_types,
        returns: None,
        is_trigger: false,
        language: None,
        is_security_definer: false,
        search_path: None,
        search_path_span: None,
        volatility: Volatility::Volatile,
        body: None,
        options_insert_at: c.tokens.last().map(|t| t.span().end).unwrap_or_default(),
    };
    while let Some(token) = c.peek() {
        let source = c.source;
        if c.eat_word("returns") {
            let start = c.pos;
            if c.eat_word("table") {
                c.skip_group();
            } else {
                c.eat_words(&["setof"]);
                c.name();
                c.skip_group();
                while c.eat_punct("[") || c.eat_punct("]") {}
            }
            let text = normalize_type(&c.token_span_text(start));
            let unquoted = text.trim_matches('"');
            def.is_trigger = unquoted == "trigger" || unquoted == "event_trigger";
            def.returns = Some(text);
        } else if c.eat_word("language") {
            def.language = c.advance().map(|t| {
                t.text(source)
                    .trim_matches(['\'', '"'])
                    .to_ascii_lowercase()
            });
        } else if c.eat_words(&["security", "definer"])
            || c.eat_words(&["external", "security", "definer"])
        {
            def.is_security_definer = true;
        } else if c.eat_words(&["security", "invoker"]) {
            def.is_security_definer = false;
        } else if c.eat_word("immutable") {
            def.volatility = Volatility::Immutable;
        } else if c.eat_word("stable") {
            def.volatility = Volatility::Stable;
        } else if c.eat_word("set") {
            let set_span = c.previous_span();
            if c.eat_identifier("search_path") {
                let (values, end) = setting_values(c);
                def.search_path = Some(values);
                def.search_path_span = Some(set_span.cover(end));
            }
        } else if c.is_word("as") {
            if def.body.is_none() {
                def.options_insert_at = token.span().start;
            }
            c.pos += 1;
            if let Some(body) = c.peek() {
                def.body = literal_body(body, source);
                c.pos += 1;
            }
        } else if c.is_word("begin") && c.is_word_at(1, "atomic") {
            if def.body.is_none() {
                def.options_insert_at = token.span().start;
            }
            let start = token.span().start;
            let end = c.tokens.last().map(|t| t.span().end).unwrap_or(start);
            def.body = Some(Span::new(start, end));
            c.pos = c.tokens.len();
        } else if c.eat_word("return") {
            if def.body.is_none() {
                def.options_insert_at = token.span().start;
            }
            let end = c
                .tokens
                .last()
                .map(|t| t.span().end)
                .unwrap_or(token.span().end);
            def.body = Some(Span::new(token.span().start, end));
            c.pos = c.tokens.len();
        } else {
            c.pos += 1;
        }
    }
    def
}

impl Cursor<'_> {
    fn token_span_text(&self, start: usize) -> String {
        if start >= self.pos {
            return String::new();
        }
        self.tokens[start]
            .span()
            .cover(self.tokens[self.pos - 1].span())
            .text(self.source)
            .to_string()
    }
}

/// The text inside a `$$…$$` or `'…'` body token.
fn literal_body(token: &Token, source: &str) -> Option<Span> {
    let text = token.text(source);
    match token.kind {
        TokenKind::DollarString => {
            let tag_len = text[1..].find('$')? + 2;
            if text.len() < tag_len * 2 {
                return Some(Span::empty_at(token.span().end));
            }
            Some(Span::new(
                token.span().start + tag_len,
                token.span().end - tag_len,
            ))
        }
        TokenKind::String => {
            let open = text.find('\'')? + 1;
            let close = if token.error.is_none() { 1 } else { 0 };
            Some(Span::new(
                token.span().start + open,
                (token.span().end - close).max(token.span().start + open),
            ))
        }
        _ => None,
    }
}

/// Reads `= a, b` / `TO a, b` / `FROM CURRENT` after a setting name.
fn setting_values(c: &mut Cursor) -> (Vec<String>, Span) {
    let mut end = c.previous_span();
    // `FROM CURRENT` keeps the session's path at creation time: a non-empty, mutable one.
    if c.eat_words(&["from", "current"]) {
        return (vec!["from current".to_string()], c.previous_span());
    }
    if !(c.eat_word("to") || c.peek().is_some_and(|t| t.is_operator(c.source, "="))) {
        return (Vec::new(), end);
    }
    if c.peek().is_some_and(|t| t.is_operator(c.source, "=")) {
        c.pos += 1;
    }
    let mut values = Vec::new();
    while let Some(token) = c.peek() {
        let value = match token.kind {
            TokenKind::String => string_literal(token, c.source).unwrap_or_default(),
            TokenKind::Word | TokenKind::QuotedIdent => {
                identifier(token, c.source).unwrap_or_default()
            }
            _ => break,
        };
        end = token.span();
        c.pos += 1;
        // `''` is the empty search_path; `'a, b'` in one literal lists several.
        values.extend(
            value
                .split(',')
                .map(|v| v.trim().trim_matches('"').to_string())
                .filter(|v| !v.is_empty()),
        );
        if !c.eat_punct(",") {
            break;
        }
    }
    (values, end)
}

/// Argument types from `(a int, out b text, c int default 1)`, lower case.
pub(crate) fn argument_types(source: &str, tokens: &[Token], args: Range<usize>) -> Vec<String> {
    split_top_level_commas(source, tokens, args)
        .into_iter()
        .filter_map(|item| {
            let mut words: Vec<&Token> = tokens[item].iter().collect();
            if let Some(cut) = words
                .iter()
                .position(|t| t.is_word(source, "default") || t.is_operator(source, "="))
            {
                words.truncate(cut);
            }
            let mode = ["in", "out", "inout", "variadic"];
            if words
                .first()
                .is_some_and(|t| mode.iter().any(|m| t.is_word(source, m)))
            {
                words.remove(0);
            }
            if words.first().is_some_and(|t| t.is_word(source, "out")) {
                return None;
            }
            // `name type` or just `type`: a type never is followed by a bare word that is
            // itself a type name, so drop a leading name when more than one word is left
            // and the second is not a type modifier.
            if words.len() >= 2
                && matches!(words[1].kind, TokenKind::Word | TokenKind::QuotedIdent)
                && !["varying", "precision", "with", "without", "zone"]
                    .iter()
                    .any(|m| words[1].is_word(source, m))
            {
                words.remove(0);
            }
            let first = words.first()?;
            let last = words.last()?;
            Some(normalize_type(first.span().cover(last.span()).text(source)))
        })
        .collect()
}

fn trigger_def(c: &mut Cursor) -> TriggerDef {
    // `name {BEFORE | AFTER | INSTEAD OF} event [OR event …] ON table`
    let timing_start = c.pos;
    let mut is_before = false;
    let mut events = Vec::new();
    while let Some(word) = c.word_text() {
        if word == "on" {
            break;
        }
        if word == "before" {
            is_before = true;
        } else if ["insert", "update", "delete", "truncate"].contains(&word.as_str()) {
            events.push(word);
        }
        c.pos += 1;
    }
    c.pos = timing_start;
    let table = if c.seek_word("on") {
        c.pos += 1;
        c.name()
    } else {
        None
    };
    let function = if c.seek_word("execute") {
        c.pos += 1;
        c.eat_any_word(&["function", "procedure"]);
        c.name()
    } else {
        None
    };
    TriggerDef {
        table,
        function,
        is_before,
        events,
    }
}

fn policy_def(c: &mut Cursor) -> PolicyDef {
    let mut def = PolicyDef {
        table: None,
        is_permissive: true,
        command: PolicyCommand::All,
        roles: Vec::new(),
        has_to_clause: false,
        using: None,
        with_check: None,
        using_keyword: None,
        with_check_keyword: None,
    };
    if c.eat_word("on") {
        def.table = c.name();
    }
    while !c.at_end() {
        if c.eat_word("as") {
            if c.eat_word("restrictive") {
                def.is_permissive = false;
            } else {
                c.eat_word("permissive");
            }
        } else if c.eat_word("for") {
            def.command = match c.word_text().as_deref() {
                Some("select") => PolicyCommand::Select,
                Some("insert") => PolicyCommand::Insert,
                Some("update") => PolicyCommand::Update,
                Some("delete") => PolicyCommand::Delete,
                _ => PolicyCommand::All,
            };
            c.pos += 1;
        } else if c.eat_word("to") {
            def.has_to_clause = true;
            while let Some(token) = c.peek() {
                if let Some(role) = identifier(token, c.source) {
                    if role == "using" || role == "with" {
                        break;
                    }
                    def.roles.push(role);
                }
                c.pos += 1;
                if !c.eat_punct(",") {
                    break;
                }
            }
        } else if c.eat_word("using") {
            def.using_keyword = Some(c.previous_span());
            def.using = policy_clause(c);
        } else if c.eat_words(&["with", "check"]) {
            def.with_check_keyword = Some(c.tokens[c.pos - 2].span().cover(c.previous_span()));
            def.with_check = policy_clause(c);
        } else {
            c.pos += 1;
        }
    }
    def
}

fn drop(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let Some((object, mut object_span)) = object_kind(c) else {
        return StatementKind::Other {
            keyword: "drop".into(),
        };
    };
    let is_concurrently = c.eat_word("concurrently");
    if is_concurrently {
        object_span = object_span.cover(c.previous_span());
    }
    let if_exists = c.eat_words(&["if", "exists"]);
    let names = c.name_list();
    let on_table = if c.eat_word("on") { c.name() } else { None };
    let is_cascade = c.tokens.iter().any(|t| t.is_word(c.source, "cascade"));
    StatementKind::Drop(Drop {
        object,
        names,
        on_table,
        if_exists,
        is_concurrently,
        is_cascade,
        object_span,
    })
}

fn alter(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    if c.eat_words(&["default", "privileges"]) {
        return grant(c, true);
    }
    let Some((object, _)) = object_kind(c) else {
        return StatementKind::Other {
            keyword: "alter".into(),
        };
    };
    match object {
        ObjectKind::Table => alter_table(c),
        ObjectKind::Type => alter_type(c),
        ObjectKind::Function | ObjectKind::Procedure => alter_function(c),
        ObjectKind::Domain => alter_domain(c),
        ObjectKind::Policy => alter_policy(c),
        ObjectKind::View => alter_view(c),
        _ => {
            c.eat_words(&["if", "exists"]);
            StatementKind::AlterOther {
                object,
                name: c.name(),
            }
        }
    }
}

fn alter_table(c: &mut Cursor) -> StatementKind {
    let if_exists = c.eat_words(&["if", "exists"]);
    c.eat_word("only");
    let table = c.name();
    c.eat_operator("*");
    let start = c.pos;
    let actions = split_top_level_commas(c.source, c.tokens, start..c.tokens.len())
        .into_iter()
        .filter(|item| !item.is_empty())
        .map(|item| alter_table_action(c.source, c.tokens, item))
        .collect();
    StatementKind::AlterTable(AlterTable {
        table,
        if_exists,
        actions,
    })
}

impl Cursor<'_> {
    /// Whether the token `ahead` is the identifier `name`, quoted or not (`"search_path"`).
    fn is_identifier_at(&self, ahead: usize, name: &str) -> bool {
        self.peek_at(ahead)
            .and_then(|t| identifier(t, self.source))
            .is_some_and(|id| id == name)
    }

    /// Consumes the identifier `name`, quoted or not.
    fn eat_identifier(&mut self, name: &str) -> bool {
        let found = self.is_identifier_at(0, name);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_operator(&mut self, op: &str) -> bool {
        if self.peek().is_some_and(|t| t.is_operator(self.source, op)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn identifier(&mut self) -> Option<(String, Span)> {
        let token = self.peek()?;
        let name = identifier(token, self.source)?;
        self.pos += 1;
        Some((name, token.span()))
    }
}

fn alter_table_action(source: &str, tokens: &[Token], item: Range<usize>) -> AlterTableAction {
    let span = tokens[item.start].span().cover(tokens[item.end - 1].span());
    let mut c = Cursor::new(source, &tokens[..item.end]);
    c.pos = item.start;
    let kind = alter_table_action_kind(&mut c, item.clone());
    AlterTableAction {
        kind,
        tokens: item,
        span,
    }
}

fn alter_table_action_kind(c: &mut Cursor, item: Range<usize>) -> AlterTableActionKind {
    let source = c.source;
    let other = |c: &Cursor| AlterTableActionKind::Other {
        keyword: c.tokens[item.start].text(source).to_ascii_lowercase(),
    };
    if c.eat_word("add") {
        let constraint_words = [
            "constraint",
            "primary",
            "unique",
            "check",
            "foreign",
            "exclude",
        ];
        if constraint_words.iter().any(|w| c.is_word(w)) {
            return AlterTableActionKind::AddConstraint(constraint_def(
                source,
                c.tokens,
                c.pos..item.end,
            ));
        }
        c.eat_word("column");
        let insert_at = c.previous_span().end;
        let if_not_exists = c.eat_words(&["if", "not", "exists"]);
        return match column_def(source, c.tokens, c.pos..item.end) {
            Some(column) => AlterTableActionKind::AddColumn {
                column,
                if_not_exists,
                insert_at,
            },
            None => other(c),
        };
    }
    if c.eat_word("drop") {
        if c.eat_word("constraint") {
            let insert_at = c.previous_span().end;
            let if_exists = c.eat_words(&["if", "exists"]);
            return match c.identifier() {
                Some((name, name_span)) => AlterTableActionKind::DropConstraint {
                    name,
                    name_span,
                    if_exists,
                    insert_at,
                },
                None => other(c),
            };
        }
        let explicit_column = c.eat_word("column");
        let insert_at = c.previous_span().end;
        let if_exists = c.eat_words(&["if", "exists"]);
        let reserved = ["default", "not", "identity", "expression"];
        if !explicit_column && reserved.iter().any(|w| c.is_word(w)) {
            return other(c);
        }
        return match c.identifier() {
            Some((name, name_span)) => AlterTableActionKind::DropColumn {
                name,
                name_span,
                if_exists,
                insert_at,
            },
            None => other(c),
        };
    }
    if c.eat_word("alter") {
        c.eat_word("column");
        let Some((column, _)) = c.identifier() else {
            return other(c);
        };
        if c.eat_word("type") || c.eat_words(&["set", "data", "type"]) {
            let start = c.pos;
            while !c.at_end() && !c.is_word("using") && !c.is_word("collate") {
                if c.skip_group().is_none() {
                    c.pos += 1;
                }
            }
            let type_span = if c.pos > start {
                c.tokens[start].span().cover(c.tokens[c.pos - 1].span())
            } else {
                Span::empty_at(c.previous_span().end)
            };
            return AlterTableActionKind::AlterColumnType {
                column,
                data_type: normalize_type(type_span.text(source)),
                type_span,
            };
        }
        if c.eat_words(&["set", "not", "null"]) {
            return AlterTableActionKind::SetNotNull { column };
        }
        if c.eat_words(&["drop", "not", "null"]) {
            return AlterTableActionKind::DropNotNull { column };
        }
        if c.eat_words(&["set", "default"]) {
            return AlterTableActionKind::SetDefault {
                column,
                default: c.pos..item.end,
            };
        }
        return other(c);
    }
    if c.eat_word("rename") {
        if c.eat_word("to") {
            return match c.identifier() {
                Some((to, _)) => AlterTableActionKind::RenameTable { to },
                None => other(c),
            };
        }
        if c.is_word("constraint") {
            return other(c);
        }
        c.eat_word("column");
        if let Some((from, _)) = c.identifier() {
            if c.eat_word("to") {
                if let Some((to, _)) = c.identifier() {
                    return AlterTableActionKind::RenameColumn { from, to };
                }
            }
        }
        return other(c);
    }
    if c.eat_words(&["set", "schema"]) {
        return match c.identifier() {
            Some((to, _)) => AlterTableActionKind::SetSchema { to },
            None => other(c),
        };
    }
    if c.eat_words(&["enable", "row", "level", "security"]) {
        return AlterTableActionKind::EnableRls;
    }
    if c.eat_words(&["disable", "row", "level", "security"]) {
        return AlterTableActionKind::DisableRls;
    }
    if c.eat_words(&["force", "row", "level", "security"]) {
        return AlterTableActionKind::ForceRls;
    }
    if c.eat_words(&["validate", "constraint"]) {
        if let Some((name, _)) = c.identifier() {
            return AlterTableActionKind::ValidateConstraint { name };
        }
    }
    if c.eat_words(&["detach", "partition"]) {
        c.name();
        return AlterTableActionKind::DetachPartition {
            is_concurrently: c.eat_word("concurrently"),
        };
    }
    other(c)
}

fn alter_type(c: &mut Cursor) -> StatementKind {
    let name = c.name();
    let add_value = if c.eat_words(&["add", "value"]) {
        let insert_at = c.previous_span().end;
        let if_not_exists = c.eat_words(&["if", "not", "exists"]);
        let value = c
            .advance()
            .and_then(|t| string_literal(t, c.source))
            .unwrap_or_default();
        let has_position = c.is_word("before") || c.is_word("after");
        Some(AddEnumValue {
            value,
            if_not_exists,
            has_position,
            insert_at,
        })
    } else {
        None
    };
    let rename_to = if c.eat_words(&["rename", "to"]) {
        c.identifier().map(|(to, _)| to)
    } else {
        None
    };
    StatementKind::AlterType(AlterType {
        name,
        add_value,
        rename_to,
    })
}

fn alter_function(c: &mut Cursor) -> StatementKind {
    c.eat_words(&["if", "exists"]);
    let name = c.name();
    let arg_types = c
        .skip_group()
        .map(|args| argument_types(c.source, c.tokens, args));
    let mut is_security_definer = None;
    let mut search_path = None;
    while !c.at_end() {
        if c.eat_words(&["security", "definer"]) {
            is_security_definer = Some(true);
        } else if c.eat_words(&["security", "invoker"]) {
            is_security_definer = Some(false);
        } else if c.is_word("set") && c.is_identifier_at(1, "search_path") {
            c.pos += 2;
            search_path = Some(setting_values(c).0);
        } else {
            c.pos += 1;
        }
    }
    StatementKind::AlterFunction(AlterFunction {
        name,
        arg_types,
        is_security_definer,
        search_path,
    })
}

fn alter_policy(c: &mut Cursor) -> StatementKind {
    c.eat_words(&["if", "exists"]);
    let Some((name, name_span)) = c.identifier() else {
        return StatementKind::AlterOther {
            object: ObjectKind::Policy,
            name: None,
        };
    };
    let table = if c.eat_word("on") { c.name() } else { None };
    let mut alter = AlterPolicy {
        name,
        name_span,
        table,
        rename_to: None,
        roles: None,
        using: None,
        with_check: None,
        using_keyword: None,
        with_check_keyword: None,
    };
    while !c.at_end() {
        if c.eat_words(&["rename", "to"]) {
            alter.rename_to = c.identifier().map(|(name, _)| name);
        } else if c.eat_word("to") {
            alter.roles = Some(role_list(c));
        } else if c.eat_word("using") {
            alter.using_keyword = Some(c.previous_span());
            alter.using = policy_clause(c);
        } else if c.eat_words(&["with", "check"]) {
            alter.with_check_keyword = Some(c.tokens[c.pos - 2].span().cover(c.previous_span()));
            alter.with_check = policy_clause(c);
        } else {
            c.pos += 1;
        }
    }
    StatementKind::AlterPolicy(Box::new(alter))
}

/// The parenthesised clause at the cursor, parsed.
fn policy_clause(c: &mut Cursor) -> Option<PolicyClause> {
    let tokens = c.skip_group()?;
    let expr = parse_expr(c.source, &c.tokens[tokens.clone()]);
    Some(PolicyClause { tokens, expr })
}

/// Reads `role, role …` up to `USING`/`WITH` or the end, lower case.
fn role_list(c: &mut Cursor) -> Vec<String> {
    let mut roles = Vec::new();
    while let Some(token) = c.peek() {
        if let Some(role) = identifier(token, c.source) {
            if role == "using" || role == "with" {
                break;
            }
            roles.push(role);
        }
        c.pos += 1;
        if !c.eat_punct(",") {
            break;
        }
    }
    roles
}

fn alter_view(c: &mut Cursor) -> StatementKind {
    c.eat_words(&["if", "exists"]);
    let name = c.name();
    let mut alter = AlterView {
        name,
        security_invoker: None,
        rename_to: None,
    };
    if c.eat_words(&["rename", "to"]) {
        alter.rename_to = c.identifier().map(|(name, _)| name);
    } else if c.eat_word("set") {
        if let Some(options) = c.skip_group() {
            alter.security_invoker = option_value(c.source, &c.tokens[options], "security_invoker");
        }
    } else if c.eat_word("reset") {
        if let Some(options) = c.skip_group() {
            if c.tokens[options]
                .iter()
                .any(|t| t.is_word(c.source, "security_invoker"))
            {
                alter.security_invoker = Some(false);
            }
        }
    }
    StatementKind::AlterView(alter)
}

fn insert(c: &mut Cursor) -> StatementKind {
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
        has_on_conflict,
        has_not_exists_guard,
        on_conflict_insert_at,
    })
}

fn grant(c: &mut Cursor, is_default_privileges: bool) -> StatementKind {
    let mut default_schemas = Vec::new();
    let mut default_for_roles = Vec::new();
    if is_default_privileges {
        // `ALTER DEFAULT PRIVILEGES [FOR ROLE r, …] [IN SCHEMA s, …] GRANT|REVOKE …`
        while !c.at_end() && !c.is_word("grant") && !c.is_word("revoke") {
            let list = if c.eat_words(&["for", "role"]) || c.eat_words(&["for", "user"]) {
                &mut default_for_roles
            } else if c.eat_words(&["in", "schema"]) {
                &mut default_schemas
            } else {
                c.pos += 1;
                continue;
            };
            while let Some((name, _)) = c.identifier() {
                list.push(name);
                if !c.eat_punct(",") {
                    break;
                }
            }
        }
    }
    let is_revoke = c.is_word("revoke");
    c.pos += 1;
    c.eat_words(&["grant", "option", "for"]);
    let mut privileges = Vec::new();
    let mut privilege_columns = Vec::new();
    while let Some(word) = c.word_text() {
        if word == "on" || word == "to" || word == "from" {
            break;
        }
        c.pos += 1;
        let columns = c
            .skip_group()
            .map(|list| identifier_list(c.source, c.tokens, list))
            .unwrap_or_default();
        if word != "privileges" {
            privileges.push(word);
            privilege_columns.push(columns);
        } else if let Some(last) = privilege_columns.last_mut() {
            // `ALL PRIVILEGES (a, b)`
            *last = columns;
        }
        c.eat_punct(",");
    }
    let mut object_kind = GrantObjectKind::Table;
    let mut objects = Vec::new();
    let mut object_arg_types = Vec::new();
    if c.eat_word("on") {
        object_kind = if c.eat_words(&["all", "tables", "in", "schema"]) {
            GrantObjectKind::AllTablesInSchema
        } else if c.eat_words(&["all", "functions", "in", "schema"])
            || c.eat_words(&["all", "routines", "in", "schema"])
            || c.eat_words(&["all", "procedures", "in", "schema"])
        {
            GrantObjectKind::AllFunctionsInSchema
        } else if c.eat_words(&["all", "sequences", "in", "schema"]) {
            GrantObjectKind::AllSequencesInSchema
        } else if c.eat_word("table") {
            GrantObjectKind::Table
        } else if c.eat_word("function") || c.eat_word("routine") {
            GrantObjectKind::Function
        } else if c.eat_word("procedure") {
            GrantObjectKind::Procedure
        } else if c.eat_word("sequence") {
            GrantObjectKind::Sequence
        } else if c.eat_word("schema") {
            GrantObjectKind::Schema
        } else if c.eat_word("tables") {
            GrantObjectKind::FutureTables
        } else if c.eat_any_word(&["functions", "routines"]).is_some() {
            GrantObjectKind::FutureFunctions
        } else if c.eat_any_word(&["sequences", "types", "schemas"]).is_some() {
            GrantObjectKind::FutureOther
        } else if c
            .eat_any_word(&[
                "database",
                "language",
                "type",
                "domain",
                "foreign",
                "large",
                "tablespace",
                "parameter",
            ])
            .is_some()
        {
            GrantObjectKind::Other
        } else {
            GrantObjectKind::Table
        };
        // `ALTER DEFAULT PRIVILEGES … ON TABLES` names no objects.
        let names_objects = !matches!(
            object_kind,
            GrantObjectKind::FutureTables
                | GrantObjectKind::FutureFunctions
                | GrantObjectKind::FutureOther
        );
        while let Some(name) = names_objects.then(|| c.name()).flatten() {
            objects.push(name);
            object_arg_types.push(
                c.skip_group()
                    .map(|args| argument_types(c.source, c.tokens, args)),
            );
            if !c.eat_punct(",") {
                break;
            }
        }
    }
    let mut roles = Vec::new();
    let mut role_spans = Vec::new();
    if c.eat_word("to") || c.eat_word("from") {
        while let Some(token) = c.peek() {
            c.eat_word("group");
            let Some(token) = c.peek().or(Some(token)) else {
                break;
            };
            if let Some(role) = identifier(token, c.source) {
                if role == "with" || role == "granted" || role == "cascade" || role == "restrict" {
                    break;
                }
                roles.push(role);
                role_spans.push(token.span());
            }
            c.pos += 1;
            if !c.eat_punct(",") {
                break;
            }
        }
    }
    StatementKind::Grant(Grant {
        is_revoke,
        privileges,
        privilege_columns,
        object_kind,
        objects,
        object_arg_types,
        roles,
        is_default_privileges,
        default_schemas,
        default_for_roles,
        role_spans,
    })
}

fn do_block(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let mut body = None;
    while let Some(token) = c.advance() {
        if matches!(token.kind, TokenKind::DollarString | TokenKind::String) {
            body = literal_body(token, c.source);
        }
    }
    let catches_duplicates = body.is_some_and(|span| {
        let tokens = crate::source::tokenize(span.text(c.source), span.start);
        tokens.iter().enumerate().any(|(i, t)| {
            t.is_word(c.source, "exception")
                && tokens[i..]
                    .iter()
                    .filter(|t| !t.is_trivia())
                    .nth(1)
                    .is_some_and(|t| t.is_word(c.source, "when"))
        })
    });
    StatementKind::Do(DoBlock {
        body,
        catches_duplicates,
    })
}

fn truncate(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_word("table");
    c.eat_word("only");
    let tables = c.name_list();
    let is_cascade = c.tokens.iter().any(|t| t.is_word(c.source, "cascade"));
    StatementKind::Truncate(Truncate { tables, is_cascade })
}

fn delete(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.eat_word("from");
    c.eat_word("only");
    let table = c.name();
    let has_where = c.seek_word("where");
    StatementKind::Delete(Delete { table, has_where })
}

fn set(c: &mut Cursor) -> StatementKind {
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

fn update(c: &mut Cursor) -> StatementKind {
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
            let mut item_cursor = Cursor::new(c.source, &c.tokens[..item.end]);
            item_cursor.pos = item.start;
            match item_cursor.skip_group() {
                // `(a, b) = (…)`
                Some(targets) => {
                    for target in split_top_level_commas(c.source, c.tokens, targets) {
                        assignments.extend(assignment(c.source, c.tokens, target));
                    }
                }
                None => assignments.extend(assignment(c.source, c.tokens, item.clone()).map(
                    |mut assignment| {
                        assignment.value = assignment_value(c.source, c.tokens, item);
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
        start..c.pos
    });
    StatementKind::Update(Update {
        table,
        assignments,
        where_clause,
    })
}

/// The tokens after the top-level `=` of `col = value`.
fn assignment_value(source: &str, tokens: &[Token], item: Range<usize>) -> Option<Range<usize>> {
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
fn assignment(source: &str, tokens: &[Token], item: Range<usize>) -> Option<Assignment> {
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

/// Whether an option list has `option` switched on: `option`, `option true|on|1`.
fn has_enabled_option(source: &str, tokens: &[Token], range: Range<usize>, option: &str) -> bool {
    split_top_level_commas(source, tokens, range)
        .into_iter()
        .any(|item| match &tokens[item.clone()] {
            [name] => name.is_word(source, option),
            [name, value, ..] => {
                name.is_word(source, option)
                    && !["false", "off", "0"].iter().any(|off| {
                        value
                            .text(source)
                            .trim_matches('\'')
                            .eq_ignore_ascii_case(off)
                    })
            }
            [] => false,
        })
}

fn reindex(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let mut is_concurrently = false;
    if let Some(options) = c.skip_group() {
        is_concurrently = has_enabled_option(c.source, c.tokens, options, "concurrently");
    }
    let object = c
        .eat_any_word(&["index", "table", "schema", "database", "system"])
        .map(str::to_ascii_uppercase)
        .unwrap_or_default();
    is_concurrently |= c.eat_word("concurrently");
    StatementKind::Reindex(Reindex {
        object,
        name: c.name(),
        is_concurrently,
    })
}

fn vacuum(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let mut is_full = false;
    if let Some(options) = c.skip_group() {
        is_full = has_enabled_option(c.source, c.tokens, options, "full");
    }
    // The pre-9.0 form lists its options as bare words: `VACUUM FULL FREEZE VERBOSE ANALYZE`.
    while let Some(word) = c.eat_any_word(&["full", "freeze", "verbose", "analyze", "analyse"]) {
        is_full |= word == "full";
    }
    StatementKind::Vacuum(Vacuum {
        is_full,
        tables: c.name_list(),
    })
}

fn cluster(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.skip_group();
    c.eat_word("verbose");
    let first = c.name();
    // The pre-8.3 form: `CLUSTER index ON table`.
    let table = if c.eat_word("on") { c.name() } else { first };
    StatementKind::Cluster(Cluster { table })
}

fn alter_domain(c: &mut Cursor) -> StatementKind {
    let name = c.name();
    let add_constraint = c.is_word("add").then(|| {
        let start = c.peek().map(|t| t.span()).unwrap_or_default();
        let end = c.tokens.last().map(|t| t.span()).unwrap_or(start);
        start.cover(end)
    });
    StatementKind::AlterDomain(AlterDomain {
        name,
        add_constraint,
    })
}

#[cfg(test)]
mod safety_facts_tests {
    use super::*;
    use crate::source::tokenize;

    fn kind_of(sql: &str) -> StatementKind {
        let tokens: Vec<Token> = tokenize(sql, 0)
            .into_iter()
            .filter(|t| !t.is_trivia() && !t.is_punct(sql, ";"))
            .collect();
        extract(sql, &tokens)
    }

    #[test]
    fn update_lists_every_assigned_column() {
        let StatementKind::Update(update) = kind_of(
            "update public.t as x set a = 1, (b, c) = (2, 3), d.f = 4, e[1] = 5 where a = 0",
        ) else {
            panic!("not an update");
        };
        let columns: Vec<(&str, bool)> = update
            .assignments
            .iter()
            .map(|a| (a.column.as_str(), a.is_partial))
            .collect();
        assert_eq!(
            columns,
            vec![
                ("a", false),
                ("b", false),
                ("c", false),
                ("d", true),
                ("e", true)
            ]
        );
        assert_eq!(update.table.map(|t| t.qualified()), Some("public.t".into()));
    }

    #[test]
    fn update_stops_at_from_and_returning() {
        let StatementKind::Update(update) =
            kind_of("update t set a = extract(year from now()) from s returning a, a")
        else {
            panic!("not an update");
        };
        assert_eq!(update.assignments.len(), 1);
    }

    #[test]
    fn update_keeps_assigned_values_and_the_where_condition() {
        let sql = "update storage.buckets set public = (false), file_size_limit = 1024 * 1024, \
                   (a, b) = (1, 2) from s where id = 'avatars' and s.x = (select 1 where true) \
                   returning id";
        let tokens: Vec<Token> = tokenize(sql, 0)
            .into_iter()
            .filter(|t| !t.is_trivia())
            .collect();
        let StatementKind::Update(update) = extract(sql, &tokens) else {
            panic!("not an update");
        };
        let text = |range: Range<usize>| {
            let first = tokens[range.start].span();
            first
                .cover(tokens[range.end - 1].span())
                .text(sql)
                .to_string()
        };
        let values: Vec<Option<String>> = update
            .assignments
            .iter()
            .map(|a| a.value.clone().map(text))
            .collect();
        assert_eq!(
            values,
            vec![
                Some("(false)".into()),
                Some("1024 * 1024".into()),
                None,
                None
            ]
        );
        assert_eq!(
            update.where_clause.map(text).as_deref(),
            Some("id = 'avatars' and s.x = (select 1 where true)")
        );
        let StatementKind::Update(update) = kind_of("update t set a = 1") else {
            panic!("not an update");
        };
        assert_eq!(update.where_clause, None);
    }

    #[test]
    fn constraint_columns_and_not_null_checks() {
        let StatementKind::AlterTable(alter) = kind_of(
            "alter table t add constraint p primary key (id, \"Other\"), add constraint c check (a is not null and b is not null) not valid, add check (a is not null or b > 1)",
        ) else {
            panic!("not an alter table");
        };
        let constraints: Vec<&ConstraintDef> = alter
            .actions
            .iter()
            .filter_map(|a| match &a.kind {
                AlterTableActionKind::AddConstraint(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(constraints[0].columns, vec!["id", "Other"]);
        assert_eq!(constraints[1].not_null_columns, vec!["a", "b"]);
        assert!(constraints[1].is_not_valid);
        assert!(constraints[2].not_null_columns.is_empty());
    }

    #[test]
    fn foreign_key_keeps_its_references() {
        let StatementKind::AlterTable(alter) =
            kind_of("alter table t add foreign key (a) references public.u (id)")
        else {
            panic!("not an alter table");
        };
        let AlterTableActionKind::AddConstraint(fk) = &alter.actions[0].kind else {
            panic!("not a constraint");
        };
        assert_eq!(fk.columns, vec!["a"]);
        assert_eq!(
            fk.references.as_ref().map(|r| r.qualified()),
            Some("public.u".into())
        );
    }

    #[test]
    fn maintenance_statements() {
        assert!(matches!(
            kind_of("reindex (verbose, concurrently) table t"),
            StatementKind::Reindex(Reindex {
                is_concurrently: true,
                ..
            })
        ));
        assert!(matches!(
            kind_of("reindex index concurrently i"),
            StatementKind::Reindex(Reindex {
                is_concurrently: true,
                ..
            })
        ));
        assert!(matches!(
            kind_of("reindex (concurrently false) index i"),
            StatementKind::Reindex(Reindex {
                is_concurrently: false,
                ..
            })
        ));
        assert!(matches!(
            kind_of("vacuum (full, analyze) t"),
            StatementKind::Vacuum(Vacuum { is_full: true, .. })
        ));
        assert!(matches!(
            kind_of("vacuum full verbose t"),
            StatementKind::Vacuum(Vacuum { is_full: true, .. })
        ));
        assert!(matches!(
            kind_of("vacuum analyze t"),
            StatementKind::Vacuum(Vacuum { is_full: false, .. })
        ));
        let StatementKind::Cluster(cluster) = kind_of("cluster verbose i on public.t") else {
            panic!("not a cluster");
        };
        assert_eq!(
            cluster.table.map(|t| t.qualified()),
            Some("public.t".into())
        );
    }

    #[test]
    fn alter_domain_add_constraint() {
        assert!(matches!(
            kind_of("alter domain d add constraint c check (value > 0)"),
            StatementKind::AlterDomain(AlterDomain {
                add_constraint: Some(_),
                ..
            })
        ));
        assert!(matches!(
            kind_of("alter domain d set default 1"),
            StatementKind::AlterDomain(AlterDomain {
                add_constraint: None,
                ..
            })
        ));
    }

    #[test]
    fn temporary_tables_are_marked() {
        let StatementKind::Create(create) = kind_of("create temp table t (a int)") else {
            panic!("not a create");
        };
        assert!(create.is_temporary);
        assert_eq!(create.object, ObjectKind::Table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tokenize;

    fn kind_of(sql: &str) -> StatementKind {
        let tokens: Vec<Token> = tokenize(sql, 0)
            .into_iter()
            .filter(|t| !t.is_trivia() && !t.is_punct(sql, ";"))
            .collect();
        extract(sql, &tokens)
    }

    fn added_constraint(sql: &str) -> ConstraintDef {
        match kind_of(sql) {
            StatementKind::AlterTable(alter) => match alter.actions.into_iter().next() {
                Some(AlterTableAction {
                    kind: AlterTableActionKind::AddConstraint(constraint),
                    ..
                }) => constraint,
                other => panic!("not an added constraint: {other:?}"),
            },
            other => panic!("not ALTER TABLE: {other:?}"),
        }
    }

    #[test]
    fn key_constraints_list_their_columns() {
        let pk = added_constraint("alter table t add constraint t_pk primary key (a, \"B\")");
        assert_eq!(pk.kind, ConstraintKind::PrimaryKey);
        assert_eq!(pk.columns, vec!["a".to_string(), "B".to_string()]);
        let unique = added_constraint("alter table t add unique nulls not distinct (slug)");
        assert_eq!(unique.columns, vec!["slug".to_string()]);
        let check = added_constraint("alter table t add constraint c check (a > 0)");
        assert!(check.columns.is_empty());
    }

    #[test]
    fn table_constraints_list_their_columns() {
        let StatementKind::Create(create) =
            kind_of("create table t (a int, b int, unique (a, b), primary key (a))")
        else {
            panic!("not CREATE");
        };
        let CreateDetail::Table(table) = create.detail else {
            panic!("not a table");
        };
        let keys: Vec<_> = table
            .constraints
            .iter()
            .map(|c| c.columns.clone())
            .collect();
        assert_eq!(
            keys,
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["a".to_string()]
            ]
        );
    }

    #[test]
    fn alter_type_rename_names_the_new_type() {
        let StatementKind::AlterType(alter) =
            kind_of("alter type public.status rename to status__old")
        else {
            panic!("not ALTER TYPE");
        };
        assert_eq!(alter.rename_to.as_deref(), Some("status__old"));
        assert!(alter.add_value.is_none());
    }

    #[test]
    fn delete_names_its_table() {
        let StatementKind::Delete(delete) =
            kind_of("delete from only storage.buckets where id = 'avatars'")
        else {
            panic!("not DELETE");
        };
        assert!(delete.table.is_some_and(|t| t.is("storage.buckets")));
        assert!(delete.has_where);
        let StatementKind::Delete(delete) = kind_of("DELETE FROM public.plans") else {
            panic!("not DELETE");
        };
        assert!(!delete.has_where);
    }

    #[test]
    fn insert_select_where_not_exists_is_a_guard() {
        let StatementKind::Insert(insert) = kind_of(
            "insert into storage.buckets (id, name) select 'a', 'a' \
             where not exists (select 1 from storage.buckets where id = 'a')",
        ) else {
            panic!("not INSERT");
        };
        assert!(insert.has_not_exists_guard);
        assert!(!insert.has_on_conflict);
        let StatementKind::Insert(insert) =
            kind_of("insert into storage.buckets (id, name) values ('a', 'a')")
        else {
            panic!("not INSERT");
        };
        assert!(!insert.has_not_exists_guard);
    }
}
