use crate::declare_rule;
use crate::facts::{ObjectKind, StatementKind};
use crate::rules::support::display::display_object;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows `DROP DATABASE` in a migration.
    ///
    /// ## What it does
    /// Flags every `DROP DATABASE`.
    ///
    /// ## Why is this bad?
    /// It deletes every schema, table and row of the database at once. A migration is applied
    /// to every environment, production included; no schema change needs it.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// drop database if exists analytics;
    /// ```
    ///
    /// Use instead: drop the objects you mean, one by one, after reviewing each.
    /// ```sql
    /// drop schema if exists analytics_staging;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: DROP DATABASE](https://www.postgresql.org/docs/current/sql-dropdatabase.html)
    /// - Squawk: `ban-drop-database`
    pub BanDropDatabase {
        id: "ban-drop-database",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["squawk:ban-drop-database"],
        messages: {
            dropDatabase: {
                message: "Dropping database `{name}` deletes everything in it, in every environment.",
                help: "Remove this statement.",
            },
        },
    }
}

impl Rule for BanDropDatabase {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Drop(drop) = &statement.kind else {
                continue;
            };
            if drop.object != ObjectKind::Database {
                continue;
            }
            let name = drop
                .names
                .first()
                .map(|n| display_object(ObjectKind::Database, n))
                .unwrap_or_default();
            findings.report(
                "dropDatabase",
                statement.head_span().cover(drop.object_span),
                vec![("name", name)],
            );
        }
    }
}
