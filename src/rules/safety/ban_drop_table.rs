use crate::declare_rule;
use crate::facts::{ObjectKind, StatementKind};
use crate::rules::support::new_tables::is_created_earlier_in_file;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a table is dropped.
    ///
    /// ## What it does
    /// Flags `DROP TABLE` of a table that is not created earlier in the same file.
    ///
    /// ## Why is this bad?
    /// Every row is gone for good, and every client still querying the table (deployed app
    /// versions, edge functions, views, functions and policies that reference it) fails the
    /// moment the migration commits. `DROP TABLE IF EXISTS` followed by `CREATE TABLE` to
    /// "reset" a table loses production data the same way.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// drop table if exists public.legacy_events;
    /// ```
    ///
    /// Use instead: stop using the table everywhere, then drop it in a later migration (or
    /// rename it aside until you are sure).
    /// ```sql
    /// create table if not exists public.staging (id bigint primary key);
    /// drop table public.staging;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: DROP TABLE](https://www.postgresql.org/docs/current/sql-droptable.html)
    /// - Squawk: `ban-drop-table`
    pub BanDropTable {
        id: "ban-drop-table",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:ban-drop-table"],
        messages: {
            dropTable: {
                message: "Dropping table `{table}` deletes all its rows and breaks clients still querying it.",
                help: "Stop using it everywhere first, then drop it in a later migration.",
            },
        },
    }
}

impl Rule for BanDropTable {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Drop(drop) = &statement.kind else {
                continue;
            };
            if drop.object != ObjectKind::Table {
                continue;
            }
            for name in &drop.names {
                if !is_created_earlier_in_file(ctx, name, statement.index) {
                    findings.report("dropTable", name.span, vec![("table", name.display())]);
                }
            }
        }
    }
}
