use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::{AlterTableActionKind, ObjectKind, StatementKind};
use crate::rules::support::display::display_created;
use crate::rules::support::text::{capitalize, keyword_case};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `IF NOT EXISTS` on `CREATE` statements and `ADD COLUMN`, so a migration can run twice.
    ///
    /// ## What it does
    /// Flags `CREATE TABLE`, `CREATE INDEX`, `CREATE SCHEMA`, `CREATE EXTENSION`,
    /// `CREATE SEQUENCE`, `CREATE MATERIALIZED VIEW`, `ALTER TABLE … ADD COLUMN` and
    /// `ALTER TYPE … ADD VALUE` without `IF NOT EXISTS`. Statements inside a `DO` block that
    /// guards them are fine.
    ///
    /// ## Why is this bad?
    /// The second application fails with `relation already exists` (or `column … already
    /// exists`), which breaks `supabase db reset` on a seeded branch, re-runs after a
    /// partial failure, and every environment where the object was created by hand.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.notes (id bigint primary key);
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix inserts `IF NOT EXISTS`, which changes nothing on a first run. An
    /// unnamed `CREATE INDEX ON …` gets no fix, because `IF NOT EXISTS` needs a name.
    ///
    /// ## References
    /// - [PostgreSQL: CREATE TABLE](https://www.postgresql.org/docs/current/sql-createtable.html)
    /// - Squawk: `prefer-robust-stmts`
    pub RequireIfNotExists {
        id: "require-if-not-exists",
        category: Idempotency,
        severity: Error,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-robust-stmts"],
        messages: {
            missingIfNotExists: {
                message: "{kind} `{name}` is created without `IF NOT EXISTS`, so a rerun fails.",
                help: "Add `IF NOT EXISTS`.",
            },
            unnamedIndex: {
                message: "This index has no name, so a rerun creates a duplicate index.",
                help: "Name it and add `IF NOT EXISTS`.",
            },
            addColumn: {
                message: "Column `{name}` is added without `IF NOT EXISTS`, so a rerun fails.",
                help: "Add `IF NOT EXISTS`.",
            },
            addValue: {
                message: "Enum value `{name}` is added without `IF NOT EXISTS`, so a rerun fails.",
                help: "Add `IF NOT EXISTS`.",
            },
        },
    }
}

const OBJECTS: &[ObjectKind] = &[
    ObjectKind::Table,
    ObjectKind::Index,
    ObjectKind::Schema,
    ObjectKind::Extension,
    ObjectKind::Sequence,
    ObjectKind::MaterializedView,
];

impl Rule for RequireIfNotExists {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        for statement in ctx.statements().iter().filter(|s| !s.guarded) {
            let case = statement.tokens.first().map(|t| t.text(text)).unwrap_or("");
            let if_not_exists = format!(" {}", keyword_case(case, "if not exists"));
            match &statement.kind {
                StatementKind::Create(create)
                    if OBJECTS.contains(&create.object) && !create.if_not_exists =>
                {
                    let Some(name) = &create.name else {
                        findings.report(
                            "unnamedIndex",
                            statement.head_span().cover(create.object_span),
                            vec![],
                        );
                        continue;
                    };
                    findings
                        .report(
                            "missingIfNotExists",
                            name.span,
                            vec![
                                ("kind", capitalize(&create.object.noun())),
                                ("name", display_created(create.object, name)),
                            ],
                        )
                        .fix(Edit::insert(create.object_span.end, if_not_exists));
                }
                StatementKind::AlterTable(alter) => {
                    for action in &alter.actions {
                        if let AlterTableActionKind::AddColumn {
                            column,
                            if_not_exists: false,
                            insert_at,
                        } = &action.kind
                        {
                            findings
                                .report(
                                    "addColumn",
                                    column.name_span,
                                    vec![("name", column.name.clone())],
                                )
                                .fix(Edit::insert(*insert_at, if_not_exists.clone()));
                        }
                    }
                }
                StatementKind::AlterType(alter) => {
                    if let Some(value) = alter.add_value.as_ref().filter(|v| !v.if_not_exists) {
                        findings
                            .report(
                                "addValue",
                                statement.head_span().cover(statement.span),
                                vec![("name", value.value.clone())],
                            )
                            .fix(Edit::insert(value.insert_at, if_not_exists));
                    }
                }
                _ => {}
            }
        }
    }
}
