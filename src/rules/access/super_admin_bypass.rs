use std::collections::HashSet;

use crate::declare_rule;
use crate::facts::PolicyCommand;
use crate::history::{PolicyRecord, QualifiedName};
use crate::rules::support::access::is_exposed;
use crate::rules::support::policy::{live_expressions, policy_statements};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires every table with policies to have one that lets the super admin (`adminFunction`) in.
    ///
    /// ## What it does
    /// Judges the end state, per command. Flags a live permissive policy that applies to
    /// `authenticated` on a table in an exposed schema (or on `storage.objects`) when, for
    /// one of its commands (`SELECT`, `INSERT`, `UPDATE`, `DELETE`; `FOR ALL` counts for
    /// each), none of the live permissive policies of that table that apply to
    /// `authenticated` calls `adminFunction` or admits every row (`true`). The finding sits
    /// on the statement that last wrote the policy, so a policy dropped, replaced or fixed
    /// by a later migration is not reported. The rule is silent when `adminFunction` is
    /// `null`, and when the project has no super admin: the history neither creates that
    /// function nor calls it in any policy.
    ///
    /// ## Why is this bad?
    /// With row-level security on, rows no policy admits are invisible to everyone but the
    /// table owner and `service_role`. A back office that signs in as a super admin then
    /// shows empty tables, and the fix tends to be a service-role key in the browser.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create function public.is_super_admin() returns boolean language sql
    ///   set search_path = '' as $$ select false $$;
    /// create policy notes_read on public.notes for select to authenticated
    ///   using ((select auth.uid()) = user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create function public.is_super_admin() returns boolean language sql
    ///   set search_path = '' as $$ select false $$;
    /// create policy notes_read on public.notes for select to authenticated
    ///   using ((select auth.uid()) = user_id or (select public.is_super_admin()));
    /// ```
    ///
    /// ## Options
    /// - `adminFunction`: the function that tells whether the caller is a super admin
    ///   (default `public.is_super_admin`); `null` turns the rule off.
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [MakerKit: Super Admin](https://makerkit.dev/docs/next-supabase-turbo/admin/adding-super-admin)
    pub SuperAdminBypass {
        id: "super-admin-bypass",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["adminFunction", "exposedSchemas"],
        sources: [],
        messages: {
            noAdminAccess: {
                message: "Policy `{policy}` on `{table}` lets no super admin in for {commands}.",
                help: "Call `{admin}()` in a policy for {commands} on `{table}`.",
            },
        },
    }
}

impl Rule for SuperAdminBypass {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let Some(admin) = ctx.config.admin_function.as_deref() else {
            return;
        };
        let admin = QualifiedName::parse(admin);
        let access = ctx.once_per_run(|| AdminAccess::of(ctx, &admin));
        if !access.has_admin {
            return;
        }
        let admin = admin.to_string();
        for policy in policy_statements(ctx) {
            let Some(record) = policy.record else {
                continue;
            };
            let table = &record.table;
            let in_scope = is_exposed(ctx.config, &table.schema)
                || (table.schema == "storage" && table.name == "objects");
            let for_admins = record.is_permissive() && record.applies_to_role("authenticated");
            if !in_scope
                || !record.is_live()
                || !for_admins
                || record.introduced_at() != policy.point
            {
                continue;
            }
            let closed: Vec<&str> = COMMANDS
                .iter()
                .filter(|command| record.applies_to(**command))
                .filter(|command| !access.open.contains(&(table.clone(), command.keyword())))
                .map(|command| command.keyword())
                .collect();
            if closed.is_empty() {
                continue;
            }
            findings.report(
                "noAdminAccess",
                policy.name_span,
                vec![
                    ("policy", policy.name.clone()),
                    ("table", table.to_string()),
                    ("admin", admin.clone()),
                    ("commands", closed.join(", ")),
                ],
            );
        }
    }
}

/// Where the super admin gets in, worked out once per run (every file asks).
struct AdminAccess {
    /// The project has a super admin: the history creates the function, or a policy calls
    /// it (the function may come from outside the migrations).
    has_admin: bool,
    /// The tables and commands a live permissive policy for `authenticated` opens to the
    /// super admin: it calls the function, or admits everyone.
    open: HashSet<(QualifiedName, &'static str)>,
}

impl AdminAccess {
    fn of(ctx: &RuleContext, admin_name: &QualifiedName) -> Self {
        let db = &ctx.history.database;
        let admin = admin_name.to_string();
        let calls_admin = |record: &PolicyRecord| {
            live_expressions(record)
                .any(|expr| expr.calls().iter().any(|(call, _, _)| call.is(&admin)))
        };
        let has_admin = db.functions.all().iter().any(|f| &f.name == admin_name)
            || db.policies.live().any(calls_admin);
        let mut open = HashSet::new();
        for policy in db.policies.live() {
            if policy.is_permissive()
                && policy.applies_to_role("authenticated")
                && (calls_admin(policy) || admits_everyone(policy))
            {
                for command in COMMANDS.iter().filter(|c| policy.applies_to(**c)) {
                    open.insert((policy.table.clone(), command.keyword()));
                }
            }
        }
        AdminAccess { has_admin, open }
    }
}

const COMMANDS: [PolicyCommand; 4] = [
    PolicyCommand::Select,
    PolicyCommand::Insert,
    PolicyCommand::Update,
    PolicyCommand::Delete,
];

/// A policy whose live clauses are all `true` (or absent) admits every row, the super
/// admin's included.
fn admits_everyone(record: &PolicyRecord) -> bool {
    let mut clauses = live_expressions(record).peekable();
    clauses.peek().is_some() && clauses.all(|expr| expr.is_true_literal())
}
