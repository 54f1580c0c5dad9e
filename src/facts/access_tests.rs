//! Tests of the facts the access rules read: policies, views, grants, function settings.

use super::*;
use crate::source::SourceFile;

fn kind(text: &str) -> StatementKind {
    let file = SourceFile::new("x.sql", text);
    let facts = FileFacts::new(&file);
    facts
        .statements
        .into_iter()
        .next()
        .map(|s| s.kind)
        .expect("one statement")
}

#[test]
fn alter_policy_reads_roles_and_clauses() {
    let StatementKind::AlterPolicy(alter) = kind(
        "alter policy \"Read own\" on public.notes to authenticated, anon using (owner = auth.uid()) with check (true)",
    ) else {
        panic!("expected ALTER POLICY");
    };
    assert_eq!(alter.name, "Read own");
    assert_eq!(
        alter.table.map(|t| t.qualified()),
        Some("public.notes".into())
    );
    assert_eq!(
        alter.roles,
        Some(vec!["authenticated".to_string(), "anon".to_string()])
    );
    assert!(alter.using.is_some() && alter.with_check.is_some());
    let StatementKind::AlterPolicy(rename) = kind("alter policy p on t rename to q") else {
        panic!("expected ALTER POLICY");
    };
    assert_eq!(rename.rename_to.as_deref(), Some("q"));
    assert!(rename.roles.is_none());
}

#[test]
fn alter_view_reads_security_invoker() {
    let StatementKind::AlterView(set) = kind("alter view public.v set (security_invoker = on)")
    else {
        panic!("expected ALTER VIEW");
    };
    assert_eq!(set.security_invoker, Some(true));
    let StatementKind::AlterView(reset) = kind("alter view v reset (security_invoker)") else {
        panic!("expected ALTER VIEW");
    };
    assert_eq!(reset.security_invoker, Some(false));
}

#[test]
fn view_options_are_kept() {
    let StatementKind::Create(create) =
        kind("create view v with (security_barrier, security_invoker = false) as select 1")
    else {
        panic!("expected CREATE");
    };
    let CreateDetail::View(view) = create.detail else {
        panic!("expected a view");
    };
    assert_eq!(view.security_invoker, Some(false));
    assert!(!view.is_security_invoker);
    assert!(view.options.is_some());
    let StatementKind::Create(quoted) =
        kind("create view v with (\"security_invoker\"='on') as select 1")
    else {
        panic!("expected CREATE");
    };
    let CreateDetail::View(quoted) = quoted.detail else {
        panic!("expected a view");
    };
    assert!(quoted.is_security_invoker);
}

#[test]
fn default_privileges_keep_schemas_roles_and_object_type() {
    let StatementKind::Grant(grant) = kind(
        "alter default privileges for role postgres in schema public, api revoke execute on functions from public, anon",
    ) else {
        panic!("expected a grant");
    };
    assert!(grant.is_default_privileges && grant.is_revoke);
    assert_eq!(grant.object_kind, GrantObjectKind::FutureFunctions);
    assert_eq!(grant.default_schemas, vec!["public", "api"]);
    assert_eq!(grant.default_for_roles, vec!["postgres"]);
    assert_eq!(grant.roles, vec!["public", "anon"]);
    assert_eq!(grant.role_spans.len(), 2);
    let StatementKind::Grant(tables) = kind("alter default privileges grant all on tables to anon")
    else {
        panic!("expected a grant");
    };
    assert_eq!(tables.object_kind, GrantObjectKind::FutureTables);
    assert!(tables.default_schemas.is_empty());
}

#[test]
fn temporary_tables_and_search_path_from_current() {
    let StatementKind::Create(create) = kind("create temp table scratch (id int)") else {
        panic!("expected CREATE");
    };
    assert!(create.is_temporary);
    let StatementKind::Create(function) = kind(
        "create function f() returns int language sql set search_path from current as $$ select 1 $$",
    ) else {
        panic!("expected CREATE");
    };
    let CreateDetail::Function(def) = function.detail else {
        panic!("expected a function");
    };
    assert_eq!(def.search_path, Some(vec!["from current".to_string()]));
}

#[test]
fn quoted_argument_names_are_dropped_from_types() {
    let StatementKind::Create(create) = kind(
        "create function public.f(\"p_id\" \"uuid\", n integer) returns int language sql as $$ select 1 $$",
    ) else {
        panic!("expected CREATE");
    };
    let CreateDetail::Function(def) = create.detail else {
        panic!("expected a function");
    };
    assert_eq!(def.arg_types, vec!["\"uuid\"", "integer"]);
    let StatementKind::Create(trigger) = kind(
        "create function \"public\".\"on_signup\"() returns \"trigger\" language plpgsql as $$ begin return new; end $$",
    ) else {
        panic!("expected CREATE");
    };
    let CreateDetail::Function(def) = trigger.detail else {
        panic!("expected a function");
    };
    assert!(def.is_trigger);
}

#[test]
fn quoted_search_path_setting_is_read() {
    let StatementKind::Create(create) = kind(
        "CREATE FUNCTION \"public\".\"f\"() RETURNS integer LANGUAGE \"sql\" SET \"search_path\" TO '' AS $$ select 1 $$",
    ) else {
        panic!("expected CREATE");
    };
    let CreateDetail::Function(def) = create.detail else {
        panic!("expected a function");
    };
    assert_eq!(def.search_path, Some(Vec::new()));
    let StatementKind::AlterFunction(alter) =
        kind("ALTER FUNCTION \"public\".\"f\"() SET \"search_path\" TO 'public'")
    else {
        panic!("expected ALTER FUNCTION");
    };
    assert_eq!(alter.search_path, Some(vec!["public".to_string()]));
}
