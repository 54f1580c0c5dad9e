use crate::declare_rule;
use crate::facts::{AlterTableActionKind, StatementKind};
use crate::history::{At, PolicyRecord, RlsChange};
use crate::rules::support::access::{is_exposed, quoted_list};
use crate::rules::support::policy::policy_name_span;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Flags policies on a table whose row-level security is off, so they do nothing.
    ///
    /// ## What it does
    /// Reads the end of the migration history and flags a table in an exposed schema that
    /// has live policies while its row-level security is off: never enabled, or disabled
    /// again by a later `ALTER TABLE … DISABLE ROW LEVEL SECURITY`. The finding is on the
    /// statement that made it so: the table's first live `CREATE POLICY` when RLS was never
    /// on, or the `DISABLE ROW LEVEL SECURITY` that came after the policies. Policies a later
    /// migration drops, and tables it drops or enables RLS on, are not flagged.
    ///
    /// ## Why is this bad?
    /// Postgres ignores the policies of a table whose row-level security is off and checks
    /// only table privileges, which Supabase grants to `anon` and `authenticated`. The
    /// policies read as if rows were protected while anyone with the public anon key reads
    /// and changes every row.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key, user_id uuid, body text);
    /// create policy notes_own on public.notes for select to authenticated
    ///   using (user_id = (select auth.uid()));
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.notes (id bigint primary key, user_id uuid, body text);
    /// alter table public.notes enable row level security;
    /// create policy notes_own on public.notes for select to authenticated
    ///   using (user_id = (select auth.uid()));
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [PostgreSQL: Row Security Policies](https://www.postgresql.org/docs/current/ddl-rowsecurity.html)
    /// - [Supabase: Row Level Security](https://supabase.com/docs/guides/database/postgres/row-level-security)
    /// - Supabase database linter: `0007_policy_exists_rls_disabled`
    pub PolicyWithoutRls {
        id: "policy-without-rls",
        category: Access,
        severity: Error,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0007_policy_exists_rls_disabled"],
        messages: {
            rlsNeverEnabled: {
                message: "Policy `{policy}` is on `{table}`, whose row-level security is never enabled.",
                help: "Add `ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;`.",
            },
            rlsDisabled: {
                message: "This disables row-level security on `{table}`, so its policies ({policies}) are ignored.",
                help: "Remove `DISABLE ROW LEVEL SECURITY`, or drop the policies if the table is meant to be open.",
            },
        },
    }
}

impl Rule for PolicyWithoutRls {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for table in db.tables.live() {
        let name = table.current_name();
        if !is_exposed(ctx.config, &name.schema) || table.is_rls_enabled() {
            continue;
        }
        let mut policies: Vec<&PolicyRecord> = db.live_policies_on(name).collect();
        policies.sort_by_key(|p| p.created.point);
        let Some(first) = policies.first() else {
            continue;
        };
        let names: Vec<&str> = policies.iter().map(|p| p.name.as_str()).collect();
        let data = vec![
            ("policy", first.name.clone()),
            ("table", name.to_string()),
            ("policies", quoted_list(&names)),
        ];
        let disabled_after = table
            .rls
            .iter()
            .rev()
            .find(|(_, change)| *change == RlsChange::Disable)
            .map(|(at, _)| *at)
            .filter(|at| at.point > first.created.point);
        match disabled_after {
            Some(at) => {
                findings.report(at.point.file, "rlsDisabled", disable_span(&at), data);
            }
            None => {
                let at = &first.created;
                findings.report(at.point.file, "rlsNeverEnabled", policy_name_span(at), data);
            }
        }
    }
}

/// The `DISABLE ROW LEVEL SECURITY` action of the `ALTER TABLE` at `at`.
fn disable_span(at: &At) -> Span {
    let StatementKind::AlterTable(alter) = &at.statement.kind else {
        return at.statement.head_span();
    };
    alter
        .actions
        .iter()
        .find(|action| matches!(action.kind, AlterTableActionKind::DisableRls))
        .map_or_else(|| at.statement.head_span(), |action| action.span)
}
