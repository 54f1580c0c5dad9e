use crate::declare_rule;
use crate::facts::PolicyCommand;
use crate::rules::support::policy::{describe_roles, policy_statements};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Forbids permissive write policies whose condition is literally `true` for client roles.
    ///
    /// ## What it does
    /// Flags a permissive `INSERT`, `UPDATE`, `DELETE` or `ALL` policy (created, or changed
    /// by `ALTER POLICY`) whose `USING` or `WITH CHECK` expression is the literal `true`,
    /// when it applies to `anon`, `authenticated` or PUBLIC. The expression is read as a
    /// tree: `(true)` counts, `true AND owner = auth.uid()` does not.
    ///
    /// Judges the end state: a clause that a later `ALTER POLICY` replaces, or a policy a
    /// later migration drops, is not reported; the finding sits on the statement that wrote
    /// the live clause.
    ///
    /// ## Why is this bad?
    /// Permissive policies are OR-ed together, so one `true` opens the table to every
    /// request of those roles: any signed-in user, or anyone with the public anon key, can
    /// insert, change or delete every row, whatever the other policies say.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy notes_update on public.notes for update to authenticated
    ///   using (true);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create policy notes_update on public.notes for update to authenticated
    ///   using ((select auth.uid()) = user_id);
    /// ```
    ///
    /// ## References
    /// - [Supabase: Row Level Security](https://supabase.com/docs/guides/database/postgres/row-level-security)
    /// - Supabase database linter: `0024_permissive_rls_policy`
    pub NoPermissiveTrue {
        id: "no-permissive-true",
        category: Access,
        severity: Error,
        fix: None,
        options: [],
        sources: ["splinter:0024_rls_policy_always_true"],
        messages: {
            alwaysTrue: {
                message: "{command} policy `{policy}` on `{table}` lets {roles} {verb} any row.",
                help: "Replace `{clause} (true)` with a condition on the row, such as `(select auth.uid()) = user_id`.",
            },
        },
    }
}

/// Roles that reach the database through the Data API.
const CLIENT_ROLES: &[&str] = &["anon", "authenticated", "public"];

impl Rule for NoPermissiveTrue {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for policy in policy_statements(ctx) {
            let Some(command) = policy.command else {
                continue;
            };
            if !policy.is_permissive || command == PolicyCommand::Select {
                continue;
            }
            let roles = policy.live_roles();
            let for_clients =
                roles.is_empty() || roles.iter().any(|r| CLIENT_ROLES.contains(&r.as_str()));
            if !for_clients {
                continue;
            }
            let verb = match command {
                PolicyCommand::Insert => "insert",
                PolicyCommand::Update => "update",
                PolicyCommand::Delete => "delete",
                _ => "read, write or delete",
            };
            // One finding per policy: the first clause that is `true`.
            if let Some(clause) = policy.live_clauses().find(|c| c.expr.is_true_literal()) {
                findings.report(
                    "alwaysTrue",
                    clause.expr.span,
                    vec![
                        ("command", command.keyword().to_string()),
                        ("policy", policy.name.clone()),
                        ("table", policy.table_name()),
                        ("clause", clause.kind.keyword().to_string()),
                        ("roles", describe_roles(roles)),
                        ("verb", verb.to_string()),
                    ],
                );
            }
        }
    }
}
