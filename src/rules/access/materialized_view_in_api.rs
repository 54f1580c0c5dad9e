use crate::declare_rule;
use crate::rules::support::access::is_exposed;
use crate::rules::support::exposure::{exposure_span, select_granted_since};
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows materialized views in an exposed schema that `anon` or `authenticated` can select.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags a live materialized view in an
    /// exposed schema when `anon`, `authenticated` or PUBLIC holds `SELECT` on it at the end of
    /// the history. In `public`, Supabase's default privileges grant it at creation; a later
    /// `REVOKE SELECT` (or `REVOKE ALL`) from those roles, an `ALTER DEFAULT PRIVILEGES …
    /// REVOKE` before it, moving it out of the exposed schemas or dropping it silences the
    /// rule. The finding points at the `CREATE MATERIALIZED VIEW`, or at the `GRANT` that
    /// gave the access back after a revoke. Splinter's check `0016_materialized_view_in_api`
    /// reports the same, on the live database.
    ///
    /// ## Why is this bad?
    /// A materialized view is a stored copy of its query's rows, and row-level security does
    /// not apply to it: every API client that may select it reads every row, whatever the
    /// policies of the tables it was computed from say.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create materialized view public.order_totals as
    ///   select customer_id, sum(amount) as total from public.orders group by customer_id;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create materialized view public.order_totals as
    ///   select customer_id, sum(amount) as total from public.orders group by customer_id;
    /// revoke select on public.order_totals from anon, authenticated;
    /// ```
    ///
    /// Or keep it in a schema the Data API does not serve (`create materialized view
    /// private.order_totals …`) and expose what each user may see through a function or a
    /// `security_invoker` view.
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves (default `["public"]`).
    ///
    /// ## References
    /// - [Supabase database linter: 0016 materialized view in API](https://supabase.com/docs/guides/database/database-linter?lint=0016_materialized_view_in_api)
    /// - [PostgreSQL: Materialized Views](https://www.postgresql.org/docs/current/rules-materializedviews.html)
    pub MaterializedViewInApi {
        id: "materialized-view-in-api",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0016_materialized_view_in_api"],
        messages: {
            selectable: {
                message: "Materialized view `{view}` is readable by API roles, and row-level security does not apply.",
                help: "Revoke `SELECT` on it from `anon` and `authenticated`.",
            },
        },
    }
}

impl Rule for MaterializedViewInApi {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for view in db.views.live() {
        let Some(created) = view.created_at() else {
            continue;
        };
        if !view.is_materialized || !is_exposed(ctx.config, &view.name.schema) {
            continue;
        }
        let Some(since) = select_granted_since(db, &view.name.schema, created, &view.grants) else {
            continue;
        };
        let span = exposure_span(&since, created, view.definitions[0].create);
        findings.report(
            since.point.file,
            "selectable",
            span,
            vec![("view", view.name.to_string())],
        );
    }
}
