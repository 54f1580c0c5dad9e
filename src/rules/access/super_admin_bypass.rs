use crate::declare_rule;
use crate::history::QualifiedName;
use crate::rules::support::access::is_exposed;
use crate::rules::support::policy::{policy_statements, record_expressions};
use crate::rules::{Findings, Rule, RuleContext, RuleMeta};

declare_rule! {
    /// Requires every table with policies to have one that lets the super admin (`adminFunction`) in.
    ///
    /// ## What it does
    /// Flags a `CREATE POLICY` on a table in an exposed schema (or on `storage.objects`)
    /// when neither it nor any other policy on that table in the history calls
    /// `adminFunction`. The rule is silent when `adminFunction` is `null`, and when the
    /// history never creates that function (a project without a super-admin role).
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
            noAdminAccess: "Policy `{policy}` on `{table}` does not call `{admin}()`, and no other policy on the table does, so super admins cannot see or change these rows through the API; call `{admin}()` in this policy or add a policy for it.",
        },
    }
}

impl Rule for SuperAdminBypass {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let Some(admin) = ctx.config.admin_function.as_deref() else {
            return;
        };
        let db = &ctx.history.database;
        let admin_name = QualifiedName::parse(admin);
        if !db.functions.all().iter().any(|f| f.name == admin_name) {
            return;
        }
        let admin = admin_name.to_string();
        for policy in policy_statements(ctx) {
            let (true, Some(record)) = (policy.is_create, policy.record) else {
                continue;
            };
            let table = &record.table;
            let in_scope = is_exposed(ctx.config, &table.schema)
                || (table.schema == "storage" && table.name == "objects");
            if !in_scope || !record.is_live() {
                continue;
            }
            let admitted = db.live_policies_on(table).any(|other| {
                record_expressions(other)
                    .iter()
                    .any(|expr| expr.calls().iter().any(|(call, _, _)| call.is(&admin)))
            });
            if admitted {
                continue;
            }
            findings.report(
                "noAdminAccess",
                policy.name_span,
                vec![
                    ("policy", policy.name.clone()),
                    ("table", table.to_string()),
                    ("admin", admin.clone()),
                ],
            );
        }
    }
}
