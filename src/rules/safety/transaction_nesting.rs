use crate::declare_rule;
use crate::facts::{StatementKind, TransactionKind};
use crate::rules::support::transaction::runs_in_transaction;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows `BEGIN`, `COMMIT` and `ROLLBACK` in a migration the Supabase CLI already runs in a transaction.
    ///
    /// ## What it does
    /// Flags top-level `BEGIN` / `START TRANSACTION`, `COMMIT` / `END` and `ROLLBACK` / `ABORT`
    /// (savepoints are fine). In a file that opts out of the runner's transaction with a
    /// marker comment (`-- postgres-migrations disable-transaction`, `-- +goose NO
    /// TRANSACTION`, dbmate's `transaction:false`, sqlx's `-- no-transaction`), it flags only
    /// a `BEGIN` inside an open transaction and a `COMMIT` or `ROLLBACK` without one.
    ///
    /// ## Why is this bad?
    /// The Supabase CLI runs each migration file in one transaction, so that a failing
    /// statement leaves nothing behind. A `BEGIN` inside it opens nothing (PostgreSQL only
    /// warns `there is already a transaction in progress`); the `COMMIT` that follows ends the
    /// CLI's transaction early, so a failure in a later statement leaves the migration half
    /// applied and unrecorded. A `ROLLBACK` silently discards everything before it.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// begin;
    /// ```
    ///
    /// Use instead: write the statements without transaction control; the CLI wraps them.
    /// ```sql
    /// alter table public.notes add column if not exists archived boolean not null default false;
    /// ```
    ///
    /// ## References
    /// - [Supabase CLI: migration up](https://supabase.com/docs/reference/cli/supabase-migration-up)
    /// - [PostgreSQL: BEGIN](https://www.postgresql.org/docs/current/sql-begin.html)
    /// - Squawk: `transaction-nesting`, `ban-uncommitted-transaction`
    pub TransactionNesting {
        id: "transaction-nesting",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["squawk:transaction-nesting", "squawk:ban-uncommitted-transaction"],
        messages: {
            begin: {
                message: "`{keyword}` opens no transaction: the Supabase CLI already runs this file in one.",
                help: "Remove it.",
            },
            commit: {
                message: "`{keyword}` ends the transaction the Supabase CLI runs this migration file in.",
                help: "Remove it.",
            },
            rollback: {
                message: "`{keyword}` discards every statement before it, with the Supabase CLI's transaction.",
                help: "Remove it.",
            },
            nestedBegin: {
                message: "`{keyword}` opens no new transaction while one is already open.",
                help: "Remove it, or `COMMIT` first.",
            },
            commitWithoutBegin: {
                message: "`{keyword}` has no transaction to end: no `BEGIN` precedes it.",
                help: "Remove it, or add the `BEGIN`.",
            },
            uncommitted: {
                message: "The transaction opened by this `{keyword}` is never committed.",
                help: "Add `COMMIT` at the end of the file.",
            },
        },
    }
}

impl Rule for TransactionNesting {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        let wrapped = runs_in_transaction(ctx.file);
        let mut open_begin = None;
        for statement in ctx.statements().iter().filter(|s| !s.in_do_block) {
            let StatementKind::Transaction(kind) = &statement.kind else {
                continue;
            };
            let span = statement.span;
            let head = statement.head_span().text(text).to_ascii_uppercase();
            let head = if head == "START" {
                "START TRANSACTION".to_string()
            } else {
                head
            };
            let keyword = vec![("keyword", head)];
            match (kind, wrapped) {
                (TransactionKind::Begin, true) => {
                    findings.report("begin", span, keyword);
                }
                (TransactionKind::Commit, true) => {
                    findings.report("commit", span, keyword);
                }
                (TransactionKind::Rollback, true) => {
                    findings.report("rollback", span, keyword);
                }
                (TransactionKind::Begin, false) => {
                    if open_begin.is_some() {
                        findings.report("nestedBegin", span, keyword);
                    } else {
                        open_begin = Some((span, keyword));
                    }
                }
                (TransactionKind::Commit | TransactionKind::Rollback, false) => {
                    if open_begin.take().is_none() {
                        findings.report("commitWithoutBegin", span, keyword);
                    }
                }
                (TransactionKind::Savepoint, _) => {}
            }
        }
        if let Some((span, keyword)) = open_begin {
            findings.report("uncommitted", span, keyword);
        }
    }
}
