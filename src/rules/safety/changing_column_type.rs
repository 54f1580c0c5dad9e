use crate::declare_rule;
use crate::facts::{AlterTableActionKind, CreateDetail, ObjectName, StatementKind};
use crate::rules::support::column_types::TypeName;
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when `ALTER COLUMN … TYPE` rewrites an existing table under an `ACCESS EXCLUSIVE` lock.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ALTER COLUMN … [SET DATA] TYPE …` on a table that is not created
    /// earlier in the same file. Changes PostgreSQL makes without touching the rows are fine
    /// when the history shows the old type: `varchar(n)` or `text` to `text` or unlimited
    /// `varchar`, `varchar(n)` to a longer `varchar(m)`, `numeric(p, s)` to a larger precision
    /// with the same scale or to unconstrained `numeric`.
    ///
    /// ## Why is this bad?
    /// Most type changes rewrite the whole table and rebuild its indexes while holding an
    /// `ACCESS EXCLUSIVE` lock, which blocks every read and write until the rewrite ends. The
    /// new type can also break clients that read the column (and types generated with
    /// `supabase gen types`).
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.orders alter column total type numeric(12, 2);
    /// ```
    ///
    /// Use instead: add a column of the new type, backfill it in batches, switch readers over,
    /// then drop the old one.
    /// ```sql
    /// alter table public.orders add column if not exists total_exact numeric(12, 2);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … SET DATA TYPE (notes)](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES)
    /// - Squawk: `changing-column-type`
    pub ChangingColumnType {
        id: "changing-column-type",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:changing-column-type"],
        messages: {
            changingType: {
                message: "Changing column `{column}` of `{table}` to `{type}` rewrites the table while locking it.",
                help: "Add a new column of that type, backfill it in batches and switch readers over.",
            },
        },
    }
}

impl Rule for ChangingColumnType {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                let AlterTableActionKind::AlterColumnType {
                    column, data_type, ..
                } = &action.kind
                else {
                    continue;
                };
                let previous = previous_type(ctx, table, column, statement.index);
                if previous.is_some_and(|old| keeps_rows(&old, data_type)) {
                    continue;
                }
                findings.report(
                    "changingType",
                    action.span,
                    vec![
                        ("column", column.clone()),
                        ("table", table.display()),
                        ("type", data_type.clone()),
                    ],
                );
            }
        }
    }
}

/// The type the history last gave `table.column` before statement `before` of this file.
fn previous_type(
    ctx: &RuleContext,
    table: &ObjectName,
    column: &str,
    before: usize,
) -> Option<String> {
    let mut found = None;
    for (_, statement) in ctx
        .history
        .statements_before_naming(&table.name, ctx.file_index, before)
    {
        match &statement.kind {
            StatementKind::Create(create)
                if create.name.as_ref().is_some_and(|n| n.same_object(table)) =>
            {
                if let CreateDetail::Table(def) = &create.detail {
                    found = def
                        .columns
                        .iter()
                        .find(|c| c.name == column)
                        .map(|c| c.data_type.clone());
                }
            }
            StatementKind::AlterTable(alter)
                if alter.table.as_ref().is_some_and(|t| t.same_object(table)) =>
            {
                for action in &alter.actions {
                    match &action.kind {
                        AlterTableActionKind::AddColumn { column: def, .. }
                            if def.name == column =>
                        {
                            found = Some(def.data_type.clone());
                        }
                        AlterTableActionKind::AlterColumnType {
                            column: changed,
                            data_type,
                            ..
                        } if changed == column => found = Some(data_type.clone()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Whether PostgreSQL changes `old` to `new` without rewriting or scanning the rows.
fn keeps_rows(old: &str, new: &str) -> bool {
    let (old, new) = (TypeName::parse(old), TypeName::parse(new));
    if old.is_array() || new.is_array() {
        return false;
    }
    let is_varchar = |t: &TypeName| matches!(t.base.as_str(), "varchar" | "character varying");
    let limit = |t: &TypeName| -> Option<Vec<u32>> {
        t.modifiers.as_ref().map(|m| {
            m.trim_matches(['(', ')'])
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
    };
    let is_text_like = |t: &TypeName| t.base == "text" || is_varchar(t);
    let is_unlimited_text =
        |t: &TypeName| t.base == "text" || (is_varchar(t) && t.modifiers.is_none());
    if is_text_like(&old) && is_unlimited_text(&new) {
        return true;
    }
    if is_varchar(&old) && is_varchar(&new) {
        return matches!((limit(&old), limit(&new)), (Some(o), Some(n)) if n.first() >= o.first());
    }
    if old.base == "numeric" && new.base == "numeric" {
        return match (limit(&old), limit(&new)) {
            (_, None) => true,
            (Some(o), Some(n)) => {
                n.first() >= o.first() && n.get(1).unwrap_or(&0) == o.get(1).unwrap_or(&0)
            }
            (None, Some(_)) => false,
        };
    }
    false
}
