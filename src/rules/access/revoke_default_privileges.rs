use crate::declare_rule;
use crate::rules::support::access::{exposed_tables_created, quoted_list};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires new tables in exposed schemas to take back Supabase's default grants and grant explicitly.
    ///
    /// ## What it does
    /// Flags a `CREATE TABLE` in an exposed schema when some role of `revokeRoles` keeps the
    /// privileges Supabase's default privileges give it: no `REVOKE ALL ON <table> FROM
    /// <role>` (or `ON ALL TABLES IN SCHEMA`) follows in the history, and no earlier
    /// `ALTER DEFAULT PRIVILEGES … REVOKE ALL ON TABLES FROM <role>` applies. After the
    /// revoke, grant back only what the API needs with an explicit `GRANT`.
    ///
    /// ## Why is this bad?
    /// Supabase grants `SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER` on
    /// every new table in `public` to `anon`, `authenticated` and `service_role`. Row-level
    /// security is then the only guard, and a policy mistake (or RLS switched off) exposes
    /// writes nobody meant to allow, `TRUNCATE` included, which RLS does not cover.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key);
    /// alter table public.notes enable row level security;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.notes (id bigint primary key);
    /// alter table public.notes enable row level security;
    /// revoke all on public.notes from anon, authenticated, service_role;
    /// grant select, insert on public.notes to authenticated;
    /// ```
    ///
    /// ## Options
    /// - `revokeRoles`: the roles whose default privileges must be revoked (default
    ///   `["authenticated", "service_role"]`, the roles the house style revokes: `anon` is
    ///   kept out by row-level security and by granting it nothing back).
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [Supabase: Securing your API](https://supabase.com/docs/guides/api/securing-your-api)
    /// - [PostgreSQL: ALTER DEFAULT PRIVILEGES](https://www.postgresql.org/docs/current/sql-alterdefaultprivileges.html)
    pub RevokeDefaultPrivileges {
        id: "revoke-default-privileges",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["revokeRoles", "exposedSchemas"],
        sources: [],
        messages: {
            missingRevoke: {
                message: "Table `{table}` keeps every privilege Supabase grants {roles} by default.",
                help: "Add `REVOKE ALL ON {written} FROM {role_list};` and grant back only what the API needs.",
            },
        },
    }
}

impl Rule for RevokeDefaultPrivileges {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for (_, name, table) in exposed_tables_created(ctx) {
            let kept: Vec<&String> = ctx
                .config
                .revoke_roles
                .iter()
                .filter(|role| !db.table_privileges_revoked(table, &role.to_lowercase()))
                .collect();
            if kept.is_empty() {
                continue;
            }
            findings.report(
                "missingRevoke",
                name.span,
                vec![
                    ("table", table.current_name().to_string()),
                    ("written", name.span.text(ctx.text()).to_string()),
                    ("roles", quoted_list(&kept)),
                    (
                        "role_list",
                        kept.iter()
                            .map(|r| r.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            );
        }
    }
}
