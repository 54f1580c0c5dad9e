//! Expression trees over a range of significant tokens: policy `USING` / `WITH CHECK`
//! clauses, view queries, defaults.
//!
//! The parser is tolerant and bounded: it never fails, it keeps exact spans, and what it
//! cannot read becomes an [`ExprKind::Opaque`] node holding whatever sub-expressions it
//! could still recognise (so a walker still finds the calls inside). Nesting deeper than
//! [`MAX_DEPTH`] becomes an opaque node too, so no input can overflow the stack, and the
//! tree height (hence every recursive walk over it) stays bounded.

use crate::source::{Span, Token, TokenKind};

use super::cursor::matching_close;
use super::name::{identifier, string_literal, ObjectName};

/// Nesting past this depth (parentheses, subqueries, `NOT`, `CASE`, operator chains) is
/// read as one opaque node.
pub const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// From the first to the last token of the expression, parentheses included.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a OR b OR c`, flattened.
    Or(Vec<Expr>),
    /// `a AND b AND c`, flattened.
    And(Vec<Expr>),
    Not(Box<Expr>),
    /// Any binary operator, lower case: `=`, `<>`, `->>`, `@>`, `||`, `like`, `not ilike`,
    /// `is`, `is not`, `is distinct from`, `at time zone`, …
    Binary {
        op: String,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// A prefix operator: `-x`, `~x`, `@x`.
    Unary {
        op: String,
        operand: Box<Expr>,
    },
    Between {
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
        negated: bool,
    },
    /// `x [NOT] IN (a, b)`.
    InList {
        expr: Box<Expr>,
        list: Vec<Expr>,
        negated: bool,
    },
    /// `x [NOT] IN (SELECT …)`.
    InSubquery {
        expr: Box<Expr>,
        query: Box<Query>,
        negated: bool,
    },
    /// `EXISTS (SELECT …)`.
    Exists(Box<Query>),
    /// A scalar subquery `(SELECT …)`, or `ARRAY(SELECT …)`.
    Subquery(Box<Query>),
    Call(Call),
    /// `x::type` or `CAST(x AS type)`; the type lower case, as written.
    Cast {
        expr: Box<Expr>,
        type_name: String,
    },
    /// `( x )`.
    Paren(Box<Expr>),
    /// `(a, b)` or `ROW(a, b)`.
    Row(Vec<Expr>),
    /// `ARRAY[a, b]`.
    Array(Vec<Expr>),
    /// `x[i]`, `x[a:b]`.
    Subscript {
        expr: Box<Expr>,
        index: Vec<Expr>,
    },
    Case {
        operand: Option<Box<Expr>>,
        branches: Vec<(Expr, Expr)>,
        else_result: Option<Box<Expr>>,
    },
    Literal(Literal),
    /// A column reference, its parts lower case unless quoted: `bucket_id`, `t.owner_id`.
    /// `t.*` ends with a `*` part.
    Column(Vec<String>),
    /// `$1`.
    Param(String),
    /// `*` as in `count(*)` or `select *`.
    Star,
    /// Tokens the parser could not read, with the sub-expressions it still recognised.
    Opaque(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Bool(bool),
    Null,
    /// The value, quotes removed.
    String(String),
    Number(String),
    /// `interval '1 day'`, `date '2024-01-01'`.
    Typed {
        type_name: String,
        value: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The function name; `schema` is `None` when unqualified.
    pub name: ObjectName,
    pub args: Vec<Expr>,
    /// `false` for SQL keywords that are calls without parentheses (`current_user`).
    pub has_parens: bool,
    /// Expressions of `FILTER (WHERE …)`, `OVER (…)`, `WITHIN GROUP (…)`.
    pub extra: Vec<Expr>,
}

impl Call {
    /// Whether this calls `qualified` (`schema.name`), an unqualified call matching a
    /// function in `public` (the default `search_path`).
    pub fn is(&self, qualified: &str) -> bool {
        let (schema, name) = qualified.rsplit_once('.').unwrap_or(("public", qualified));
        self.name.name.eq_ignore_ascii_case(name)
            && self
                .name
                .schema
                .as_deref()
                .unwrap_or("public")
                .eq_ignore_ascii_case(schema)
    }
}

/// A `SELECT` (or `VALUES`) inside an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The tokens inside the parentheses.
    pub span: Span,
    /// The select list (or the `VALUES` rows).
    pub items: Vec<Expr>,
    pub from: Vec<FromItem>,
    pub where_clause: Option<Box<Expr>>,
    /// Everything else it holds: join conditions, `GROUP BY`, `HAVING`, `ORDER BY`, CTEs,
    /// further `UNION` branches.
    pub others: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FromItem {
    /// A table or view name; `None` for a subquery or function in `FROM`.
    pub table: Option<ObjectName>,
    /// A function call or subquery in `FROM`.
    pub expr: Option<Expr>,
    pub alias: Option<String>,
}

/// Where a node sits, for walkers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Inside any subquery.
    pub in_subquery: bool,
    /// Inside the select list of a subquery without `FROM`, such as `(select auth.uid())`:
    /// Postgres evaluates it once per statement (an InitPlan), not once per row.
    pub in_initplan: bool,
}

/// Parses the tokens as one expression. Never fails: what it cannot read is opaque.
pub fn parse_expr(source: &str, tokens: &[Token]) -> Expr {
    let mut parser = Parser {
        source,
        tokens,
        pos: 0,
        end: tokens.len(),
    };
    parser.all(0)
}

/// Parses the tokens as one query (`SELECT …`, `WITH …`, `VALUES …`): a SQL function body.
pub fn parse_query(source: &str, tokens: &[Token]) -> Query {
    let mut parser = Parser {
        source,
        tokens,
        pos: 0,
        end: tokens.len(),
    };
    parser.query(0)
}

impl Expr {
    /// Every subquery in the tree (`EXISTS (…)`, `x IN (SELECT …)`, `(SELECT …)`), nested
    /// ones included, outermost first.
    pub fn queries(&self) -> Vec<&Query> {
        let mut queries = Vec::new();
        self.walk(&mut |expr, _| match &expr.kind {
            ExprKind::Exists(query) | ExprKind::Subquery(query) => queries.push(&**query),
            ExprKind::InSubquery { query, .. } => queries.push(&**query),
            _ => {}
        });
        queries
    }

    /// Every column reference in the tree, subqueries included.
    pub fn columns(&self) -> Vec<&[String]> {
        let mut columns = Vec::new();
        self.walk(&mut |expr, _| {
            if let ExprKind::Column(parts) = &expr.kind {
                columns.push(parts.as_slice());
            }
        });
        columns
    }

    fn new(kind: ExprKind, span: Span) -> Self {
        Expr { kind, span }
    }

    /// The expression inside any number of parentheses.
    pub fn strip_parens(&self) -> &Expr {
        let mut expr = self;
        while let ExprKind::Paren(inner) = &expr.kind {
            expr = inner;
        }
        expr
    }

    /// The expression without parentheses and `::type` casts around it.
    pub fn strip_parens_and_casts(&self) -> &Expr {
        let mut expr = self;
        loop {
            match &expr.kind {
                ExprKind::Paren(inner) | ExprKind::Cast { expr: inner, .. } => expr = inner,
                _ => return expr,
            }
        }
    }

    /// Whether this is the literal `true` (in parentheses or not).
    pub fn is_true_literal(&self) -> bool {
        matches!(
            self.strip_parens().kind,
            ExprKind::Literal(Literal::Bool(true))
        )
    }

    /// The string value when this is a string literal (casts and parentheses aside).
    pub fn string_value(&self) -> Option<&str> {
        match &self.strip_parens_and_casts().kind {
            ExprKind::Literal(Literal::String(value)) => Some(value),
            _ => None,
        }
    }

    /// The boolean a literal denotes, casts and parentheses aside: `true`, `false`, and the
    /// strings PostgreSQL reads as booleans (`'t'`, `'yes'`, `'on'`, `'1'`, …).
    pub fn bool_value(&self) -> Option<bool> {
        match &self.strip_parens_and_casts().kind {
            ExprKind::Literal(Literal::Bool(value)) => Some(*value),
            ExprKind::Literal(Literal::String(text)) => {
                match text.trim().to_ascii_lowercase().as_str() {
                    "t" | "true" | "y" | "yes" | "on" | "1" => Some(true),
                    "f" | "false" | "n" | "no" | "off" | "0" => Some(false),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether this is `NULL`, casts and parentheses aside (`null::bigint`).
    pub fn is_null_literal(&self) -> bool {
        matches!(
            self.strip_parens_and_casts().kind,
            ExprKind::Literal(Literal::Null)
        )
    }

    /// Whether this is an empty array, casts and parentheses aside: `'{}'`, `ARRAY[]`.
    pub fn is_empty_array(&self) -> bool {
        match &self.strip_parens_and_casts().kind {
            ExprKind::Array(items) => items.is_empty(),
            ExprKind::Literal(Literal::String(text)) => text
                .trim()
                .strip_prefix('{')
                .and_then(|t| t.strip_suffix('}'))
                .is_some_and(|inner| inner.trim().is_empty()),
            _ => false,
        }
    }

    /// The column name when this is a column reference (its last part).
    pub fn column_name(&self) -> Option<&str> {
        match &self.strip_parens_and_casts().kind {
            ExprKind::Column(parts) => parts.last().map(String::as_str),
            _ => None,
        }
    }

    /// Visits every node, parents before children, with its scope.
    pub fn walk<'e>(&'e self, visit: &mut dyn FnMut(&'e Expr, Scope)) {
        self.walk_in(Scope::default(), visit);
    }

    fn walk_in<'e>(&'e self, scope: Scope, visit: &mut dyn FnMut(&'e Expr, Scope)) {
        visit(self, scope);
        let sub = Scope {
            in_subquery: true,
            in_initplan: scope.in_initplan,
        };
        match &self.kind {
            ExprKind::Or(items)
            | ExprKind::And(items)
            | ExprKind::Row(items)
            | ExprKind::Array(items)
            | ExprKind::Opaque(items) => {
                for item in items {
                    item.walk_in(scope, visit);
                }
            }
            ExprKind::Not(inner)
            | ExprKind::Paren(inner)
            | ExprKind::Unary { operand: inner, .. }
            | ExprKind::Cast { expr: inner, .. } => inner.walk_in(scope, visit),
            ExprKind::Binary { left, right, .. } => {
                left.walk_in(scope, visit);
                right.walk_in(scope, visit);
            }
            ExprKind::Between {
                expr, low, high, ..
            } => {
                expr.walk_in(scope, visit);
                low.walk_in(scope, visit);
                high.walk_in(scope, visit);
            }
            ExprKind::InList { expr, list, .. } => {
                expr.walk_in(scope, visit);
                for item in list {
                    item.walk_in(scope, visit);
                }
            }
            ExprKind::InSubquery { expr, query, .. } => {
                expr.walk_in(scope, visit);
                query.walk_in(sub, visit);
            }
            ExprKind::Exists(query) | ExprKind::Subquery(query) => query.walk_in(sub, visit),
            ExprKind::Call(call) => {
                for arg in call.args.iter().chain(&call.extra) {
                    arg.walk_in(scope, visit);
                }
            }
            ExprKind::Subscript { expr, index } => {
                expr.walk_in(scope, visit);
                for item in index {
                    item.walk_in(scope, visit);
                }
            }
            ExprKind::Case {
                operand,
                branches,
                else_result,
            } => {
                if let Some(operand) = operand {
                    operand.walk_in(scope, visit);
                }
                for (condition, result) in branches {
                    condition.walk_in(scope, visit);
                    result.walk_in(scope, visit);
                }
                if let Some(result) = else_result {
                    result.walk_in(scope, visit);
                }
            }
            ExprKind::Literal(_) | ExprKind::Column(_) | ExprKind::Param(_) | ExprKind::Star => {}
        }
    }

    /// Every function call in the tree, with its scope.
    pub fn calls(&self) -> Vec<(&Call, Span, Scope)> {
        let mut calls = Vec::new();
        self.walk(&mut |expr, scope| {
            if let ExprKind::Call(call) = &expr.kind {
                calls.push((call, expr.span, scope));
            }
        });
        calls
    }
}

impl Query {
    /// Visits every node of the query, parents before children.
    pub fn walk<'e>(&'e self, visit: &mut dyn FnMut(&'e Expr, Scope)) {
        self.walk_in(Scope::default(), visit);
    }

    /// This query and every subquery inside it.
    pub fn queries(&self) -> Vec<&Query> {
        let mut queries = vec![self];
        self.walk(&mut |expr, _| match &expr.kind {
            ExprKind::Exists(query) | ExprKind::Subquery(query) => queries.push(&**query),
            ExprKind::InSubquery { query, .. } => queries.push(&**query),
            _ => {}
        });
        queries
    }

    fn walk_in<'e>(&'e self, scope: Scope, visit: &mut dyn FnMut(&'e Expr, Scope)) {
        let items_scope = Scope {
            in_subquery: true,
            in_initplan: scope.in_initplan || self.from.is_empty(),
        };
        for item in &self.items {
            item.walk_in(items_scope, visit);
        }
        for from in &self.from {
            if let Some(expr) = &from.expr {
                expr.walk_in(scope, visit);
            }
        }
        if let Some(condition) = &self.where_clause {
            condition.walk_in(scope, visit);
        }
        for other in &self.others {
            other.walk_in(scope, visit);
        }
    }
}

/// The literal values `column` must equal for `expr` to hold, when every way of satisfying
/// it requires one: `bucket_id = 'x' AND …` gives `["x"]`; `bucket_id = 'x' OR
/// bucket_id = 'y'` gives both; `bucket_id IN ('x', 'y')` gives both; `bucket_id = 'x' OR
/// owner = auth.uid()` gives `None` (the second branch covers every bucket).
pub fn required_values(expr: &Expr, column: &str) -> Option<Vec<String>> {
    match &expr.strip_parens().kind {
        ExprKind::And(items) => items.iter().find_map(|item| required_values(item, column)),
        ExprKind::Or(items) => {
            let mut values = Vec::new();
            for item in items {
                for value in required_values(item, column)? {
                    if !values.contains(&value) {
                        values.push(value);
                    }
                }
            }
            Some(values)
        }
        ExprKind::Binary { op, left, right } if op == "=" => {
            let is_column = |e: &Expr| {
                e.column_name()
                    .is_some_and(|name| name.eq_ignore_ascii_case(column))
            };
            if is_column(left) {
                right.string_value().map(|v| vec![v.to_string()])
            } else if is_column(right) {
                left.string_value().map(|v| vec![v.to_string()])
            } else {
                None
            }
        }
        ExprKind::InList {
            expr,
            list,
            negated: false,
        } if expr
            .column_name()
            .is_some_and(|name| name.eq_ignore_ascii_case(column)) =>
        {
            list.iter()
                .map(|item| item.string_value().map(str::to_string))
                .collect()
        }
        _ => None,
    }
}

/// The literal `column` must equal for `expr` to hold (the first, when branches differ),
/// or `None` when some way of satisfying `expr` leaves `column` free.
pub fn requires_equality(expr: &Expr, column: &str) -> Option<String> {
    required_values(expr, column)?.into_iter().next()
}

// Binding powers, loosest first, as in PostgreSQL's operator precedence table.
const BP_OR: u8 = 1;
const BP_AND: u8 = 2;
const BP_NOT: u8 = 3;
const BP_IS: u8 = 4;
const BP_COMPARE: u8 = 5;
const BP_LIKE: u8 = 6;
const BP_OTHER: u8 = 7;
const BP_ADD: u8 = 8;
const BP_MUL: u8 = 9;
const BP_EXP: u8 = 10;
const BP_UNARY: u8 = 11;
const BP_AT: u8 = 12;

/// Words that end an operand: the parser stops before them and lets its caller decide.
const STOP_WORDS: &[&str] = &[
    "when",
    "then",
    "else",
    "end",
    "from",
    "where",
    "group",
    "having",
    "order",
    "limit",
    "offset",
    "union",
    "intersect",
    "except",
    "as",
    "on",
    "using",
    "join",
    "inner",
    "left",
    "right",
    "full",
    "cross",
    "natural",
    "window",
    "returning",
    "into",
    "for",
    "fetch",
    "escape",
    "with",
];

/// Words after `SELECT …` or a `FROM` item that start the next clause.
const CLAUSE_WORDS: &[&str] = &[
    "from",
    "where",
    "group",
    "having",
    "order",
    "limit",
    "offset",
    "union",
    "intersect",
    "except",
    "window",
    "into",
    "for",
    "fetch",
    "returning",
];

const JOIN_WORDS: &[&str] = &["join", "inner", "left", "right", "full", "cross", "natural"];

/// SQL keywords that are function calls without parentheses.
const KEYWORD_CALLS: &[&str] = &[
    "current_user",
    "current_role",
    "session_user",
    "current_date",
    "current_time",
    "current_timestamp",
    "localtime",
    "localtimestamp",
    "current_catalog",
    "current_schema",
    "user",
];

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    /// Exclusive end of the range being parsed.
    end: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a Token> {
        (self.pos < self.end)
            .then(|| self.tokens.get(self.pos))
            .flatten()
    }

    fn peek_at(&self, ahead: usize) -> Option<&'a Token> {
        let index = self.pos + ahead;
        (index < self.end).then(|| self.tokens.get(index)).flatten()
    }

    fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    fn is_word(&self, word: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(self.source, word))
    }

    fn is_word_at(&self, ahead: usize, word: &str) -> bool {
        self.peek_at(ahead)
            .is_some_and(|t| t.is_word(self.source, word))
    }

    fn is_punct(&self, punct: &str) -> bool {
        self.peek().is_some_and(|t| t.is_punct(self.source, punct))
    }

    fn is_punct_at(&self, ahead: usize, punct: &str) -> bool {
        self.peek_at(ahead)
            .is_some_and(|t| t.is_punct(self.source, punct))
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.is_word(word);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_words(&mut self, words: &[&str]) -> bool {
        let found = words.iter().enumerate().all(|(i, w)| self.is_word_at(i, w));
        if found {
            self.pos += words.len();
        }
        found
    }

    fn is_any_word(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is_word(w))
    }

    fn span_at(&self, index: usize) -> Span {
        self.tokens.get(index).map(|t| t.span()).unwrap_or_default()
    }

    /// The span from token `start` to the last consumed token.
    fn span_from(&self, start: usize) -> Span {
        if self.pos > start {
            self.span_at(start).cover(self.span_at(self.pos - 1))
        } else {
            Span::empty_at(
                self.span_at(start.min(self.tokens.len().saturating_sub(1)))
                    .start,
            )
        }
    }

    /// When the next token opens a group, the index of its closing token (or the range end).
    fn group_end(&self) -> Option<usize> {
        let open = self.peek()?;
        if !(open.is_punct(self.source, "(") || open.is_punct(self.source, "[")) {
            return None;
        }
        Some(matching_close(
            self.source,
            &self.tokens[..self.end],
            self.pos,
        ))
    }

    /// Runs `parse` over the inside of the group opening at the cursor, then moves past it.
    fn in_group<T>(&mut self, parse: impl FnOnce(&mut Parser<'a>) -> T) -> Option<T> {
        let close = self.group_end()?;
        let mut inner = Parser {
            source: self.source,
            tokens: self.tokens,
            pos: self.pos + 1,
            end: close.min(self.end),
        };
        let result = parse(&mut inner);
        self.pos = (close + 1).min(self.end);
        Some(result)
    }

    /// The rest of the range as one opaque node (used past the depth bound).
    fn opaque_rest(&mut self) -> Expr {
        let start = self.pos;
        self.pos = self.end;
        Expr::new(ExprKind::Opaque(Vec::new()), self.span_from(start))
    }

    /// Parses the whole range; leftover tokens make the result opaque.
    fn all(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        let first = self.expr(depth);
        if self.at_end() {
            return first;
        }
        let mut parts = vec![first];
        while !self.at_end() {
            let before = self.pos;
            let part = self.expr(depth);
            if self.pos == before {
                // Not an expression start (a stray keyword or `)`): read a group inside, or skip.
                if self.group_end().is_some() {
                    if let Some(inner) = self.in_group(|p| p.list(depth + 1)) {
                        parts.extend(inner);
                    }
                } else {
                    self.pos += 1;
                }
            } else if !matches!(&part.kind, ExprKind::Opaque(items) if items.is_empty()) {
                parts.push(part);
            }
        }
        parts.retain(|p| !matches!(&p.kind, ExprKind::Opaque(items) if items.is_empty()));
        Expr::new(ExprKind::Opaque(parts), self.span_from(start))
    }

    /// A comma-separated list filling the range; each item tolerant.
    fn list(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() {
            let item_end = self.top_level_comma().unwrap_or(self.end);
            let mut item = Parser {
                source: self.source,
                tokens: self.tokens,
                pos: self.pos,
                end: item_end,
            };
            if !item.at_end() {
                items.push(item.all(depth));
            }
            self.pos = (item_end + 1).min(self.end.max(item_end));
            if item_end >= self.end {
                break;
            }
        }
        items
    }

    /// The index of the next comma outside parentheses in the range.
    fn top_level_comma(&self) -> Option<usize> {
        let mut depth = 0usize;
        for index in self.pos..self.end {
            let token = self.tokens.get(index)?;
            if token.kind != TokenKind::Punct {
                continue;
            }
            match token.text(self.source) {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = depth.saturating_sub(1),
                "," if depth == 0 => return Some(index),
                _ => {}
            }
        }
        None
    }

    fn expr(&mut self, depth: usize) -> Expr {
        self.binary(0, depth)
    }

    fn binary(&mut self, min_bp: u8, depth: usize) -> Expr {
        if depth > MAX_DEPTH {
            return self.opaque_rest();
        }
        let start = self.pos;
        let mut left = self.prefix(depth);
        let mut chain = 0usize;
        while let Some(op) = self.infix() {
            if op.bp < min_bp || (op.bp == min_bp && min_bp > 0) {
                break;
            }
            if !matches!(op.kind, OpKind::Or | OpKind::And) {
                chain += 1;
            }
            if depth + chain > MAX_DEPTH {
                let rest = self.opaque_rest();
                left = Expr::new(ExprKind::Opaque(vec![left, rest]), self.span_from(start));
                break;
            }
            self.pos += op.len;
            let next = depth + chain + 1;
            left = match op.kind {
                OpKind::Or | OpKind::And => {
                    let right = self.binary(op.bp, next);
                    // `a OR b OR c` grows one flat list; parentheses keep their own node.
                    let mut items = match left.kind {
                        ExprKind::Or(items) if op.kind == OpKind::Or => items,
                        ExprKind::And(items) if op.kind == OpKind::And => items,
                        kind => vec![Expr::new(kind, left.span)],
                    };
                    items.push(right);
                    let kind = if op.kind == OpKind::Or {
                        ExprKind::Or(items)
                    } else {
                        ExprKind::And(items)
                    };
                    Expr::new(kind, self.span_from(start))
                }
                OpKind::Is => self.is_tail(left, start, next),
                OpKind::In { negated } => self.in_tail(left, start, negated, next),
                OpKind::Between { negated } => {
                    self.eat_word("symmetric");
                    let low = self.binary(BP_LIKE + 1, next);
                    self.eat_word("and");
                    let high = self.binary(BP_LIKE + 1, next);
                    Expr::new(
                        ExprKind::Between {
                            expr: Box::new(left),
                            low: Box::new(low),
                            high: Box::new(high),
                            negated,
                        },
                        self.span_from(start),
                    )
                }
                OpKind::Cast => {
                    let type_name = self.type_name();
                    Expr::new(
                        ExprKind::Cast {
                            expr: Box::new(left),
                            type_name,
                        },
                        self.span_from(start),
                    )
                }
                OpKind::Subscript => {
                    let index = self.in_group(|p| p.subscript(next)).unwrap_or_default();
                    Expr::new(
                        ExprKind::Subscript {
                            expr: Box::new(left),
                            index,
                        },
                        self.span_from(start),
                    )
                }
                OpKind::Collate => {
                    self.collation_name();
                    Expr::new(left.kind, self.span_from(start))
                }
                OpKind::IsNullPostfix { negated } => {
                    let null =
                        Expr::new(ExprKind::Literal(Literal::Null), self.span_at(self.pos - 1));
                    Expr::new(
                        ExprKind::Binary {
                            op: if negated { "is not" } else { "is" }.into(),
                            left: Box::new(left),
                            right: Box::new(null),
                        },
                        self.span_from(start),
                    )
                }
                OpKind::Binary(op_text) => {
                    let right = self.binary(op.bp, next);
                    let escape = if self.eat_word("escape") {
                        Some(self.binary(op.bp, next))
                    } else {
                        None
                    };
                    let right = match escape {
                        Some(escape) => Expr::new(
                            ExprKind::Opaque(vec![right.clone(), escape]),
                            right.span.cover(self.span_at(self.pos - 1)),
                        ),
                        None => right,
                    };
                    Expr::new(
                        ExprKind::Binary {
                            op: op_text,
                            left: Box::new(left),
                            right: Box::new(right),
                        },
                        self.span_from(start),
                    )
                }
            };
        }
        left
    }

    /// The infix or postfix operator at the cursor.
    fn infix(&self) -> Option<Op> {
        let token = self.peek()?;
        let text = token.text(self.source);
        let op = |kind, bp, len| Some(Op { kind, bp, len });
        match token.kind {
            TokenKind::Word => {
                let word = text.to_ascii_lowercase();
                match word.as_str() {
                    "or" => op(OpKind::Or, BP_OR, 1),
                    "and" => op(OpKind::And, BP_AND, 1),
                    "is" => op(OpKind::Is, BP_IS, 1),
                    "isnull" => op(OpKind::IsNullPostfix { negated: false }, BP_IS, 1),
                    "notnull" => op(OpKind::IsNullPostfix { negated: true }, BP_IS, 1),
                    "in" => op(OpKind::In { negated: false }, BP_LIKE, 1),
                    "between" => op(OpKind::Between { negated: false }, BP_LIKE, 1),
                    "like" | "ilike" => op(OpKind::Binary(word), BP_LIKE, 1),
                    "similar" if self.is_word_at(1, "to") => {
                        op(OpKind::Binary("similar to".into()), BP_LIKE, 2)
                    }
                    "collate" => op(OpKind::Collate, BP_AT + 2, 1),
                    "at" if self.is_word_at(1, "time") && self.is_word_at(2, "zone") => {
                        op(OpKind::Binary("at time zone".into()), BP_AT, 3)
                    }
                    "not" => {
                        let next = self.peek_at(1)?;
                        let next_word = next.text(self.source).to_ascii_lowercase();
                        if next.kind != TokenKind::Word {
                            return None;
                        }
                        match next_word.as_str() {
                            "in" => op(OpKind::In { negated: true }, BP_LIKE, 2),
                            "between" => op(OpKind::Between { negated: true }, BP_LIKE, 2),
                            "like" | "ilike" => {
                                op(OpKind::Binary(format!("not {next_word}")), BP_LIKE, 2)
                            }
                            "similar" if self.is_word_at(2, "to") => {
                                op(OpKind::Binary("not similar to".into()), BP_LIKE, 3)
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            TokenKind::Operator => {
                let bp = match text {
                    "=" | "<" | ">" | "<=" | ">=" | "<>" | "!=" => BP_COMPARE,
                    "+" | "-" => BP_ADD,
                    "*" | "/" | "%" => BP_MUL,
                    "^" => BP_EXP,
                    _ => BP_OTHER,
                };
                op(OpKind::Binary(text.to_string()), bp, 1)
            }
            TokenKind::Punct if text == "::" => op(OpKind::Cast, BP_AT + 2, 1),
            TokenKind::Punct if text == "[" => op(OpKind::Subscript, BP_AT + 2, 0),
            _ => None,
        }
    }

    /// After `IS`: `[NOT] NULL|TRUE|FALSE|UNKNOWN`, `[NOT] DISTINCT FROM x`, `[NOT] OF (…)`.
    fn is_tail(&mut self, left: Expr, start: usize, depth: usize) -> Expr {
        let negated = self.eat_word("not");
        let (op, right) = if self.eat_words(&["distinct", "from"]) {
            let op = if negated {
                "is not distinct from"
            } else {
                "is distinct from"
            };
            (op, self.binary(BP_IS + 1, depth))
        } else {
            let op = if negated { "is not" } else { "is" };
            let right_start = self.pos;
            let kind = if self.eat_word("null") || self.eat_word("unknown") {
                ExprKind::Literal(Literal::Null)
            } else if self.eat_word("true") {
                ExprKind::Literal(Literal::Bool(true))
            } else if self.eat_word("false") {
                ExprKind::Literal(Literal::Bool(false))
            } else {
                // `IS [NOT] OF (…)`, `IS JSON …`, `IS NORMALIZED`: keep the words opaque.
                while self
                    .peek()
                    .is_some_and(|t| t.kind == TokenKind::Word && !self.is_stop_or_infix_word())
                {
                    self.pos += 1;
                }
                self.in_group(|p| p.list(depth));
                ExprKind::Opaque(Vec::new())
            };
            (op, Expr::new(kind, self.span_from(right_start)))
        };
        Expr::new(
            ExprKind::Binary {
                op: op.into(),
                left: Box::new(left),
                right: Box::new(right),
            },
            self.span_from(start),
        )
    }

    fn is_stop_or_infix_word(&self) -> bool {
        self.is_any_word(STOP_WORDS) || self.is_any_word(&["and", "or", "not", "is", "in"])
    }

    /// After `[NOT] IN`: a list or a subquery in parentheses.
    fn in_tail(&mut self, left: Expr, start: usize, negated: bool, depth: usize) -> Expr {
        if !self.is_punct("(") {
            // `position(a in b)`: plain binary use.
            let right = self.binary(BP_LIKE + 1, depth);
            return Expr::new(
                ExprKind::Binary {
                    op: "in".into(),
                    left: Box::new(left),
                    right: Box::new(right),
                },
                self.span_from(start),
            );
        }
        let is_query = self.is_query_start_at(1);
        let kind = if is_query {
            match self.in_group(|p| p.query(depth)) {
                Some(query) => ExprKind::InSubquery {
                    expr: Box::new(left),
                    query: Box::new(query),
                    negated,
                },
                None => ExprKind::Opaque(vec![left]),
            }
        } else {
            ExprKind::InList {
                expr: Box::new(left),
                list: self.in_group(|p| p.list(depth)).unwrap_or_default(),
                negated,
            }
        };
        Expr::new(kind, self.span_from(start))
    }

    fn is_query_start_at(&self, ahead: usize) -> bool {
        ["select", "with", "values"]
            .iter()
            .any(|w| self.is_word_at(ahead, w))
    }

    fn subscript(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() {
            let before = self.pos;
            let item = self.expr(depth);
            if self.pos == before {
                self.pos += 1;
            } else {
                items.push(item);
            }
        }
        items
    }

    /// A type name after `::` or `AS`: `text`, `public.my_type`, `character varying(20)[]`,
    /// `timestamp with time zone`. Returns it lower case, whitespace collapsed.
    fn type_name(&mut self) -> String {
        let start = self.pos;
        if self
            .peek()
            .and_then(|t| identifier(t, self.source))
            .is_none()
        {
            return String::new();
        }
        self.pos += 1;
        while self.is_punct(".")
            && self
                .peek_at(1)
                .is_some_and(|t| identifier(t, self.source).is_some())
        {
            self.pos += 2;
        }
        loop {
            if self.eat_word("varying") || self.eat_word("precision") {
                continue;
            }
            if self.is_any_word(&["with", "without"])
                && self.is_word_at(1, "time")
                && self.is_word_at(2, "zone")
            {
                self.pos += 3;
                continue;
            }
            if self.is_punct("(") {
                self.in_group(|_| ());
                continue;
            }
            if self.is_punct("[") {
                self.in_group(|_| ());
                continue;
            }
            break;
        }
        let text = self.span_from(start).text(self.source);
        super::extract::normalize_type(text)
    }

    fn collation_name(&mut self) {
        if self
            .peek()
            .and_then(|t| identifier(t, self.source))
            .is_some()
        {
            self.pos += 1;
            while self.is_punct(".") && self.peek_at(1).is_some() {
                self.pos += 2;
            }
        }
    }

    fn prefix(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        let Some(token) = self.peek() else {
            return Expr::new(
                ExprKind::Opaque(Vec::new()),
                Span::empty_at(self.span_at(self.pos.saturating_sub(1)).end),
            );
        };
        let text = token.text(self.source);
        match token.kind {
            TokenKind::Word => self.word_prefix(depth),
            TokenKind::QuotedIdent => self.name_or_call(depth),
            TokenKind::String => {
                self.pos += 1;
                let value = string_literal(token, self.source).unwrap_or_default();
                Expr::new(ExprKind::Literal(Literal::String(value)), token.span())
            }
            TokenKind::DollarString => {
                self.pos += 1;
                let inner = dollar_inner(text);
                Expr::new(
                    ExprKind::Literal(Literal::String(inner.into())),
                    token.span(),
                )
            }
            TokenKind::Number => {
                self.pos += 1;
                Expr::new(
                    ExprKind::Literal(Literal::Number(text.into())),
                    token.span(),
                )
            }
            TokenKind::Param => {
                self.pos += 1;
                Expr::new(ExprKind::Param(text.into()), token.span())
            }
            TokenKind::Operator if text == "*" => {
                self.pos += 1;
                Expr::new(ExprKind::Star, token.span())
            }
            TokenKind::Operator => {
                self.pos += 1;
                let operand = self.binary(BP_UNARY, depth + 1);
                Expr::new(
                    ExprKind::Unary {
                        op: text.into(),
                        operand: Box::new(operand),
                    },
                    self.span_from(start),
                )
            }
            TokenKind::Punct if text == "(" => self.parenthesized(depth),
            _ => Expr::new(
                ExprKind::Opaque(Vec::new()),
                Span::empty_at(token.span().start),
            ),
        }
    }

    fn word_prefix(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        let Some(token) = self.peek() else {
            return self.opaque_rest();
        };
        let word = token.text(self.source).to_ascii_lowercase();
        let literal = |kind| Expr::new(ExprKind::Literal(kind), token.span());
        match word.as_str() {
            "true" => {
                self.pos += 1;
                literal(Literal::Bool(true))
            }
            "false" => {
                self.pos += 1;
                literal(Literal::Bool(false))
            }
            "null" => {
                self.pos += 1;
                literal(Literal::Null)
            }
            "not" => {
                self.pos += 1;
                let inner = self.binary(BP_NOT, depth + 1);
                Expr::new(ExprKind::Not(Box::new(inner)), self.span_from(start))
            }
            "exists" if self.is_punct_at(1, "(") => {
                self.pos += 1;
                match self.in_group(|p| p.query(depth + 1)) {
                    Some(query) => {
                        Expr::new(ExprKind::Exists(Box::new(query)), self.span_from(start))
                    }
                    None => self.opaque_rest(),
                }
            }
            "array" if self.is_punct_at(1, "[") => {
                self.pos += 1;
                let items = self.in_group(|p| p.list(depth + 1)).unwrap_or_default();
                Expr::new(ExprKind::Array(items), self.span_from(start))
            }
            "array" if self.is_punct_at(1, "(") && self.is_query_start_at(2) => {
                self.pos += 1;
                match self.in_group(|p| p.query(depth + 1)) {
                    Some(query) => {
                        Expr::new(ExprKind::Subquery(Box::new(query)), self.span_from(start))
                    }
                    None => self.opaque_rest(),
                }
            }
            "row" if self.is_punct_at(1, "(") => {
                self.pos += 1;
                let items = self.in_group(|p| p.list(depth + 1)).unwrap_or_default();
                Expr::new(ExprKind::Row(items), self.span_from(start))
            }
            "case" => self.case(depth + 1),
            "cast" if self.is_punct_at(1, "(") => {
                self.pos += 1;
                let (expr, type_name) = self
                    .in_group(|p| {
                        let expr = p.expr(depth + 1);
                        let type_name = if p.eat_word("as") {
                            p.type_name()
                        } else {
                            String::new()
                        };
                        (expr, type_name)
                    })
                    .unwrap_or_else(|| (self.opaque_rest(), String::new()));
                Expr::new(
                    ExprKind::Cast {
                        expr: Box::new(expr),
                        type_name,
                    },
                    self.span_from(start),
                )
            }
            _ if STOP_WORDS.contains(&word.as_str())
                || ["and", "or", "is", "in", "between", "like", "ilike"]
                    .contains(&word.as_str()) =>
            {
                Expr::new(
                    ExprKind::Opaque(Vec::new()),
                    Span::empty_at(token.span().start),
                )
            }
            _ => {
                // A typed literal: `interval '1 day'`, `date '2024-01-01'`.
                if let Some(value_token) = self.peek_at(1).filter(|t| t.kind == TokenKind::String) {
                    self.pos += 2;
                    return Expr::new(
                        ExprKind::Literal(Literal::Typed {
                            type_name: word,
                            value: string_literal(value_token, self.source).unwrap_or_default(),
                        }),
                        self.span_from(start),
                    );
                }
                self.name_or_call(depth)
            }
        }
    }

    /// A column reference `a.b.c` / `t.*`, or a call `s.f(args)`.
    fn name_or_call(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        let mut parts = Vec::new();
        if let Some(first) = self.peek().and_then(|t| identifier(t, self.source)) {
            parts.push(first);
            self.pos += 1;
        }
        while self.is_punct(".") {
            match self.peek_at(1) {
                Some(next) if next.is_operator(self.source, "*") => {
                    parts.push("*".into());
                    self.pos += 2;
                    break;
                }
                Some(next) => match identifier(next, self.source) {
                    Some(part) => {
                        parts.push(part);
                        self.pos += 2;
                    }
                    None => break,
                },
                None => break,
            }
        }
        let name_span = self.span_from(start);
        let is_keyword_call = parts.len() == 1
            && self
                .tokens
                .get(start)
                .is_some_and(|t| t.kind == TokenKind::Word)
            && KEYWORD_CALLS.contains(&parts[0].as_str());
        if self.is_punct("(") && parts.last().is_some_and(|p| p != "*") {
            let name = object_name(parts, name_span);
            // `= any (select …)`, `exists (select …)`: a subquery, whose select list without
            // `FROM` runs once per statement like any other.
            let args = if self.is_query_start_at(1) {
                vec![self.parenthesized(depth + 1)]
            } else {
                self.in_group(|p| {
                    p.eat_word("distinct");
                    p.eat_word("all");
                    p.eat_word("variadic");
                    p.list(depth + 1)
                })
                .unwrap_or_default()
            };
            let extra = self.call_suffixes(depth + 1);
            return Expr::new(
                ExprKind::Call(Call {
                    name,
                    args,
                    has_parens: true,
                    extra,
                }),
                self.span_from(start),
            );
        }
        if is_keyword_call {
            return Expr::new(
                ExprKind::Call(Call {
                    name: object_name(parts, name_span),
                    args: Vec::new(),
                    has_parens: false,
                    extra: Vec::new(),
                }),
                name_span,
            );
        }
        Expr::new(ExprKind::Column(parts), name_span)
    }

    /// `FILTER (WHERE …)`, `WITHIN GROUP (ORDER BY …)`, `OVER (…)` / `OVER name`.
    fn call_suffixes(&mut self, depth: usize) -> Vec<Expr> {
        let mut extra = Vec::new();
        loop {
            if self.is_word("filter") && self.is_punct_at(1, "(") {
                self.pos += 1;
                if let Some(inner) = self.in_group(|p| {
                    p.eat_word("where");
                    p.all(depth)
                }) {
                    extra.push(inner);
                }
            } else if self.eat_words(&["within", "group"]) {
                if let Some(inner) = self.in_group(|p| {
                    p.eat_words(&["order", "by"]);
                    p.all(depth)
                }) {
                    extra.push(inner);
                }
            } else if self.eat_word("over") {
                if self.is_punct("(") {
                    if let Some(inner) = self.in_group(|p| {
                        p.eat_words(&["partition", "by"]);
                        p.all(depth)
                    }) {
                        extra.push(inner);
                    }
                } else if self.peek().is_some() {
                    self.pos += 1;
                }
            } else {
                return extra;
            }
        }
    }

    /// `( … )`: a subquery, a row, or a parenthesised expression.
    fn parenthesized(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        if depth + 1 > MAX_DEPTH {
            self.in_group(|_| ());
            return Expr::new(ExprKind::Opaque(Vec::new()), self.span_from(start));
        }
        if self.is_query_start_at(1) {
            return match self.in_group(|p| p.query(depth + 1)) {
                Some(query) => {
                    Expr::new(ExprKind::Subquery(Box::new(query)), self.span_from(start))
                }
                None => self.opaque_rest(),
            };
        }
        let mut items = self.in_group(|p| p.list(depth + 1)).unwrap_or_default();
        let kind = if items.len() == 1 {
            ExprKind::Paren(Box::new(items.remove(0)))
        } else {
            ExprKind::Row(items)
        };
        Expr::new(kind, self.span_from(start))
    }

    fn case(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        self.pos += 1;
        let operand = (!self.is_word("when")).then(|| Box::new(self.expr(depth)));
        let mut branches = Vec::new();
        let mut else_result = None;
        loop {
            if self.eat_word("when") {
                let condition = self.expr(depth);
                self.eat_word("then");
                let result = self.expr(depth);
                branches.push((condition, result));
            } else if self.eat_word("else") {
                else_result = Some(Box::new(self.expr(depth)));
            } else if self.eat_word("end") || self.at_end() {
                break;
            } else {
                // Something unreadable inside the CASE: skip it.
                self.pos += 1;
            }
        }
        Expr::new(
            ExprKind::Case {
                operand,
                branches,
                else_result,
            },
            self.span_from(start),
        )
    }

    /// A `SELECT`/`VALUES`/`WITH` query filling the range.
    fn query(&mut self, depth: usize) -> Query {
        let start = self.pos;
        let mut query = Query {
            span: Span::default(),
            items: Vec::new(),
            from: Vec::new(),
            where_clause: None,
            others: Vec::new(),
        };
        if depth > MAX_DEPTH {
            let rest = self.opaque_rest();
            query.span = rest.span;
            query.others.push(rest);
            return query;
        }
        if self.eat_word("with") {
            self.eat_word("recursive");
            // `name [(cols)] AS [NOT] [MATERIALIZED] ( query ) , …`
            while !self.at_end() && !self.is_any_word(&["select", "values"]) {
                if self.is_punct("(") {
                    let preceded_by_as = self.pos > 0
                        && self.tokens.get(self.pos - 1).is_some_and(|t| {
                            t.is_word(self.source, "as") || t.is_word(self.source, "materialized")
                        });
                    let group_start = self.pos;
                    if preceded_by_as && self.is_query_start_at(1) {
                        if let Some(cte) = self.in_group(|p| p.query(depth + 1)) {
                            query.others.push(Expr::new(
                                ExprKind::Subquery(Box::new(cte)),
                                self.span_from(group_start),
                            ));
                        }
                    } else {
                        self.in_group(|_| ());
                    }
                } else {
                    self.pos += 1;
                }
            }
        }
        if self.eat_word("values") {
            while self.is_punct("(") {
                let row_start = self.pos;
                let items = self.in_group(|p| p.list(depth + 1)).unwrap_or_default();
                query
                    .items
                    .push(Expr::new(ExprKind::Row(items), self.span_from(row_start)));
                if !self.eat_punct(",") {
                    break;
                }
            }
        } else if self.eat_word("select") {
            if self.eat_word("distinct") {
                if self.eat_word("on") {
                    if let Some(items) = self.in_group(|p| p.list(depth + 1)) {
                        query.others.extend(items);
                    }
                }
            } else {
                self.eat_word("all");
            }
            query.items = self.select_items(depth);
        }
        self.clauses(&mut query, depth);
        query.span = self.span_from(start);
        query
    }

    fn eat_punct(&mut self, punct: &str) -> bool {
        let found = self.is_punct(punct);
        if found {
            self.pos += 1;
        }
        found
    }

    /// The select list up to the next clause word, aliases skipped.
    fn select_items(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() && !self.is_any_word(CLAUSE_WORDS) {
            let before = self.pos;
            let item = self.expr(depth);
            self.skip_alias();
            if self.pos == before {
                self.pos += 1;
            } else {
                items.push(item);
            }
            if !self.eat_punct(",") {
                // Anything unexpected before the next clause is skipped.
                while !self.at_end() && !self.is_any_word(CLAUSE_WORDS) && !self.is_punct(",") {
                    if self.in_group(|_| ()).is_none() {
                        self.pos += 1;
                    }
                }
                self.eat_punct(",");
            }
        }
        items
    }

    /// `[AS] alias [(columns)]`.
    fn skip_alias(&mut self) {
        let had_as = self.eat_word("as");
        let is_alias = self.peek().is_some_and(|t| {
            (t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent)
                && (had_as
                    || t.kind == TokenKind::QuotedIdent
                    || !(STOP_WORDS.iter().chain(CLAUSE_WORDS).chain(JOIN_WORDS))
                        .any(|w| t.is_word(self.source, w)))
                && !["and", "or", "not", "is", "in", "like", "ilike", "between"]
                    .iter()
                    .any(|w| t.is_word(self.source, w))
        });
        if is_alias {
            self.pos += 1;
            if self.is_punct("(") {
                self.in_group(|_| ());
            }
        }
    }

    /// `FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT … UNION …`.
    fn clauses(&mut self, query: &mut Query, depth: usize) {
        while !self.at_end() {
            if self.eat_word("from") {
                self.read_from_list(query, depth);
            } else if self.eat_word("where") {
                query.where_clause = Some(Box::new(self.expr(depth)));
            } else if self.eat_words(&["group", "by"])
                || self.eat_words(&["order", "by"])
                || self.eat_word("having")
                || self.eat_word("limit")
                || self.eat_word("offset")
            {
                let start = self.pos;
                let items = self.clause_list(depth);
                if !items.is_empty() {
                    query
                        .others
                        .push(Expr::new(ExprKind::Opaque(items), self.span_from(start)));
                }
            } else if self.is_any_word(&["union", "intersect", "except"]) {
                self.pos += 1;
                self.eat_word("all");
                self.eat_word("distinct");
                let start = self.pos;
                let branch = self.query(depth + 1);
                query.others.push(Expr::new(
                    ExprKind::Subquery(Box::new(branch)),
                    self.span_from(start),
                ));
            } else if self.in_group(|_| ()).is_none() {
                self.pos += 1;
            }
        }
    }

    /// Expressions separated by commas up to the next clause word.
    fn clause_list(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() && !self.is_any_word(CLAUSE_WORDS) {
            let before = self.pos;
            let item = self.expr(depth);
            if self.pos == before {
                self.pos += 1;
            } else {
                items.push(item);
            }
            self.eat_punct(",");
            self.eat_word("asc");
            self.eat_word("desc");
            if self.eat_word("nulls") {
                self.pos += 1;
            }
        }
        items
    }

    /// `FROM a [AS x], b JOIN c ON … LEFT JOIN d USING (…)`.
    fn read_from_list(&mut self, query: &mut Query, depth: usize) {
        loop {
            self.read_from_item(query, depth);
            if self.eat_punct(",") {
                continue;
            }
            if self.is_any_word(JOIN_WORDS) {
                while self.is_any_word(JOIN_WORDS) || self.is_word("outer") {
                    self.pos += 1;
                }
                continue;
            }
            if self.eat_word("on") {
                let condition = self.expr(depth);
                query.others.push(condition);
                if self.is_any_word(JOIN_WORDS) {
                    continue;
                }
                if self.eat_punct(",") {
                    continue;
                }
            }
            if self.eat_word("using") {
                self.in_group(|_| ());
                if self.is_any_word(JOIN_WORDS) || self.eat_punct(",") {
                    continue;
                }
            }
            return;
        }
    }

    fn read_from_item(&mut self, query: &mut Query, depth: usize) {
        self.eat_word("lateral");
        self.eat_word("only");
        let start = self.pos;
        let mut item = FromItem {
            table: None,
            expr: None,
            alias: None,
        };
        if self.is_punct("(") {
            item.expr = Some(self.parenthesized(depth));
        } else if self
            .peek()
            .and_then(|t| identifier(t, self.source))
            .is_some()
        {
            let expr = self.name_or_call(depth);
            match expr.kind {
                ExprKind::Column(parts) => {
                    item.table = Some(object_name(parts, self.span_from(start)));
                }
                kind => item.expr = Some(Expr::new(kind, expr.span)),
            }
        } else {
            return;
        }
        self.eat_operator("*");
        let alias_start = self.pos;
        self.skip_alias();
        if self.pos > alias_start {
            item.alias = self
                .tokens
                .get(alias_start)
                .filter(|t| !t.is_word(self.source, "as"))
                .or_else(|| self.tokens.get(alias_start + 1))
                .and_then(|t| identifier(t, self.source));
        }
        query.from.push(item);
    }

    fn eat_operator(&mut self, op: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is_operator(self.source, op));
        if found {
            self.pos += 1;
        }
        found
    }
}

#[derive(Clone, Debug, PartialEq)]
enum OpKind {
    Or,
    And,
    Is,
    IsNullPostfix { negated: bool },
    In { negated: bool },
    Between { negated: bool },
    Cast,
    Subscript,
    Collate,
    Binary(String),
}

struct Op {
    kind: OpKind,
    bp: u8,
    /// Tokens the operator takes (`NOT LIKE` takes two; `[` is consumed by the subscript).
    len: usize,
}

fn object_name(mut parts: Vec<String>, span: Span) -> ObjectName {
    let name = parts.pop().unwrap_or_default();
    ObjectName {
        schema: parts.pop(),
        name,
        span,
    }
}

/// The inside of a `$tag$…$tag$` literal.
fn dollar_inner(text: &str) -> &str {
    let Some(tag_len) = text.get(1..).and_then(|t| t.find('$')).map(|i| i + 2) else {
        return "";
    };
    text.get(tag_len..text.len().saturating_sub(tag_len))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tokenize;

    fn parse(text: &str) -> Expr {
        let tokens: Vec<Token> = tokenize(text, 0)
            .into_iter()
            .filter(|t| !t.is_trivia())
            .collect();
        parse_expr(text, &tokens)
    }

    fn call_names(expr: &Expr) -> Vec<(String, bool)> {
        expr.calls()
            .into_iter()
            .map(|(call, _, scope)| (call.name.qualified(), scope.in_initplan))
            .collect()
    }

    #[test]
    fn a_subquery_after_any_is_a_subquery() {
        for text in [
            "user_id = any (select auth.uid())",
            "user_id = any (select (select auth.uid()))",
            "a = delete (select auth.uid())",
        ] {
            let calls = call_names(&parse(text));
            assert!(
                calls.contains(&("auth.uid".to_string(), true))
                    && !calls.contains(&("auth.uid".to_string(), false)),
                "{text}: {calls:?}"
            );
        }
    }

    #[test]
    fn wrapped_auth_uid_is_in_an_initplan_and_bare_is_not() {
        let expr = parse("(select auth.uid()) = user_id or auth.uid() = owner_id");
        assert_eq!(
            call_names(&expr),
            vec![
                ("auth.uid".to_string(), true),
                ("auth.uid".to_string(), false)
            ]
        );
        let ExprKind::Or(branches) = &expr.kind else {
            panic!("expected OR, got {expr:?}");
        };
        assert_eq!(branches.len(), 2);
    }

    #[test]
    fn calls_in_a_subquery_where_clause_are_not_in_an_initplan() {
        let text = "exists (select 1 from public.members m where m.user_id = auth.uid() and m.account_id = account_id)";
        let expr = parse(text);
        let ExprKind::Exists(query) = &expr.kind else {
            panic!("expected EXISTS, got {expr:?}");
        };
        assert_eq!(
            query.from[0].table.as_ref().map(|t| t.qualified()),
            Some("public.members".to_string())
        );
        assert_eq!(query.from[0].alias.as_deref(), Some("m"));
        assert_eq!(call_names(&expr), vec![("auth.uid".to_string(), false)]);
    }

    #[test]
    fn call_spans_are_exact() {
        let text = "owner = auth.uid()";
        let expr = parse(text);
        let (_, span, _) = expr.calls()[0];
        assert_eq!(span.text(text), "auth.uid()");
        assert_eq!(expr.span.text(text), text);
    }

    #[test]
    fn literal_values_read_through_casts_and_parentheses() {
        let bools: Vec<Option<bool>> = ["true", "(FALSE)", "'t'::boolean", "'On'", "'maybe'", "x"]
            .iter()
            .map(|text| parse(text).bool_value())
            .collect();
        assert_eq!(
            bools,
            vec![Some(true), Some(false), Some(true), Some(true), None, None]
        );
        assert!(parse("null::bigint").is_null_literal());
        assert!(!parse("'null'").is_null_literal());
        let empty: Vec<bool> = [
            "'{}'",
            "array[]::text[]",
            "'{ }'::text[]",
            "array['image/png']",
        ]
        .iter()
        .map(|text| parse(text).is_empty_array())
        .collect();
        assert_eq!(empty, vec![true, true, true, false]);
    }

    #[test]
    fn bucket_scope_requires_the_literal_on_every_branch() {
        let scoped = parse(
            "bucket_id = 'avatars' and (select auth.uid())::text = (storage.foldername(name))[1]",
        );
        assert_eq!(
            requires_equality(&scoped, "bucket_id"),
            Some("avatars".into())
        );
        let unscoped = parse("bucket_id = 'avatars' or owner = auth.uid()");
        assert_eq!(requires_equality(&unscoped, "bucket_id"), None);
        let both = parse("(bucket_id = 'a' and x) or ('b' = objects.bucket_id)");
        assert_eq!(
            required_values(&both, "bucket_id"),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        let listed = parse("bucket_id in ('a', 'b'::text)");
        assert_eq!(
            required_values(&listed, "bucket_id"),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        let negated = parse("not (bucket_id = 'a')");
        assert_eq!(requires_equality(&negated, "bucket_id"), None);
        let not_equal = parse("bucket_id <> 'a'");
        assert_eq!(requires_equality(&not_equal, "bucket_id"), None);
    }

    #[test]
    fn precedence_binds_and_tighter_than_or() {
        let expr = parse("a = 1 or b = 2 and c = 3");
        let ExprKind::Or(items) = &expr.kind else {
            panic!("expected OR, got {expr:?}");
        };
        assert!(matches!(items[1].kind, ExprKind::And(_)));
    }

    #[test]
    fn true_literal_is_recognised_through_parentheses() {
        assert!(parse("true").is_true_literal());
        assert!(parse("((true))").is_true_literal());
        assert!(!parse("'true'").is_true_literal());
        assert!(!parse("true and x").is_true_literal());
        assert!(!parse("1 = 1").is_true_literal());
    }

    #[test]
    fn reads_case_casts_in_lists_and_json_operators() {
        let text = "case when auth.jwt() ->> 'role' = 'admin' then true else owner_id::uuid in (select id from t) end";
        let expr = parse(text);
        let ExprKind::Case {
            branches,
            else_result,
            ..
        } = &expr.kind
        else {
            panic!("expected CASE, got {expr:?}");
        };
        assert_eq!(branches.len(), 1);
        assert!(matches!(
            else_result.as_deref().map(|e| &e.kind),
            Some(ExprKind::InSubquery { .. })
        ));
        assert_eq!(expr.span.text(text), text);
    }

    #[test]
    fn is_null_between_and_like_are_operators() {
        let expr = parse("deleted_at is not null and n between 1 and 3 and name not ilike '%x%'");
        let ExprKind::And(items) = &expr.kind else {
            panic!("expected AND, got {expr:?}");
        };
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(&items[0].kind, ExprKind::Binary { op, .. } if op == "is not"));
        assert!(matches!(items[1].kind, ExprKind::Between { .. }));
        assert!(matches!(&items[2].kind, ExprKind::Binary { op, .. } if op == "not ilike"));
    }

    #[test]
    fn keyword_calls_and_qualified_calls() {
        let expr = parse("current_user = 'x' and public.is_super_admin()");
        let names: Vec<String> = expr
            .calls()
            .into_iter()
            .map(|(c, _, _)| c.name.qualified())
            .collect();
        assert_eq!(names, vec!["current_user", "public.is_super_admin"]);
        assert!(expr.calls()[1].0.is("public.is_super_admin"));
    }

    #[test]
    fn aggregates_windows_and_special_forms_keep_their_calls() {
        let text = "count(distinct x) filter (where auth.uid() = y) > 0 and extract(epoch from now()) > 0 and position('a' in b) > 0";
        let expr = parse(text);
        let names: Vec<String> = expr
            .calls()
            .into_iter()
            .map(|(c, _, _)| c.name.qualified())
            .collect();
        assert!(names.contains(&"auth.uid".to_string()), "{names:?}");
        assert!(names.contains(&"now".to_string()), "{names:?}");
        assert!(names.contains(&"position".to_string()), "{names:?}");
    }

    #[test]
    fn unreadable_tokens_become_opaque_but_keep_calls() {
        let expr = parse("a = ) b auth.uid() ,, (");
        assert!(matches!(expr.kind, ExprKind::Opaque(_)));
        assert!(call_names(&expr).contains(&("auth.uid".to_string(), false)));
    }

    #[test]
    fn ten_thousand_nested_parentheses_do_not_overflow() {
        let text = format!("{}auth.uid(){}", "(".repeat(10_000), ")".repeat(10_000));
        let expr = parse(&text);
        assert_eq!(expr.span.text(&text), text);
        let unbalanced = "(".repeat(10_000);
        parse(&unbalanced);
    }

    #[test]
    fn long_chains_stay_bounded() {
        let nots = format!("{}true", "not ".repeat(10_000));
        parse(&nots);
        let sums = vec!["a"; 10_000].join(" + ");
        let expr = parse(&sums);
        let mut max_depth = 0;
        fn depth(expr: &Expr, at: usize, max: &mut usize) {
            *max = (*max).max(at);
            if let ExprKind::Binary { left, right, .. } = &expr.kind {
                depth(left, at + 1, max);
                depth(right, at + 1, max);
            }
            if let ExprKind::Opaque(items) = &expr.kind {
                for item in items {
                    depth(item, at + 1, max);
                }
            }
        }
        depth(&expr, 0, &mut max_depth);
        assert!(max_depth <= MAX_DEPTH + 2, "depth {max_depth}");
        let ors = vec!["a = 1"; 10_000].join(" or ");
        let ExprKind::Or(items) = parse(&ors).kind else {
            panic!("expected OR");
        };
        assert_eq!(items.len(), 10_000);
        let cases = format!(
            "{}1{}",
            "case when x then ".repeat(5_000),
            " end".repeat(5_000)
        );
        parse(&cases);
        let subqueries = format!("{}1{}", "(select ".repeat(5_000), ")".repeat(5_000));
        parse(&subqueries);
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let samples = [
            "",
            "(",
            ")",
            "::",
            "a::",
            "case",
            "case when",
            "in (",
            "not",
            "exists (",
            "select",
            "(select from where)",
            "x[",
            "array[",
            "cast(",
            "cast(x as",
            "'",
            "a between",
            "a is",
            "a is not distinct",
            "$$",
            "e'\\'",
            "a.",
            "a.*.b(",
            "over",
            "count(*) over",
            "filter (",
            "(with x as (select 1) select * from x)",
            "(values (1), (2))",
            "(select 1 union select auth.uid())",
        ];
        for sample in samples {
            parse(sample);
        }
    }
}
