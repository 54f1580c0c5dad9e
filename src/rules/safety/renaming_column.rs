use crate::declare_rule;
use crate::facts::AlterTableActionKind;
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a column of an existing table is renamed.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … RENAME [COLUMN] a TO b` on a table that is not created earlier in
    /// the same file.
    ///
    /// ## Why is this bad?
    /// The rename takes effect the moment the migration commits, but deployed clients (app
    /// versions in users' hands, edge functions, views and functions that name the column in
    /// text) still ask for the old name and start failing. Supabase's Data API exposes column
    /// names directly, so every `select('old_name')` breaks.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.profiles rename column full_name to display_name;
    /// ```
    ///
    /// Use instead: add the new column, write both, switch readers, then drop the old one.
    /// ```sql
    /// alter table public.profiles add column if not exists display_name text;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … RENAME](https://www.postgresql.org/docs/current/sql-altertable.html)
    /// - Squawk: `renaming-column`
    pub RenamingColumn {
        id: "renaming-column",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:renaming-column"],
        messages: {
            renamingColumn: {
                message: "Renaming column `{from}` of `{table}` to `{to}` breaks clients still using it.",
                help: "Add `{to}` as a new column, backfill it, and drop `{from}` once no client uses it.",
            },
        },
    }
}

impl Rule for RenamingColumn {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                if let AlterTableActionKind::RenameColumn { from, to } = &action.kind {
                    findings.report(
                        "renamingColumn",
                        action.span,
                        vec![
                            ("from", from.clone()),
                            ("to", to.clone()),
                            ("table", table.display()),
                        ],
                    );
                }
            }
        }
    }
}
