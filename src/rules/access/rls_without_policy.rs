use std::collections::HashMap;

use crate::declare_rule;
use crate::facts::StatementKind;
use crate::history::{At, Point, QualifiedName, TableRecord, TABLE_PRIVILEGES};
use crate::rules::support::access::is_exposed;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Flags a table with row-level security on and no policy, which the Data API cannot reach (off by default).
    ///
    /// ## What it does
    /// Reads the end of the migration history and flags a table in an exposed schema whose
    /// row-level security is on while no policy is left on it, and on which `anon` or
    /// `authenticated` still hold a table privilege (Supabase's default grants, or a
    /// `GRANT`). A table whose privileges the history revokes from both roles is closed on
    /// purpose and not flagged. The finding is on the `ENABLE ROW LEVEL SECURITY`, or on
    /// the `DROP POLICY` that removed the table's last policy after it.
    ///
    /// Off by default: a table with row-level security and no policy fails closed (nothing
    /// leaks), and tables that only `service_role`, triggers or `SECURITY DEFINER`
    /// functions touch are common and correct. Supabase's database linter reports it at
    /// its lowest level, `INFO`. Turn it on to catch a table whose policies were forgotten
    /// before the API returns empty results for it.
    ///
    /// ## Why is this bad?
    /// With row-level security on, a role that is not the table owner sees no row and can
    /// write none unless a policy admits it. Clients using the anon or a user's key get
    /// empty results and "new row violates row-level security policy" errors, although
    /// the table's grants suggest they were meant to use it.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key, user_id uuid, body text);
    /// alter table public.notes enable row level security;
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
    /// - [PostgreSQL: Row Security Policies, default deny](https://www.postgresql.org/docs/current/ddl-rowsecurity.html)
    /// - [Supabase: Row Level Security](https://supabase.com/docs/guides/database/postgres/row-level-security)
    /// - Supabase database linter: `0008_rls_enabled_no_policy`
    pub RlsWithoutPolicy {
        id: "rls-without-policy",
        category: Access,
        severity: Off,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0008_rls_enabled_no_policy"],
        messages: {
            noPolicy: {
                message: "Table `{table}` has row-level security on and no policy, so {roles} see no row.",
                help: "Add policies for what they may do, or revoke their privileges if the table is internal.",
            },
            lastPolicyDropped: {
                message: "This drops the last policy on `{table}`, so {roles} see no row.",
                help: "Create the policies it needs, or revoke their privileges if the table is internal.",
            },
        },
    }
}

impl Rule for RlsWithoutPolicy {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    // The last `DROP POLICY` on each table, found in one pass over the policies.
    let mut last_drops: HashMap<&QualifiedName, Point> = HashMap::new();
    for policy in db.policies.all() {
        if let Some(dropped) = policy.dropped {
            let last = last_drops.entry(&policy.table).or_insert(dropped);
            *last = (*last).max(dropped);
        }
    }
    for table in db.tables.live() {
        let name = table.current_name();
        let Some(enabled) = table.rls_enabled_by() else {
            continue;
        };
        if !is_exposed(ctx.config, &name.schema) || db.live_policies_on(name).next().is_some() {
            continue;
        }
        let roles = api_roles_with_privileges(ctx, table);
        if roles.is_empty() {
            continue;
        }
        let data = vec![("table", name.to_string()), ("roles", roles.join(" and "))];
        // A `DROP POLICY` after RLS was enabled is what closed the table.
        let last_drop = last_drops
            .get(name)
            .copied()
            .filter(|point| *point > enabled.point);
        match last_drop {
            Some(point) => {
                // A statement's index is its position in its file.
                let drop = ctx.history.files[point.file]
                    .facts
                    .statements
                    .get(point.statement)
                    .filter(|s| s.index == point.statement);
                if let Some(statement) = drop.filter(|s| is_drop_policy(s)) {
                    findings.report(point.file, "lastPolicyDropped", drop_span(statement), data);
                }
            }
            None => {
                findings.report(
                    enabled.point.file,
                    "noPolicy",
                    table_name_span(&enabled),
                    data,
                );
            }
        }
    }
}

/// `anon` and `authenticated`, when they hold some privilege on the table at the end.
fn api_roles_with_privileges(ctx: &RuleContext, table: &TableRecord) -> Vec<String> {
    let db = &ctx.history.database;
    ["anon", "authenticated"]
        .into_iter()
        .filter(|role| {
            let privileges = db.effective_table_privileges(table, role);
            TABLE_PRIVILEGES.iter().any(|p| privileges.has_any(p))
        })
        .map(|role| format!("`{role}`"))
        .collect()
}

fn is_drop_policy(statement: &crate::facts::Statement) -> bool {
    matches!(&statement.kind, StatementKind::Drop(drop) if drop.object == crate::facts::ObjectKind::Policy)
}

fn drop_span(statement: &crate::facts::Statement) -> Span {
    match &statement.kind {
        StatementKind::Drop(drop) => drop
            .names
            .first()
            .map_or_else(|| statement.head_span(), |name| name.span),
        _ => statement.head_span(),
    }
}

/// The table's name in the `ALTER TABLE … ENABLE ROW LEVEL SECURITY` at `at`.
fn table_name_span(at: &At) -> Span {
    match &at.statement.kind {
        StatementKind::AlterTable(alter) => alter
            .table
            .as_ref()
            .map_or_else(|| at.statement.head_span(), |name| name.span),
        _ => at.statement.head_span(),
    }
}
