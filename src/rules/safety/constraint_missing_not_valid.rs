use crate::declare_rule;
use crate::facts::{AlterTableActionKind, ConstraintKind, StatementKind};
use crate::rules::support::new_tables::is_created_earlier_in_file;
use crate::rules::support::transaction::runs_in_transaction;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when a `CHECK` constraint is added to an existing table without `NOT VALID`, or validated in the same migration.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ADD [CONSTRAINT …] CHECK (…)` without `NOT VALID` on a table that is
    /// not created earlier in the same file, and `VALIDATE CONSTRAINT` in the same file as
    /// the `ADD … NOT VALID` it validates. Foreign keys are reported by
    /// `adding-foreign-key-constraint`, unique constraints by `disallowed-unique-constraint`
    /// and primary keys by `adding-serial-primary-key-field` (PostgreSQL accepts `NOT VALID`
    /// only on `CHECK` and foreign-key constraints), so one problem gives one finding.
    ///
    /// ## Why is this bad?
    /// Adding a `CHECK` scans every row under an `ACCESS EXCLUSIVE` lock, which blocks reads and
    /// writes of the table until the scan ends. With `NOT VALID` the lock is held only for a
    /// moment and new rows are checked at once; `VALIDATE CONSTRAINT` checks the old rows under
    /// a lock that lets reads and writes continue. Validating in the same file gains nothing
    /// (for foreign keys too): the Supabase CLI runs the file in one transaction, so the lock
    /// taken by the `ADD` is still held while the validation scans.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.notes add constraint notes_title_length check (char_length(title) <= 200);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// alter table public.notes add constraint notes_title_length check (char_length(title) <= 200) not valid;
    /// ```
    ///
    /// and `alter table public.notes validate constraint notes_title_length;` in a later
    /// migration.
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … ADD table_constraint [ NOT VALID ]](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT)
    /// - Squawk: `constraint-missing-not-valid`
    pub ConstraintMissingNotValid {
        id: "constraint-missing-not-valid",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:constraint-missing-not-valid"],
        messages: {
            checkWithoutNotValid: {
                message: "Adding a `CHECK` constraint to `{table}` scans every row, blocking reads and writes.",
                help: "Add it `NOT VALID`, then run `VALIDATE CONSTRAINT` in a later migration.",
            },
            validateInSameTransaction: {
                message: "Constraint `{constraint}` on `{table}` is validated in the migration that adds it.",
                help: "Move `VALIDATE CONSTRAINT` to a later migration, so the scan does not run under the `ADD`'s lock.",
            },
        },
    }
}

impl Rule for ConstraintMissingNotValid {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let in_transaction = runs_in_transaction(ctx.file);
        // Constraints added `NOT VALID` earlier in this file, with their table.
        let mut not_valid: Vec<(String, crate::facts::ObjectName)> = Vec::new();
        for statement in ctx.statements() {
            let StatementKind::AlterTable(alter) = &statement.kind else {
                continue;
            };
            let Some(table) = &alter.table else { continue };
            let is_new = is_created_earlier_in_file(ctx, table, statement.index);
            for action in &alter.actions {
                match &action.kind {
                    AlterTableActionKind::AddConstraint(constraint)
                        if matches!(
                            constraint.kind,
                            ConstraintKind::Check | ConstraintKind::ForeignKey
                        ) =>
                    {
                        if constraint.is_not_valid {
                            if let Some(name) = &constraint.name {
                                not_valid.push((name.clone(), table.clone()));
                            }
                        } else if !is_new && constraint.kind == ConstraintKind::Check {
                            findings.report(
                                "checkWithoutNotValid",
                                constraint.span,
                                vec![("table", table.display())],
                            );
                        }
                    }
                    AlterTableActionKind::ValidateConstraint { name } => {
                        let added_here = not_valid
                            .iter()
                            .any(|(n, t)| n == name && t.same_object(table));
                        if added_here && in_transaction && !is_new {
                            findings.report(
                                "validateInSameTransaction",
                                action.span,
                                vec![("constraint", name.clone()), ("table", table.display())],
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
