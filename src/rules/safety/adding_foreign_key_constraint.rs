use crate::declare_rule;
use crate::facts::{AlterTableActionKind, ConstraintKind};
use crate::rules::support::display::display;
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a foreign key is added to an existing table without `NOT VALID`.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ADD [CONSTRAINT …] FOREIGN KEY … REFERENCES …` without `NOT VALID`,
    /// and `ADD COLUMN … REFERENCES …`, on a table that is not created earlier in the same
    /// file. A foreign key inside `CREATE TABLE` is fine: the new table has no rows.
    ///
    /// ## Why is this bad?
    /// PostgreSQL checks every existing row against the referenced table while it holds a
    /// `SHARE ROW EXCLUSIVE` lock on both tables, which blocks inserts, updates and deletes on
    /// both (often `auth.users` or another busy table) until the check ends. Because the
    /// Supabase CLI runs the file in one transaction, the locks stay until the file commits.
    /// Adding the key `NOT VALID` takes the locks only briefly and enforces the key for new
    /// rows; `VALIDATE CONSTRAINT` in a later migration then checks old rows without blocking
    /// writes.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.notes add constraint notes_owner_id_fkey foreign key (owner_id) references auth.users (id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// alter table public.notes add constraint notes_owner_id_fkey foreign key (owner_id) references auth.users (id) not valid;
    /// ```
    ///
    /// and `alter table public.notes validate constraint notes_owner_id_fkey;` in a later
    /// migration.
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … ADD table_constraint [ NOT VALID ]](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT)
    /// - Squawk: `adding-foreign-key-constraint`
    pub AddingForeignKeyConstraint {
        id: "adding-foreign-key-constraint",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:adding-foreign-key-constraint"],
        messages: {
            foreignKey: {
                message: "Adding a foreign key from `{table}` to `{referenced}` blocks writes to both while it checks.",
                help: "Add it `NOT VALID`, then run `VALIDATE CONSTRAINT` in a later migration.",
            },
            referencesColumn: {
                message: "Column `{column}` is added to `{table}` with `REFERENCES {referenced}`, blocking writes to both.",
                help: "Add the column without `REFERENCES`, then add the foreign key `NOT VALID` and validate it in a later migration.",
            },
        },
    }
}

impl Rule for AddingForeignKeyConstraint {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (_statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                match &action.kind {
                    AlterTableActionKind::AddConstraint(constraint)
                        if constraint.kind == ConstraintKind::ForeignKey
                            && !constraint.is_not_valid =>
                    {
                        findings.report(
                            "foreignKey",
                            constraint.span,
                            vec![
                                ("table", table.display()),
                                ("referenced", display(constraint.references.as_ref())),
                            ],
                        );
                    }
                    AlterTableActionKind::AddColumn { column, .. } => {
                        if let Some(referenced) = &column.references {
                            findings.report(
                                "referencesColumn",
                                column.span,
                                vec![
                                    ("column", column.name.clone()),
                                    ("table", table.display()),
                                    ("referenced", referenced.display()),
                                ],
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
