//! Function bodies, with positions in the file: read with the `CREATE FUNCTION`, lexed and
//! their queries parsed once, when first asked for; the names they refer to are read from
//! those tokens.

use std::sync::OnceLock;

use crate::source::{tokenize, Span, Token, TokenKind};

use super::cursor::Cursor;
use super::expr::{parse_query, Query};
use super::name::{identifier, string_literal, ObjectName};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyLanguage {
    Sql,
    PlPgSql,
    /// C, internal, plv8, …: not read.
    Other,
}

/// The body of a `CREATE FUNCTION`, read with the statement. Its tokens and queries are
/// lexed and parsed the first time they are asked for, once: most bodies are never looked
/// into, and keeping every body's tokens for the whole run made the analysis heap a quarter
/// larger. The `source` each method takes is the text of the file the statement was read from.
#[derive(Clone, Debug)]
pub struct FunctionBody {
    pub language: BodyLanguage,
    /// A SQL-standard body (`BEGIN ATOMIC … END` or `RETURN …`): Postgres parses it and
    /// binds its names when the function is created, under the session's `search_path`.
    pub is_standard: bool,
    pub span: Span,
    tokens: OnceLock<Vec<Token>>,
    queries: OnceLock<Vec<Query>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    /// A table or view: after `FROM`, `JOIN`, `INSERT INTO`, `UPDATE`, `DELETE FROM`, `TRUNCATE`.
    Relation,
    /// A function call `name(…)`.
    Function,
    /// A `%ROWTYPE` declaration naming a table.
    RowType,
}

/// A name a body refers to; `name.schema` is `None` when it is written unqualified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyReference {
    pub kind: ReferenceKind,
    pub name: ObjectName,
}

impl FunctionBody {
    /// Reads the body `span` of `source` (the whole file) of a function declared in `language`.
    pub(super) fn read(source: &str, span: Span, language: Option<&str>) -> Self {
        let is_standard = !is_literal_body(source, span);
        let language = match language {
            // `BEGIN ATOMIC … END` and `RETURN …` bodies are SQL whatever the LANGUAGE says.
            _ if is_standard => BodyLanguage::Sql,
            Some("plpgsql") => BodyLanguage::PlPgSql,
            Some("sql") | None => BodyLanguage::Sql,
            Some(_) => BodyLanguage::Other,
        };
        FunctionBody {
            language,
            is_standard,
            span,
            tokens: OnceLock::new(),
            queries: OnceLock::new(),
        }
    }

    /// The body's significant tokens, with spans in the file.
    pub fn tokens(&self, source: &str) -> &[Token] {
        self.tokens.get_or_init(|| {
            tokenize(self.span.text(source), self.span.start)
                .into_iter()
                .filter(|t| !t.is_trivia())
                .collect()
        })
    }

    /// Every `SELECT …` of the body up to the end of its statement, for SQL and PL/pgSQL
    /// bodies alike.
    pub fn queries(&self, source: &str) -> &[Query] {
        self.queries
            .get_or_init(|| select_queries(source, self.tokens(source)))
    }

    /// The tables, views, row types and functions the body names, in order.
    pub fn references(&self, source: &str) -> Vec<BodyReference> {
        if self.language == BodyLanguage::Other {
            return Vec::new();
        }
        body_references(source, self.tokens(source))
    }

    /// Whether the body reads who is calling without going through a function of the
    /// history: `current_user`, `session_user`, `current_role`, or `current_setting('role')`
    /// / `current_setting('request.jwt…')`, which PostgREST sets from the caller's JWT.
    pub fn reads_caller_identity(&self, source: &str) -> bool {
        if self.language == BodyLanguage::Other {
            return false;
        }
        let tokens = self.tokens(source);
        tokens.iter().enumerate().any(|(i, token)| {
            if ["current_user", "session_user", "current_role"]
                .iter()
                .any(|w| token.is_word(source, w))
            {
                return true;
            }
            let is_setting_call = token.is_word(source, "current_setting")
                && tokens.get(i + 1).is_some_and(|t| t.is_punct(source, "("));
            is_setting_call
                && tokens
                    .get(i + 2)
                    .and_then(|t| string_literal(t, source))
                    .is_some_and(|setting| {
                        let setting = setting.to_ascii_lowercase();
                        setting == "role" || setting.starts_with("request.jwt")
                    })
        })
    }

    /// Whether the body calls `qualified` (`schema.name`; unqualified calls match `public`).
    pub fn calls(&self, source: &str, qualified: &str) -> bool {
        let (schema, name) = qualified.rsplit_once('.').unwrap_or(("public", qualified));
        self.references(source).iter().any(|r| {
            r.kind == ReferenceKind::Function
                && r.name.name.eq_ignore_ascii_case(name)
                && r.name
                    .schema
                    .as_deref()
                    .unwrap_or("public")
                    .eq_ignore_ascii_case(schema)
        })
    }

    /// Names of the temporary tables the body creates (`CREATE TEMP TABLE x`); Postgres finds
    /// them through `pg_temp` whatever the `search_path`.
    pub fn temporary_tables(&self, source: &str) -> Vec<String> {
        let tokens = self.tokens(source);
        let mut names = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let is_temp = token.is_word(source, "temp") || token.is_word(source, "temporary");
            if !is_temp
                || !tokens
                    .get(i + 1)
                    .is_some_and(|t| t.is_word(source, "table"))
            {
                continue;
            }
            let mut at = i + 2;
            for word in ["if", "not", "exists"] {
                if tokens.get(at).is_some_and(|t| t.is_word(source, word)) {
                    at += 1;
                }
            }
            if let Some(name) = tokens.get(at).and_then(|t| identifier(t, source)) {
                names.push(name);
            }
        }
        names
    }
}

/// Whether the body span is the inside of a quoted literal (not `BEGIN ATOMIC`/`RETURN`).
fn is_literal_body(source: &str, span: Span) -> bool {
    let before = source.get(..span.start).unwrap_or("");
    before.ends_with('$') || before.ends_with('\'')
}

/// Every `SELECT …` of `tokens` up to the end of its statement.
fn select_queries(source: &str, tokens: &[Token]) -> Vec<Query> {
    let mut queries = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let is_select = tokens[start].is_word(source, "select");
        if !is_select {
            start += 1;
            continue;
        }
        let end = tokens[start..]
            .iter()
            .position(|t| t.is_punct(source, ";"))
            .map_or(tokens.len(), |i| start + i);
        queries.push(parse_query(source, &tokens[start..end]));
        start = end;
    }
    queries
}

/// Functions whose arguments use `FROM` without naming a table.
const FROM_IN_ARGUMENTS: &[&str] = &["extract", "substring", "trim", "overlay", "position"];

/// Words before `FROM` that make it something other than a `FROM` clause.
const NOT_A_FROM_CLAUSE: &[&str] = &[
    "distinct", "fetch", "move", "next", "prior", "first", "last", "forward", "backward",
    "absolute", "relative",
];

/// Words after a table name that are not an alias.
const NOT_AN_ALIAS: &[&str] = &[
    "where",
    "join",
    "inner",
    "left",
    "right",
    "full",
    "cross",
    "natural",
    "on",
    "using",
    "group",
    "order",
    "limit",
    "offset",
    "union",
    "intersect",
    "except",
    "set",
    "values",
    "select",
    "returning",
    "window",
    "having",
    "for",
    "fetch",
    "into",
    "lateral",
    "tablesample",
    "then",
    "loop",
    "end",
    "default",
    "overriding",
    "with",
    "as",
    "do",
    "else",
    "when",
    "and",
    "or",
    "not",
    "is",
    "in",
    "only",
    "cascade",
    "restrict",
    "restart",
    "continue",
    "from",
    "execute",
    "if",
    "elsif",
    "return",
    "perform",
];

/// Words before `UPDATE` that make it something other than an `UPDATE` statement.
const NOT_AN_UPDATE: &[&str] = &["for", "do", "on", "key", "or", "before", "after", "of"];

/// Keywords that may stand before `(` without being a function call.
const NOT_A_CALL: &[&str] = &[
    "in",
    "exists",
    "values",
    "as",
    "over",
    "filter",
    "any",
    "all",
    "some",
    "if",
    "elsif",
    "when",
    "and",
    "or",
    "not",
    "return",
    "then",
    "else",
    "into",
    "using",
    "on",
    "select",
    "where",
    "from",
    "array",
    "row",
    "cast",
    "case",
    "by",
    "window",
    "loop",
    "while",
    "returns",
    "table",
    "with",
    "materialized",
    "conflict",
    "primary",
    "key",
    "unique",
    "check",
    "references",
    "foreign",
    "exclude",
    "default",
    "set",
    "query",
    "distinct",
    "lateral",
    "join",
    "group",
    "partition",
    "within",
    "is",
    "like",
    "ilike",
    "between",
    "execute",
    "perform",
    "raise",
    "format",
    "char",
    "character",
    "varchar",
    "numeric",
    "decimal",
    "timestamp",
    "time",
    "interval",
    "bit",
    "varbit",
    "float",
];

/// The relations, row types and function calls named in `tokens` (significant tokens).
pub fn body_references(source: &str, tokens: &[Token]) -> Vec<BodyReference> {
    let ctes = cte_names(source, tokens);
    let mut references = Vec::new();
    // Token indices that are part of a relation name, so `INSERT INTO t (…)` is no call.
    let mut in_relation = vec![false; tokens.len()];
    // For each open parenthesis: whether it holds the arguments of `extract(… FROM …)` & co.
    let mut from_in_arguments: Vec<bool> = Vec::new();
    let word = |i: usize| -> Option<String> {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(source).to_ascii_lowercase())
    };
    for (i, token) in tokens.iter().enumerate() {
        if token.is_punct(source, "(") {
            let opener = i.checked_sub(1).and_then(word);
            from_in_arguments.push(opener.is_some_and(|w| FROM_IN_ARGUMENTS.contains(&w.as_str())));
            continue;
        }
        if token.is_punct(source, ")") {
            from_in_arguments.pop();
            continue;
        }
        let Some(current) = word(i) else {
            if token.is_operator(source, "%") && word(i + 1).as_deref() == Some("rowtype") {
                if let Some(name) = name_ending_at(source, tokens, i) {
                    references.push(BodyReference {
                        kind: ReferenceKind::RowType,
                        name,
                    });
                }
            }
            continue;
        };
        let previous = i.checked_sub(1).and_then(word);
        let previous = previous.as_deref().unwrap_or("");
        match current.as_str() {
            "from"
                if !NOT_A_FROM_CLAUSE.contains(&previous)
                    && !from_in_arguments.last().copied().unwrap_or(false) =>
            {
                relation_list(
                    source,
                    tokens,
                    i + 1,
                    &ctes,
                    false,
                    &mut references,
                    &mut in_relation,
                );
            }
            "join" => {
                relation_item(
                    source,
                    tokens,
                    i + 1,
                    &ctes,
                    false,
                    &mut references,
                    &mut in_relation,
                );
            }
            "into" if previous == "insert" || previous == "merge" => {
                relation_item(
                    source,
                    tokens,
                    i + 1,
                    &ctes,
                    true,
                    &mut references,
                    &mut in_relation,
                );
            }
            "update"
                if !NOT_AN_UPDATE.contains(&previous)
                    && !matches!(word(i + 1).as_deref(), Some("of" | "on" | "set")) =>
            {
                relation_item(
                    source,
                    tokens,
                    i + 1,
                    &ctes,
                    true,
                    &mut references,
                    &mut in_relation,
                );
            }
            "truncate" => {
                let mut at = i + 1;
                if word(at).as_deref() == Some("table") {
                    at += 1;
                }
                relation_list(
                    source,
                    tokens,
                    at,
                    &ctes,
                    true,
                    &mut references,
                    &mut in_relation,
                );
            }
            _ => {}
        }
    }
    // Calls: a name not part of a relation, followed by `(`.
    let mut i = 0;
    while i < tokens.len() {
        let starts_name = identifier(&tokens[i], source).is_some()
            && !in_relation[i]
            && !(i > 0 && tokens[i - 1].is_punct(source, "."));
        if !starts_name {
            i += 1;
            continue;
        }
        let (name, end) = name_at(source, tokens, i);
        let is_call = tokens.get(end).is_some_and(|t| t.is_punct(source, "("));
        if let Some(name) = name.filter(|name| {
            is_call
                && !(name.schema.is_none()
                    && tokens[i].kind == TokenKind::Word
                    && NOT_A_CALL.contains(&name.name.as_str()))
        }) {
            references.push(BodyReference {
                kind: ReferenceKind::Function,
                name,
            });
        }
        i = end.max(i + 1);
    }
    references.sort_by_key(|r| r.name.span.start);
    references
}

/// Reads the comma-separated relations from `at` (after `FROM` or `TRUNCATE`), as
/// [`relation_item`] reads each.
fn relation_list(
    source: &str,
    tokens: &[Token],
    mut at: usize,
    ctes: &[String],
    allow_columns: bool,
    references: &mut Vec<BodyReference>,
    in_relation: &mut [bool],
) {
    while let Some(next) = relation_item(
        source,
        tokens,
        at,
        ctes,
        allow_columns,
        references,
        in_relation,
    ) {
        if !tokens.get(next).is_some_and(|t| t.is_punct(source, ",")) {
            break;
        }
        at = next + 1;
    }
}

/// Reads one relation at `at` (after `FROM`, `JOIN`, `INTO`, …), recording it unless it
/// is a subquery, a function call (when `allow_columns` is false) or a CTE. Returns the
/// index after the item and its alias, or `None` when nothing relation-like is there.
fn relation_item(
    source: &str,
    tokens: &[Token],
    at: usize,
    ctes: &[String],
    allow_columns: bool,
    references: &mut Vec<BodyReference>,
    in_relation: &mut [bool],
) -> Option<usize> {
    let mut cursor = Cursor::new(source, tokens);
    cursor.pos = at;
    while cursor.eat_word("only") || cursor.eat_word("lateral") {}
    let first = cursor.peek()?;
    if first.kind == TokenKind::Word
        && NOT_AN_ALIAS.contains(&first.text(source).to_ascii_lowercase().as_str())
    {
        return None;
    }
    let start = cursor.pos;
    let name = cursor.name()?;
    if cursor.is_punct("(") && !allow_columns {
        cursor.skip_group();
        cursor.skip_alias(is_body_alias);
        return Some(cursor.pos);
    }
    for flag in in_relation.iter_mut().take(cursor.pos).skip(start) {
        *flag = true;
    }
    let is_cte = name.schema.is_none() && ctes.contains(&name.name);
    if !is_cte {
        references.push(BodyReference {
            kind: ReferenceKind::Relation,
            name,
        });
    }
    cursor.eat_operator("*");
    cursor.skip_alias(is_body_alias);
    Some(cursor.pos)
}

/// Whether `word` (lower case) after a relation in a body is its alias.
fn is_body_alias(word: &str, had_as: bool) -> bool {
    had_as || !NOT_AN_ALIAS.contains(&word)
}

/// The name starting at token `start` (an identifier) and the index after it.
fn name_at(source: &str, tokens: &[Token], start: usize) -> (Option<ObjectName>, usize) {
    let mut cursor = Cursor::new(source, tokens);
    cursor.pos = start;
    let name = cursor.name();
    (name, cursor.pos)
}

/// The name ending just before token `end` (for `name%ROWTYPE`).
fn name_ending_at(source: &str, tokens: &[Token], end: usize) -> Option<ObjectName> {
    let mut start = end.checked_sub(1)?;
    identifier(tokens.get(start)?, source)?;
    while start >= 2
        && tokens[start - 1].is_punct(source, ".")
        && identifier(&tokens[start - 2], source).is_some()
    {
        start -= 2;
    }
    name_at(source, tokens, start).0
}

/// Names defined by `WITH name [(cols)] AS [NOT] [MATERIALIZED] (`.
fn cte_names(source: &str, tokens: &[Token]) -> Vec<String> {
    let mut names = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if !token.is_word(source, "as") {
            continue;
        }
        let mut after = i + 1;
        while tokens
            .get(after)
            .is_some_and(|t| t.is_word(source, "not") || t.is_word(source, "materialized"))
        {
            after += 1;
        }
        if !tokens.get(after).is_some_and(|t| t.is_punct(source, "(")) {
            continue;
        }
        // The name stands right before AS, or before a column list before AS.
        let mut name_at = i.checked_sub(1);
        if let Some(close) = name_at.filter(|&j| tokens[j].is_punct(source, ")")) {
            name_at = open_of(source, tokens, close).and_then(|open| open.checked_sub(1));
        }
        if let Some(name) = name_at.and_then(|j| identifier(&tokens[j], source)) {
            names.push(name);
        }
    }
    names
}

/// How far back a CTE column list is looked for, so hostile input stays linear.
const MAX_COLUMN_LIST_TOKENS: usize = 512;

/// The index of the `(` matching the `)` at `close`.
fn open_of(source: &str, tokens: &[Token], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let floor = close.saturating_sub(MAX_COLUMN_LIST_TOKENS);
    for index in (floor..=close).rev() {
        if tokens[index].is_punct(source, ")") {
            depth += 1;
        } else if tokens[index].is_punct(source, "(") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(index);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn references(body: &str) -> Vec<(ReferenceKind, String)> {
        let tokens: Vec<Token> = tokenize(body, 0)
            .into_iter()
            .filter(|t| !t.is_trivia())
            .collect();
        body_references(body, &tokens)
            .into_iter()
            .map(|r| (r.kind, r.name.qualified()))
            .collect()
    }

    fn relations(body: &str) -> Vec<String> {
        references(body)
            .into_iter()
            .filter(|(k, _)| *k == ReferenceKind::Relation)
            .map(|(_, n)| n)
            .collect()
    }

    #[test]
    fn finds_relations_in_dml() {
        let body = "begin
          insert into accounts (id, name) values (new.id, 'x');
          update public.profiles p set name = 'y' where p.id = new.id;
          delete from members where id = 1;
          select count(*) into n from a, public.b join c on c.id = b.id left join lateral f(x) on true;
          return new;
        end";
        assert_eq!(
            relations(body),
            vec![
                "accounts",
                "public.profiles",
                "members",
                "a",
                "public.b",
                "c"
            ]
        );
    }

    #[test]
    fn from_inside_special_forms_and_distinct_is_no_table() {
        let body = "select extract(epoch from now()), substring(x from 1 for 2), trim(both from y)
          where a is distinct from b and c is not distinct from d";
        assert_eq!(relations(body), Vec::<String>::new());
    }

    #[test]
    fn ctes_and_row_locks_are_no_tables() {
        let body = "with recent as (select * from public.events) select * from recent for update;
          insert into t select 1 on conflict (id) do update set x = 1";
        assert_eq!(relations(body), vec!["public.events", "t"]);
    }

    #[test]
    fn calls_skip_keywords_and_insert_column_lists() {
        let refs = references(
            "begin perform public.notify(x); if exists (select 1) then v := helper(1) + coalesce(a, b); end if;
             insert into logs (a) values (auth.uid()); end",
        );
        let calls: Vec<String> = refs
            .into_iter()
            .filter(|(k, _)| *k == ReferenceKind::Function)
            .map(|(_, n)| n)
            .collect();
        assert_eq!(
            calls,
            vec!["public.notify", "helper", "coalesce", "auth.uid"]
        );
    }

    #[test]
    fn rowtype_declarations_name_tables() {
        let refs = references("declare r accounts%rowtype; s public.x%rowtype; begin end");
        assert_eq!(
            refs,
            vec![
                (ReferenceKind::RowType, "accounts".to_string()),
                (ReferenceKind::RowType, "public.x".to_string())
            ]
        );
    }

    #[test]
    fn caller_identity_reads_are_recognised() {
        let reads = |body: &str| {
            let text = format!("create function f() returns void language plpgsql as $$ {body} $$");
            let start = text.find("$$").unwrap() + 2;
            let end = text.rfind("$$").unwrap();
            FunctionBody::read(&text, Span::new(start, end), Some("plpgsql"))
                .reads_caller_identity(&text)
        };
        assert!(reads("begin if current_setting('role') != 'service_role' then raise exception 'no'; end if; end"));
        assert!(reads("begin perform 1 where current_setting('request.jwt.claims', true)::jsonb ->> 'sub' = x; end"));
        assert!(reads(
            "begin if current_user <> 'postgres' then return; end if; end"
        ));
        assert!(!reads("begin perform current_setting('app.tenant'); end"));
        assert!(!reads("begin raise notice 'current_user'; end"));
    }

    #[test]
    fn body_queries_keep_file_positions() {
        let text = "create function f() returns int language sql as $$ insert into t values (1); select a from t $$;";
        let start = text.find("$$").unwrap() + 2;
        let end = text.rfind("$$").unwrap();
        let body = FunctionBody::read(text, Span::new(start, end), Some("sql"));
        let queries = body.queries(text);
        assert_eq!(queries.len(), 1);
        assert_eq!(queries[0].span.text(text), "select a from t");
    }
}
