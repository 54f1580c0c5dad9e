use crate::declare_rule;
use crate::facts::{AlterTableActionKind, ConstraintKind, ObjectName, StatementKind};
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when `SET NOT NULL` scans an existing table under an `ACCESS EXCLUSIVE` lock.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ALTER COLUMN … SET NOT NULL` on a table that is not created
    /// earlier in the same file, unless an earlier migration already added and validated
    /// `CHECK (column IS NOT NULL)` on it: PostgreSQL 12 and later then skip the scan.
    ///
    /// ## Why is this bad?
    /// PostgreSQL checks every row for `NULL` while it holds an `ACCESS EXCLUSIVE` lock, which
    /// blocks every read and write of the table (and the Data API requests behind them) until
    /// the scan ends. On a large table that is an outage.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.notes alter column owner_id set not null;
    /// ```
    ///
    /// Use instead:
    /// ```sql,file=20240101000000_check.sql
    /// alter table public.notes add constraint notes_owner_id_not_null check (owner_id is not null) not valid;
    /// ```
    ///
    /// and, in a later migration once that one is applied:
    /// ```sql,file=20240102000000_validate.sql
    /// alter table public.notes validate constraint notes_owner_id_not_null;
    /// ```
    ///
    /// A third migration can then `SET NOT NULL` without scanning: PostgreSQL 12 and later
    /// read the validated check instead, and this rule knows it from the history.
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … SET NOT NULL](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL)
    /// - Squawk: `adding-not-nullable-field`
    pub SetNotNull {
        id: "set-not-null",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:adding-not-nullable-field"],
        messages: {
            setNotNull: {
                message: "Setting column `{column}` of `{table}` to `NOT NULL` scans the table while locking it.",
                help: "Add `CHECK ({column} IS NOT NULL) NOT VALID`, validate it in a later migration, then set `NOT NULL`.",
            },
        },
    }
}

impl Rule for SetNotNull {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                let AlterTableActionKind::SetNotNull { column } = &action.kind else {
                    continue;
                };
                if has_valid_not_null_check(ctx, table, column, statement.index) {
                    continue;
                }
                findings.report(
                    "setNotNull",
                    action.span,
                    vec![("column", column.clone()), ("table", table.display())],
                );
            }
        }
    }
}

/// Whether the history, before statement `before` of this file, gives `table` a validated
/// `CHECK (column IS NOT NULL)`: added without `NOT VALID`, or validated afterwards.
fn has_valid_not_null_check(
    ctx: &RuleContext,
    table: &ObjectName,
    column: &str,
    before: usize,
) -> bool {
    let mut checks: Vec<(String, bool)> = Vec::new();
    for (_, statement) in ctx
        .history
        .statements_before_naming(&table.name, ctx.file_index, before)
    {
        let StatementKind::AlterTable(alter) = &statement.kind else {
            continue;
        };
        if !alter.table.as_ref().is_some_and(|t| t.same_object(table)) {
            continue;
        }
        for action in &alter.actions {
            match &action.kind {
                AlterTableActionKind::AddConstraint(constraint)
                    if constraint.kind == ConstraintKind::Check
                        && constraint.not_null_columns.iter().any(|c| c == column) =>
                {
                    let name = constraint.name.clone().unwrap_or_default();
                    checks.push((name, !constraint.is_not_valid));
                }
                AlterTableActionKind::ValidateConstraint { name } => {
                    for check in checks.iter_mut().filter(|(n, _)| n == name) {
                        check.1 = true;
                    }
                }
                AlterTableActionKind::DropConstraint { name, .. } => {
                    checks.retain(|(n, _)| n != name);
                }
                _ => {}
            }
        }
    }
    checks.iter().any(|(_, is_valid)| *is_valid)
}
