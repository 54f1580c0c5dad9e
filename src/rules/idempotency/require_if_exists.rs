use crate::declare_rule;
use crate::facts::{
    AlterTable, AlterTableActionKind, CreateDetail, Drop, ObjectKind, ObjectName, Statement,
    StatementKind,
};
use crate::report::Edit;
use crate::rules::support::rewrite::keywords;
use crate::rules::support::text::capitalize;
use crate::rules::{Findings, Rule, RuleContext, RuleMeta};

declare_rule! {
    /// Requires `IF EXISTS` on `DROP` statements, `DROP COLUMN` and `DROP CONSTRAINT`, so a migration can run twice.
    ///
    /// ## What it does
    /// Flags `DROP TABLE`, `VIEW`, `MATERIALIZED VIEW`, `INDEX`, `SEQUENCE`, `FUNCTION`,
    /// `PROCEDURE`, `TRIGGER`, `POLICY`, `TYPE`, `DOMAIN`, `SCHEMA` and `EXTENSION`, and
    /// `ALTER TABLE … DROP COLUMN` / `DROP CONSTRAINT`, without `IF EXISTS`. Statements inside
    /// a `DO` block that guards them are fine, and so is dropping what the same file created,
    /// added or renamed to that name earlier: every run makes it again before dropping it.
    ///
    /// ## Why is this bad?
    /// The second application fails with `does not exist`, because the first one already
    /// dropped the object. That breaks re-running a migration after a partial failure, and
    /// every environment where the object was never created or was removed by hand.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// drop policy "Notes are public" on public.notes;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// drop policy if exists "Notes are public" on public.notes;
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix inserts `IF EXISTS`, which changes nothing when the object exists. When
    /// it does not, the statement becomes a notice instead of an error, which is the point;
    /// a misspelt name is then no longer reported by PostgreSQL.
    ///
    /// ## References
    /// - [PostgreSQL: DROP TABLE](https://www.postgresql.org/docs/current/sql-droptable.html)
    /// - [PostgreSQL: ALTER TABLE](https://www.postgresql.org/docs/current/sql-altertable.html)
    /// - Squawk: `prefer-robust-stmts`
    pub RequireIfExists {
        id: "require-if-exists",
        category: Idempotency,
        severity: Error,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-robust-stmts"],
        messages: {
            missingIfExists: "{kind} `{name}` is dropped without `IF EXISTS`, so applying this migration twice fails because it is already gone; add `IF EXISTS`.",
            missingIfExistsMany: "{kinds} `{name}` are dropped without `IF EXISTS`, so applying this migration twice fails because they are already gone; add `IF EXISTS`.",
            missingIfExistsOnTable: "{kind} `{name}` on `{table}` is dropped without `IF EXISTS`, so applying this migration twice fails because it is already gone; add `IF EXISTS`.",
            dropColumn: "Column `{name}` of `{table}` is dropped without `IF EXISTS`, so applying this migration twice fails because it is already gone; add `IF EXISTS`.",
            dropConstraint: "Constraint `{name}` on `{table}` is dropped without `IF EXISTS`, so applying this migration twice fails because it is already gone; add `IF EXISTS`.",
        },
    }
}

const OBJECTS: &[ObjectKind] = &[
    ObjectKind::Table,
    ObjectKind::View,
    ObjectKind::MaterializedView,
    ObjectKind::Index,
    ObjectKind::Sequence,
    ObjectKind::Function,
    ObjectKind::Procedure,
    ObjectKind::Trigger,
    ObjectKind::Policy,
    ObjectKind::Type,
    ObjectKind::Domain,
    ObjectKind::Schema,
    ObjectKind::Extension,
];

impl Rule for RequireIfExists {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        for statement in ctx.statements().iter().filter(|s| !s.guarded) {
            let if_exists = format!(" {}", keywords(text, statement, "if exists"));
            match &statement.kind {
                StatementKind::Drop(drop)
                    if OBJECTS.contains(&drop.object)
                        && !drop.if_exists
                        && !is_recreated_earlier(earlier(ctx, statement), drop) =>
                {
                    let span = match (drop.names.first(), drop.names.last()) {
                        (Some(first), Some(last)) => first.span.cover(last.span),
                        _ => statement.head_span().cover(drop.object_span),
                    };
                    let name = drop
                        .names
                        .iter()
                        .map(|n| n.qualified())
                        .collect::<Vec<_>>()
                        .join("`, `");
                    let kind = capitalize(&drop.object.noun());
                    let finding = match &drop.on_table {
                        Some(table) => findings.report(
                            "missingIfExistsOnTable",
                            span,
                            vec![("kind", kind), ("name", name), ("table", table.qualified())],
                        ),
                        None if drop.names.len() > 1 => findings.report(
                            "missingIfExistsMany",
                            span,
                            vec![("kinds", plural(&kind)), ("name", name)],
                        ),
                        None => findings.report(
                            "missingIfExists",
                            span,
                            vec![("kind", kind), ("name", name)],
                        ),
                    };
                    finding.fix(Edit::insert(drop.object_span.end, if_exists));
                }
                StatementKind::AlterTable(alter) => {
                    let table = alter
                        .table
                        .as_ref()
                        .map(|t| t.qualified())
                        .unwrap_or_default();
                    for (i, action) in alter.actions.iter().enumerate() {
                        let added_before = |wanted: &dyn Fn(&AlterTableActionKind) -> bool| {
                            alter.actions[..i].iter().any(|a| wanted(&a.kind))
                                || is_added_earlier(earlier(ctx, statement), alter, wanted)
                        };
                        let (message, name, name_span, insert_at) = match &action.kind {
                            AlterTableActionKind::DropColumn {
                                name,
                                name_span,
                                if_exists: false,
                                insert_at,
                            } if !added_before(&|kind| match kind {
                                AlterTableActionKind::AddColumn { column, .. } => {
                                    column.name == *name
                                }
                                AlterTableActionKind::RenameColumn { to, .. } => to == name,
                                _ => false,
                            }) =>
                            {
                                ("dropColumn", name, name_span, insert_at)
                            }
                            AlterTableActionKind::DropConstraint {
                                name,
                                name_span,
                                if_exists: false,
                                insert_at,
                            } if !added_before(&|kind| {
                                matches!(kind, AlterTableActionKind::AddConstraint(c)
                                    if c.name.as_ref() == Some(name))
                            }) =>
                            {
                                ("dropConstraint", name, name_span, insert_at)
                            }
                            _ => continue,
                        };
                        findings
                            .report(
                                message,
                                *name_span,
                                vec![("name", name.clone()), ("table", table.clone())],
                            )
                            .fix(Edit::insert(*insert_at, if_exists.clone()));
                    }
                }
                _ => {}
            }
        }
    }
}

/// The statements of the file before `statement`.
fn earlier<'a>(ctx: &RuleContext<'a>, statement: &Statement) -> &'a [Statement] {
    let statements = ctx.statements();
    &statements[..statement.index.min(statements.len())]
}

/// Whether earlier statements create every object the drop removes (or rename another object
/// to its name): each run then makes the object again before dropping it.
fn is_recreated_earlier(earlier: &[Statement], drop: &Drop) -> bool {
    !drop.names.is_empty()
        && drop.names.iter().all(|name| {
            earlier.iter().any(|statement| match &statement.kind {
                StatementKind::Create(create) if create.object == drop.object => {
                    let same_name = create.name.as_ref().is_some_and(|n| match drop.object {
                        ObjectKind::Trigger | ObjectKind::Policy => n.name == name.name,
                        _ => n.same_object(name),
                    });
                    let table = match &create.detail {
                        CreateDetail::Trigger(trigger) => trigger.table.as_ref(),
                        CreateDetail::Policy(policy) => policy.table.as_ref(),
                        _ => None,
                    };
                    let same_table = match (&drop.on_table, table) {
                        (Some(dropped), Some(created)) => dropped.same_object(created),
                        (None, _) => true,
                        (Some(_), None) => false,
                    };
                    same_name && same_table
                }
                StatementKind::AlterType(alter) if drop.object == ObjectKind::Type => {
                    is_renamed_to(alter.name.as_ref(), alter.rename_to.as_deref(), name)
                }
                StatementKind::AlterTable(alter) if drop.object == ObjectKind::Table => {
                    alter.actions.iter().any(|action| match &action.kind {
                        AlterTableActionKind::RenameTable { to } => {
                            is_renamed_to(alter.table.as_ref(), Some(to), name)
                        }
                        _ => false,
                    })
                }
                _ => false,
            })
        })
}

/// Whether `from` renamed to `to` (in its own schema) is `name`.
fn is_renamed_to(from: Option<&ObjectName>, to: Option<&str>, name: &ObjectName) -> bool {
    match (from, to) {
        (Some(from), Some(to)) => {
            to == name.name && from.schema_or("public") == name.schema_or("public")
        }
        _ => false,
    }
}

/// Whether an earlier `ALTER TABLE` of the same table has an action `wanted` accepts.
fn is_added_earlier(
    earlier: &[Statement],
    alter: &AlterTable,
    wanted: &dyn Fn(&AlterTableActionKind) -> bool,
) -> bool {
    let Some(table) = &alter.table else {
        return false;
    };
    earlier.iter().any(|statement| match &statement.kind {
        StatementKind::AlterTable(other) => {
            other.table.as_ref().is_some_and(|t| t.same_object(table))
                && other.actions.iter().any(|a| wanted(&a.kind))
        }
        _ => false,
    })
}

/// The plural of an object noun: `Tables`, `Indexes`, `Policies`.
fn plural(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix('y') {
        format!("{stem}ies")
    } else if noun.ends_with('x') {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}
