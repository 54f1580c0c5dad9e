use crate::declare_rule;
use crate::facts::{ObjectKind, StatementKind};
use crate::rules::support::new_tables::is_index_created_earlier_in_file;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `DROP INDEX CONCURRENTLY` (off by default).
    ///
    /// ## What it does
    /// Flags `DROP INDEX` without `CONCURRENTLY`, unless the index is created earlier in the
    /// same file. Off in `recommended`: enable it for large tables, and give each concurrent
    /// drop a migration file of its own, or `ban-concurrent-index-creation-in-transaction`
    /// reports it.
    ///
    /// ## Why is this bad?
    /// A plain `DROP INDEX` takes an `ACCESS EXCLUSIVE` lock on the index's table. The drop
    /// itself is quick, but waiting for that lock behind a long query queues every other read
    /// and write of the table. `CONCURRENTLY` waits without blocking anyone.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// drop index if exists public.orders_customer_id_idx;
    /// ```
    ///
    /// Use instead (as the only statement of its migration file):
    /// ```sql
    /// drop index concurrently if exists public.orders_customer_id_idx;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: DROP INDEX](https://www.postgresql.org/docs/current/sql-dropindex.html)
    /// - Squawk: `require-concurrent-index-deletion`
    pub RequireConcurrentIndexDeletion {
        id: "require-concurrent-index-deletion",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-concurrent-index-deletion"],
        messages: {
            notConcurrent: {
                message: "Index `{index}` is dropped without `CONCURRENTLY`, which locks its table.",
                help: "Use `DROP INDEX CONCURRENTLY` in a migration file of its own.",
            },
        },
    }
}

impl Rule for RequireConcurrentIndexDeletion {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Drop(drop) = &statement.kind else {
                continue;
            };
            if drop.object != ObjectKind::Index || drop.is_concurrently {
                continue;
            }
            for name in &drop.names {
                if !is_index_created_earlier_in_file(ctx, name, statement.index) {
                    findings.report("notConcurrent", name.span, vec![("index", name.display())]);
                }
            }
        }
    }
}
