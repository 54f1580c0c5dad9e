//! Who can do what at the end of the history: for each table of an exposed schema (and
//! `storage.objects` per bucket), each API role and each command, no rows, every row, or
//! the rows the live policies admit (permissive ones OR-ed, restrictive ones AND-ed, as
//! Postgres combines them), and which columns the role may write.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::config::Config;
use crate::facts::expr::{required_values, Expr};
use crate::facts::PolicyCommand;
use crate::history::{Database, LiveClause, PolicyRecord, QualifiedName, TableRecord};

use super::conditions::tables_read;
use super::escalation::{escalations, Escalation};
use super::recursion::{recursions, Recursion};

/// The roles a Supabase client acts as.
pub const API_ROLES: [&str; 2] = ["anon", "authenticated"];

pub const COMMANDS: [PolicyCommand; 4] = [
    PolicyCommand::Select,
    PolicyCommand::Insert,
    PolicyCommand::Update,
    PolicyCommand::Delete,
];

/// What a role reaches with one command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    None,
    All,
    /// The rows the policies' conditions admit.
    Some,
}

/// A table (or one bucket of `storage.objects`) the API serves.
pub struct Relation<'h, 'a> {
    pub name: QualifiedName,
    /// The table's record; `None` for `storage.objects`, which the platform creates.
    pub table: Option<&'h TableRecord<'a>>,
    /// For `storage.objects`: the bucket these policies are scoped to.
    pub bucket: Option<String>,
    pub rls: bool,
    /// The live policies on it (for a bucket: scoped to it, or to no bucket).
    pub policies: Vec<&'h PolicyRecord<'a>>,
}

/// What one role reaches with one command on one relation.
pub struct Access<'h, 'a> {
    pub rows: Rows,
    /// The permissive policies that admit rows, with the clause that decides.
    pub permissive: Vec<(&'h PolicyRecord<'a>, &'h LiveClause<'a>)>,
    /// The restrictive policies every row must also pass.
    pub restrictive: Vec<(&'h PolicyRecord<'a>, &'h LiveClause<'a>)>,
    /// For `INSERT` and `UPDATE`: the columns the role may write (table or column grants).
    pub writable_columns: Vec<String>,
}

/// The clause that decides `command` for a policy: `USING` for reads, updates and deletes,
/// `WITH CHECK` for inserts (a `FOR ALL` policy without one uses its `USING`).
pub fn deciding_clause<'h, 'a>(
    policy: &'h PolicyRecord<'a>,
    command: PolicyCommand,
) -> Option<&'h LiveClause<'a>> {
    match command {
        PolicyCommand::Insert => policy.with_check.as_ref().or_else(|| {
            (policy.command() == PolicyCommand::All)
                .then_some(policy.using.as_ref())
                .flatten()
        }),
        _ => policy.using.as_ref(),
    }
}

/// The clause new and updated rows must pass: `WITH CHECK`, else `USING`.
pub fn check_clause<'h, 'a>(policy: &'h PolicyRecord<'a>) -> Option<&'h LiveClause<'a>> {
    policy.with_check.as_ref().or(policy.using.as_ref())
}

impl<'h, 'a> Relation<'h, 'a> {
    /// The live policies that apply to `role` and `command`.
    pub fn policies_for(
        &self,
        role: &str,
        command: PolicyCommand,
    ) -> impl Iterator<Item = &'h PolicyRecord<'a>> + '_ {
        let role = role.to_string();
        self.policies
            .iter()
            .copied()
            .filter(move |p| p.applies_to(command) && p.applies_to_role(&role))
    }

    pub fn access(&self, db: &Database<'a>, role: &str, command: PolicyCommand) -> Access<'h, 'a> {
        let privilege = command.keyword().to_ascii_lowercase();
        let (has_privilege, writable_columns) = match self.table {
            Some(table) => {
                let held = db.effective_table_privileges(table, role);
                let writable = match command {
                    PolicyCommand::Insert | PolicyCommand::Update => table
                        .columns
                        .iter()
                        .filter(|c| held.covers_column(&privilege, &c.name))
                        .map(|c| c.name.clone())
                        .collect(),
                    _ => Vec::new(),
                };
                (held.has_any(&privilege), writable)
            }
            // Supabase grants every privilege on `storage.objects` to the API roles.
            None => (true, Vec::new()),
        };
        let mut access = Access {
            rows: Rows::None,
            permissive: Vec::new(),
            restrictive: Vec::new(),
            writable_columns,
        };
        // Without USAGE on its schema the role cannot name the table at all.
        if !has_privilege || !db.has_schema_usage(&self.name.schema, role) {
            access.writable_columns.clear();
            return access;
        }
        if !self.rls {
            access.rows = Rows::All;
            return access;
        }
        for policy in self.policies_for(role, command) {
            let Some(clause) = deciding_clause(policy, command) else {
                continue;
            };
            if policy.is_permissive() {
                access.permissive.push((policy, clause));
            } else {
                access.restrictive.push((policy, clause));
            }
        }
        // A `false` (or `NULL`) condition admits no row: Postgres folds it away, and a
        // restrictive one refuses every row.
        let is_false = |clause: &LiveClause| {
            clause.expr.bool_value() == Some(false) || clause.expr.is_null_literal()
        };
        let admits_any = access
            .permissive
            .iter()
            .any(|(_, clause)| !is_false(clause));
        let refuses_all = access
            .restrictive
            .iter()
            .any(|(_, clause)| is_false(clause));
        let admits_all = access
            .permissive
            .iter()
            .any(|(_, clause)| clause.expr.is_true_literal());
        let restricts = access
            .restrictive
            .iter()
            .any(|(_, clause)| !clause.expr.is_true_literal());
        // Postgres checks every table the policies' subqueries read before it runs the
        // query: one the role may not read refuses the whole command.
        let reads_forbidden = access
            .permissive
            .iter()
            .chain(&access.restrictive)
            .flat_map(|(policy, clause)| {
                let check = (command == PolicyCommand::Update)
                    .then(|| check_clause(policy))
                    .flatten();
                [Some(*clause), check].into_iter().flatten()
            })
            .flat_map(|clause| tables_read(clause.expr, db))
            .any(|read| !can_read(db, &read.table, role));
        access.rows = if !admits_any || refuses_all || reads_forbidden {
            Rows::None
        } else if admits_all && !restricts {
            Rows::All
        } else {
            Rows::Some
        };
        if access.rows == Rows::None {
            access.writable_columns.clear();
        }
        access
    }
}

/// Whether `role` may `SELECT` from `table`: USAGE on its schema, and a select privilege on
/// a table of the history. Supabase grants the API roles nothing on `auth`'s tables; other
/// tables the history does not create are taken as readable.
fn can_read(db: &Database, table: &QualifiedName, role: &str) -> bool {
    if !db.has_schema_usage(&table.schema, role) {
        return false;
    }
    match db.live_table(table) {
        Some(record) => db
            .effective_table_privileges(record, role)
            .has_any("select"),
        None => table.schema != "auth",
    }
}

/// The access picture of the end state, each part computed on first use.
pub struct AccessModel<'h, 'a> {
    pub db: &'h Database<'a>,
    config: &'h Config,
    relations: OnceLock<Vec<Relation<'h, 'a>>>,
    recursions: OnceLock<Vec<Recursion<'h, 'a>>>,
    escalations: OnceLock<Vec<Escalation<'h, 'a>>>,
}

impl<'h, 'a> AccessModel<'h, 'a> {
    pub fn new(db: &'h Database<'a>, config: &'h Config) -> Self {
        AccessModel {
            db,
            config,
            relations: OnceLock::new(),
            recursions: OnceLock::new(),
            escalations: OnceLock::new(),
        }
    }

    /// Every table of an exposed schema, by name, then `storage.objects` per bucket.
    pub fn relations(&self) -> &[Relation<'h, 'a>] {
        self.relations.get_or_init(|| {
            let db = self.db;
            let mut policies: HashMap<&QualifiedName, Vec<&'h PolicyRecord<'a>>> = HashMap::new();
            for policy in db.policies.live() {
                policies.entry(&policy.table).or_default().push(policy);
            }
            let mut relations: Vec<Relation<'h, 'a>> = db
                .tables
                .live()
                .filter(|t| self.config.is_exposed(&t.current_name().schema))
                .map(|table| {
                    let name = table.current_name().clone();
                    Relation {
                        policies: policies.get(&name).cloned().unwrap_or_default(),
                        name,
                        table: Some(table),
                        bucket: None,
                        rls: table.is_rls_enabled(),
                    }
                })
                .collect();
            relations.sort_by(|a, b| a.name.cmp(&b.name));
            relations.extend(bucket_relations(db));
            relations
        })
    }

    /// Whether calling `function` checks who the caller is: `adminFunction`, one of
    /// `authorizationFunctions`, or a live `SECURITY DEFINER` function whose body reads the
    /// caller's identity (`auth.uid()`, `auth.jwt()`, `current_user`, the JWT settings).
    pub fn is_authorization_function(&self, function: &QualifiedName) -> bool {
        let configured = self
            .config
            .authorization_functions
            .iter()
            .chain(&self.config.admin_function)
            .any(|name| &QualifiedName::parse(name) == function);
        configured
            || self.db.functions.live().any(|f| {
                let last = f.definitions.len().saturating_sub(1);
                &f.name == function
                    && f.is_security_definer(last)
                    && f.definitions.last().is_some_and(|d| {
                        d.def.body.as_ref().is_some_and(|body| {
                            body.reads_caller_identity(d.at.source)
                                || body.calls(d.at.source, "auth.uid")
                                || body.calls(d.at.source, "auth.jwt")
                        })
                    })
            })
    }

    /// The live policies that fail with infinite recursion ([`super::recursion`]).
    pub fn recursions(&self) -> &[Recursion<'h, 'a>] {
        self.recursions.get_or_init(|| recursions(self.db))
    }

    /// The access columns users can change ([`super::escalation`]).
    pub fn escalations(&self) -> &[Escalation<'h, 'a>] {
        self.escalations
            .get_or_init(|| escalations(self.db, self.config))
    }
}

/// `storage.objects` once per bucket of the history, with the policies scoped to it (or to
/// no bucket in particular).
fn bucket_relations<'h, 'a>(db: &'h Database<'a>) -> Vec<Relation<'h, 'a>> {
    let objects = QualifiedName::parse("storage.objects");
    let policies: Vec<&PolicyRecord> = db.live_policies_on(&objects).collect();
    let mut ids: Vec<&str> = db.buckets.iter().map(|b| b.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|id| Relation {
            name: objects.clone(),
            table: None,
            bucket: Some(id.to_string()),
            // Supabase turns RLS on for `storage.objects`.
            rls: true,
            policies: policies
                .iter()
                .copied()
                .filter(|p| scoped_buckets(p).is_none_or(|buckets| buckets.iter().any(|b| b == id)))
                .collect(),
        })
        .collect()
}

/// The buckets a storage policy is limited to; `None` when it covers every bucket.
pub fn scoped_buckets(policy: &PolicyRecord) -> Option<Vec<String>> {
    let clauses: Vec<&Expr> = [&policy.using, &policy.with_check]
        .into_iter()
        .flatten()
        .map(|c| c.expr)
        .collect();
    let mut buckets: Option<Vec<String>> = None;
    for expr in clauses {
        let values = required_values(expr, "bucket_id")?;
        buckets.get_or_insert_with(Vec::new).extend(values);
    }
    buckets
}
