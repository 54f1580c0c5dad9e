use crate::declare_rule;
use crate::facts::ConstraintKind;
use crate::rules::support::access::{is_exposed, quoted_list};
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Requires an index on the columns of every foreign key of a table in an exposed schema.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags a live foreign key of a table in an
    /// exposed schema when no live index, primary key or unique constraint of that table starts
    /// with the key's columns, in the key's order. The finding points at the column or
    /// constraint that declared the key. An index created by a later migration silences it;
    /// dropping that index later brings it back. Splinter's check
    /// `0001_unindexed_foreign_keys` reports the same, on the live database.
    ///
    /// Partial indexes count as covering, as they do for splinter. Splinter checks every
    /// schema but Supabase's own; this rule checks the exposed ones.
    ///
    /// A warning by default, although splinter rates it `INFO`: the house templates index
    /// every foreign key next to its table, and the cost of a missing one grows with the table
    /// unnoticed. A small lookup table (a handful of rows referenced by a `status_id`) may do
    /// without: put `-- supalint-disable-next-line unindexed-foreign-key` above its key.
    ///
    /// ## Why is this bad?
    /// Postgres indexes the referenced side of a foreign key (it must be unique), never the
    /// referencing side. Each `DELETE` on the referenced table (and each change of its key)
    /// scans the whole referencing table for dependent rows, `ON DELETE CASCADE` included,
    /// while holding locks. Joins on the key and row-level security policies that filter on it
    /// (`user_id = (select auth.uid())`) read every row as well.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (
    ///   id bigint generated always as identity primary key,
    ///   user_id uuid not null references auth.users (id) on delete cascade
    /// );
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.notes (
    ///   id bigint generated always as identity primary key,
    ///   user_id uuid not null references auth.users (id) on delete cascade
    /// );
    /// create index notes_user_id_idx on public.notes (user_id);
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas whose tables are checked (default `["public"]`).
    ///
    /// ## References
    /// - [Supabase database linter: 0001 unindexed foreign keys](https://supabase.com/docs/guides/database/database-linter?lint=0001_unindexed_foreign_keys)
    /// - [PostgreSQL: Foreign Keys](https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-FK)
    pub UnindexedForeignKey {
        id: "unindexed-foreign-key",
        category: Safety,
        severity: Warn,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0001_unindexed_foreign_keys"],
        messages: {
            unindexed: {
                message: "Foreign key `{key}` of `{table}` on {columns} has no index starting with those columns.",
                help: "Create an index on `{table}` ({columnList}).",
            },
        },
    }
}

impl Rule for UnindexedForeignKey {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for (id, table) in db.tables.all().iter().enumerate() {
        let name = table.current_name();
        if table.dropped.is_some() || !is_exposed(ctx.config, &name.schema) {
            continue;
        }
        let mut leading: Vec<&[String]> = db
            .live_indexes_of(id)
            .map(|index| index.columns.as_slice())
            .collect();
        leading.extend(
            table
                .keys
                .iter()
                .filter(|k| matches!(k.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique))
                .map(|k| k.columns.as_slice()),
        );
        for key in table.foreign_keys() {
            let is_covered = leading
                .iter()
                .any(|columns| columns.starts_with(&key.columns));
            if is_covered {
                continue;
            }
            let references = key
                .references
                .as_ref()
                .map(|r| r.to_string())
                .unwrap_or_default();
            findings.report(
                key.at.point.file,
                "unindexed",
                key.span,
                vec![
                    ("key", key.name.clone()),
                    ("table", name.to_string()),
                    ("columns", quoted_list(&key.columns)),
                    ("columnList", key.columns.join(", ")),
                    ("references", references),
                ],
            );
        }
    }
}
