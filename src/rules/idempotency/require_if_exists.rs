use std::collections::HashSet;

use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::{
    AlterTableActionKind, CreateDetail, Drop, ObjectKind, ObjectName, Statement, StatementKind,
};
use crate::rules::support::display::display_object;
use crate::rules::support::rewrite::keywords;
use crate::rules::support::text::capitalize;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `IF EXISTS` on `DROP` statements, `DROP COLUMN` and `DROP CONSTRAINT`, so a migration can run twice.
    ///
    /// ## What it does
    /// Flags `DROP TABLE`, `VIEW`, `MATERIALIZED VIEW`, `INDEX`, `SEQUENCE`, `FUNCTION`,
    /// `PROCEDURE`, `TRIGGER`, `POLICY`, `TYPE`, `DOMAIN`, `SCHEMA` and `EXTENSION`, and
    /// `ALTER TABLE … DROP COLUMN` / `DROP CONSTRAINT`, without `IF EXISTS`. Statements inside
    /// a `DO` block that guards them are fine, and so is dropping what the same file created,
    /// added or renamed to that name earlier: every run makes it again before dropping it.
    ///
    /// ## Why is this bad?
    /// The second application fails with `does not exist`, because the first one already
    /// dropped the object. That breaks re-running a migration after a partial failure, and
    /// every environment where the object was never created or was removed by hand.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// drop policy "Notes are public" on public.notes;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// drop policy if exists "Notes are public" on public.notes;
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix inserts `IF EXISTS`, which changes nothing when the object exists. When
    /// it does not, the statement becomes a notice instead of an error, which is the point;
    /// a misspelt name is then no longer reported by PostgreSQL.
    ///
    /// ## References
    /// - [PostgreSQL: DROP TABLE](https://www.postgresql.org/docs/current/sql-droptable.html)
    /// - [PostgreSQL: ALTER TABLE](https://www.postgresql.org/docs/current/sql-altertable.html)
    /// - Squawk: `prefer-robust-stmts`
    pub RequireIfExists {
        id: "require-if-exists",
        category: Idempotency,
        severity: Error,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-robust-stmts"],
        messages: {
            missingIfExists: {
                message: "{kind} `{name}` is dropped without `IF EXISTS`, so a rerun fails.",
                help: "Add `IF EXISTS`.",
            },
            missingIfExistsMany: {
                message: "{kinds} `{name}` are dropped without `IF EXISTS`, so a rerun fails.",
                help: "Add `IF EXISTS`.",
            },
            missingIfExistsOnTable: {
                message: "{kind} `{name}` on `{table}` is dropped without `IF EXISTS`, so a rerun fails.",
                help: "Add `IF EXISTS`.",
            },
            dropColumn: {
                message: "Column `{name}` of `{table}` is dropped without `IF EXISTS`, so a rerun fails.",
                help: "Add `IF EXISTS`.",
            },
            dropConstraint: {
                message: "Constraint `{name}` on `{table}` is dropped without `IF EXISTS`, so a rerun fails.",
                help: "Add `IF EXISTS`.",
            },
        },
    }
}

const OBJECTS: &[ObjectKind] = &[
    ObjectKind::Table,
    ObjectKind::View,
    ObjectKind::MaterializedView,
    ObjectKind::Index,
    ObjectKind::Sequence,
    ObjectKind::Function,
    ObjectKind::Procedure,
    ObjectKind::Trigger,
    ObjectKind::Policy,
    ObjectKind::Type,
    ObjectKind::Domain,
    ObjectKind::Schema,
    ObjectKind::Extension,
];

impl Rule for RequireIfExists {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let mut made = Made::default();
        for statement in ctx.statements() {
            if !statement.guarded {
                check_statement(ctx, statement, &made, findings);
            }
            made.record(statement);
        }
    }
}

fn check_statement(ctx: &RuleContext, statement: &Statement, made: &Made, findings: &mut Findings) {
    let text = ctx.text();
    let if_exists = format!(" {}", keywords(text, statement, "if exists"));
    match &statement.kind {
        StatementKind::Drop(drop)
            if OBJECTS.contains(&drop.object) && !drop.if_exists && !made.has_all(drop) =>
        {
            let span = match (drop.names.first(), drop.names.last()) {
                (Some(first), Some(last)) => first.span.cover(last.span),
                _ => statement.head_span().cover(drop.object_span),
            };
            let name = drop
                .names
                .iter()
                .map(|n| display_object(drop.object, n))
                .collect::<Vec<_>>()
                .join("`, `");
            let kind = capitalize(&drop.object.noun());
            let finding = match &drop.on_table {
                Some(table) => findings.report(
                    "missingIfExistsOnTable",
                    span,
                    vec![("kind", kind), ("name", name), ("table", table.display())],
                ),
                None if drop.names.len() > 1 => findings.report(
                    "missingIfExistsMany",
                    span,
                    vec![("kinds", plural(&kind)), ("name", name)],
                ),
                None => findings.report(
                    "missingIfExists",
                    span,
                    vec![("kind", kind), ("name", name)],
                ),
            };
            finding.fix(Edit::insert(drop.object_span.end, if_exists));
        }
        StatementKind::AlterTable(alter) => {
            let Some(table) = &alter.table else { return };
            for action in &alter.actions {
                let (message, name, name_span, insert_at, key) = match &action.kind {
                    AlterTableActionKind::DropColumn {
                        name,
                        name_span,
                        if_exists: false,
                        insert_at,
                    } => (
                        "dropColumn",
                        name,
                        name_span,
                        insert_at,
                        column_key(table, name),
                    ),
                    AlterTableActionKind::DropConstraint {
                        name,
                        name_span,
                        if_exists: false,
                        insert_at,
                    } => (
                        "dropConstraint",
                        name,
                        name_span,
                        insert_at,
                        constraint_key(table, name),
                    ),
                    _ => continue,
                };
                if made.has(&key) {
                    continue;
                }
                findings
                    .report(
                        message,
                        *name_span,
                        vec![("name", name.clone()), ("table", table.display())],
                    )
                    .fix(Edit::insert(*insert_at, if_exists.clone()));
            }
        }
        _ => {}
    }
}

/// What the statements read so far create, add, or rename something to: dropping it later in
/// the file is safe on every run. Keys are built by the `*_key` functions.
#[derive(Default)]
struct Made(HashSet<String>);

impl Made {
    fn has(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// Whether every object the drop names was made earlier.
    fn has_all(&self, drop: &Drop) -> bool {
        !drop.names.is_empty()
            && drop
                .names
                .iter()
                .all(|name| self.has(&object_key(drop.object, name, drop.on_table.as_ref())))
    }

    fn record(&mut self, statement: &Statement) {
        match &statement.kind {
            StatementKind::Create(create) => {
                let Some(name) = &create.name else { return };
                let table = match &create.detail {
                    CreateDetail::Trigger(trigger) => trigger.table.as_ref(),
                    CreateDetail::Policy(policy) => policy.table.as_ref(),
                    _ => None,
                };
                self.0.insert(object_key(create.object, name, table));
            }
            StatementKind::AlterType(alter) => {
                if let (Some(from), Some(to)) = (&alter.name, &alter.rename_to) {
                    let renamed = ObjectName {
                        name: to.clone(),
                        ..from.clone()
                    };
                    self.0.insert(object_key(ObjectKind::Type, &renamed, None));
                }
            }
            StatementKind::AlterTable(alter) => {
                let Some(table) = &alter.table else { return };
                for action in &alter.actions {
                    let key = match &action.kind {
                        AlterTableActionKind::AddColumn { column, .. } => {
                            column_key(table, &column.name)
                        }
                        AlterTableActionKind::RenameColumn { to, .. } => column_key(table, to),
                        AlterTableActionKind::AddConstraint(constraint) => {
                            let Some(name) = &constraint.name else {
                                continue;
                            };
                            constraint_key(table, name)
                        }
                        AlterTableActionKind::RenameTable { to } => {
                            let renamed = ObjectName {
                                name: to.clone(),
                                ..table.clone()
                            };
                            object_key(ObjectKind::Table, &renamed, None)
                        }
                        _ => continue,
                    };
                    self.0.insert(key);
                }
            }
            _ => {}
        }
    }
}

/// A trigger or policy is known by its name and table, an index by its name (it lives in its
/// table's schema), anything else by its schema-qualified name.
fn object_key(object: ObjectKind, name: &ObjectName, table: Option<&ObjectName>) -> String {
    match (object, table) {
        (ObjectKind::Trigger | ObjectKind::Policy, Some(table)) => {
            format!("{} {}\0{}", object.keyword(), name.name, table.display())
        }
        (ObjectKind::Index, _) => format!("INDEX {}", name.name),
        _ => format!("{} {}", object.keyword(), name.display()),
    }
}

fn column_key(table: &ObjectName, column: &str) -> String {
    format!("column {}\0{column}", table.display())
}

fn constraint_key(table: &ObjectName, constraint: &str) -> String {
    format!("constraint {}\0{constraint}", table.display())
}

/// The plural of an object noun: `Tables`, `Indexes`, `Policies`.
fn plural(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix('y') {
        format!("{stem}ies")
    } else if noun.ends_with('x') {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}
