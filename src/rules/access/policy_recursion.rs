use std::collections::HashMap;

use crate::declare_rule;
use crate::rules::context::indexes_by_file;
use crate::rules::support::policy::policy_statement_at;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Forbids policies whose condition reads their own table again, which Postgres rejects at query time.
    ///
    /// ## What it does
    /// Judges the end state. Follows each live policy's subqueries (`EXISTS (SELECT … FROM
    /// t …)`, `x IN (SELECT …)`) to the tables they read and the `SELECT` policies of those
    /// tables, for `anon` and `authenticated`, as Postgres' rewriter expands them. Flags the
    /// policy when the expansion reaches a table that is still being expanded and whose
    /// policies hold any subquery (`(select auth.uid())` is one). The finding sits on the
    /// statement that last wrote the policy.
    ///
    /// A call to a `SECURITY DEFINER` function is no subquery: the function reads as its
    /// owner, whom row-level security does not apply to, so it breaks the cycle. That is
    /// the usual fix: move the membership lookup into a function such as
    /// `public.has_role_on_account(account_id)` and call it from the policy.
    ///
    /// ## Why is this bad?
    /// The migration applies, and every query the policy applies to then fails with
    /// `infinite recursion detected in policy for relation "…"`: the feature is down for
    /// every user until a new migration replaces the policy.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.members (org_id uuid, user_id uuid);
    /// alter table public.members enable row level security;
    /// create policy members_read on public.members for select to authenticated
    ///   using (org_id in (select m.org_id from public.members m where m.user_id = (select auth.uid())));
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.members (org_id uuid, user_id uuid);
    /// alter table public.members enable row level security;
    /// create function public.is_member_of(org uuid) returns boolean
    ///   language sql stable security definer set search_path = ''
    ///   as $$ select exists (select 1 from public.members m
    ///     where m.org_id = org and m.user_id = (select auth.uid())) $$;
    /// create policy members_read on public.members for select to authenticated
    ///   using ((select public.is_member_of(org_id)));
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Row Security Policies](https://www.postgresql.org/docs/current/ddl-rowsecurity.html)
    /// - [Supabase: RLS, security definer functions](https://supabase.com/docs/guides/database/postgres/row-level-security#use-security-definer-functions)
    pub PolicyRecursion {
        id: "policy-recursion",
        category: Access,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            recursion: {
                message: "Policy `{policy}` on `{table}` recurses through {path} for {command} by `{role}`.",
                help: "Read the table through a `SECURITY DEFINER` function instead of querying it in the policy.",
            },
        },
    }
}

impl Rule for PolicyRecursion {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let recursions = ctx.access.recursions();
        let by_file = ctx.once_per_run(|| {
            RecursionsByFile(indexes_by_file(recursions, |r| {
                r.policy.introduced_at().file
            }))
        });
        let in_file = by_file
            .0
            .get(&ctx.file_index)
            .map_or(&[][..], Vec::as_slice);
        for recursion in in_file.iter().map(|&index| &recursions[index]) {
            let Some(statement) = policy_statement_at(ctx, recursion.policy.introduced_at()) else {
                continue;
            };
            let path: Vec<String> = recursion.path[1..]
                .iter()
                .map(|table| format!("`{table}`"))
                .collect();
            findings.report(
                "recursion",
                statement.name_span,
                vec![
                    ("policy", recursion.policy.name.clone()),
                    ("table", recursion.policy.table.to_string()),
                    ("path", path.join(" then ")),
                    ("command", recursion.command.keyword().to_string()),
                    ("role", recursion.role.to_string()),
                ],
            );
        }
    }
}

/// The indexes of the access model's recursions, by the file of the statement that
/// introduced their policy (the file whose findings they are).
struct RecursionsByFile(HashMap<usize, Vec<usize>>);
