use crate::declare_rule;
use crate::facts::{
    AlterTableActionKind, ConstraintDef, ConstraintKind, CreateDetail, ObjectKind, ObjectName,
    Statement, StatementKind,
};
use crate::rules::support::rewrite::{insert_statement_before, keywords, wrap_in_exception_block};
use crate::rules::support::text::capitalize;
use crate::rules::{Findings, Rule, RuleContext, RuleMeta};

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
            policy: "Policy `{name}` on `{table}` is created without dropping it first, so applying this migration twice fails because it already exists; add `DROP POLICY IF EXISTS` before it.",
            publication: "Publication `{name}` is created without dropping it first, so applying this migration twice fails because it already exists; add `DROP PUBLICATION IF EXISTS` before it.",
            typeOrDomain: "{kind} `{name}` is created without a guard, so applying this migration twice fails because it already exists; wrap it in a `DO` block that catches `duplicate_object` (dropping it instead would fail or cascade to the columns that use it).",
            constraint: "Constraint `{name}` on `{table}` is added without a guard, so applying this migration twice fails because it already exists; wrap it in a `DO` block that catches `{condition}`.",
            constraintUsingIndex: "Constraint `{name}` on `{table}` is added from an existing index without a guard, so applying this migration twice fails because the index already belongs to the constraint; add it in a `DO` block only when `pg_constraint` has no constraint of that name.",
            unnamedConstraint: "This {kind} constraint on `{table}` has no name, so applying this migration twice fails or adds a second copy of it; name it with `CONSTRAINT <name>` and guard it with a `DO` block.",
        },
    }
}

impl Rule for DropBeforeCreate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let statements = ctx.statements();
        for statement in statements.iter().filter(|s| !s.guarded) {
            match &statement.kind {
                StatementKind::Create(create) => {
                    let Some(name) = &create.name else { continue };
                    match (&create.object, &create.detail) {
                        (ObjectKind::Policy, CreateDetail::Policy(policy)) => {
                            if let Some(table) = &policy.table {
                                check_policy(ctx, statement, name, table, findings);
                            }
                        }
                        (ObjectKind::Type | ObjectKind::Domain, _) => {
                            check_type(ctx, statement, create.object, name, findings);
                        }
                        (ObjectKind::Publication, _) => {
                            check_publication(ctx, statement, name, findings);
                        }
                        _ => {}
                    }
                }
                StatementKind::AlterTable(_) => check_constraints(ctx, statement, findings),
                _ => {}
            }
        }
    }
}

/// The statements of the file before `statement`.
fn earlier<'a>(ctx: &RuleContext<'a>, statement: &Statement) -> &'a [Statement] {
    let statements = ctx.statements();
    &statements[..statement.index.min(statements.len())]
}

fn is_dropped(
    statements: &[Statement],
    object: ObjectKind,
    matches: impl Fn(&crate::facts::Drop) -> bool,
) -> bool {
    statements.iter().any(|s| match &s.kind {
        StatementKind::Drop(drop) => drop.object == object && matches(drop),
        _ => false,
    })
}

fn check_policy(
    ctx: &RuleContext,
    statement: &Statement,
    name: &ObjectName,
    table: &ObjectName,
    findings: &mut Findings,
) {
    let dropped = is_dropped(earlier(ctx, statement), ObjectKind::Policy, |drop| {
        drop.names.iter().any(|n| n.name == name.name)
            && drop.on_table.as_ref().is_some_and(|t| t.same_object(table))
    });
    if dropped {
        return;
    }
    let text = ctx.text();
    let drop = format!(
        "{} {} {} {}",
        keywords(text, statement, "drop policy if exists"),
        name.span.text(text),
        keywords(text, statement, "on"),
        table.span.text(text)
    );
    findings
        .report(
            "policy",
            name.span,
            vec![("name", name.name.clone()), ("table", table.qualified())],
        )
        .fix(insert_statement_before(text, statement, &drop));
}

fn check_publication(
    ctx: &RuleContext,
    statement: &Statement,
    name: &ObjectName,
    findings: &mut Findings,
) {
    let dropped = is_dropped(earlier(ctx, statement), ObjectKind::Publication, |drop| {
        drop.names.iter().any(|n| n.name == name.name)
    });
    if dropped {
        return;
    }
    let text = ctx.text();
    let drop = format!(
        "{} {}",
        keywords(text, statement, "drop publication if exists"),
        name.span.text(text)
    );
    findings
        .report("publication", name.span, vec![("name", name.qualified())])
        .fix(insert_statement_before(text, statement, &drop));
}

fn check_type(
    ctx: &RuleContext,
    statement: &Statement,
    object: ObjectKind,
    name: &ObjectName,
    findings: &mut Findings,
) {
    let dropped = is_dropped(earlier(ctx, statement), object, |drop| {
        drop.names.iter().any(|n| n.same_object(name))
    });
    // `ALTER TYPE x RENAME TO x__old; CREATE TYPE x …`: each run frees the name first.
    let renamed_away = earlier(ctx, statement).iter().any(|s| match &s.kind {
        StatementKind::AlterType(alter) => {
            alter.rename_to.is_some() && alter.name.as_ref().is_some_and(|n| n.same_object(name))
        }
        _ => false,
    });
    if dropped || renamed_away {
        return;
    }
    findings
        .report(
            "typeOrDomain",
            name.span,
            vec![
                ("kind", capitalize(&object.noun())),
                ("name", name.qualified()),
            ],
        )
        .fix(wrap_in_exception_block(
            ctx.text(),
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

fn check_constraints(ctx: &RuleContext, statement: &Statement, findings: &mut Findings) {
    let StatementKind::AlterTable(alter) = &statement.kind else {
        return;
    };
    let Some(table) = &alter.table else { return };
    let is_dropped_constraint = |name: &str, actions: &[crate::facts::AlterTableAction]| {
        actions.iter().any(|a| {
            matches!(&a.kind, AlterTableActionKind::DropConstraint { name: dropped, .. } if dropped == name)
        })
    };
    let dropped_earlier = |name: &str| {
        earlier(ctx, statement).iter().any(|s| match &s.kind {
            StatementKind::AlterTable(other) => {
                other.table.as_ref().is_some_and(|t| t.same_object(table))
                    && is_dropped_constraint(name, &other.actions)
            }
            _ => false,
        })
    };
    let mut unguarded: Vec<&ConstraintDef> = Vec::new();
    for (i, action) in alter.actions.iter().enumerate() {
        let AlterTableActionKind::AddConstraint(constraint) = &action.kind else {
            continue;
        };
        let is_guarded = constraint.name.as_deref().is_some_and(|name| {
            is_dropped_constraint(name, &alter.actions[..i]) || dropped_earlier(name)
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
    let fix = is_fixable.then(|| wrap_in_exception_block(ctx.text(), statement, &conditions));
    for constraint in unguarded {
        let finding = match (&constraint.name, constraint.name_span) {
            (Some(name), Some(name_span)) if constraint.uses_index => findings.report(
                "constraintUsingIndex",
                name_span,
                vec![("name", name.clone()), ("table", table.qualified())],
            ),
            (Some(name), Some(name_span)) => findings.report(
                "constraint",
                name_span,
                vec![
                    ("name", name.clone()),
                    ("table", table.qualified()),
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
                    ("table", table.qualified()),
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
