//! The house style (`../shared/house`, the team's canonical migrations) lints clean under the
//! default configuration: a finding there is a false positive or a default that contradicts
//! the style the product recommends. The registered-bucket check needs the host's
//! TypeScript reader and runs in `pkg-js/tests/house.test.js`.
//!
//! Its migrations also apply twice on PostgreSQL (`house_migrations_apply_twice_on_postgres`);
//! without PostgreSQL that test skips, saying so, except under CI.
//!
//! The folder lives outside the repository: the test fails under CI when it is missing and
//! skips, saying so, elsewhere.

mod support;

use std::path::{Path, PathBuf};

use supalint::lint;
use support::postgres::cluster_or_skip;
use support::replay::first_error_line;

fn house_migrations() -> Option<PathBuf> {
    let root = std::env::var("SUPALINT_HOUSE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/house"));
    let dir = root.join("supabase/migrations");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the house project is missing at {} (CI needs it)",
        root.display()
    );
    eprintln!("skipped: no house project at {}", root.display());
    None
}

/// The house's migrations as `(path, text)`, by file name (their migration order).
fn house_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (
                format!("supabase/migrations/{name}"),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 8,
        "house migrations missing in {}",
        dir.display()
    );
    files
}

#[test]
fn house_lints_clean_under_the_default_configuration() {
    let Some(dir) = house_migrations() else {
        return;
    };
    let response = lint(&support::request(house_files(&dir), serde_json::json!({})));
    let findings: Vec<String> = response
        .results
        .iter()
        .flat_map(|r| {
            r.diagnostics
                .iter()
                .map(move |d| format!("{}:{} {} {}", r.path, d.line, d.rule_id, d.message))
        })
        .collect();
    assert!(
        findings.is_empty(),
        "house findings:\n{}",
        findings.join("\n")
    );
}

/// Issue 14: the house's migrations apply on PostgreSQL 15 with the Supabase stand-in, in
/// order, each file in its own transaction, and apply again, all of them in order, on the
/// database they left: the templates are idempotent, as the house promises.
#[test]
fn house_migrations_apply_twice_on_postgres() {
    let Some(dir) = house_migrations() else {
        return;
    };
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let files = house_files(&dir);
    let database = cluster
        .create_supabase_database("house")
        .unwrap_or_else(|e| panic!("{e}"));
    for round in ["first", "second"] {
        for (path, text) in &files {
            if let Err(error) = database.apply(text) {
                panic!(
                    "{path} does not apply the {round} time: {}",
                    first_error_line(&error)
                );
            }
        }
    }
    // Applied twice, the history left what it leaves once: the tables exist with RLS on.
    let tables = database
        .sql(
            "select count(*) filter (where not relrowsecurity) || '/' || count(*) \
             from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let (without_rls, total) = tables.split_once('/').unwrap_or(("?", "0"));
    assert!(total != "0", "the house created no table in public");
    assert_eq!(
        without_rls, "0",
        "house tables without RLS after two rounds"
    );
}
