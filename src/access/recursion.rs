//! Policies Postgres rejects at query time with `infinite recursion detected in policy for
//! relation "t"`.
//!
//! The rewriter applies a table's policies to a query; when the policies it adds hold
//! subqueries, it marks the table active and applies the policies of the tables those
//! subqueries read (their `SELECT` policies), and so on. Reaching a table that is still
//! active, with policies that hold any subquery, is the error: `(select auth.uid())` is a
//! subquery too, so a table whose `SELECT` policy wraps `auth.uid()` cannot be read again
//! by its own policies. A call to a `SECURITY DEFINER`
//! function is no subquery: the function reads as its owner, whom RLS does not apply to
//! (unless the table forces it), which is how the house pattern breaks such cycles.

use std::collections::HashMap;

use crate::facts::expr::Expr;
use crate::facts::PolicyCommand;
use crate::history::{Database, PolicyRecord, QualifiedName};

use super::conditions::tables_read;
use super::{check_clause, deciding_clause, API_ROLES, COMMANDS};

/// A policy whose condition leads back to a table being expanded.
#[derive(Clone, Debug)]
pub struct Recursion<'h, 'a> {
    pub policy: &'h PolicyRecord<'a>,
    /// The tables from the policy's own table to the one reached again.
    pub path: Vec<QualifiedName>,
    pub role: &'static str,
    pub command: PolicyCommand,
}

/// How deep table-to-table expansion is followed: real cycles are short.
const MAX_DEPTH: usize = 16;

struct Expander<'h, 'a> {
    db: &'h Database<'a>,
    policies: HashMap<QualifiedName, Vec<&'h PolicyRecord<'a>>>,
}

impl<'h, 'a> Expander<'h, 'a> {
    fn has_rls(&self, table: &QualifiedName) -> bool {
        if table.schema == "storage" && table.name == "objects" {
            return true;
        }
        self.db
            .live_table(table)
            .is_some_and(|t| t.is_rls_enabled())
    }

    /// The conditions one policy adds to a query of `command`: the deciding clause, and for
    /// writes the check new rows must pass.
    fn clauses(policy: &'h PolicyRecord<'a>, command: PolicyCommand) -> Vec<&'h Expr> {
        let mut clauses: Vec<&Expr> = deciding_clause(policy, command)
            .map(|c| c.expr)
            .into_iter()
            .collect();
        if command == PolicyCommand::Update {
            clauses.extend(check_clause(policy).map(|c| c.expr));
        }
        clauses
    }

    /// The tables the subqueries of these clauses read.
    fn reads(&self, clauses: &[&Expr]) -> Vec<QualifiedName> {
        let mut tables: Vec<QualifiedName> = clauses
            .iter()
            .flat_map(|expr| tables_read(expr, self.db))
            .map(|read| read.table)
            .collect();
        tables.sort();
        tables.dedup();
        tables
    }

    /// Whether the policies `role` gets on `table` for a `SELECT` hold subqueries, and the
    /// tables those read.
    fn select_reads(&self, table: &QualifiedName, role: &str) -> (bool, Vec<QualifiedName>) {
        let clauses: Vec<&Expr> = self
            .policies
            .get(table)
            .into_iter()
            .flatten()
            .filter(|p| p.applies_to(PolicyCommand::Select) && p.applies_to_role(role))
            .flat_map(|p| Self::clauses(p, PolicyCommand::Select))
            .collect();
        let has_subqueries = clauses.iter().any(|expr| !expr.queries().is_empty());
        (has_subqueries, self.reads(&clauses))
    }

    /// Expands `table` for a subquery read while `active` tables are being expanded; the
    /// path to the table reached again, if any.
    fn expand(
        &self,
        table: &QualifiedName,
        role: &str,
        active: &mut Vec<QualifiedName>,
    ) -> Option<Vec<QualifiedName>> {
        if !self.has_rls(table) || active.len() > MAX_DEPTH {
            return None;
        }
        let (has_subqueries, reads) = self.select_reads(table, role);
        if !has_subqueries {
            return None;
        }
        if active.contains(table) {
            let mut path = active.clone();
            path.push(table.clone());
            return Some(path);
        }
        active.push(table.clone());
        let found = reads
            .iter()
            .find_map(|next| self.expand(next, role, active));
        active.pop();
        found
    }
}

/// Every live policy that makes a query of its table fail with infinite recursion, once
/// per policy (the first role and command that fail).
pub fn recursions<'h, 'a>(db: &'h Database<'a>) -> Vec<Recursion<'h, 'a>> {
    let mut policies: HashMap<QualifiedName, Vec<&PolicyRecord>> = HashMap::new();
    for policy in db.policies.live() {
        policies
            .entry(policy.table.clone())
            .or_default()
            .push(policy);
    }
    let expander = Expander { db, policies };
    let mut found = Vec::new();
    for policy in db.policies.live() {
        if !expander.has_rls(&policy.table) {
            continue;
        }
        let recursion = API_ROLES
            .iter()
            .filter(|role| policy.applies_to_role(role))
            .flat_map(|role| COMMANDS.iter().map(move |command| (*role, *command)))
            .filter(|(_, command)| policy.applies_to(*command))
            .find_map(|(role, command)| {
                let reads = expander.reads(&Expander::clauses(policy, command));
                let mut active = vec![policy.table.clone()];
                let path = reads
                    .iter()
                    .find_map(|next| expander.expand(next, role, &mut active))?;
                Some(Recursion {
                    policy,
                    path,
                    role,
                    command,
                })
            });
        found.extend(recursion);
    }
    found
}
