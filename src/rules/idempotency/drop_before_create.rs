use std::collections::HashSet;

use crate::declare_rule;
use crate::facts::{
    AlterTableActionKind, ConstraintDef, ConstraintKind, CreateDetail, ObjectKind, ObjectName,
    Statement, StatementKind,
};
use crate::rules::support::display::display_object;
use crate::rules::support::rewrite::{
    insert_drop_on_table_before, insert_statement_before, keywords, wrap_in_exception_block,
};
use crate::rules::support::text::capitalize;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires policies, constraints, types, domains and publications to be dropped or guarded before they are created.
    ///
    /// ## What it does
    /// Flags `CREATE POLICY`, `ALTER TABLE … ADD CONSTRAINT`, `CREATE TYPE`, `CREATE DOMAIN`
    /// and `CREATE PUBLICATION` (none of which has `IF NOT EXISTS`) unless the same file drops
    /// the same object first (same name, same table; for a type, renaming it away counts
    /// too), or the statement is inside a `DO`
    /// block that guards it (`IF NOT EXISTS (…) THEN` or `EXCEPTION WHEN duplicate_object`).
    /// An unnamed `ADD CONSTRAINT` is flagged too: nothing can drop or find it by name.
    ///
    /// ## Why is this bad?
    /// The second application fails with `already exists`, or for an unnamed constraint
    /// silently adds a second copy of it. That breaks re-running a migration after a partial
    /// failure and every environment where the object was made by hand.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy "Notes are readable" on public.notes
    ///   for select to authenticated using (true);
    /// ```
    ///
    /// ```sql,expect_diagnostic
    /// create type public.note_status as enum ('draft', 'published');
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// drop policy if exists "Notes are readable" on public.notes;
    /// create policy "Notes are readable" on public.notes
    ///   for select to authenticated using (true);
    ///
    /// do $$ begin
    ///   create type public.note_status as enum ('draft', 'published');
    /// exception when duplicate_object then null;
    /// end $$;
    /// ```
    ///
    /// ## Fix safety
    /// Safe. A policy gets `DROP POLICY IF EXISTS name ON table;` before it and a
    /// publication `DROP PUBLICATION IF EXISTS name;`: both are recreated at once, in the
    /// same transaction. Types, domains and constraints are never dropped (columns and
    /// other objects depend on them, and dropping a type loses data): the fix wraps the
    /// statement in `DO $$ BEGIN … EXCEPTION WHEN … THEN NULL; END $$`, catching exactly the
    /// error PostgreSQL raises for the existing object: `duplicate_object` for types,
    /// domains, check and foreign-key constraints, `duplicate_table` for unique and
    /// exclusion constraints (their index already exists) and `invalid_table_definition`
    /// for a primary key (`multiple primary keys … are not allowed`). Inside a `DO` body the
    /// wrapper is a nested `BEGIN … EXCEPTION … END` block. Unnamed constraints and
    /// `… USING INDEX` constraints (whose re-run fails with a different error each time)
    /// get no fix.
    ///
    /// ## References
    /// - [PostgreSQL: CREATE POLICY](https://www.postgresql.org/docs/current/sql-createpolicy.html)
    /// - [PostgreSQL: Trapping errors in PL/pgSQL](https://www.postgresql.org/docs/current/plpgsql-control-structures.html#PLPGSQL-ERROR-TRAPPING)
    /// - [PostgreSQL: Error codes](https://www.postgresql.org/docs/current/errcodes-appendix.html)
    /// - Squawk: `prefer-robust-stmts`
    pub DropBeforeCreate {
        id: "drop-before-create",
        category: Idempotency,
        severity: Error,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-robust-stmts"],
        messages: {
            policy: {
                message: "Policy `{name}` on `{table}` is created without being dropped first, so a rerun fails.",
                help: "Add `DROP POLICY IF EXISTS` before it.",
            },
            publication: {
                message: "Publication `{name}` is created without being dropped first, so a rerun fails.",
                help: "Add `DROP PUBLICATION IF EXISTS` before it.",
            },
            typeOrDomain: {
                message: "{kind} `{name}` is created without a guard, so a rerun fails.",
                help: "Wrap it in a `DO` block that catches `duplicate_object`; dropping it would cascade to the columns that use it.",
            },
            constraint: {
                message: "Constraint `{name}` on `{table}` is added without a guard, so a rerun fails.",
                help: "Wrap it in a `DO` block that catches `{condition}`.",
            },
            constraintUsingIndex: {
                message: "Constraint `{name}` on `{table}` is added from an index without a guard, so a rerun fails.",
                help: "Add it in a `DO` block only when `pg_constraint` has no constraint of that name.",
            },
            unnamedConstraint: {
                message: "This {kind} constraint on `{table}` has no name, so a rerun fails or duplicates it.",
                help: "Name it with `CONSTRAINT <name>` and guard it with a `DO` block.",
            },
        },
    }
}

impl Rule for DropBeforeCreate {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let mut removed = Removed::default();
        for statement in ctx.statements() {
            if !statement.guarded {
                check_statement(ctx, statement, &removed, findings);
            }
            removed.record(statement);
        }
    }
}

fn check_statement(
    ctx: &RuleContext,
    statement: &Statement,
    removed: &Removed,
    findings: &mut Findings,
) {
    match &statement.kind {
        StatementKind::Create(create) => {
            let Some(name) = &create.name else { return };
            match (&create.object, &create.detail) {
                (ObjectKind::Policy, CreateDetail::Policy(policy)) => {
                    if let Some(table) = &policy.table {
                        if !removed.has(&policy_key(&name.name, table)) {
                            report_policy(ctx, statement, name, table, findings);
                        }
                    }
                }
                (ObjectKind::Type | ObjectKind::Domain, _)
                    if !removed.has(&object_key(create.object, name)) =>
                {
                    report_type(ctx, statement, create.object, name, findings);
                }
                (ObjectKind::Publication, _) if !removed.has(&publication_key(&name.name)) => {
                    report_publication(ctx, statement, name, findings);
                }
                _ => {}
            }
        }
        StatementKind::AlterTable(_) => check_constraints(ctx, statement, removed, findings),
        _ => {}
    }
}

/// What the statements read so far removed (dropped, or renamed away), so creating it again
/// is safe on every run. Keys are built by the `*_key` functions.
#[derive(Default)]
struct Removed(HashSet<String>);

impl Removed {
    fn has(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    fn record(&mut self, statement: &Statement) {
        match &statement.kind {
            StatementKind::Drop(drop) => {
                for name in &drop.names {
                    let key = match (drop.object, &drop.on_table) {
                        (ObjectKind::Policy, Some(table)) => policy_key(&name.name, table),
                        (ObjectKind::Publication, _) => publication_key(&name.name),
                        (ObjectKind::Type | ObjectKind::Domain, _) => object_key(drop.object, name),
                        _ => continue,
                    };
                    self.0.insert(key);
                }
            }
            // `ALTER TYPE x RENAME TO x__old; CREATE TYPE x …`: each run frees the name first.
            StatementKind::AlterType(alter) if alter.rename_to.is_some() => {
                if let Some(name) = &alter.name {
                    self.0.insert(object_key(ObjectKind::Type, name));
                }
            }
            StatementKind::AlterTable(alter) => {
                let Some(table) = &alter.table else { return };
                for action in &alter.actions {
                    if let AlterTableActionKind::DropConstraint { name, .. } = &action.kind {
                        self.0.insert(constraint_key(table, name));
                    }
                }
            }
            _ => {}
        }
    }
}

fn policy_key(name: &str, table: &ObjectName) -> String {
    format!("policy {name}\0{}", table.display())
}

fn publication_key(name: &str) -> String {
    format!("publication {name}")
}

fn object_key(object: ObjectKind, name: &ObjectName) -> String {
    format!("{} {}", object.keyword(), name.display())
}

fn constraint_key(table: &ObjectName, name: &str) -> String {
    format!("constraint {}\0{name}", table.display())
}

fn report_policy(
    ctx: &RuleContext,
    statement: &Statement,
    name: &ObjectName,
    table: &ObjectName,
    findings: &mut Findings,
) {
    findings
        .report(
            "policy",
            name.span,
            vec![("name", name.name.clone()), ("table", table.display())],
        )
        .fix(insert_drop_on_table_before(
            ctx.file,
            statement,
            "drop policy if exists",
            name,
            table,
        ));
}

fn report_publication(
    ctx: &RuleContext,
    statement: &Statement,
    name: &ObjectName,
    findings: &mut Findings,
) {
    let text = ctx.text();
    let drop = format!(
        "{} {}",
        keywords(text, statement, "drop publication if exists"),
        name.span.text(text)
    );
    findings
        .report(
            "publication",
            name.span,
            vec![("name", display_object(ObjectKind::Publication, name))],
        )
        .fix(insert_statement_before(ctx.file, statement, &drop));
}

fn report_type(
    ctx: &RuleContext,
    statement: &Statement,
    object: ObjectKind,
    name: &ObjectName,
    findings: &mut Findings,
) {
    findings
        .report(
            "typeOrDomain",
            name.span,
            vec![
                ("kind", capitalize(&object.noun())),
                ("name", name.display()),
            ],
        )
        .fix(wrap_in_exception_block(
            ctx.file,
            statement,
            &["duplicate_object"],
        ));
}

/// The PL/pgSQL condition that re-adding an existing constraint of `kind` raises
/// (checked on PostgreSQL 15).
fn duplicate_condition(kind: &ConstraintKind) -> &'static str {
    match kind {
        // `multiple primary keys for table … are not allowed` (42P16) comes first.
        ConstraintKind::PrimaryKey => "invalid_table_definition",
        // The constraint's index name is taken: `relation … already exists` (42P07).
        ConstraintKind::Unique | ConstraintKind::Exclude => "duplicate_table",
        _ => "duplicate_object",
    }
}

fn check_constraints(
    ctx: &RuleContext,
    statement: &Statement,
    removed: &Removed,
    findings: &mut Findings,
) {
    let StatementKind::AlterTable(alter) = &statement.kind else {
        return;
    };
    let Some(table) = &alter.table else { return };
    let mut unguarded: Vec<&ConstraintDef> = Vec::new();
    for (i, action) in alter.actions.iter().enumerate() {
        let AlterTableActionKind::AddConstraint(constraint) = &action.kind else {
            continue;
        };
        let is_guarded = constraint.name.as_deref().is_some_and(|name| {
            let dropped_in_statement = alter.actions[..i].iter().any(|a| {
                matches!(&a.kind, AlterTableActionKind::DropConstraint { name: dropped, .. } if dropped == name)
            });
            dropped_in_statement || removed.has(&constraint_key(table, name))
        });
        if !is_guarded {
            unguarded.push(constraint);
        }
    }
    if unguarded.is_empty() {
        return;
    }
    // One wrapper covers the statement, so it catches what any of its constraints raises.
    let is_fixable =
        unguarded.iter().any(|c| c.name.is_some()) && unguarded.iter().all(|c| !c.uses_index);
    let mut conditions: Vec<&str> = Vec::new();
    for constraint in unguarded.iter().filter(|c| c.name.is_some()) {
        let condition = duplicate_condition(&constraint.kind);
        if !conditions.contains(&condition) {
            conditions.push(condition);
        }
    }
    let fix = is_fixable.then(|| wrap_in_exception_block(ctx.file, statement, &conditions));
    for constraint in unguarded {
        let finding = match (&constraint.name, constraint.name_span) {
            (Some(name), Some(name_span)) if constraint.uses_index => findings.report(
                "constraintUsingIndex",
                name_span,
                vec![("name", name.clone()), ("table", table.display())],
            ),
            (Some(name), Some(name_span)) => findings.report(
                "constraint",
                name_span,
                vec![
                    ("name", name.clone()),
                    ("table", table.display()),
                    (
                        "condition",
                        duplicate_condition(&constraint.kind).to_string(),
                    ),
                ],
            ),
            _ => findings.report(
                "unnamedConstraint",
                constraint.span,
                vec![
                    ("kind", constraint_noun(&constraint.kind).to_string()),
                    ("table", table.display()),
                ],
            ),
        };
        if let Some(fix) = &fix {
            finding.fix(fix.clone());
        }
    }
}

fn constraint_noun(kind: &ConstraintKind) -> &'static str {
    match kind {
        ConstraintKind::PrimaryKey => "`PRIMARY KEY`",
        ConstraintKind::Unique => "`UNIQUE`",
        ConstraintKind::ForeignKey => "`FOREIGN KEY`",
        ConstraintKind::Check => "`CHECK`",
        ConstraintKind::Exclude => "`EXCLUDE`",
        ConstraintKind::NotNull => "`NOT NULL`",
        ConstraintKind::Other => "table",
    }
}
