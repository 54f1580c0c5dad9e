use crate::declare_rule;
use crate::facts::AlterTableActionKind;
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a column of an existing table is dropped.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … DROP [COLUMN] …` on a table that is not created earlier in the same
    /// file.
    ///
    /// ## Why is this bad?
    /// The column's data is gone for good, and every client still selecting or writing it
    /// (deployed app versions, edge functions, views and functions) fails the moment the
    /// migration commits.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.profiles drop column if exists legacy_avatar;
    /// ```
    ///
    /// Use instead: stop reading and writing the column in every client, then drop it in a
    /// later migration with a comment saying so.
    /// ```sql
    /// comment on column public.profiles.legacy_avatar is 'Unused since 2024-06; dropped in a later release.';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … DROP COLUMN](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-DROP-COLUMN)
    /// - Squawk: `ban-drop-column`
    pub BanDropColumn {
        id: "ban-drop-column",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:ban-drop-column"],
        messages: {
            dropColumn: {
                message: "Dropping column `{column}` of `{table}` deletes its data and breaks clients still using it.",
                help: "Stop using it everywhere first, then drop it in a later migration.",
            },
        },
    }
}

impl Rule for BanDropColumn {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                if let AlterTableActionKind::DropColumn { name, .. } = &action.kind {
                    findings.report(
                        "dropColumn",
                        action.span,
                        vec![("column", name.clone()), ("table", table.display())],
                    );
                }
            }
        }
    }
}
