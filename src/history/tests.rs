//! The end-state catalog on small histories.

use super::*;
use crate::facts::FileFacts;
use crate::history::History;
use crate::source::SourceFile;

fn with_history(texts: &[&str], check: impl FnOnce(&Database)) {
    let sources: Vec<SourceFile> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| SourceFile::new(format!("2024010100000{i}_m.sql"), *text))
        .collect();
    let facts: Vec<FileFacts> = sources.iter().map(FileFacts::new).collect();
    let history = History::new(sources.iter().zip(&facts).collect());
    check(&history.database);
}

#[test]
fn bucket_rows_are_read_with_or_without_a_column_list() {
    with_history(
        &[
            "insert into storage.buckets (id, name, public, file_size_limit)
           values ('avatars', 'avatars', true, 1024), ('docs', 'docs', false, null)
           on conflict (id) do nothing;
           insert into storage.buckets values ('raw', 'raw', null, now(), now(), true);",
        ],
        |db| {
            let summary: Vec<(&str, Option<bool>, bool)> = db
                .buckets
                .iter()
                .map(|b| (b.id.as_str(), b.public, b.has_file_size_limit))
                .collect();
            assert_eq!(
                summary,
                vec![
                    ("avatars", Some(true), true),
                    ("docs", Some(false), false),
                    ("raw", Some(true), false)
                ]
            );
        },
    );
}

#[test]
fn bucket_updates_apply_to_the_buckets_their_where_names() {
    with_history(
        &[
            "insert into storage.buckets (id, name, public, allowed_mime_types)
           values ('a', 'a', 'true', '{}'), ('b', 'b', false, array['image/png']);",
            "update storage.buckets set public = false, file_size_limit = 10 where id = 'a';
             update storage.buckets set allowed_mime_types = null where name in ('b');
             update storage.buckets set public = true where owner = 'x';
             update storage.buckets set file_size_limit = null;",
        ],
        |db| {
            assert_eq!(db.bucket_updates.len(), 3, "an unknown WHERE is skipped");
            let [a, b] = [&db.buckets[0], &db.buckets[1]];
            assert_eq!((a.public, a.has_allowed_mime_types), (Some(true), false));
            assert!(!db.bucket_is_public(a));
            assert_eq!(db.bucket_limits(a), (false, false));
            assert_eq!(db.bucket_limits(b), (false, false));
            assert_eq!(db.bucket_updates_of(b).count(), 2);
        },
    );
}

#[test]
fn renamed_tables_keep_their_rls_and_policies() {
    with_history(
        &[
            "create table public.a (id int);",
            "alter table public.a rename to b;
             create policy p on public.b for select to authenticated using (true);",
            "alter table public.b enable row level security;",
        ],
        |db| {
            let table = db.tables.get(0);
            assert_eq!(table.current_name().to_string(), "public.b");
            assert!(db.rls_enabled_later(table, table.created.point));
            let name = QualifiedName::parse("public.b");
            assert_eq!(db.live_policies_on(&name).count(), 1);
        },
    );
}

#[test]
fn grants_match_overloads_by_argument_types() {
    with_history(
        &[
            "create function public.f(n int4) returns int language sql as $$ select n $$;
           create function public.f(t text) returns int language sql as $$ select 1 $$;
           revoke execute on function public.f(integer) from public, anon;",
        ],
        |db| {
            let executable: Vec<bool> = db
                .functions
                .all()
                .iter()
                .map(|f| db.function_executable_by(f, "anon"))
                .collect();
            assert_eq!(executable, vec![false, true]);
        },
    );
}

#[test]
fn drop_ends_a_function_and_recreating_starts_a_new_one() {
    with_history(
        &[
            "create function public.f() returns int language sql as $$ select 1 $$;
           revoke execute on function public.f() from public, anon;
           drop function public.f();
           create function public.f() returns int language sql as $$ select 1 $$;",
        ],
        |db| {
            assert_eq!(db.functions.all().len(), 2);
            assert!(db.functions.get(0).dropped.is_some());
            assert!(db.function_executable_by(db.functions.get(1), "anon"));
        },
    );
}

#[test]
fn tables_keep_their_columns_keys_and_indexes_through_alters() {
    with_history(
        &[
            "create table public.a (id uuid primary key, owner uuid references auth.users (id), n int);
             create index on public.a (owner);
             create unique index a_n on public.a using btree (n) where n > 0;",
            "alter table public.a rename column n to m, add column note text,
                 add constraint a_note_key unique (note);
             alter table public.a drop column owner;
             alter table public.a set schema private;",
        ],
        |db| {
            let table = db.tables.get(0);
            assert_eq!(table.current_name().to_string(), "private.a");
            let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(columns, ["id", "m", "note"]);
            assert_eq!(table.primary_key().unwrap().columns, ["id"]);
            assert_eq!(table.foreign_keys().count(), 0, "dropped with its column");
            let indexes: Vec<String> = db
                .live_indexes_of(0)
                .map(|i| format!("{} {:?} {}", i.name, i.columns, i.is_partial))
                .collect();
            assert_eq!(indexes, ["private.a_n [\"m\"] true"]);
        },
    );
}

#[test]
fn column_grants_and_revokes_follow_postgres() {
    with_history(
        &[
            "create table public.p (id uuid, name text, is_admin boolean);
             revoke all on public.p from anon, authenticated;
             grant select on public.p to authenticated;
             grant update (name, is_admin) on public.p to authenticated;
             revoke update (is_admin) on public.p from authenticated;",
        ],
        |db| {
            let table = db.tables.get(0);
            let privileges = db.table_privileges(table, "authenticated");
            assert!(privileges.covers_column("update", "name"));
            assert!(!privileges.covers_column("update", "is_admin"));
            assert!(privileges.covers_column("select", "is_admin"));
            assert!(db.table_privileges(table, "anon").table.is_empty());
            assert!(db.table_privileges(table, "service_role").has_any("delete"));
        },
    );
}

#[test]
fn policies_keep_their_live_clauses() {
    with_history(
        &[
            "create policy p on public.t for select to authenticated using (auth.uid() = id);",
            "alter policy p on public.t using ((select auth.uid()) = id);",
        ],
        |db| {
            let policy = db.policies.get(0);
            assert_eq!(policy.using.as_ref().unwrap().at.point.file, 1);
            assert!(policy.with_check.is_none());
        },
    );
}
