use crate::declare_rule;
use crate::facts::{CreateDetail, StatementKind};
use crate::rules::support::display::display_created;
use crate::rules::support::new_tables::is_created_earlier_in_file;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `CREATE INDEX CONCURRENTLY` on existing tables (off by default).
    ///
    /// ## What it does
    /// Flags `CREATE INDEX` without `CONCURRENTLY` on a table that is not created earlier in
    /// the same file. Off in `recommended`: enable it for large tables, and give each
    /// concurrent index a migration file of its own, or
    /// `ban-concurrent-index-creation-in-transaction` reports it.
    ///
    /// ## Why is this bad?
    /// A plain `CREATE INDEX` holds a `SHARE` lock for the whole build, blocking every insert,
    /// update and delete on the table; on a large table that is minutes of failed writes.
    /// `CONCURRENTLY` builds the index while writes continue.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create index if not exists orders_customer_id_idx on public.orders (customer_id);
    /// ```
    ///
    /// Use instead (as the only statement of its migration file):
    /// ```sql
    /// create index concurrently if not exists orders_customer_id_idx on public.orders (customer_id);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Building indexes concurrently](https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY)
    /// - Squawk: `require-concurrent-index-creation`
    pub RequireConcurrentIndexCreation {
        id: "require-concurrent-index-creation",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-concurrent-index-creation"],
        messages: {
            notConcurrent: {
                message: "Index `{index}` on `{table}` is created without `CONCURRENTLY`, blocking writes to the table.",
                help: "Use `CREATE INDEX CONCURRENTLY` in a migration file of its own.",
            },
        },
    }
}

impl Rule for RequireConcurrentIndexCreation {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Create(create) = &statement.kind else {
                continue;
            };
            let CreateDetail::Index(index) = &create.detail else {
                continue;
            };
            let Some(table) = &index.table else { continue };
            if index.is_concurrently || is_created_earlier_in_file(ctx, table, statement.index) {
                continue;
            }
            findings.report(
                "notConcurrent",
                statement.head_span().cover(create.object_span),
                vec![
                    (
                        "index",
                        create
                            .name
                            .as_ref()
                            .map(|name| display_created(create.object, name))
                            .unwrap_or_default(),
                    ),
                    ("table", table.display()),
                ],
            );
        }
    }
}
