use crate::declare_rule;
use crate::facts::{GrantObjectKind, StatementKind};
use crate::rules::support::access::{is_exposed, point_of};
use crate::rules::support::function::function_statements;
use crate::rules::{Findings, Rule, RuleContext, RuleMeta};

declare_rule! {
    /// Requires `SECURITY DEFINER` functions in exposed schemas to be closed to `anon` and PUBLIC.
    ///
    /// ## What it does
    /// Flags a `SECURITY DEFINER` function (not a trigger function, which clients cannot
    /// call) in an exposed schema that `anon` can still execute at the end of the history:
    /// no `REVOKE EXECUTE … FROM PUBLIC` and `FROM anon` (directly, through `ALL FUNCTIONS
    /// IN SCHEMA`, or through `ALTER DEFAULT PRIVILEGES` before it was created). Also flags
    /// a `GRANT EXECUTE` (or `GRANT ALL`) on such a function to `anon` or PUBLIC.
    /// Only the definition the database keeps is checked: one a later `CREATE OR REPLACE`
    /// replaces, or a function dropped later, is not flagged.
    ///
    /// ## Why is this bad?
    /// Postgres grants `EXECUTE` on every new function to PUBLIC, and Supabase's default
    /// privileges grant it to `anon` and `authenticated` in `public`. Revoking from PUBLIC
    /// alone leaves `anon`'s own grant. The function is then an RPC anyone with the public
    /// anon key can call, running with its owner's rights and bypassing row-level security.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ delete from public.notes where id = note_id and user_id = (select auth.uid()) $$;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ delete from public.notes where id = note_id and user_id = (select auth.uid()) $$;
    /// revoke execute on function public.delete_note(bigint) from public, anon;
    /// grant execute on function public.delete_note(bigint) to authenticated;
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [PostgreSQL: Function privileges](https://www.postgresql.org/docs/current/ddl-priv.html)
    /// - [Supabase: Database functions, security definer](https://supabase.com/docs/guides/database/functions#security-definer-vs-invoker)
    pub FunctionExecuteGrants {
        id: "function-execute-grants",
        category: Access,
        severity: Error,
        fix: None,
        options: ["exposedSchemas"],
        sources: [],
        messages: {
            executableByAnon: "`SECURITY DEFINER` {kind} `{function}` stays executable by `anon` (Postgres grants `EXECUTE` to PUBLIC and Supabase to `anon` by default), so anyone with the public anon key can call it with its owner's rights; add `REVOKE EXECUTE ON FUNCTION {signature} FROM PUBLIC, anon;`.",
            grantedToAnon: "This grants `EXECUTE` on `SECURITY DEFINER` function `{function}` to `{role}`, so anyone with the public anon key can call it with its owner's rights; grant it to `authenticated` (or the roles that need it) instead.",
        },
    }
}

impl Rule for FunctionExecuteGrants {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for function in function_statements(ctx) {
            if !function.is_current()
                || !function.is_security_definer()
                || function.def.is_trigger
                || function.record.dropped.is_some()
                || !is_exposed(ctx.config, &function.record.name.schema)
                || !db.function_executable_by(function.record, "anon")
            {
                continue;
            }
            findings.report(
                "executableByAnon",
                function.name.span,
                vec![
                    ("kind", function.noun()),
                    ("function", function.qualified()),
                    ("signature", function.signature()),
                ],
            );
        }
        for statement in ctx.statements() {
            let StatementKind::Grant(grant) = &statement.kind else {
                continue;
            };
            let names_functions = matches!(
                grant.object_kind,
                GrantObjectKind::Function
                    | GrantObjectKind::Procedure
                    | GrantObjectKind::AllFunctionsInSchema
            );
            let grants_execute = grant
                .privileges
                .iter()
                .any(|p| p == "execute" || p == "all");
            if grant.is_revoke || !names_functions || !grants_execute {
                continue;
            }
            let Some((role, span)) = grant
                .roles
                .iter()
                .zip(&grant.role_spans)
                .find(|(role, _)| *role == "anon" || *role == "public")
            else {
                continue;
            };
            let point = point_of(ctx, statement);
            // The definition in force when the grant runs decides whether it is SECURITY DEFINER.
            let granted = db.functions.all().iter().find(|f| {
                let current = f.definitions.iter().rposition(|d| d.at.point < point);
                f.grants.iter().any(|g| g.at.point == point)
                    && is_exposed(ctx.config, &f.name.schema)
                    && current.is_some_and(|i| {
                        f.is_security_definer(i) && !f.definitions[i].def.is_trigger
                    })
            });
            if let Some(function) = granted {
                findings.report(
                    "grantedToAnon",
                    *span,
                    vec![
                        ("function", function.name.to_string()),
                        (
                            "role",
                            if role == "public" {
                                "PUBLIC".into()
                            } else {
                                role.clone()
                            },
                        ),
                    ],
                );
            }
        }
    }
}
