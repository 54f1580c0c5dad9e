//! The access model on small histories.

use serde_json::{json, Value};

use crate::lint::{access_matrix, InputFile, LintRequest};

fn matrix_of(texts: &[&str]) -> Value {
    let files = texts
        .iter()
        .enumerate()
        .map(|(i, text)| InputFile {
            path: format!("supabase/migrations/2024010100000{i}_m.sql"),
            text: text.to_string(),
        })
        .collect();
    access_matrix(&LintRequest::new(files))
}

fn cell<'v>(matrix: &'v Value, table: &str, role: &str, command: &str) -> &'v Value {
    let relation = matrix["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == table && r["bucket"].is_null())
        .unwrap_or_else(|| panic!("no {table} in {matrix}"));
    &relation["access"][role][command]
}

const PROFILES: &str = "
create table public.profiles (id uuid primary key, name text, is_admin boolean default false);
alter table public.profiles enable row level security;
revoke all on public.profiles from anon, authenticated;
grant select, update on public.profiles to authenticated;
create policy read_all on public.profiles for select to authenticated using (true);
create policy update_own on public.profiles for update to authenticated
  using (id = (select auth.uid()));
";

#[test]
fn rows_follow_privileges_rls_and_policies() {
    let matrix = matrix_of(&[PROFILES]);
    assert_eq!(
        cell(&matrix, "public.profiles", "anon", "select"),
        &json!({"rows": "none"})
    );
    assert_eq!(
        cell(&matrix, "public.profiles", "authenticated", "select"),
        &json!({"rows": "all", "policies": ["read_all"]})
    );
    let update = cell(&matrix, "public.profiles", "authenticated", "update");
    assert_eq!(update["rows"], "some");
    assert_eq!(update["condition"], "id = (select auth.uid())");
    assert_eq!(
        update["admits"],
        json!({"owner": ["id"], "functions": [], "reads": []})
    );
    assert_eq!(update["writableColumns"], json!(["id", "name", "is_admin"]));
    assert_eq!(
        cell(&matrix, "public.profiles", "authenticated", "delete")["rows"],
        "none"
    );
}

#[test]
fn column_grants_narrow_what_a_role_writes() {
    let matrix = matrix_of(&[
        PROFILES,
        "revoke update on public.profiles from authenticated;
         grant update (name) on public.profiles to authenticated;",
    ]);
    let update = cell(&matrix, "public.profiles", "authenticated", "update");
    assert_eq!(update["writableColumns"], json!(["name"]));
}

#[test]
fn without_rls_every_row_is_reachable_and_restrictive_policies_narrow() {
    let matrix = matrix_of(&[
        "create table public.notes (id bigint primary key, owner uuid);",
        "create table public.tasks (id bigint primary key, owner uuid, team uuid);
         alter table public.tasks enable row level security;
         create policy a on public.tasks for select to authenticated using (true);
         create policy b on public.tasks as restrictive for select to authenticated
           using (team is not null);",
    ]);
    assert_eq!(
        cell(&matrix, "public.notes", "anon", "delete")["rows"],
        "all"
    );
    let tasks = cell(&matrix, "public.tasks", "authenticated", "select");
    assert_eq!(tasks["rows"], "some");
    assert_eq!(tasks["condition"], "(true) AND (team is not null)");
}

#[test]
fn storage_objects_are_shown_per_bucket() {
    let matrix = matrix_of(&[
        "insert into storage.buckets (id, name) values ('avatars', 'avatars'), ('docs', 'docs');
         create policy avatars_read on storage.objects for select to anon using (bucket_id = 'avatars');",
    ]);
    let relations = matrix["relations"].as_array().unwrap();
    let rows: Vec<(String, String)> = relations
        .iter()
        .filter(|r| r["name"] == "storage.objects")
        .map(|r| {
            (
                r["bucket"].as_str().unwrap().to_string(),
                r["access"]["anon"]["select"]["rows"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("avatars".into(), "some".into()),
            ("docs".into(), "none".into())
        ]
    );
}

#[test]
fn conditions_say_what_admits_the_caller() {
    let matrix = matrix_of(&["create table public.members (org_id uuid, user_id uuid);
         create table public.docs (id bigint primary key, org_id uuid);
         alter table public.docs enable row level security;
         create function public.is_admin() returns boolean language sql security definer
           set search_path = '' as $$ select coalesce((auth.jwt() ->> 'admin')::boolean, false) $$;
         create policy docs_read on public.docs for select to authenticated
           using (exists (select 1 from public.members m where m.org_id = docs.org_id
                          and m.user_id = (select auth.uid())) or public.is_admin());"]);
    let read = cell(&matrix, "public.docs", "authenticated", "select");
    assert_eq!(
        read["admits"],
        json!({"owner": [], "functions": ["public.is_admin"], "reads": ["public.members"]})
    );
}

#[test]
fn the_matrix_carries_the_configuration_errors() {
    let mut request = LintRequest::new(Vec::new());
    request.config = json!({ "exposedSchemas": "public" });
    let matrix = access_matrix(&request);
    assert_eq!(matrix["relations"], json!([]));
    assert_eq!(matrix["configErrors"][0]["key"], "exposedSchemas");
    assert_eq!(
        access_matrix(&LintRequest::new(Vec::new()))["configErrors"],
        json!([])
    );
}

#[test]
fn false_conditions_admit_no_rows() {
    let matrix = matrix_of(&[
        PROFILES,
        "grant insert, delete on public.profiles to authenticated;
         create policy no_insert on public.profiles for insert to authenticated with check (false);
         create policy no_delete on public.profiles for delete to authenticated using (false);
         create policy closed on public.profiles as restrictive for update to authenticated
           using (false);",
    ]);
    for command in ["insert", "update", "delete"] {
        let cell = cell(&matrix, "public.profiles", "authenticated", command);
        assert_eq!(cell["rows"], "none", "{command}: {cell}");
    }
    assert_eq!(
        cell(&matrix, "public.profiles", "authenticated", "update")["writableColumns"],
        json!([])
    );
}
