use crate::declare_rule;
use crate::facts::ObjectName;
use crate::facts::StatementKind;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about `VACUUM FULL` and `CLUSTER`, which rewrite a table under an `ACCESS EXCLUSIVE` lock (off by default).
    ///
    /// ## What it does
    /// Flags `VACUUM FULL` (or `VACUUM (FULL)`) and `CLUSTER`. Off in `recommended`: these
    /// rarely appear in migrations; enable it where yours run maintenance.
    ///
    /// ## Why is this bad?
    /// Both rewrite the whole table while holding an `ACCESS EXCLUSIVE` lock, blocking every
    /// read and write until the rewrite ends. The `pg_repack` extension (available on
    /// Supabase) does the same rewrite while reads and writes continue, and PostgreSQL 19 adds
    /// `REPACK … CONCURRENTLY`. `VACUUM FULL` cannot run in the CLI's transaction either.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// vacuum full public.events;
    /// ```
    ///
    /// Use instead: run `pg_repack` outside the migration, and keep plain `VACUUM` for routine
    /// cleanup.
    /// ```sql
    /// create extension if not exists pg_repack;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: VACUUM](https://www.postgresql.org/docs/current/sql-vacuum.html)
    /// - [Supabase: pg_repack](https://supabase.com/docs/guides/database/extensions/pg_repack)
    /// - Squawk: `prefer-repack`
    pub PreferRepack {
        id: "prefer-repack",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:prefer-repack"],
        messages: {
            vacuumFull: {
                message: "`VACUUM FULL` rewrites `{table}` while blocking reads and writes.",
                help: "Rewrite it with `pg_repack` outside the migration instead.",
            },
            cluster: {
                message: "`CLUSTER` rewrites `{table}` while blocking reads and writes.",
                help: "Rewrite it with `pg_repack --order-by` outside the migration instead.",
            },
        },
    }
}

impl Rule for PreferRepack {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            match &statement.kind {
                StatementKind::Vacuum(vacuum) if vacuum.is_full => {
                    let table = if vacuum.tables.is_empty() {
                        "every table".to_string()
                    } else {
                        vacuum
                            .tables
                            .iter()
                            .map(ObjectName::display)
                            .collect::<Vec<_>>()
                            .join("`, `")
                    };
                    findings.report("vacuumFull", statement.span, vec![("table", table)]);
                }
                StatementKind::Cluster(cluster) => {
                    let table = cluster
                        .table
                        .as_ref()
                        .map(ObjectName::display)
                        .unwrap_or_else(|| "every clustered table".to_string());
                    findings.report("cluster", statement.span, vec![("table", table)]);
                }
                _ => {}
            }
        }
    }
}
