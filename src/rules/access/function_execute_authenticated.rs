use crate::declare_rule;
use crate::rules::support::function::{definer_functions_executable_by, ExposureCause};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Flags `SECURITY DEFINER` functions in exposed schemas that every signed-in user can execute (off by default).
    ///
    /// ## What it does
    /// Reads the end of the migration history and flags a live `SECURITY DEFINER` function
    /// in an exposed schema that `authenticated` can execute: through Supabase's default
    /// grant, PUBLIC's `EXECUTE`, or a `GRANT EXECUTE` to `authenticated`. The finding is
    /// on the statement that made it so: the `CREATE FUNCTION` the database keeps (or the
    /// `ALTER FUNCTION … SECURITY DEFINER` after it), or that `GRANT`. Trigger functions are
    /// exempt: Postgres refuses to call them other than as triggers. Functions dropped,
    /// replaced or revoked later are not flagged.
    ///
    /// Off by default: granting `EXECUTE` to `authenticated` is how a project offers an RPC
    /// to its users, and a function that checks the caller first (`auth.uid()`, the
    /// `adminFunction`) is safe to offer. `security-definer-authorization` flags the
    /// callable ones that check nobody, and `function-execute-grants` the ones `anon` can
    /// call. Turn this rule on to review every `SECURITY DEFINER` function signed-in users
    /// can reach, as Supabase's database linter does.
    ///
    /// ## Why is this bad?
    /// A `SECURITY DEFINER` function runs with its owner's rights and bypasses row-level
    /// security on every table it touches. Anyone who can sign up is `authenticated`, so
    /// with open sign-ups such a function is an RPC for anyone with a throwaway email
    /// address, and it is only as safe as the checks in its body.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.notes (id bigint primary key, archived boolean default false);
    /// alter table public.notes enable row level security;
    /// create or replace function public.archive_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ update public.notes set archived = true where id = note_id $$;
    /// revoke execute on function public.archive_note(bigint) from public, anon;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.notes (id bigint primary key, archived boolean default false);
    /// alter table public.notes enable row level security;
    /// create or replace function public.archive_note(note_id bigint) returns void
    ///   language sql security definer set search_path = ''
    ///   as $$ update public.notes set archived = true where id = note_id $$;
    /// revoke execute on function public.archive_note(bigint) from public, anon, authenticated;
    /// grant execute on function public.archive_note(bigint) to service_role;
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [PostgreSQL: Function privileges](https://www.postgresql.org/docs/current/ddl-priv.html)
    /// - [Supabase: Database functions, security definer](https://supabase.com/docs/guides/database/functions#security-definer-vs-invoker)
    /// - Supabase database linter: `0029_authenticated_security_definer_function_executable`
    pub FunctionExecuteAuthenticated {
        id: "function-execute-authenticated",
        category: Access,
        severity: Off,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0029_authenticated_security_definer_function_executable"],
        messages: {
            executableByAuthenticated: {
                message: "`SECURITY DEFINER` {kind} `{function}` is executable by every signed-in user.",
                help: "Add `REVOKE EXECUTE ON FUNCTION {signature} FROM PUBLIC, anon, authenticated;`, then grant it only to the roles that need it.",
            },
            grantedToAuthenticated: {
                message: "This grants `EXECUTE` on `SECURITY DEFINER` function `{function}` to `{role}`.",
                help: "Grant it only to the roles that need it, not to every signed-in user.",
            },
        },
    }
}

impl Rule for FunctionExecuteAuthenticated {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|findings| {
            for exposure in definer_functions_executable_by(ctx, "authenticated") {
                let function = exposure.record.name.to_string();
                match &exposure.cause {
                    ExposureCause::Grant { role } => findings.report(
                        exposure.file,
                        "grantedToAuthenticated",
                        exposure.span,
                        vec![("function", function), ("role", role.clone())],
                    ),
                    ExposureCause::Definition | ExposureCause::AlteredToDefiner => findings.report(
                        exposure.file,
                        "executableByAuthenticated",
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
