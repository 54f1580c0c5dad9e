use crate::declare_rule;
use crate::facts::{CreateDetail, StatementKind};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows assigning or declaring the same column twice in one statement.
    ///
    /// ## What it does
    /// Flags a column assigned twice in `UPDATE … SET` (assignments to different fields or
    /// elements of one column, `a.x = …, a.y = …`, are fine), listed twice in an `INSERT`
    /// column list, or declared twice in `CREATE TABLE`.
    ///
    /// ## Why is this bad?
    /// PostgreSQL rejects the statement (`multiple assignments to same column`, `column …
    /// specified more than once`), so the migration fails. It usually means a copy-paste slip
    /// where one of the two values was meant for another column.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// update public.profiles set display_name = full_name, display_name = username where display_name is null;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// update public.profiles set display_name = coalesce(full_name, username) where display_name is null;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: UPDATE](https://www.postgresql.org/docs/current/sql-update.html)
    /// - Squawk: `ban-duplicate-column-assignments`
    pub BanDuplicateColumnAssignments {
        id: "ban-duplicate-column-assignments",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["squawk:ban-duplicate-column-assignments"],
        messages: {
            updateAssignment: {
                message: "Column `{column}` of `{table}` is assigned more than once in this `UPDATE`.",
                help: "Keep one assignment.",
            },
            insertColumn: {
                message: "Column `{column}` of `{table}` is listed more than once in this `INSERT`.",
                help: "List it once.",
            },
            tableColumn: {
                message: "Column `{column}` is declared more than once in table `{table}`.",
                help: "Rename or remove one of them.",
            },
        },
    }
}

impl Rule for BanDuplicateColumnAssignments {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            match &statement.kind {
                StatementKind::Update(update) => {
                    let table = display(update.table.as_ref());
                    for (index, assignment) in update.assignments.iter().enumerate() {
                        // A later duplicate, unless both assign parts of the column.
                        let clashes = update.assignments[..index].iter().any(|earlier| {
                            earlier.column == assignment.column
                                && !(earlier.is_partial && assignment.is_partial)
                        });
                        if clashes {
                            findings.report(
                                "updateAssignment",
                                assignment.span,
                                vec![
                                    ("column", assignment.column.clone()),
                                    ("table", table.clone()),
                                ],
                            );
                        }
                    }
                }
                StatementKind::Insert(insert) => {
                    for (index, column) in insert.columns.iter().enumerate() {
                        if insert.columns[..index].contains(column) {
                            findings.report(
                                "insertColumn",
                                insert
                                    .table
                                    .as_ref()
                                    .map_or(statement.head_span(), |t| t.span),
                                vec![
                                    ("column", column.clone()),
                                    ("table", display(insert.table.as_ref())),
                                ],
                            );
                        }
                    }
                }
                StatementKind::Create(create) => {
                    let CreateDetail::Table(table) = &create.detail else {
                        continue;
                    };
                    for (index, column) in table.columns.iter().enumerate() {
                        if table.columns[..index].iter().any(|c| c.name == column.name) {
                            findings.report(
                                "tableColumn",
                                column.name_span,
                                vec![
                                    ("column", column.name.clone()),
                                    ("table", display(create.name.as_ref())),
                                ],
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
