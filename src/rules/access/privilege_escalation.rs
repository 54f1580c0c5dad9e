use std::collections::HashMap;

use crate::access::escalation::{Escalation, EscalationKind};
use crate::declare_rule;
use crate::history::PolicyRecord;
use crate::rules::context::indexes_by_file;
use crate::rules::support::access::quoted_list;
use crate::rules::support::policy::policy_statement_at;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Forbids policies that let users change what admits them: their own admin flag, role or membership.
    ///
    /// ## What it does
    /// Judges the end state through the access model. An **access column** is a column of
    /// a table that a policy on another table, or a function such a policy calls
    /// (`adminFunction` and `authorizationFunctions` included), reads from the caller's own
    /// row to let them in: `exists (select 1 from profiles p where p.id = auth.uid() and
    /// p.is_admin)` makes `profiles.is_admin` one; `exists (select 1 from members m where
    /// m.user_id = auth.uid() and m.org_id = docs.org_id)` makes `members.org_id` one.
    ///
    /// Flags a live permissive `UPDATE` (or `INSERT`) policy for `authenticated` on that
    /// table that admits the caller's own row by the same identity column, when
    /// `authenticated` may write the column (table privilege or column grant) and nothing
    /// pins it: the policy's `WITH CHECK` (or `USING`, which stands in for it) does not
    /// mention the column, no restrictive policy does, and no `BEFORE` trigger on the table
    /// can change or refuse the row. The finding sits on the statement that last wrote the
    /// policy.
    ///
    /// ## Why is this bad?
    /// Every signed-in user can make themselves what the other policies trust:
    /// `update profiles set is_admin = true where id = auth.uid()`, `update members set
    /// role = 'owner'`, or `insert into members (org_id, user_id) values (<any org>,
    /// auth.uid())`, then read and change another tenant's data through the API.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.profiles (id uuid primary key, name text, is_admin boolean not null default false);
    /// alter table public.profiles enable row level security;
    /// create policy profiles_update on public.profiles for update to authenticated
    ///   using (id = (select auth.uid()));
    /// create table public.reports (id bigint primary key);
    /// alter table public.reports enable row level security;
    /// create policy reports_admin on public.reports for select to authenticated
    ///   using (exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_admin));
    /// ```
    ///
    /// Use instead (grant only the columns users may change):
    /// ```sql
    /// create table public.profiles (id uuid primary key, name text, is_admin boolean not null default false);
    /// alter table public.profiles enable row level security;
    /// revoke update on public.profiles from authenticated;
    /// grant update (name) on public.profiles to authenticated;
    /// create policy profiles_update on public.profiles for update to authenticated
    ///   using (id = (select auth.uid()));
    /// create table public.reports (id bigint primary key);
    /// alter table public.reports enable row level security;
    /// create policy reports_admin on public.reports for select to authenticated
    ///   using (exists (select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_admin));
    /// ```
    ///
    /// Other ways to close it: a `WITH CHECK` that keeps the old value (`is_admin = (select
    /// p.is_admin from public.profiles p where p.id = (select auth.uid()))`), a `BEFORE
    /// UPDATE` trigger that refuses the change, or keeping the flag in a table users cannot
    /// write (`app_metadata`, or one only a `SECURITY DEFINER` function changes). For a
    /// membership table, let only owners add members: `WITH CHECK (public.has_role_on_account(account_id, 'owner'))`.
    ///
    /// ## Options
    /// - `adminFunction`, `authorizationFunctions`: functions whose reads count as admission.
    ///
    /// ## References
    /// - [Supabase: Column level security](https://supabase.com/docs/guides/database/postgres/column-level-security)
    /// - [PostgreSQL: CREATE POLICY, WITH CHECK](https://www.postgresql.org/docs/current/sql-createpolicy.html)
    pub PrivilegeEscalation {
        id: "privilege-escalation",
        category: Access,
        severity: Error,
        fix: None,
        options: ["adminFunction", "authorizationFunctions"],
        sources: [],
        messages: {
            update: {
                message: "Policy `{policy}` lets users change {columns} on their own row of `{table}`.",
                help: "Grant `UPDATE` only on other columns, or pin {columns} in `WITH CHECK`: {trusted} trusts what users write there.",
            },
            insert: {
                message: "Policy `{policy}` lets users insert their own row into `{table}` with any {columns}.",
                help: "Check {columns} in `WITH CHECK`, or grant `INSERT` only on other columns: {trusted} trusts what users write there.",
            },
            set: {
                message: "Policy `{policy}` lets users write their own row of `{table}` with any {columns}.",
                help: "Pin {columns} in `WITH CHECK`, or grant only other columns: {trusted} trusts what users write there.",
            },
        },
    }
}

impl Rule for PrivilegeEscalation {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        // One finding per policy, naming every column it opens.
        let escalations = ctx.access.escalations();
        let by_file = ctx.once_per_run(|| {
            EscalationsByFile(indexes_by_file(escalations, |e| {
                e.policy.introduced_at().file
            }))
        });
        let in_file = by_file
            .0
            .get(&ctx.file_index)
            .map_or(&[][..], Vec::as_slice);
        let mut by_policy: Vec<(&Escalation, Vec<&str>, Vec<&str>)> = Vec::new();
        let mut position_of: HashMap<*const PolicyRecord, usize> = HashMap::new();
        for escalation in in_file.iter().map(|&index| &escalations[index]) {
            let index = *position_of
                .entry(std::ptr::from_ref(escalation.policy))
                .or_insert_with(|| {
                    by_policy.push((escalation, Vec::new(), Vec::new()));
                    by_policy.len() - 1
                });
            let (_, updated, inserted) = &mut by_policy[index];
            let list = match escalation.kind {
                EscalationKind::Update => updated,
                EscalationKind::Insert => inserted,
            };
            if !list.contains(&escalation.column.as_str()) {
                list.push(&escalation.column);
            }
        }
        for (escalation, updated, inserted) in by_policy {
            let Some(statement) = policy_statement_at(ctx, escalation.policy.introduced_at())
            else {
                continue;
            };
            let mut columns: Vec<&str> = updated.clone();
            columns.extend(inserted.iter().filter(|c| !updated.contains(c)));
            let message_id = match (updated.is_empty(), inserted.is_empty()) {
                (false, true) => "update",
                (true, false) => "insert",
                _ => "set",
            };
            findings.report(
                message_id,
                statement.name_span,
                vec![
                    ("columns", quoted_list(&columns)),
                    ("table", escalation.table.to_string()),
                    ("policy", escalation.policy.name.clone()),
                    ("trusted", escalation.trusted_by.to_string()),
                ],
            );
        }
    }
}

/// The indexes of the access model's escalations, by the file of the statement that
/// introduced their policy (the file whose findings they are).
struct EscalationsByFile(HashMap<usize, Vec<usize>>);
