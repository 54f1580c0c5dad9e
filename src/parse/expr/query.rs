//! Queries inside expressions and function bodies: `SELECT`, `VALUES`, `WITH`, their `FROM`
//! items and clauses.

use crate::parse::cursor::Cursor;
use crate::parse::name::{identifier, ObjectName};
use crate::source::Span;

use super::parser::{CLAUSE_WORDS, JOIN_WORDS, STOP_WORDS};
use super::{Expr, ExprKind, FromItem, Query, MAX_DEPTH};

/// Whether `word` (lower case) after a select item or a `FROM` item is its alias.
fn is_query_alias(word: &str, had_as: bool) -> bool {
    (had_as || !(STOP_WORDS.iter().chain(CLAUSE_WORDS).chain(JOIN_WORDS)).any(|w| *w == word))
        && !["and", "or", "not", "is", "in", "like", "ilike", "between"].contains(&word)
}

impl Cursor<'_> {
    /// A `SELECT`/`VALUES`/`WITH` query filling the range.
    pub(super) fn query(&mut self, depth: usize) -> Query {
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

    /// The select list up to the next clause word, aliases skipped.
    fn select_items(&mut self, depth: usize) -> Vec<Expr> {
        let mut items = Vec::new();
        while !self.at_end() && !self.is_any_word(CLAUSE_WORDS) {
            let before = self.pos;
            let item = self.expr(depth);
            self.skip_alias(is_query_alias);
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
            items.extend(self.expr_or_skip(depth));
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
                    item.table = Some(ObjectName::from_parts(parts, self.span_from(start)));
                }
                kind => item.expr = Some(Expr::new(kind, expr.span)),
            }
        } else {
            return;
        }
        self.eat_operator("*");
        let alias_start = self.pos;
        self.skip_alias(is_query_alias);
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
}
