//! The expression parser: binding powers, as in PostgreSQL's precedence table, over the
//! shared [`Cursor`]. Tolerant and bounded, as the [`super`] module says.

use crate::parse::cursor::Cursor;
use crate::parse::name::{identifier, literal_inner, normalize_type, string_literal, ObjectName};
use crate::source::{Span, TokenKind};

use super::{Call, Expr, ExprKind, Literal, Query, MAX_DEPTH};

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
pub(super) const STOP_WORDS: &[&str] = &[
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
pub(super) const CLAUSE_WORDS: &[&str] = &[
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

pub(super) const JOIN_WORDS: &[&str] =
    &["join", "inner", "left", "right", "full", "cross", "natural"];

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

impl<'a> Cursor<'a> {
    /// Runs `parse` over the inside of the group opening at the cursor, then moves past it.
    pub(super) fn in_group<T>(&mut self, parse: impl FnOnce(&mut Cursor<'a>) -> T) -> Option<T> {
        let close = self.group_end()?;
        let mut inner = self.within(self.pos + 1..close.min(self.end()));
        let result = parse(&mut inner);
        self.pos = (close + 1).min(self.end());
        Some(result)
    }

    /// The rest of the range as one opaque node (used past the depth bound).
    pub(super) fn opaque_rest(&mut self) -> Expr {
        let start = self.pos;
        self.skip_rest();
        Expr::new(ExprKind::Opaque(Vec::new()), self.span_from(start))
    }

    /// Parses the whole range; leftover tokens make the result opaque.
    pub(super) fn all(&mut self, depth: usize) -> Expr {
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
    pub(super) fn list(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() {
            let item_end = self.top_level_comma().unwrap_or(self.end());
            let mut item = self.within(self.pos..item_end);
            if !item.at_end() {
                items.push(item.all(depth));
            }
            self.pos = (item_end + 1).min(self.end().max(item_end));
            if item_end >= self.end() {
                break;
            }
        }
        items
    }

    pub(super) fn expr(&mut self, depth: usize) -> Expr {
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

    pub(super) fn is_query_start_at(&self, ahead: usize) -> bool {
        ["select", "with", "values"]
            .iter()
            .any(|w| self.is_word_at(ahead, w))
    }

    fn subscript(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() {
            items.extend(self.expr_or_skip(depth));
        }
        items
    }

    /// One expression, or `None` after skipping a token no expression starts with, so a loop
    /// over items always moves on.
    pub(super) fn expr_or_skip(&mut self, depth: usize) -> Option<Expr> {
        let before = self.pos;
        let item = self.expr(depth);
        if self.pos == before {
            self.pos += 1;
            None
        } else {
            Some(item)
        }
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
        normalize_type(text)
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
                let inner =
                    literal_inner(token, self.source).map_or("", |span| span.text(self.source));
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
                self.keyword_then_query(start, depth, ExprKind::Exists)
            }
            "array" if self.is_punct_at(1, "[") => {
                self.keyword_then_list(start, depth, ExprKind::Array)
            }
            "array" if self.is_punct_at(1, "(") && self.is_query_start_at(2) => {
                self.keyword_then_query(start, depth, ExprKind::Subquery)
            }
            "row" if self.is_punct_at(1, "(") => {
                self.keyword_then_list(start, depth, ExprKind::Row)
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

    /// `EXISTS (query)` or `ARRAY (query)`: the keyword, then a parenthesized query wrapped as
    /// `kind`; a group that is not one is read as opaque.
    fn keyword_then_query(
        &mut self,
        start: usize,
        depth: usize,
        kind: fn(Box<Query>) -> ExprKind,
    ) -> Expr {
        self.pos += 1;
        match self.in_group(|p| p.query(depth + 1)) {
            Some(query) => Expr::new(kind(Box::new(query)), self.span_from(start)),
            None => self.opaque_rest(),
        }
    }

    /// `ARRAY[…]` or `ROW(…)`: the keyword, then a bracketed list of expressions wrapped as
    /// `kind`.
    fn keyword_then_list(
        &mut self,
        start: usize,
        depth: usize,
        kind: fn(Vec<Expr>) -> ExprKind,
    ) -> Expr {
        self.pos += 1;
        let items = self.in_group(|p| p.list(depth + 1)).unwrap_or_default();
        Expr::new(kind(items), self.span_from(start))
    }

    /// A column reference `a.b.c` / `t.*`, or a call `s.f(args)`.
    pub(super) fn name_or_call(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        let parts = self.name_parts(true);
        let name_span = self.span_from(start);
        let is_keyword_call = parts.len() == 1
            && self
                .tokens
                .get(start)
                .is_some_and(|t| t.kind == TokenKind::Word)
            && KEYWORD_CALLS.contains(&parts[0].as_str());
        if self.is_punct("(") && parts.last().is_some_and(|p| p != "*") {
            let name = ObjectName::from_parts(parts, name_span);
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
                    name: ObjectName::from_parts(parts, name_span),
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
    pub(super) fn parenthesized(&mut self, depth: usize) -> Expr {
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
