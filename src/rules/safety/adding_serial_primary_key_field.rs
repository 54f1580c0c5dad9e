use crate::declare_rule;
use crate::facts::{AlterTableActionKind, ConstraintKind};
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a primary key builds its index on an existing table under an `ACCESS EXCLUSIVE` lock.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ADD [CONSTRAINT …] PRIMARY KEY (…)` without `USING INDEX`, and
    /// `ADD COLUMN … PRIMARY KEY` (typically a `serial` or identity column), on a table that is
    /// not created earlier in the same file.
    ///
    /// ## Why is this bad?
    /// PostgreSQL builds the primary key's unique index while holding an `ACCESS EXCLUSIVE`
    /// lock, which blocks every read and write of the table until the build ends (and, for a
    /// new `serial` or identity column, after rewriting every row). Building the index with
    /// `CREATE UNIQUE INDEX CONCURRENTLY` in a migration of its own and attaching it with
    /// `PRIMARY KEY USING INDEX` takes the lock only for a moment.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.events add primary key (id);
    /// ```
    ///
    /// Use instead (after `create unique index concurrently events_pkey on public.events (id);`
    /// in a migration of its own):
    /// ```sql
    /// alter table public.events add constraint events_pkey primary key using index events_pkey;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … ADD table_constraint_using_index](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT-USING-INDEX)
    /// - Squawk: `adding-serial-primary-key-field`
    pub AddingSerialPrimaryKeyField {
        id: "adding-serial-primary-key-field",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:adding-serial-primary-key-field"],
        messages: {
            primaryKey: {
                message: "Adding a primary key to `{table}` builds its index while blocking reads and writes.",
                help: "Create a unique index `CONCURRENTLY` in a migration of its own, then add the key with `PRIMARY KEY USING INDEX`.",
            },
            primaryKeyColumn: {
                message: "Column `{column}` is added to `{table}` as its primary key, blocking reads and writes.",
                help: "Add the column plain, create a unique index `CONCURRENTLY` in a migration of its own, then add the key with `PRIMARY KEY USING INDEX`.",
            },
        },
    }
}

impl Rule for AddingSerialPrimaryKeyField {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                match &action.kind {
                    AlterTableActionKind::AddConstraint(constraint)
                        if constraint.kind == ConstraintKind::PrimaryKey
                            && !constraint.uses_index =>
                    {
                        findings.report(
                            "primaryKey",
                            constraint.span,
                            vec![("table", table.display())],
                        );
                    }
                    AlterTableActionKind::AddColumn { column, .. } if column.is_primary_key => {
                        findings.report(
                            "primaryKeyColumn",
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
