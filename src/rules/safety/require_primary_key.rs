use crate::declare_rule;
use crate::facts::CreateDetail;
use crate::rules::support::access::is_exposed;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Requires a primary key on every table in an exposed schema.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags the `CREATE TABLE` of a live
    /// table in an exposed schema that has no primary key at the end of the history: none in
    /// the `CREATE TABLE`, none added by a later `ALTER TABLE … ADD PRIMARY KEY` (`USING INDEX`
    /// included), or one a later migration dropped. Splinter's check `0004_no_primary_key`
    /// reports the same, on the live database.
    ///
    /// Not flagged: foreign tables, partitioned tables (their partitions hold the rows; a
    /// partition gets its parent's key, and is flagged when the parent has none), and tables
    /// built with `LIKE`, whose keys the history cannot see.
    ///
    /// ## Why is this bad?
    /// A row without a key cannot be addressed: the Supabase table editor refuses to edit or
    /// delete it, Realtime cannot send the old row of an `UPDATE` or `DELETE`, logical
    /// replication (read replicas, most change-data-capture tools) rejects updates and
    /// deletes, and duplicate rows creep in that nothing can tell apart.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.page_views (path text not null, viewed_at timestamptz not null);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.page_views (
    ///   id bigint generated always as identity primary key,
    ///   path text not null,
    ///   viewed_at timestamptz not null
    /// );
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas whose tables are checked (default `["public"]`).
    ///
    /// ## References
    /// - [Supabase database linter: 0004 no primary key](https://supabase.com/docs/guides/database/database-linter?lint=0004_no_primary_key)
    /// - [PostgreSQL: Primary Keys](https://www.postgresql.org/docs/current/ddl-constraints.html#DDL-CONSTRAINTS-PRIMARY-KEYS)
    pub RequirePrimaryKey {
        id: "require-primary-key",
        category: Safety,
        severity: Warn,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0004_no_primary_key"],
        messages: {
            noPrimaryKey: {
                message: "Table `{table}` has no primary key at the end of the migration history.",
                help: "Add a `PRIMARY KEY`.",
            },
        },
    }
}

impl Rule for RequirePrimaryKey {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for table in db.tables.live() {
        let name = table.current_name();
        if table.is_foreign()
            || table.primary_key().is_some()
            || !is_exposed(ctx.config, &name.schema)
        {
            continue;
        }
        let CreateDetail::Table(def) = &table.create.detail else {
            continue;
        };
        if def.is_partitioned || def.has_like {
            continue;
        }
        let Some(created_name) = &table.create.name else {
            continue;
        };
        findings.report(
            table.created.point.file,
            "noPrimaryKey",
            created_name.span,
            vec![("table", name.to_string())],
        );
    }
}
