//! Ways a user can change what admits them: a column that policies (or the functions they
//! call) read from the caller's own row to let them in, which the caller may write.
//!
//! An **admission read** is a subquery of a policy on another table, or a query in the body
//! of a function a policy calls (or `adminFunction` / `authorizationFunctions`), that finds
//! the caller's row of a table (`WHERE m.user_id = auth.uid()`) and reads other columns of
//! it (`m.account_id = docs.account_id`, `role = 'owner'`, `is_admin`): those are the
//! table's **access columns**. An access column is open when a live permissive `UPDATE`
//! (or `INSERT`) policy for `authenticated` admits the caller's own row by the same
//! identity column, `authenticated` may write the column, and nothing pins it: the policy's
//! check does not mention it, no restrictive policy does, and no `BEFORE` trigger on the
//! table can change or refuse the row.

use std::collections::{BTreeSet, HashMap};

use crate::config::Config;
use crate::facts::{ConstraintKind, PolicyCommand};
use crate::history::{Database, FunctionRecord, PolicyRecord, QualifiedName, TableRecord};

use super::conditions::{
    called_functions, mentions_column, owner_columns, query_reads, tables_read, TableRead,
};
use super::{check_clause, deciding_clause};

/// What trusts an access column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trust {
    /// A policy on another table: its name and table.
    Policy(String, QualifiedName),
    Function(QualifiedName),
}

impl std::fmt::Display for Trust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Trust::Policy(name, table) => write!(f, "policy `{name}` on `{table}`"),
            Trust::Function(name) => write!(f, "function `{name}()`"),
        }
    }
}

/// How the caller changes an access column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscalationKind {
    /// Updates it on their own row.
    Update,
    /// Inserts a row of their own with any value in it (a membership row: joins any tenant).
    Insert,
}

#[derive(Clone, Debug)]
pub struct Escalation<'h, 'a> {
    pub kind: EscalationKind,
    pub table: QualifiedName,
    pub column: String,
    /// The policy that lets the caller write it.
    pub policy: &'h PolicyRecord<'a>,
    /// What admits the caller by it.
    pub trusted_by: Trust,
}

/// An access column and what reads it.
struct AccessColumn {
    table: QualifiedName,
    column: String,
    identity_columns: Vec<String>,
    trusted_by: Trust,
}

/// The reads of a function's live definition that find the caller's row.
fn function_reads(db: &Database, function: &FunctionRecord) -> Vec<TableRead> {
    let Some(definition) = function.definitions.last() else {
        return Vec::new();
    };
    let Some(body) = &definition.def.body else {
        return Vec::new();
    };
    body.queries(definition.at.source)
        .iter()
        .flat_map(|query| query.queries())
        .flat_map(|query| query_reads(query, db))
        .collect()
}

/// Every access column of the end state, with what trusts it.
fn access_columns(db: &Database, config: &Config) -> Vec<AccessColumn> {
    let mut found = Vec::new();
    let mut push = |read: TableRead, trusted_by: &Trust| {
        if read.identity_columns.is_empty() {
            return;
        }
        for column in read.columns {
            found.push(AccessColumn {
                table: read.table.clone(),
                column,
                identity_columns: read.identity_columns.clone(),
                trusted_by: trusted_by.clone(),
            });
        }
    };
    let mut trusted_functions: BTreeSet<QualifiedName> = config
        .authorization_functions
        .iter()
        .chain(&config.admin_function)
        .map(|name| QualifiedName::parse(name))
        .collect();
    for policy in db.policies.live() {
        let trust = Trust::Policy(policy.name.clone(), policy.table.clone());
        for clause in [&policy.using, &policy.with_check].into_iter().flatten() {
            for read in tables_read(clause.expr, db) {
                // A policy reading its own table is about its own rows, not the caller's.
                if read.table != policy.table {
                    push(read, &trust);
                }
            }
            trusted_functions.extend(called_functions(clause.expr));
        }
    }
    for function in db.functions.live() {
        if trusted_functions.contains(&function.name) {
            let trust = Trust::Function(function.name.clone());
            for read in function_reads(db, function) {
                push(read, &trust);
            }
        }
    }
    found
}

/// Whether something other than the writing policy's own check pins `column` for
/// `command`: a restrictive policy that mentions it, or a `BEFORE` trigger on the table.
fn pinned_elsewhere(
    db: &Database,
    table: &TableRecord,
    command: PolicyCommand,
    column: &str,
) -> bool {
    let name = table.current_name();
    let event = command.keyword().to_ascii_lowercase();
    let restricted = db.live_policies_on(name).any(|p| {
        !p.is_permissive()
            && p.applies_to(command)
            && p.applies_to_role("authenticated")
            && [&p.using, &p.with_check]
                .into_iter()
                .flatten()
                .any(|c| mentions_column(c.expr, column))
    });
    let triggered = db
        .triggers
        .live()
        .any(|t| &t.table == name && t.runs_before(&event));
    restricted || triggered
}

/// Every open access column, once per table, column, policy and kind.
pub fn escalations<'h, 'a>(db: &'h Database<'a>, config: &Config) -> Vec<Escalation<'h, 'a>> {
    let mut by_table: HashMap<QualifiedName, Vec<&'h PolicyRecord<'a>>> = HashMap::new();
    for policy in db.policies.live() {
        by_table
            .entry(policy.table.clone())
            .or_default()
            .push(policy);
    }
    let mut found: Vec<Escalation> = Vec::new();
    for access in access_columns(db, config) {
        let Some(table) = db.live_table(&access.table) else {
            continue;
        };
        if !table.is_rls_enabled() {
            continue;
        }
        // A column that is a key by itself cannot take another row's value: the insert or
        // update fails on the unique index.
        let key_alone = [access.column.clone()];
        let is_unique = table
            .keys
            .iter()
            .filter(|k| k.kind != ConstraintKind::ForeignKey)
            .map(|k| k.columns.as_slice())
            .chain(
                db.live_indexes_of_table(table)
                    .filter(|i| i.is_unique && !i.is_partial)
                    .map(|i| i.columns.as_slice()),
            )
            .any(|columns| columns == key_alone);
        if is_unique {
            continue;
        }
        let held = db.effective_table_privileges(table, "authenticated");
        for policy in by_table.get(&access.table).into_iter().flatten() {
            if !policy.is_permissive() || !policy.applies_to_role("authenticated") {
                continue;
            }
            for command in [PolicyCommand::Update, PolicyCommand::Insert] {
                let privilege = command.keyword().to_ascii_lowercase();
                let (Some(admits), Some(check)) = (
                    deciding_clause(policy, command),
                    match command {
                        PolicyCommand::Update => check_clause(policy),
                        _ => deciding_clause(policy, command),
                    },
                ) else {
                    continue;
                };
                // `USING (true)` admits every row, the caller's own among them.
                let owns_row = admits.expr.is_true_literal()
                    || owner_columns(admits.expr)
                        .iter()
                        .any(|c| access.identity_columns.contains(c));
                let open = policy.applies_to(command)
                    && owns_row
                    && held.covers_column(&privilege, &access.column)
                    && !mentions_column(check.expr, &access.column)
                    && !pinned_elsewhere(db, table, command, &access.column);
                if !open {
                    continue;
                }
                let kind = match command {
                    PolicyCommand::Update => EscalationKind::Update,
                    _ => EscalationKind::Insert,
                };
                let seen = found.iter().any(|e| {
                    e.table == access.table
                        && e.column == access.column
                        && std::ptr::eq(e.policy, *policy)
                        && e.kind == kind
                });
                if !seen {
                    found.push(Escalation {
                        kind,
                        table: access.table.clone(),
                        column: access.column.clone(),
                        policy,
                        trusted_by: access.trusted_by.clone(),
                    });
                }
            }
        }
    }
    found
}
