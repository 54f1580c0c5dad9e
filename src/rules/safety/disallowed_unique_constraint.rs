use crate::declare_rule;
use crate::facts::{AlterTableActionKind, ConstraintKind};
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a `UNIQUE` constraint builds its index on an existing table under an `ACCESS EXCLUSIVE` lock.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ADD [CONSTRAINT …] UNIQUE (…)` without `USING INDEX`, and
    /// `ADD COLUMN … UNIQUE`, on a table that is not created earlier in the same file.
    ///
    /// ## Why is this bad?
    /// PostgreSQL builds the constraint's unique index while holding an `ACCESS EXCLUSIVE` lock,
    /// which blocks every read and write of the table until the build ends. Building the index
    /// with `CREATE UNIQUE INDEX CONCURRENTLY` (in a migration file of its own, since it cannot
    /// run inside the CLI's transaction) and then attaching it with `UNIQUE USING INDEX` takes
    /// the lock only for a moment.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.profiles add constraint profiles_username_key unique (username);
    /// ```
    ///
    /// Use instead (after `create unique index concurrently profiles_username_key on
    /// public.profiles (username);` in a migration of its own):
    /// ```sql
    /// alter table public.profiles add constraint profiles_username_key unique using index profiles_username_key;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … ADD table_constraint_using_index](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT-USING-INDEX)
    /// - Squawk: `disallowed-unique-constraint`
    pub DisallowedUniqueConstraint {
        id: "disallowed-unique-constraint",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:disallowed-unique-constraint"],
        messages: {
            uniqueConstraint: {
                message: "Adding a `UNIQUE` constraint to `{table}` builds its index, blocking reads and writes.",
                help: "Create the unique index `CONCURRENTLY` in a migration of its own, then add the constraint with `USING INDEX`.",
            },
            uniqueColumn: {
                message: "Column `{column}` is added to `{table}` as `UNIQUE`, blocking reads and writes.",
                help: "Add the column plain, create the unique index `CONCURRENTLY` in a migration of its own, then add the constraint with `USING INDEX`.",
            },
        },
    }
}

impl Rule for DisallowedUniqueConstraint {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                match &action.kind {
                    AlterTableActionKind::AddConstraint(constraint)
                        if constraint.kind == ConstraintKind::Unique && !constraint.uses_index =>
                    {
                        findings.report(
                            "uniqueConstraint",
                            constraint.span,
                            vec![("table", table.display())],
                        );
                    }
                    AlterTableActionKind::AddColumn { column, .. } if column.is_unique => {
                        findings.report(
                            "uniqueColumn",
                            column.span,
                            vec![("column", column.name.clone()), ("table", table.display())],
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}
