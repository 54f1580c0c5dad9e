use crate::declare_rule;
use crate::facts::AlterTableActionKind;
use crate::rules::support::column_types::{is_serial, TypeName};
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows adding a `NOT NULL` column without a `DEFAULT` to an existing table.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ADD COLUMN … NOT NULL` without a `DEFAULT`, unless the column fills
    /// itself (an identity, generated or serial column) or the table is created earlier in the
    /// same file.
    ///
    /// ## Why is this bad?
    /// Every existing row would get `NULL` in the new column, which `NOT NULL` forbids, so the
    /// migration fails with `column … contains null values` on any table that has a row. It
    /// passes on an empty local database and then fails on staging or production.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.notes add column if not exists owner_id uuid not null;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// alter table public.notes add column if not exists status text not null default 'draft';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … ADD COLUMN](https://www.postgresql.org/docs/current/sql-altertable.html)
    /// - Squawk: `adding-required-field`
    pub AddingRequiredField {
        id: "adding-required-field",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["squawk:adding-required-field"],
        messages: {
            requiredWithoutDefault: {
                message: "Column `{column}` is added to `{table}` as `NOT NULL` without a default: it fails on any row.",
                help: "Add a `DEFAULT`, or add the column nullable, backfill it and set `NOT NULL` afterwards.",
            },
        },
    }
}

impl Rule for AddingRequiredField {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                let AlterTableActionKind::AddColumn { column, .. } = &action.kind else {
                    continue;
                };
                let fills_itself = column.default.is_some()
                    || column.is_identity
                    || column.is_generated
                    || is_serial(&TypeName::parse(&column.data_type).base);
                if column.is_not_null && !fills_itself {
                    findings.report(
                        "requiredWithoutDefault",
                        column.name_span,
                        vec![("column", column.name.clone()), ("table", table.display())],
                    );
                }
            }
        }
    }
}
