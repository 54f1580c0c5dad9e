use std::collections::HashSet;

use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::{CreateDetail, ObjectKind, ObjectName, StatementKind};
use crate::rules::support::rewrite::{insert_drop_on_table_before, keywords};
use crate::rules::support::text::capitalize;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `OR REPLACE` on `CREATE FUNCTION`, `PROCEDURE`, `VIEW` and `TRIGGER`, so a migration can run twice.
    ///
    /// ## What it does
    /// Flags `CREATE FUNCTION`, `CREATE PROCEDURE` and `CREATE VIEW` without `OR REPLACE`, and
    /// `CREATE TRIGGER` without `OR REPLACE` unless a `DROP TRIGGER IF EXISTS` of the same
    /// trigger on the same table comes before it in the file. Statements inside a `DO` block
    /// that guards them are fine.
    ///
    /// ## Why is this bad?
    /// The second application fails with `already exists`. `OR REPLACE` makes the statement
    /// define the object whether or not it is there, and also lets a later migration change a
    /// function body by running the same statement again.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create function public.touch() returns trigger language plpgsql as $$
    /// begin
    ///   new.updated_at = now();
    ///   return new;
    /// end $$;
    /// ```
    ///
    /// ```sql,expect_diagnostic
    /// create trigger notes_touch before update on public.notes
    ///   for each row execute function public.touch();
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace function public.touch() returns trigger language plpgsql as $$
    /// begin
    ///   new.updated_at = now();
    ///   return new;
    /// end $$;
    ///
    /// drop trigger if exists notes_touch on public.notes;
    /// create trigger notes_touch before update on public.notes
    ///   for each row execute function public.touch();
    /// ```
    ///
    /// ## Fix safety
    /// Safe. Functions, procedures and views get `OR REPLACE`, which defines the same object
    /// on a first run; re-running the same definition never hits the cases `OR REPLACE`
    /// refuses (a changed return type or dropped view columns). A trigger gets
    /// `DROP TRIGGER IF EXISTS name ON table;` before it, which also works for constraint
    /// triggers, where `OR REPLACE` is not allowed.
    ///
    /// ## References
    /// - [PostgreSQL: CREATE FUNCTION](https://www.postgresql.org/docs/current/sql-createfunction.html)
    /// - [PostgreSQL: CREATE VIEW](https://www.postgresql.org/docs/current/sql-createview.html)
    /// - [PostgreSQL: CREATE TRIGGER](https://www.postgresql.org/docs/current/sql-createtrigger.html)
    /// - Squawk: `prefer-robust-stmts`
    pub RequireOrReplace {
        id: "require-or-replace",
        category: Idempotency,
        severity: Error,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-robust-stmts"],
        messages: {
            missingOrReplace: {
                message: "{kind} `{name}` is created without `OR REPLACE`, so a rerun fails.",
                help: "Add `OR REPLACE`.",
            },
            trigger: {
                message: "Trigger `{name}` on `{table}` is created without `OR REPLACE` or a drop, so a rerun fails.",
                help: "Add `DROP TRIGGER IF EXISTS` before it.",
            },
        },
    }
}

const OBJECTS: &[ObjectKind] = &[
    ObjectKind::Function,
    ObjectKind::Procedure,
    ObjectKind::View,
];

impl Rule for RequireOrReplace {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        // `DROP TRIGGER name ON table` seen so far, as trigger keys.
        let mut dropped_triggers: HashSet<String> = HashSet::new();
        for statement in ctx.statements() {
            if let StatementKind::Drop(drop) = &statement.kind {
                if let (ObjectKind::Trigger, Some(table)) = (drop.object, &drop.on_table) {
                    for name in &drop.names {
                        dropped_triggers.insert(trigger_key(name, table));
                    }
                }
            }
            if statement.guarded {
                continue;
            }
            let StatementKind::Create(create) = &statement.kind else {
                continue;
            };
            if create.or_replace {
                continue;
            }
            let Some(name) = &create.name else { continue };
            if OBJECTS.contains(&create.object) {
                let or_replace = format!(" {}", keywords(text, statement, "or replace"));
                findings
                    .report(
                        "missingOrReplace",
                        name.span,
                        vec![
                            ("kind", capitalize(&create.object.noun())),
                            ("name", name.display()),
                        ],
                    )
                    .fix(Edit::insert(create.create_span.end, or_replace));
                continue;
            }
            let CreateDetail::Trigger(trigger) = &create.detail else {
                continue;
            };
            let Some(table) = &trigger.table else {
                continue;
            };
            if dropped_triggers.contains(&trigger_key(name, table)) {
                continue;
            }
            findings
                .report(
                    "trigger",
                    name.span,
                    vec![("name", name.name.clone()), ("table", table.display())],
                )
                .fix(insert_drop_on_table_before(
                    ctx.file,
                    statement,
                    "drop trigger if exists",
                    name,
                    table,
                ));
        }
    }
}

/// Identifies a trigger: its name and its table.
fn trigger_key(name: &ObjectName, table: &ObjectName) -> String {
    format!("{}\0{}", name.name, table.display())
}
