use crate::declare_rule;
use crate::facts::StatementKind;
use crate::rules::support::display::display_reindex_target;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `REINDEX … CONCURRENTLY` (off by default).
    ///
    /// ## What it does
    /// Flags `REINDEX` without `CONCURRENTLY` (as a keyword or in the option list). Off in
    /// `recommended`: a migration rarely reindexes; enable it where yours do, and give each
    /// concurrent reindex a migration file of its own.
    ///
    /// ## Why is this bad?
    /// A plain `REINDEX` blocks writes to the table, and reads that would use the index, until
    /// the rebuild ends. `CONCURRENTLY` (PostgreSQL 12+) rebuilds beside the old index while
    /// reads and writes continue.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// reindex index public.orders_customer_id_idx;
    /// ```
    ///
    /// Use instead (as the only statement of its migration file):
    /// ```sql
    /// reindex index concurrently public.orders_customer_id_idx;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: REINDEX … CONCURRENTLY](https://www.postgresql.org/docs/current/sql-reindex.html#SQL-REINDEX-CONCURRENTLY)
    /// - Squawk: `require-concurrent-reindex`
    pub RequireConcurrentReindex {
        id: "require-concurrent-reindex",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-concurrent-reindex"],
        messages: {
            notConcurrent: {
                message: "`REINDEX {object} {name}` without `CONCURRENTLY` blocks writes to the table.",
                help: "Use `REINDEX {object} CONCURRENTLY` in a migration file of its own.",
            },
        },
    }
}

impl Rule for RequireConcurrentReindex {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Reindex(reindex) = &statement.kind else {
                continue;
            };
            if reindex.is_concurrently {
                continue;
            }
            findings.report(
                "notConcurrent",
                statement.span,
                vec![
                    ("object", reindex.object.clone()),
                    ("name", display_reindex_target(reindex).unwrap_or_default()),
                ],
            );
        }
    }
}
