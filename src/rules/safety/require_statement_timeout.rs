use crate::declare_rule;
use crate::facts::StatementKind;
use crate::rules::support::display::display;
use crate::rules::support::locks::{blocks_other_sessions, locked_object};
use crate::rules::support::timeouts::first_statement_without;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `SET statement_timeout` before the first long-running or locking statement (off by default).
    ///
    /// ## What it does
    /// Flags, once per file, the first statement that locks an existing table (see
    /// `require-lock-timeout`) or updates rows (`UPDATE`) when no
    /// `SET statement_timeout` to a non-zero value comes before it in the file. Off in
    /// `recommended`: enable it for databases under steady load.
    ///
    /// ## Why is this bad?
    /// A migration holds its locks until the file commits. A rewrite, scan or backfill that
    /// takes longer than planned keeps the table blocked for as long as it runs; a
    /// `statement_timeout` bounds that and fails the migration instead.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// update public.orders set status = 'archived' where placed_at < now() - interval '2 years';
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// set statement_timeout = '60s';
    /// update public.orders set status = 'archived' where placed_at < now() - interval '2 years';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: statement_timeout](https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT)
    /// - Squawk: `require-statement-timeout` (and `require-timeout-settings`)
    pub RequireStatementTimeout {
        id: "require-statement-timeout",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-statement-timeout", "squawk:require-timeout-settings"],
        messages: {
            missingStatementTimeout: {
                message: "This statement works on `{object}` with no `statement_timeout` set.",
                help: "Add `SET statement_timeout = '…';` before it.",
            },
        },
    }
}

impl Rule for RequireStatementTimeout {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let needs_timeout = |s: &crate::facts::Statement| {
            blocks_other_sessions(ctx, s) || matches!(&s.kind, StatementKind::Update(_))
        };
        if let Some(statement) = first_statement_without(ctx, "statement_timeout", needs_timeout) {
            let object = match &statement.kind {
                StatementKind::Update(update) => display(update.table.as_ref()),
                _ => locked_object(statement),
            };
            findings.report(
                "missingStatementTimeout",
                statement.head_span(),
                vec![("object", object)],
            );
        }
    }
}
