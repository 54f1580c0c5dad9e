//! What a policy condition says about the caller: which columns tie a row to them
//! (`user_id = (select auth.uid())`), which tables it reads to admit them (`EXISTS (SELECT …
//! FROM members m WHERE m.user_id = auth.uid() …)`), and which functions it calls.

use crate::facts::expr::{Expr, ExprKind, Query};
use crate::history::{Database, QualifiedName};

/// Whether `expr` is the caller's identity: `auth.uid()`, `(select auth.uid())`, a cast of
/// either, `auth.jwt() ->> 'sub'`, or `current_setting('request.jwt.claim.sub')`.
pub fn is_caller_identity(expr: &Expr) -> bool {
    let expr = expr.strip_parens_and_casts();
    match &expr.kind {
        ExprKind::Call(call) => {
            call.is("auth.uid")
                || (call.name.name.eq_ignore_ascii_case("current_setting")
                    && call
                        .args
                        .first()
                        .and_then(Expr::string_value)
                        .is_some_and(|s| s.starts_with("request.jwt.claim.sub")))
        }
        ExprKind::Subquery(query) => {
            query.from.is_empty() && query.items.len() == 1 && is_caller_identity(&query.items[0])
        }
        ExprKind::Binary { op, left, right } if op == "->>" => {
            right.string_value() == Some("sub")
                && matches!(&left.strip_parens_and_casts().kind, ExprKind::Call(c) if c.is("auth.jwt"))
                || matches!(&left.strip_parens_and_casts().kind, ExprKind::Subquery(_))
                    && right.string_value() == Some("sub")
        }
        _ => false,
    }
}

/// The column of `expr` when it is a plain column reference: its parts (`m.user_id`).
fn column_parts(expr: &Expr) -> Option<&[String]> {
    match &expr.strip_parens_and_casts().kind {
        ExprKind::Column(parts) => Some(parts),
        _ => None,
    }
}

/// `a = b` in either order where one side is the caller's identity: the other side's column.
fn caller_equality(expr: &Expr) -> Option<&[String]> {
    let ExprKind::Binary { op, left, right } = &expr.strip_parens().kind else {
        return None;
    };
    if op != "=" {
        return None;
    }
    if is_caller_identity(right) {
        column_parts(left)
    } else if is_caller_identity(left) {
        column_parts(right)
    } else {
        None
    }
}

/// The top-level conjuncts of `expr` (`a AND b AND c`).
fn conjuncts(expr: &Expr) -> Vec<&Expr> {
    match &expr.strip_parens().kind {
        ExprKind::And(items) => items.iter().flat_map(conjuncts).collect(),
        _ => vec![expr.strip_parens()],
    }
}

/// The top-level branches of `expr` (`a OR b`).
pub fn disjuncts(expr: &Expr) -> Vec<&Expr> {
    match &expr.strip_parens().kind {
        ExprKind::Or(items) => items.iter().flat_map(disjuncts).collect(),
        _ => vec![expr.strip_parens()],
    }
}

/// The columns of the policy's own row that a branch of `expr` ties to the caller: in
/// `user_id = (select auth.uid()) or is_admin()`, `user_id`. Only outside subqueries.
pub fn owner_columns(expr: &Expr) -> Vec<String> {
    let mut columns = Vec::new();
    for branch in disjuncts(expr) {
        for conjunct in conjuncts(branch) {
            if let Some(parts) = caller_equality(conjunct) {
                if let Some(last) = parts.last() {
                    columns.push(last.clone());
                }
            }
        }
    }
    columns.sort();
    columns.dedup();
    columns
}

/// Whether `expr` mentions the column `name` of the policy's own row anywhere (a
/// `WITH CHECK` that mentions a column is taken to pin it).
pub fn mentions_column(expr: &Expr, name: &str) -> bool {
    expr.columns()
        .iter()
        .any(|parts| parts.last().is_some_and(|last| last == name))
}

/// A table a condition or function reads, with what it reads of it.
#[derive(Clone, Debug)]
pub struct TableRead {
    pub table: QualifiedName,
    /// Columns of the table the query compares with the caller's identity.
    pub identity_columns: Vec<String>,
    /// The other columns of the table the query reads: what admits the caller.
    pub columns: Vec<String>,
}

/// The tables `expr`'s subqueries read; `db` gives their columns, to resolve unqualified
/// names inside a subquery.
pub fn tables_read(expr: &Expr, db: &Database) -> Vec<TableRead> {
    let mut reads = Vec::new();
    expr.walk(&mut |node, _| match &node.kind {
        // `EXISTS` ignores what the subquery selects: only its conditions admit.
        ExprKind::Exists(query) => reads.extend(reads_of(query, false, db)),
        ExprKind::Subquery(query) | ExprKind::InSubquery { query, .. } => {
            reads.extend(reads_of(query, true, db))
        }
        _ => {}
    });
    reads
}

/// The tables one query reads directly (its `FROM` items), its select list included.
pub fn query_reads(query: &Query, db: &Database) -> Vec<TableRead> {
    reads_of(query, true, db)
}

fn reads_of(query: &Query, with_items: bool, db: &Database) -> Vec<TableRead> {
    let mut reads = Vec::new();
    for from in &query.from {
        let Some(table) = &from.table else { continue };
        let name = QualifiedName::of(table);
        let known = db.column_names(&name);
        let alias = from.alias.as_deref().unwrap_or(&name.name).to_string();
        // A column of this table: `alias.col`, `table.col`, or `col` when the table has it.
        let own = |parts: &[String]| -> Option<String> {
            match parts {
                [column] if known.iter().any(|c| c == column) => Some(column.clone()),
                [qualifier, column] if *qualifier == alias || *qualifier == name.name => {
                    Some(column.clone())
                }
                _ => None,
            }
        };
        let mut identity_columns = Vec::new();
        let mut columns = Vec::new();
        let mut visit = |expr: &Expr, _| {
            if let Some(parts) = caller_equality(expr) {
                if let Some(column) = own(parts) {
                    identity_columns.push(column);
                }
            }
            if let ExprKind::Column(parts) = &expr.kind {
                if let Some(column) = own(parts) {
                    columns.push(column);
                }
            }
        };
        if with_items {
            for item in &query.items {
                item.walk(&mut visit);
            }
        }
        if let Some(condition) = &query.where_clause {
            condition.walk(&mut visit);
        }
        for other in &query.others {
            other.walk(&mut visit);
        }
        identity_columns.sort();
        identity_columns.dedup();
        columns.sort();
        columns.dedup();
        columns.retain(|c| !identity_columns.contains(c));
        reads.push(TableRead {
            table: name,
            identity_columns,
            columns,
        });
    }
    reads
}

/// The functions `expr` calls, qualified (`public` for unqualified calls).
pub fn called_functions(expr: &Expr) -> Vec<QualifiedName> {
    expr.calls()
        .into_iter()
        .map(|(call, _, _)| QualifiedName::of(&call.name))
        .collect()
}
