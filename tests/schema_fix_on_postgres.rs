//! `schema-qualified-names` fixes must not change what the migrations do: each fixture case
//! is applied with psql to one database as written and to another as fixed, and both
//! databases must end with the same objects in the same schemas (an index on the same table).
//!
//! Needs `initdb`, `pg_ctl` and `psql`: fails without them when `CI` is set, else is skipped,
//! saying why.

#[path = "support/psql_cluster.rs"]
mod psql_cluster;
mod support;

use std::fs;
use std::path::Path;

use psql_cluster::Cluster;
use support::fix_and_check;

/// Every schema-qualified-names case: its files, in migration order, as `(path, text)`.
fn cases() -> Vec<(String, Vec<(String, String)>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules/schema-qualified-names");
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_dir() && !p.ends_with("snapshots") || p.extension().is_some_and(|e| e == "sql")
        })
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|entry| {
            let name = entry.file_stem().unwrap().to_string_lossy().into_owned();
            let mut paths: Vec<_> = if entry.is_dir() {
                fs::read_dir(&entry)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect()
            } else {
                vec![entry]
            };
            paths.sort();
            let files = paths
                .iter()
                .map(|p| {
                    let file_name = p.file_name().unwrap().to_string_lossy();
                    let file_name = if file_name.starts_with(|c: char| c.is_ascii_digit()) {
                        file_name.into_owned()
                    } else {
                        format!("20240101000000_{file_name}")
                    };
                    (
                        format!("supabase/migrations/{file_name}"),
                        fs::read_to_string(p).unwrap(),
                    )
                })
                .collect();
            (name, files)
        })
        .collect()
}

/// Every object outside the system schemas, with its schema, kind, columns and (for an index)
/// its table. Temporary schemas are left out: a session's temporary tables are not what the
/// migrations leave, and a session that just ended may still be dropping them when the next
/// one reads the catalog (which made this test flaky).
const CATALOG: &str = "
select n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' ||
       coalesce((select string_agg(attname, ',' order by attnum) from pg_attribute
                 where attrelid = c.oid and attnum > 0 and not attisdropped), '') || ' ' ||
       coalesce((select indrelid::regclass::text from pg_index where indexrelid = c.oid), '')
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname !~ '^pg_(toast_)?temp_'
union all
select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname !~ '^pg_(toast_)?temp_'
union all
select n.nspname || '.' || t.typname || ' type'
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and t.typtype in ('e', 'd')
  and n.nspname !~ '^pg_(toast_)?temp_'
union all
select 'policy ' || polname || ' on ' || polrelid::regclass::text from pg_policy
order by 1";

fn apply(cluster: &Cluster, database: &str, files: &[(String, String)]) -> String {
    cluster
        .psql("postgres", &["-c", &format!("create database {database}")])
        .unwrap();
    cluster
        .psql(database, &["-c", "create role authenticated"])
        .or_else(|e| e.contains("already exists").then(String::new).ok_or(e))
        .unwrap();
    for (index, (_, text)) in files.iter().enumerate() {
        let path = cluster.dir.join(format!("{database}_{index}.sql"));
        fs::write(&path, text).unwrap();
        // One session per file, as the Supabase CLI applies them; errors do not stop it, so a
        // statement that fails must fail the same way in both databases.
        cluster
            .psql(database, &["-f", path.to_str().unwrap()])
            .unwrap();
    }
    cluster.psql(database, &["-tAc", CATALOG]).unwrap()
}

#[test]
fn schema_fixes_leave_every_object_where_postgres_puts_it() {
    let Some(cluster) = Cluster::start_or_skip() else {
        return;
    };
    for (index, (name, files)) in cases().into_iter().enumerate() {
        let fixed = fix_and_check(
            files.clone(),
            serde_json::json!({ "extends": "none", "rules": { "schema-qualified-names": "warn" } }),
        );
        let fixed: Vec<(String, String)> = files
            .iter()
            .map(|(path, _)| path.clone())
            .zip(fixed)
            .collect();
        let before = apply(&cluster, &format!("before_{index}"), &files);
        let after = apply(&cluster, &format!("after_{index}"), &fixed);
        assert!(!before.is_empty(), "{name}: nothing was created");
        assert_eq!(
            before, after,
            "{name}: the fix changed what the migrations do"
        );
    }
}
