use crate::declare_rule;
use crate::facts::{AlterTableActionKind, StatementKind};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `DETACH PARTITION … CONCURRENTLY` (off by default).
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … DETACH PARTITION …` without `CONCURRENTLY`. Off in `recommended`:
    /// enable it for partitioned tables under load, and give each concurrent detach a
    /// migration file of its own, since it cannot run inside the CLI's transaction.
    ///
    /// ## Why is this bad?
    /// A plain detach takes an `ACCESS EXCLUSIVE` lock on the partitioned table, blocking
    /// reads and writes of every partition until it ends. `CONCURRENTLY` (PostgreSQL 14+)
    /// takes only a `SHARE UPDATE EXCLUSIVE` lock on the parent.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.events detach partition public.events_2023;
    /// ```
    ///
    /// Use instead (as the only statement of its migration file):
    /// ```sql
    /// alter table public.events detach partition public.events_2023 concurrently;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … DETACH PARTITION](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION)
    /// - Squawk: `require-concurrent-partition-detach`
    pub RequireConcurrentPartitionDetach {
        id: "require-concurrent-partition-detach",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-concurrent-partition-detach"],
        messages: {
            notConcurrent: {
                message: "A partition is detached from `{table}` without `CONCURRENTLY`, blocking reads and writes.",
                help: "Use `DETACH PARTITION … CONCURRENTLY` in a migration file of its own.",
            },
        },
    }
}

impl Rule for RequireConcurrentPartitionDetach {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::AlterTable(alter) = &statement.kind else {
                continue;
            };
            for action in &alter.actions {
                if let AlterTableActionKind::DetachPartition {
                    is_concurrently: false,
                } = action.kind
                {
                    findings.report(
                        "notConcurrent",
                        action.span,
                        vec![("table", display(alter.table.as_ref()))],
                    );
                }
            }
        }
    }
}
