use crate::declare_rule;
use crate::facts::{
    AlterTableActionKind, CreateDetail, ObjectKind, ObjectName, Statement, StatementKind,
    TransactionKind,
};
use crate::rules::support::display::{display_created, display_reindex_target};
use crate::rules::support::transaction::runs_in_transaction;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Disallows `CONCURRENTLY` index operations in a migration file that runs other statements in the same transaction.
    ///
    /// ## What it does
    /// Flags `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`
    /// and `ALTER TABLE … DETACH PARTITION … CONCURRENTLY` in a migration file that also holds
    /// other statements (`SET` lines aside). In a file that opts out of the runner's
    /// transaction with a marker comment, it flags them only between an explicit `BEGIN` and
    /// `COMMIT`.
    ///
    /// ## Why is this bad?
    /// PostgreSQL refuses to run these inside a transaction block (`cannot run inside a
    /// transaction block`), and the Supabase CLI runs each migration file in one transaction.
    /// Older CLI versions fail the migration; newer ones pull the statement out and run it on
    /// its own, so the file is no longer applied all-or-nothing: if either part fails, the
    /// other stays applied. A migration file holding only the concurrent statement is what
    /// the CLI maintainers recommend.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.orders add column if not exists placed_at timestamptz;
    /// create index concurrently if not exists orders_placed_at_idx on public.orders (placed_at);
    /// ```
    ///
    /// Use instead: put the concurrent statement in a migration file of its own.
    /// ```sql
    /// create index concurrently if not exists orders_placed_at_idx on public.orders (placed_at);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: CREATE INDEX … CONCURRENTLY](https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY)
    /// - [supabase/cli#2898: migrations that use `create index concurrently`](https://github.com/supabase/cli/issues/2898)
    /// - Squawk: `ban-concurrent-index-creation-in-transaction`
    pub BanConcurrentIndexCreationInTransaction {
        id: "ban-concurrent-index-creation-in-transaction",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["squawk:ban-concurrent-index-creation-in-transaction"],
        messages: {
            sharedFile: {
                message: "`{operation} {target}` cannot run in a transaction, but shares its file with other statements.",
                help: "Move it to a migration file of its own: the Supabase CLI runs each file in one transaction.",
            },
            explicitTransaction: {
                message: "`{operation} {target}` cannot run inside the transaction the `BEGIN` before it opened.",
                help: "Move it after the `COMMIT`.",
            },
        },
    }
}

impl Rule for BanConcurrentIndexCreationInTransaction {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let top_level = || ctx.statements().iter().filter(|s| !s.in_do_block);
        if runs_in_transaction(ctx.file) {
            let shares_file = top_level().any(|s| {
                concurrent_operation(s).is_none() && !matches!(s.kind, StatementKind::Set { .. })
            });
            if !shares_file {
                return;
            }
            for statement in top_level() {
                if let Some((operation, target, span)) = concurrent_operation(statement) {
                    findings.report(
                        "sharedFile",
                        span,
                        vec![("operation", operation.into()), ("target", target)],
                    );
                }
            }
            return;
        }
        let mut in_explicit_transaction = false;
        for statement in top_level() {
            match &statement.kind {
                StatementKind::Transaction(TransactionKind::Begin) => {
                    in_explicit_transaction = true
                }
                StatementKind::Transaction(TransactionKind::Commit | TransactionKind::Rollback) => {
                    in_explicit_transaction = false;
                }
                _ => {
                    if let Some((operation, target, span)) = concurrent_operation(statement) {
                        if in_explicit_transaction {
                            findings.report(
                                "explicitTransaction",
                                span,
                                vec![("operation", operation.into()), ("target", target)],
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The `CONCURRENTLY` operation a statement performs: its name, its target and where to point.
fn concurrent_operation(statement: &Statement) -> Option<(&'static str, String, Span)> {
    let head = statement.head_span();
    match &statement.kind {
        StatementKind::Create(create) => match &create.detail {
            CreateDetail::Index(index) if index.is_concurrently => Some((
                "CREATE INDEX CONCURRENTLY",
                create.name.as_ref().map_or_else(
                    || target(index.table.as_ref()),
                    |name| display_created(create.object, name),
                ),
                head.cover(create.object_span),
            )),
            _ => None,
        },
        StatementKind::Drop(drop) if drop.object == ObjectKind::Index && drop.is_concurrently => {
            Some((
                "DROP INDEX CONCURRENTLY",
                target(drop.names.first()),
                head.cover(drop.object_span),
            ))
        }
        StatementKind::Reindex(reindex) if reindex.is_concurrently => Some((
            "REINDEX CONCURRENTLY",
            display_reindex_target(reindex).unwrap_or_default(),
            head,
        )),
        StatementKind::AlterTable(alter) => alter.actions.iter().find_map(|action| {
            matches!(
                action.kind,
                AlterTableActionKind::DetachPartition {
                    is_concurrently: true
                }
            )
            .then(|| {
                (
                    "DETACH PARTITION CONCURRENTLY",
                    target(alter.table.as_ref()),
                    action.span,
                )
            })
        }),
        _ => None,
    }
}

fn target(name: Option<&ObjectName>) -> String {
    name.map(ObjectName::display).unwrap_or_default()
}
