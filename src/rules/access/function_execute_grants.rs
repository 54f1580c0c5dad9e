use crate::declare_rule;
use crate::rules::support::function::{definer_functions_executable_by, ExposureCause};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `SECURITY DEFINER` functions in exposed schemas to be closed to `anon` and PUBLIC.
    ///
    /// ## What it does
    /// Reads the end of the migration history and flags a live `SECURITY DEFINER` function
    /// in an exposed schema that `anon` can execute: no `REVOKE EXECUTE … FROM PUBLIC` and
    /// `FROM anon` (directly, through `ALL FUNCTIONS IN SCHEMA`, or through `ALTER DEFAULT
    /// PRIVILEGES` before it was created), or a later `GRANT EXECUTE` (or `GRANT ALL`) to
    /// `anon` or PUBLIC that gives it back. The finding is on the statement that made it
    /// so: the `CREATE FUNCTION` the database keeps (or the `ALTER FUNCTION … SECURITY
    /// DEFINER` after it), or that `GRANT`. A definition a later `CREATE OR REPLACE`
    /// replaces, a function dropped later and a grant revoked later are not flagged.
    /// Trigger functions are exempt: Postgres refuses to call them other than as
    /// triggers. `function-execute-authenticated` checks the same for `authenticated`.
    ///
    /// ## Why is this bad?
    /// Postgres grants `EXECUTE` on every new function to PUBLIC, and Supabase's default
    /// privileges grant it to `anon` and `authenticated` in `public`. Revoking from PUBLIC
    /// alone leaves `anon`'s own grant. The function is then an RPC anyone with the public
    /// anon key can call, running with its owner's rights and bypassing row-level security.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.notes (id bigint primary key, user_id uuid);
    /// alter table public.notes enable row level security;
    /// create or replace function public.delete_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ delete from public.notes where id = note_id and user_id = (select auth.uid()) $$;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.notes (id bigint primary key, user_id uuid);
    /// alter table public.notes enable row level security;
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
    /// - Supabase database linter: `0028_anon_security_definer_function_executable`
    pub FunctionExecuteGrants {
        id: "function-execute-grants",
        category: Access,
        severity: Error,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0028_anon_security_definer_function_executable"],
        messages: {
            executableByAnon: {
                message: "`SECURITY DEFINER` {kind} `{function}` stays executable by `anon` (a default grant).",
                help: "Add `REVOKE EXECUTE ON FUNCTION {signature} FROM PUBLIC, anon;`.",
            },
            grantedToAnon: {
                message: "This grants `EXECUTE` on `SECURITY DEFINER` function `{function}` to `{role}`.",
                help: "Grant it to `authenticated`, or only to the roles that need it.",
            },
        },
    }
}

impl Rule for FunctionExecuteGrants {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|findings| {
            for exposure in definer_functions_executable_by(ctx, "anon") {
                let function = exposure.record.name.to_string();
                match &exposure.cause {
                    ExposureCause::Grant { role } => findings.report(
                        exposure.file,
                        "grantedToAnon",
                        exposure.span,
                        vec![("function", function), ("role", role.clone())],
                    ),
                    ExposureCause::Definition | ExposureCause::AlteredToDefiner => findings.report(
                        exposure.file,
                        "executableByAnon",
                        exposure.span,
                        vec![
                            ("kind", exposure.noun.clone()),
                            ("function", function),
                            ("signature", exposure.signature()),
                        ],
                    ),
                };
            }
        });
    }
}
