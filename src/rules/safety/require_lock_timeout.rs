use crate::declare_rule;
use crate::rules::support::locks::{blocks_other_sessions, locked_object};
use crate::rules::support::timeouts::first_statement_without;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `SET lock_timeout` before the first statement that locks an existing table (off by default).
    ///
    /// ## What it does
    /// Flags, once per file, the first statement that takes a lock blocking other sessions on
    /// an existing table (`ALTER TABLE`, a plain `CREATE INDEX`, `CREATE TRIGGER`,
    /// `CREATE POLICY`, `DROP`, `TRUNCATE`, `REINDEX`, `VACUUM FULL`, `CLUSTER`) when no
    /// `SET lock_timeout` to a non-zero value comes before it in the file. Off in
    /// `recommended`: enable it for databases under steady load.
    ///
    /// ## Why is this bad?
    /// A lock request waits behind every query already using the table, and every later query
    /// waits behind the lock request. One long-running report in front of a quick
    /// `ALTER TABLE` stalls all traffic to the table for as long as the report runs. With a
    /// `lock_timeout`, the migration fails fast instead and can be retried.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.orders add column if not exists note text;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// set lock_timeout = '5s';
    /// alter table public.orders add column if not exists note text;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: lock_timeout](https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-LOCK-TIMEOUT)
    /// - Squawk: `require-lock-timeout` (and `require-timeout-settings`)
    pub RequireLockTimeout {
        id: "require-lock-timeout",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-lock-timeout", "squawk:require-timeout-settings"],
        messages: {
            missingLockTimeout: {
                message: "This statement locks `{object}` with no `lock_timeout` set.",
                help: "Add `SET lock_timeout = '5s';` before it, so a wait fails instead of queueing every query.",
            },
        },
    }
}

impl Rule for RequireLockTimeout {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        if let Some(statement) =
            first_statement_without(ctx, "lock_timeout", |s| blocks_other_sessions(ctx, s))
        {
            findings.report(
                "missingLockTimeout",
                statement.head_span(),
                vec![("object", locked_object(statement))],
            );
        }
    }
}
