use crate::declare_rule;
use crate::facts::PolicyCommand;
use crate::rules::support::policy::{policy_statements, ClauseKind};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Flags policy clauses Postgres rejects, and missing clauses that make a policy deny everything.
    ///
    /// ## What it does
    /// Flags, on `CREATE POLICY` and `ALTER POLICY`:
    /// - `USING` on an `INSERT` policy, and `WITH CHECK` on a `SELECT` or `DELETE` policy:
    ///   Postgres rejects the statement, so the migration fails;
    /// - an `INSERT` policy without `WITH CHECK`: it allows no insert at all;
    /// - a `SELECT`, `UPDATE`, `DELETE` or `ALL` policy without `USING`: it matches no
    ///   existing row, so it allows no read, update or delete.
    ///
    /// A clause added by a later `ALTER POLICY` in the history counts. Policies only for
    /// roles that bypass row-level security (`service_role`) are not checked for missing
    /// clauses: those roles never consult them.
    ///
    /// ## Why is this bad?
    /// A rejected clause breaks the migration. A missing one gives a policy that looks like
    /// it grants access but grants nothing: Postgres treats the absent expression as
    /// matching no row, and the feature fails with `new row violates row-level security
    /// policy` or an empty result.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy notes_insert on public.notes for insert to authenticated
    ///   using ((select auth.uid()) = user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create policy notes_insert on public.notes for insert to authenticated
    ///   with check ((select auth.uid()) = user_id);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: CREATE POLICY](https://www.postgresql.org/docs/current/sql-createpolicy.html)
    pub PolicyClauses {
        id: "policy-clauses",
        category: Access,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            usingOnInsert: {
                message: "INSERT policy `{policy}` on `{table}` has a `USING` clause, which PostgreSQL rejects.",
                help: "Move the condition to `WITH CHECK`.",
            },
            withCheckOnReadOrDelete: {
                message: "{command} policy `{policy}` on `{table}` has a `WITH CHECK` clause, which PostgreSQL rejects.",
                help: "Move the condition to `USING`.",
            },
            insertWithoutCheck: {
                message: "INSERT policy `{policy}` on `{table}` has no `WITH CHECK`, so it allows no insert.",
                help: "Add `WITH CHECK (…)` with the condition new rows must meet.",
            },
            missingUsing: {
                message: "{command} policy `{policy}` on `{table}` has no `USING`, so it allows no {effect}.",
                help: "Add `USING (…)` with the condition rows must meet.",
            },
        },
    }
}

/// Supabase roles that bypass row-level security.
const BYPASS_RLS_ROLES: &[&str] = &["service_role", "postgres", "supabase_admin"];

impl Rule for PolicyClauses {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for policy in policy_statements(ctx) {
            let Some(command) = policy.command else {
                continue;
            };
            let data = || {
                vec![
                    ("policy", policy.name.clone()),
                    ("table", policy.table_name()),
                    ("command", command.keyword().to_string()),
                ]
            };
            let mut rejected = false;
            if let Some(using) = policy.clause(ClauseKind::Using) {
                if command == PolicyCommand::Insert {
                    findings.report("usingOnInsert", using.keyword_span, data());
                    rejected = true;
                }
            }
            if let Some(check) = policy.clause(ClauseKind::WithCheck) {
                if matches!(command, PolicyCommand::Select | PolicyCommand::Delete) {
                    findings.report("withCheckOnReadOrDelete", check.keyword_span, data());
                    rejected = true;
                }
            }
            // Roles with BYPASSRLS never consult policies, so a missing clause costs them nothing.
            let roles = policy.record.map(|r| r.roles()).unwrap_or_default();
            let bypasses_rls =
                !roles.is_empty() && roles.iter().all(|r| BYPASS_RLS_ROLES.contains(&r.as_str()));
            if !policy.is_create || !policy.is_live || rejected || bypasses_rls {
                continue;
            }
            // A clause a later ALTER POLICY adds counts; Postgres rejects the wrong ones
            // above, so only the statement's own clauses need a record for this.
            let has_with_check = policy.clause(ClauseKind::WithCheck).is_some()
                || policy.record.is_some_and(|r| r.has_with_check());
            let has_using = policy.clause(ClauseKind::Using).is_some()
                || policy.record.is_some_and(|r| r.has_using());
            if command == PolicyCommand::Insert && !has_with_check {
                findings.report("insertWithoutCheck", policy.name_span, data());
            } else if command != PolicyCommand::Insert && !has_using {
                let effect = match command {
                    PolicyCommand::Select => "read",
                    PolicyCommand::Update => "update",
                    PolicyCommand::Delete => "delete",
                    _ => "read, update or delete",
                };
                let mut data = data();
                data.push(("effect", effect.to_string()));
                findings.report("missingUsing", policy.name_span, data);
            }
        }
    }
}
