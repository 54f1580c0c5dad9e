use crate::declare_rule;
use crate::rules::support::access::is_exposed;
use crate::rules::support::exposure::{exposure_span, select_granted_since};
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows foreign tables in an exposed schema that `anon` or `authenticated` can select.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags a live foreign table (`CREATE
    /// FOREIGN TABLE`, as Supabase Wrappers and `postgres_fdw` make them) in an exposed schema
    /// when `anon`, `authenticated` or PUBLIC holds `SELECT` on it at the end of the history. In
    /// `public`, Supabase's default privileges grant it at creation; a later `REVOKE SELECT`
    /// (or `REVOKE ALL`) from those roles, an `ALTER DEFAULT PRIVILEGES … REVOKE` before it,
    /// moving it out of the exposed schemas or dropping it silences the rule. The finding
    /// points at the `CREATE FOREIGN TABLE`, or at the `GRANT` that gave the access back after
    /// a revoke. Splinter's check `0017_foreign_table_in_api` reports the same, on the live
    /// database.
    ///
    /// Foreign tables that `IMPORT FOREIGN SCHEMA` creates are not seen: the statement does
    /// not name them.
    ///
    /// ## Why is this bad?
    /// Row-level security cannot be enabled on a foreign table, so every API client that may
    /// select it reads every row the remote server returns, with the credentials of the
    /// server's user mapping: Stripe customers, another database's rows, files.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create foreign table public.stripe_customers (id text, email text)
    ///   server stripe_server options (object 'customers');
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create foreign table public.stripe_customers (id text, email text)
    ///   server stripe_server options (object 'customers');
    /// revoke all on public.stripe_customers from anon, authenticated;
    /// ```
    ///
    /// Or create it in a schema the Data API does not serve (`create foreign table
    /// private.stripe_customers …`) and expose what each user may see through a function.
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves (default `["public"]`).
    ///
    /// ## References
    /// - [Supabase database linter: 0017 foreign table in API](https://supabase.com/docs/guides/database/database-linter?lint=0017_foreign_table_in_api)
    /// - [Supabase: Foreign Data Wrappers](https://supabase.com/docs/guides/database/extensions/wrappers/overview)
    /// - [PostgreSQL: CREATE FOREIGN TABLE](https://www.postgresql.org/docs/current/sql-createforeigntable.html)
    pub ForeignTableInApi {
        id: "foreign-table-in-api",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0017_foreign_table_in_api"],
        messages: {
            selectable: {
                message: "Foreign table `{table}` is readable by API roles, and row-level security cannot apply to it.",
                help: "Revoke `SELECT` on it from `anon` and `authenticated`.",
            },
        },
    }
}

impl Rule for ForeignTableInApi {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for table in db.tables.live() {
        let name = table.current_name();
        if !table.is_foreign() || !is_exposed(ctx.config, &name.schema) {
            continue;
        }
        let Some(since) =
            select_granted_since(db, &table.name.schema, table.created, &table.grants)
        else {
            continue;
        };
        let span = exposure_span(&since, table.created, table.create);
        findings.report(
            since.point.file,
            "selectable",
            span,
            vec![("table", name.to_string())],
        );
    }
}
