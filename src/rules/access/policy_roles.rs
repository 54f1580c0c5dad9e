use crate::declare_rule;
use crate::rules::support::policy::policy_statements;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires a `TO` clause on every policy, so it never silently applies to `anon`.
    ///
    /// ## What it does
    /// Flags a `CREATE POLICY` without `TO <roles>`, unless a later `ALTER POLICY … TO`
    /// in the history gives it roles.
    ///
    /// ## Why is this bad?
    /// A policy without `TO` applies to `PUBLIC`: every role, `anon` included. A policy
    /// written for signed-in users then also lets requests with only the public anon key
    /// through wherever its condition happens to hold.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy notes_read on public.notes for select
    ///   using ((select auth.uid()) = user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create policy notes_read on public.notes for select to authenticated
    ///   using ((select auth.uid()) = user_id);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: CREATE POLICY](https://www.postgresql.org/docs/current/sql-createpolicy.html)
    /// - [Supabase: RLS performance recommendations, specify roles](https://supabase.com/docs/guides/database/postgres/row-level-security#specify-roles-in-your-policies)
    pub PolicyRoles {
        id: "policy-roles",
        category: Access,
        severity: Warn,
        fix: None,
        options: [],
        sources: [],
        messages: {
            missingTo: {
                message: "Policy `{policy}` on `{table}` has no `TO` clause, so it applies to `anon` too.",
                help: "Add `TO authenticated` (or the roles it is meant for).",
            },
        },
    }
}

impl Rule for PolicyRoles {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for policy in policy_statements(ctx) {
            if !policy.is_create || !policy.is_live || policy.roles.is_some() {
                continue;
            }
            if policy.record.is_some_and(|r| r.has_roles()) {
                continue;
            }
            findings.report(
                "missingTo",
                policy.name_span,
                vec![
                    ("policy", policy.name.clone()),
                    ("table", policy.table_name()),
                ],
            );
        }
    }
}
