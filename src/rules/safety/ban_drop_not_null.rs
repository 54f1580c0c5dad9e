use crate::declare_rule;
use crate::facts::AlterTableActionKind;
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when `NOT NULL` is dropped from a column of an existing table.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ALTER COLUMN … DROP NOT NULL` on a table that is not created
    /// earlier in the same file.
    ///
    /// ## Why is this bad?
    /// Clients were written against a column that always has a value: app code typed by
    /// `supabase gen types` declares it non-nullable, and queries, views and functions compare
    /// it without `NULL` handling. Once rows with `NULL` appear they break or silently
    /// misbehave, and restoring `NOT NULL` later needs a backfill and a full scan.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.orders alter column customer_id drop not null;
    /// ```
    ///
    /// Use instead: keep the constraint and give new rows a value (a default or a placeholder
    /// row); if the column must become optional, update every client to handle `NULL` first.
    /// ```sql
    /// alter table public.orders alter column status set default 'pending';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … DROP NOT NULL](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL)
    /// - Squawk: `ban-drop-not-null`
    pub BanDropNotNull {
        id: "ban-drop-not-null",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:ban-drop-not-null"],
        messages: {
            dropNotNull: {
                message: "Dropping `NOT NULL` from column `{column}` of `{table}` lets `NULL` reach clients.",
                help: "Keep the constraint, or update every client (and `supabase gen types` output) to handle `NULL` first.",
            },
        },
    }
}

impl Rule for BanDropNotNull {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                if let AlterTableActionKind::DropNotNull { column } = &action.kind {
                    findings.report(
                        "dropNotNull",
                        action.span,
                        vec![("column", column.clone()), ("table", table.display())],
                    );
                }
            }
        }
    }
}
