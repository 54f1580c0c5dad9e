use crate::declare_rule;
use crate::facts::StatementKind;
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when `TRUNCATE … CASCADE` empties every table that references the truncated ones.
    ///
    /// ## What it does
    /// Flags `TRUNCATE … CASCADE`.
    ///
    /// ## Why is this bad?
    /// `CASCADE` also truncates every table with a foreign key to the named tables, then every
    /// table referencing those, and so on. One line can empty most of the database, including
    /// tables added by later migrations that nobody linked to this statement.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// truncate table public.accounts cascade;
    /// ```
    ///
    /// Use instead: name every table you mean to empty.
    /// ```sql
    /// truncate table public.sessions, public.accounts;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: TRUNCATE](https://www.postgresql.org/docs/current/sql-truncate.html)
    /// - Squawk: `ban-truncate-cascade`
    pub BanTruncateCascade {
        id: "ban-truncate-cascade",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:ban-truncate-cascade"],
        messages: {
            truncateCascade: {
                message: "`TRUNCATE … CASCADE` on `{table}` also empties every table that references it.",
                help: "Truncate the tables you mean by name, without `CASCADE`.",
            },
        },
    }
}

impl Rule for BanTruncateCascade {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            if let StatementKind::Truncate(truncate) = &statement.kind {
                if truncate.is_cascade {
                    findings.report(
                        "truncateCascade",
                        statement.span,
                        vec![("table", display(truncate.tables.first()))],
                    );
                }
            }
        }
    }
}
