//! The claims the access rules make about PostgreSQL, checked on a real server: a throwaway
//! cluster (`support::postgres`) with the Supabase stand-in (roles
//! `anon`/`authenticated`/`service_role`, `auth.uid()`/`auth.jwt()`, Supabase's default
//! privileges on `public`, `storage.buckets`/`storage.objects`).
//!
//! Skipped, with the reason printed, only when no PostgreSQL is installed (failed under `CI`).

mod support;

use support::postgres::{cluster_or_skip, Database};

/// One claim: its name and what went wrong, if anything.
type Check = (&'static str, Result<(), String>);

fn expect_error(result: Result<String, String>, needle: &str) -> Result<(), String> {
    match result {
        Ok(out) => Err(format!(
            "succeeded ({out}), expected an error with `{needle}`"
        )),
        Err(error) if error.contains(needle) => Ok(()),
        Err(error) => Err(format!("failed differently: {error}")),
    }
}

fn expect_output(result: Result<String, String>, wanted: &str) -> Result<(), String> {
    match result {
        Ok(out) if out == wanted => Ok(()),
        Ok(out) => Err(format!("gave `{out}`, expected `{wanted}`")),
        Err(error) => Err(format!("failed: {error}")),
    }
}

fn policy_claims(pg: &Database) -> Vec<Check> {
    let setup = pg.sql(
        "create table public.notes (id int, user_id uuid);
         alter table public.notes enable row level security;
         insert into public.notes values (1, null);",
    );
    vec![
        ("stand-in table", setup.map(|_| ())),
        (
            "policy-clauses: USING on an INSERT policy is rejected",
            expect_error(
                pg.sql("create policy p on public.notes for insert to authenticated using (true)"),
                "only WITH CHECK expression allowed for INSERT",
            ),
        ),
        (
            "policy-clauses: WITH CHECK on a SELECT policy is rejected",
            expect_error(
                pg.sql("create policy p on public.notes for select to authenticated with check (true)"),
                "WITH CHECK cannot be applied to SELECT or DELETE",
            ),
        ),
        (
            "policy-clauses: WITH CHECK on a DELETE policy is rejected",
            expect_error(
                pg.sql("create policy p on public.notes for delete to authenticated with check (true)"),
                "WITH CHECK cannot be applied to SELECT or DELETE",
            ),
        ),
        (
            "policy-clauses: ALTER POLICY adding USING to an INSERT policy is rejected",
            expect_error(
                pg.sql(
                    "create policy ins on public.notes for insert to authenticated with check (true);
                     alter policy ins on public.notes using (true);",
                ),
                "only WITH CHECK expression allowed for INSERT",
            ),
        ),
        (
            "policy-clauses: an INSERT policy without WITH CHECK denies every insert",
            expect_error(
                pg.sql(
                    "create policy no_check on public.notes for insert to authenticated;
                     set role authenticated;
                     insert into public.notes values (2, null);",
                ),
                "new row violates row-level security policy",
            ),
        ),
        (
            "policy-clauses: a SELECT policy without USING matches no row",
            expect_output(
                pg.sql(
                    "create policy no_using on public.notes for select to authenticated;
                     set role authenticated;
                     select count(*) from public.notes;",
                ),
                "0",
            ),
        ),
        (
            "no-permissive-true: one permissive `true` opens what the others restrict",
            expect_output(
                pg.sql(
                    "create table public.items (id int, user_id uuid);
                     alter table public.items enable row level security;
                     create policy own on public.items for insert to authenticated with check (user_id = (select auth.uid()));
                     create policy anything on public.items for insert to authenticated with check (true);
                     set role authenticated;
                     insert into public.items values (1, gen_random_uuid());
                     reset role;
                     select count(*) from public.items;",
                ),
                "1",
            ),
        ),
        (
            "auth-function-initplan: `(select auth.uid())` is an InitPlan, bare `auth.uid()` is not",
            pg.sql(
                "create table public.big (id int, user_id uuid);
                 explain (costs off) select * from public.big where user_id = (select auth.uid());",
            )
            .and_then(|wrapped| {
                let bare = pg.sql(
                    "explain (costs off) select * from public.big where user_id = auth.uid();",
                )?;
                if wrapped.contains("InitPlan") && !bare.contains("InitPlan") {
                    Ok(())
                } else {
                    Err(format!("wrapped plan:\n{wrapped}\nbare plan:\n{bare}"))
                }
            }),
        ),
    ]
}

fn table_claims(pg: &Database) -> Vec<Check> {
    vec![
        (
            "rls-enabled: without RLS anon reads and writes a new public table",
            expect_output(
                pg.sql(
                    "create table public.open (id int);
                     set role anon;
                     insert into public.open values (1);
                     select count(*) from public.open;",
                ),
                "1",
            ),
        ),
        (
            "rls-enabled: with RLS and no policy anon sees no row",
            expect_output(
                pg.sql(
                    "alter table public.open enable row level security;
                     set role anon;
                     select count(*) from public.open;",
                ),
                "0",
            ),
        ),
        (
            "anon-write-grant: TRUNCATE ignores row-level security",
            expect_output(
                pg.sql(
                    "insert into public.open values (2);
                     set role anon;
                     truncate public.open;
                     reset role;
                     select count(*) from public.open;",
                ),
                "0",
            ),
        ),
        (
            "revoke-default-privileges: new tables get every privilege for anon, and ALL TABLES IN SCHEMA misses later ones",
            expect_output(
                pg.sql(
                    "revoke all on all tables in schema public from anon;
                     create table public.later (id int);
                     select has_table_privilege('anon', 'public.later', 'TRUNCATE')
                        and not has_table_privilege('anon', 'public.open', 'SELECT');",
                ),
                "t",
            ),
        ),
        (
            "view-security-invoker: a default view shows rows RLS hides; security_invoker does not",
            expect_output(
                pg.sql(
                    "create table public.secret (id int);
                     alter table public.secret enable row level security;
                     insert into public.secret values (1);
                     create view public.owner_view as select * from public.secret;
                     create view public.invoker_view with (security_invoker = true) as select * from public.secret;
                     set role anon;
                     select (select count(*) from public.owner_view) || ',' || (select count(*) from public.invoker_view);",
                ),
                "1,0",
            ),
        ),
        (
            "view-security-invoker: CREATE OR REPLACE VIEW resets the options",
            expect_output(
                pg.sql(
                    "create or replace view public.invoker_view as select * from public.secret;
                     select coalesce(array_to_string(reloptions, ','), 'none') from pg_class where relname = 'invoker_view';",
                ),
                "none",
            ),
        ),
        (
            "view-security-invoker: materialized views cannot take security_invoker",
            expect_error(
                pg.sql("create materialized view public.mv with (security_invoker = true) as select 1"),
                "unrecognized parameter \"security_invoker\"",
            ),
        ),
    ]
}

fn function_claims(pg: &Database) -> Vec<Check> {
    let executable = |name: &str| {
        pg.sql(&format!(
            "select has_function_privilege('anon', 'public.{name}()', 'EXECUTE')"
        ))
    };
    vec![
        (
            "function-execute-grants: new functions are executable by anon",
            pg.sql("create function public.f1() returns int language sql security definer set search_path = '' as $$ select 1 $$;")
                .and_then(|_| expect_output(executable("f1"), "t").map_err(|e| e.to_string())),
        ),
        (
            "function-execute-grants: revoking from PUBLIC alone leaves anon's grant",
            pg.sql("revoke execute on function public.f1() from public;")
                .and_then(|_| expect_output(executable("f1"), "t")),
        ),
        (
            "function-execute-grants: revoking from PUBLIC and anon closes it",
            pg.sql("revoke execute on function public.f1() from anon;")
                .and_then(|_| expect_output(executable("f1"), "f")),
        ),
        (
            "function-execute-grants: per-schema default privileges cannot take PUBLIC's EXECUTE",
            pg.sql(
                "alter default privileges in schema public revoke execute on functions from public, anon;
                 create function public.f2() returns int language sql as $$ select 1 $$;",
            )
            .and_then(|_| {
                expect_output(
                    pg.sql("select has_function_privilege('public', 'public.f2()', 'EXECUTE')"),
                    "t",
                )
            }),
        ),
        (
            "function-execute-grants: global default for PUBLIC plus per-schema default for anon close new functions",
            pg.sql(
                "alter default privileges revoke execute on functions from public;
                 create function public.f3() returns int language sql as $$ select 1 $$;",
            )
            .and_then(|_| expect_output(executable("f3"), "f")),
        ),
        (
            "CREATE OR REPLACE FUNCTION resets SECURITY DEFINER and search_path but keeps privileges",
            pg.sql("create or replace function public.f1() returns int language sql as $$ select 2 $$;")
                .and_then(|_| {
                    expect_output(
                        pg.sql(
                            "select prosecdef::text || ',' || coalesce(array_to_string(proconfig, ','), 'none')
                                || ',' || has_function_privilege('anon', 'public.f1()', 'EXECUTE')::text
                             from pg_proc where proname = 'f1'",
                        ),
                        "false,none,false",
                    )
                }),
        ),
        (
            "security-definer-search-path: without search_path a SECURITY DEFINER function reads the caller's objects",
            expect_output(
                pg.sql(
                    "create table public.counters (n int); insert into public.counters values (1);
                     create function public.count_them() returns bigint language sql security definer
                       as $$ select count(*) from counters $$;
                     create schema evil authorization authenticated;
                     set role authenticated;
                     create table evil.counters (n int);
                     insert into evil.counters select generate_series(1, 5);
                     set search_path = evil, public;
                     select public.count_them();",
                ),
                "5",
            ),
        ),
        (
            "search-path-qualified-references: PL/pgSQL with search_path '' fails at call time on an unqualified table",
            pg.sql(
                "create function public.plpgsql_count() returns bigint language plpgsql set search_path = ''
                   as $$ begin return (select count(*) from counters); end $$;",
            )
            .map_err(|e| format!("creating it failed: {e}"))
            .and_then(|_| {
                expect_error(
                    pg.sql("select public.plpgsql_count()"),
                    "relation \"counters\" does not exist",
                )
            }),
        ),
        (
            "search-path-qualified-references: LANGUAGE sql with search_path '' fails when created",
            expect_error(
                pg.sql(
                    "create function public.sql_count() returns bigint language sql set search_path = ''
                       as $$ select count(*) from counters $$;",
                ),
                "relation \"counters\" does not exist",
            ),
        ),
        (
            "search-path-qualified-references: a BEGIN ATOMIC body binds names at creation, so it works",
            expect_output(
                pg.sql(
                    "create function public.atomic_count() returns bigint language sql set search_path = ''
                       begin atomic select count(*) from counters; end;
                     select public.atomic_count();",
                ),
                "1",
            ),
        ),
        (
            "search-path-qualified-references: an unqualified user function fails under search_path ''",
            pg.sql(
                "create function public.helper() returns int language sql as $$ select 1 $$;
                 create function public.calls_helper() returns int language plpgsql set search_path = ''
                   as $$ begin return helper(); end $$;",
            )
            .and_then(|_| {
                expect_error(
                    pg.sql("select public.calls_helper()"),
                    "function helper() does not exist",
                )
            }),
        ),
        (
            "search-path-qualified-references: qualified names and pg_catalog work under search_path ''",
            expect_output(
                pg.sql(
                    "create function public.qualified_count() returns bigint language sql set search_path = ''
                       as $$ select count(*) + length('') from public.counters where now() is not null $$;
                     select public.qualified_count();",
                ),
                "1",
            ),
        ),
    ]
}

#[test]
fn access_rule_claims_hold_on_postgres() {
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let pg = cluster
        .create_supabase_database("claims")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut checks = Vec::new();
    checks.extend(policy_claims(&pg));
    checks.extend(table_claims(&pg));
    checks.extend(function_claims(&pg));
    let failures: Vec<String> = checks
        .iter()
        .filter_map(|(name, result)| result.as_ref().err().map(|e| format!("{name}: {e}")))
        .collect();
    println!(
        "{} claims checked on {}",
        checks.len(),
        pg.sql("select version()").unwrap_or_default()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
