use crate::declare_rule;
use crate::facts::AlterTableActionKind;
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when an existing table is renamed.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … RENAME TO …` on a table that is not created earlier in the same
    /// file.
    ///
    /// ## Why is this bad?
    /// Deployed clients keep querying the old name and start failing the moment the migration
    /// commits: the Data API serves tables by name, so every `from('old_name')` breaks. Code
    /// that names the table in text (function bodies, cron jobs, edge functions) breaks too.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.todos rename to tasks;
    /// ```
    ///
    /// Use instead: create the new table (or a view under the old name) and move clients over
    /// before dropping the old one.
    /// ```sql
    /// create or replace view public.todos with (security_invoker = true) as select * from public.tasks;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … RENAME TO](https://www.postgresql.org/docs/current/sql-altertable.html)
    /// - Squawk: `renaming-table`
    pub RenamingTable {
        id: "renaming-table",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:renaming-table"],
        messages: {
            renamingTable: {
                message: "Renaming table `{table}` to `{to}` breaks clients still querying `{table}`.",
                help: "Move clients to a new table (or leave a view named `{table}`) before removing the old name.",
            },
        },
    }
}

impl Rule for RenamingTable {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                if let AlterTableActionKind::RenameTable { to } = &action.kind {
                    findings.report(
                        "renamingTable",
                        action.span,
                        vec![("table", table.display()), ("to", to.clone())],
                    );
                }
            }
        }
    }
}
