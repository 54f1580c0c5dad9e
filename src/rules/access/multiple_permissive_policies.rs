use std::collections::BTreeSet;

use crate::declare_rule;
use crate::facts::PolicyCommand;
use crate::history::PolicyRecord;
use crate::rules::support::access::{bypasses_rls, is_platform_schema, quoted_list};
use crate::rules::support::policy::policy_name_span;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Flags a table with more than one permissive policy for the same role and command.
    ///
    /// ## What it does
    /// Reads the policies alive at the end of the migration history and flags a permissive
    /// policy when an older live permissive policy on the same table applies to the same
    /// role and command. `FOR ALL` counts for `SELECT`, `INSERT`, `UPDATE` and `DELETE`;
    /// a policy without `TO` (PUBLIC) counts for every role. The finding is on the
    /// statement that made the second policy overlap: its `CREATE POLICY`, or the
    /// `ALTER POLICY … TO` that gave it the role. Policies a later migration drops are not
    /// counted. Tables in the platform's schemas (`storage`, `auth`, …) are skipped, as
    /// Supabase's database linter does: one policy per bucket on `storage.objects` is the
    /// documented pattern. Roles that bypass row-level security (`service_role`,
    /// `postgres`) are skipped.
    ///
    /// ## Why is this bad?
    /// Postgres joins the permissive policies of a role and command with `OR` and
    /// evaluates each one for every row a query reads, so every extra policy adds its cost
    /// to each query. Split policies also hide what a role can do: a broad policy added
    /// later silently widens a narrow one written before it.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
    /// alter table public.notes enable row level security;
    /// create policy notes_own on public.notes for select to authenticated
    ///   using (user_id = (select auth.uid()));
    /// create policy notes_shared on public.notes for select to authenticated
    ///   using (is_shared);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.notes (id bigint primary key, user_id uuid, is_shared boolean);
    /// alter table public.notes enable row level security;
    /// create policy notes_read on public.notes for select to authenticated
    ///   using (user_id = (select auth.uid()) or is_shared);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Row Security Policies, combining policies](https://www.postgresql.org/docs/current/ddl-rowsecurity.html)
    /// - [Supabase: RLS performance recommendations](https://supabase.com/docs/guides/database/postgres/row-level-security#rls-performance-recommendations)
    /// - Supabase database linter: `0006_multiple_permissive_policies`
    pub MultiplePermissivePolicies {
        id: "multiple-permissive-policies",
        category: Access,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["splinter:0006_multiple_permissive_policies"],
        messages: {
            overlapping: {
                message: "Policy `{policy}` on `{table}` overlaps {others} for {roles} on {commands}.",
                help: "Merge them into one permissive policy whose condition joins theirs with `OR`.",
            },
        },
    }
}

const COMMANDS: [PolicyCommand; 4] = [
    PolicyCommand::Select,
    PolicyCommand::Insert,
    PolicyCommand::Update,
    PolicyCommand::Delete,
];

impl Rule for MultiplePermissivePolicies {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for policy in db.policies.live() {
            let introduced = policy.roles_set_at();
            if introduced.point.file != ctx.file_index
                || !policy.is_permissive()
                || is_platform_schema(&policy.table.schema)
            {
                continue;
            }
            let earlier: Vec<&PolicyRecord> = db
                .live_policies_on(&policy.table)
                .filter(|other| {
                    other.is_permissive() && other.roles_set_at().point < introduced.point
                })
                .collect();
            let (mut roles, mut commands, mut others) =
                (BTreeSet::new(), Vec::new(), BTreeSet::new());
            for role in candidate_roles(policy, &earlier) {
                for command in COMMANDS {
                    if !policy.applies_to(command) || !policy.applies_to_role(&role) {
                        continue;
                    }
                    for other in &earlier {
                        if other.applies_to(command) && other.applies_to_role(&role) {
                            roles.insert(role.clone());
                            if !commands.contains(&command) {
                                commands.push(command);
                            }
                            others.insert(other.name.clone());
                        }
                    }
                }
            }
            if others.is_empty() {
                continue;
            }
            commands.sort_by_key(|c| COMMANDS.iter().position(|known| known == c));
            let roles: Vec<String> = roles.into_iter().collect();
            let commands: Vec<&str> = commands.iter().map(|c| c.keyword()).collect();
            let others: Vec<String> = others.into_iter().collect();
            findings.report(
                "overlapping",
                policy_name_span(&introduced),
                vec![
                    ("policy", policy.name.clone()),
                    ("table", policy.table.to_string()),
                    ("roles", quoted_list(&roles)),
                    ("commands", quoted_list(&commands)),
                    ("others", quoted_list(&others)),
                ],
            );
        }
    }
}

/// The roles two policies can both apply to: every role either names, and the API roles
/// when one of them applies to PUBLIC; without the roles that bypass row-level security.
fn candidate_roles(policy: &PolicyRecord, earlier: &[&PolicyRecord]) -> BTreeSet<String> {
    let mut roles: BTreeSet<String> = ["anon", "authenticated"].map(String::from).into();
    for record in std::iter::once(&policy).chain(earlier) {
        roles.extend(record.roles().iter().cloned());
    }
    roles.retain(|role| role != "public" && !bypasses_rls(role));
    roles
}
