//! Expression trees over a range of significant tokens: policy `USING` / `WITH CHECK`
//! clauses, view queries, defaults.
//!
//! The parser is tolerant and bounded: it never fails, it keeps exact spans, and what it
//! cannot read becomes an [`ExprKind::Opaque`] node holding whatever sub-expressions it
//! could still recognise (so a walker still finds the calls inside). Nesting deeper than
//! [`MAX_DEPTH`] becomes an opaque node too, so no input can overflow the stack, and the
//! tree height (hence every recursive walk over it) stays bounded.

mod parser;
mod query;
#[cfg(test)]
mod tests;

use crate::source::{Span, Token};

use super::cursor::Cursor;
use super::name::ObjectName;

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
    Cursor::new(source, tokens).all(0)
}

/// Parses the tokens as one query (`SELECT …`, `WITH …`, `VALUES …`): a SQL function body.
pub fn parse_query(source: &str, tokens: &[Token]) -> Query {
    Cursor::new(source, tokens).query(0)
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
