//! The access rules over whole histories: a clean MakerKit-style history split over several
//! files stays silent, and the options change what the rules report.

mod support;

use serde_json::json;
use supalint::diagnostic::Severity;
use supalint::lint;
use supalint::rules::{self, Category};
use support::{findings_of, request};

fn access_rule_ids() -> Vec<&'static str> {
    rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.category == Category::Access)
        .map(|m| m.id)
        .collect()
}

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, text)| (format!("supabase/migrations/{name}"), text.to_string()))
        .collect()
}

const TABLES: &str = "
create table if not exists public.accounts (id uuid primary key, name text not null);
create table if not exists public.accounts_memberships (
  account_id uuid not null references public.accounts (id),
  user_id uuid not null,
  primary key (account_id, user_id)
);
revoke all on public.accounts from anon, authenticated, service_role;
revoke all on public.accounts_memberships from anon, authenticated, service_role;
grant select, update on public.accounts to authenticated;
grant select on public.accounts_memberships to authenticated;
";

const RLS: &str = "
alter table public.accounts enable row level security;
alter table \"public\".\"accounts_memberships\" enable row level security;
";

const POLICIES: &str = "
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

create or replace function public.is_super_admin() returns boolean
  language sql stable security definer set search_path = ''
  as $$ select coalesce(((select auth.jwt()) -> 'app_metadata' ->> 'super_admin')::boolean, false) $$;
grant execute on function public.is_super_admin() to authenticated;

create or replace function public.has_role_on_account(target uuid) returns boolean
  language sql stable security definer set search_path = ''
  as $$
    select exists (
      select 1 from public.accounts_memberships m
      where m.account_id = target and m.user_id = (select auth.uid())
    )
  $$;
grant execute on function public.has_role_on_account(uuid) to authenticated;

create or replace function kit.touch() returns trigger
  language plpgsql set search_path = ''
  as $$ begin new.name = trim(new.name); return new; end $$;

drop policy if exists accounts_read on public.accounts;
create policy accounts_read on public.accounts for select to authenticated
  using (public.has_role_on_account(id) or (select public.is_super_admin()));

drop policy if exists accounts_update on public.accounts;
create policy accounts_update on public.accounts for update to authenticated
  using (public.has_role_on_account(id) or (select public.is_super_admin()))
  with check (public.has_role_on_account(id) or (select public.is_super_admin()));

drop policy if exists memberships_read on public.accounts_memberships;
create policy memberships_read on public.accounts_memberships for select to authenticated
  using (user_id = (select auth.uid()) or (select public.is_super_admin()));

create or replace view public.account_names with (security_invoker = true) as
  select id, name from public.accounts;

drop policy if exists avatars_read on storage.objects;
create policy avatars_read on storage.objects for select to authenticated
  using (bucket_id = 'avatars' and (owner_id = (select auth.uid())::text or (select public.is_super_admin())));
";

#[test]
fn clean_history_split_over_files_passes_every_access_rule() {
    let history = files(&[
        ("20240101000000_accounts.sql", TABLES),
        ("20240102000000_accounts_rls.sql", RLS),
        ("20240103000000_accounts_policies.sql", POLICIES),
    ]);
    let ids = access_rule_ids();
    assert!(ids.len() >= 20, "every §3.3 rule: {ids:?}");
    // Rules off by default flag choices a clean history makes on purpose (an RPC granted to
    // `authenticated`, a table closed to the API).
    let on_by_default: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| rules::find(id).is_some_and(|r| r.meta().severity != Severity::Off))
        .collect();
    let config = json!({
        "extends": "none",
        "rules": on_by_default.iter().map(|id| (id.to_string(), json!("error"))).collect::<serde_json::Map<_, _>>(),
    });
    let response = lint(&request(history, config));
    assert!(response.config_errors.is_empty());
    let findings: Vec<String> = response
        .results
        .iter()
        .flat_map(|r| {
            r.diagnostics
                .iter()
                .map(move |d| format!("{}:{} {}: {}", r.path, d.line, d.rule_id, d.message))
        })
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn the_same_history_in_the_wrong_order_is_flagged() {
    // RLS enabled before the table exists is no RLS on it.
    let history = files(&[
        ("20240101000000_accounts_rls.sql", RLS),
        ("20240102000000_accounts.sql", TABLES),
    ]);
    let found = findings_of("rls-enabled", history, json!({}));
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn admin_function_null_turns_super_admin_bypass_off() {
    let text = "create function public.is_super_admin() returns boolean language sql set search_path = '' as $$ select false $$;\n\
                create policy notes_read on public.notes for select to authenticated using ((select auth.uid()) = user_id);\n";
    let history = files(&[("20240101000000_notes.sql", text)]);
    let on = findings_of("super-admin-bypass", history.clone(), json!({}));
    assert_eq!(on.len(), 1);
    let off = findings_of(
        "super-admin-bypass",
        history,
        json!({ "adminFunction": null, "rules": { "super-admin-bypass": "warn" } }),
    );
    assert!(off.is_empty(), "{off:?}");
}

#[test]
fn admin_function_option_names_the_function() {
    let text = "create function private.is_staff() returns boolean language sql set search_path = '' as $$ select false $$;\n\
                create policy notes_read on public.notes for select to authenticated using ((select auth.uid()) = user_id or private.is_staff());\n";
    let history = files(&[("20240101000000_notes.sql", text)]);
    let found = findings_of(
        "super-admin-bypass",
        history,
        json!({ "adminFunction": "private.is_staff" }),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn authorization_functions_count_as_caller_checks() {
    let text = "create function public.remove_member(account uuid, member uuid) returns void language plpgsql security definer set search_path = ''\n\
                as $$ begin if not public.has_permission(account, 'members.manage') then raise exception 'denied'; end if;\n\
                delete from public.memberships where account_id = account and user_id = member; end $$;\n";
    let history = files(&[("20240101000000_members.sql", text)]);
    let without = findings_of("security-definer-authorization", history.clone(), json!({}));
    assert_eq!(without.len(), 1);
    let with = findings_of(
        "security-definer-authorization",
        history,
        json!({ "authorizationFunctions": ["public.has_permission"] }),
    );
    assert!(with.is_empty(), "{with:?}");
}

#[test]
fn revoke_roles_option_sets_the_roles_to_revoke() {
    let text = "create table public.notes (id bigint primary key);\n\
                revoke all on public.notes from anon;\n";
    let history = files(&[("20240101000000_notes.sql", text)]);
    let by_default = findings_of("revoke-default-privileges", history.clone(), json!({}));
    assert_eq!(
        by_default.len(),
        1,
        "authenticated and service_role keep their privileges: {by_default:?}"
    );
    let configured = findings_of(
        "revoke-default-privileges",
        history,
        json!({ "revokeRoles": ["anon"] }),
    );
    assert!(configured.is_empty(), "{configured:?}");
}

#[test]
fn exposed_schemas_option_decides_which_tables_need_rls() {
    let text = "create table public.notes (id bigint);\ncreate table api.tasks (id bigint);\n";
    let history = files(&[("20240101000000_tables.sql", text)]);
    let found = findings_of("rls-enabled", history, json!({ "exposedSchemas": ["api"] }));
    assert_eq!(found.len(), 1);
    assert!(found[0].2.contains("`api.tasks`"), "{found:?}");
}

#[test]
fn a_non_empty_search_path_is_only_a_warning() {
    let text = "create function public.a() returns int language sql security definer as $$ select 1 $$;\n\
                create function public.b() returns int language sql security definer set search_path = public as $$ select 1 $$;\n";
    let history = files(&[("20240101000000_functions.sql", text)]);
    let response = lint(&request(
        history,
        json!({ "rules": { "security-definer-search-path": "error" } }),
    ));
    let severities: Vec<(usize, u8)> = response.results[0]
        .diagnostics
        .iter()
        .filter(|d| d.rule_id == "security-definer-search-path")
        .map(|d| (d.line, d.severity))
        .collect();
    assert_eq!(severities, vec![(1, 2), (2, 1)]);
    let missing = &response.results[0]
        .diagnostics
        .iter()
        .find(|d| d.rule_id == "security-definer-search-path" && d.line == 1)
        .expect("a finding on line 1");
    assert!(missing.fix.is_none(), "a suggestion, never a fix");
    assert_eq!(missing.suggestions.len(), 1);
}

#[test]
fn policies_on_a_table_from_another_file_are_known() {
    // The policy in the second file reads its command from the history for ALTER POLICY.
    let history = files(&[
        (
            "20240101000000_policy.sql",
            "create policy notes_insert on public.notes for insert to authenticated with check (true);\n",
        ),
        (
            "20240102000000_alter.sql",
            "alter policy notes_insert on public.notes using ((select auth.uid()) = user_id);\n",
        ),
    ]);
    let found = findings_of("policy-clauses", history, json!({}));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.ends_with("20240102000000_alter.sql"));
}

#[test]
fn hostile_input_never_crashes_the_access_rules() {
    let deep = format!(
        "create policy p on public.t for select to authenticated using ({}auth.uid(){});",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let unbalanced = format!(
        "create policy p on public.t for insert with check ({} true",
        "(".repeat(10_000)
    );
    let nested_case = format!(
        "create policy p on public.t for all using ({}1{});",
        "case when x then ".repeat(3_000),
        " end".repeat(3_000)
    );
    let body = format!(
        "create function public.f() returns int language plpgsql security definer set search_path = '' as $$ begin {} end $$;",
        "perform helper(); select * from notes; ".repeat(2_000)
    );
    let inputs = [
        deep,
        unbalanced,
        nested_case,
        body,
        "create function public.f() returns int language sql set search_path = '' as $$ select from".into(),
        "create policy on; alter policy; grant; revoke execute on function from; alter view; alter default privileges in schema;".into(),
        "insert into storage.buckets (id, public) values ('a', true), (, ), ('b'".into(),
        "create view v with (security_invoker as select 1; alter view v set (security_invoker".into(),
        "\u{feff}créate tablé \"é\".\"ü\" (id int); alter table \"é\".\"ü\" enable row level security;".into(),
    ];
    let ids = access_rule_ids();
    let config = json!({
        "extends": "none",
        "rules": ids.iter().map(|id| (id.to_string(), json!("error"))).collect::<serde_json::Map<_, _>>(),
    });
    for (i, text) in inputs.iter().enumerate() {
        let history = vec![(
            format!("supabase/migrations/2024010100000{i}_x.sql"),
            text.clone(),
        )];
        let response = lint(&request(history, config.clone()));
        assert_eq!(response.results.len(), 1);
    }
}
