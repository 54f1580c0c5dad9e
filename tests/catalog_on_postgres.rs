//! The engine's end-state catalog agrees with a real PostgreSQL 15 built from the same files
//! (issue 14, "Truth"). Every history of the corpus (`support::corpus`) is applied in
//! migration order, each file in its own transaction, to a fresh database holding the
//! Supabase stand-in; the end state of each history that applies is read back
//! (`support::catalog`) and compared with the engine's.
//!
//! Writes `target/catalog-postgres.json` (each history's database catalog, and why the
//! others do not apply) and `target/catalog-mismatches.txt` (every difference). Skips, saying
//! why, without PostgreSQL or the corpus; fails then under `CI`.

mod support;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use serde_json::{json, Value};
use supalint::LintRequest;

use support::catalog::{self, compare, Comparison};
use support::corpus;
use support::postgres::cluster_or_skip;
use support::replay::{self, replay};

/// The sections (and table facets) whose agreement is asserted: every one the engine keeps.
const ASSERTED: &[&str] = &[
    "buckets",
    "columnGrants",
    "extensions",
    "foreignTables",
    "functions",
    "policies",
    "tableGrants",
    "tables",
    "tables.columns",
    "tables.forceRls",
    "tables.foreignKeys",
    "tables.indexes",
    "tables.primaryKey",
    "tables.rls",
    "views",
];

/// The engine's end-state catalog of `request`.
fn engine_catalog(request: &LintRequest) -> Option<Value> {
    Some(supalint::catalog_snapshot(request))
}

#[test]
fn end_state_catalog_agrees_with_postgres() {
    let Some(root) = corpus::root_or_skip() else {
        return;
    };
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let started = Instant::now();
    let stand_in = cluster
        .create_supabase_database("stand_in")
        .unwrap_or_else(|e| panic!("{e}"));
    let baseline = catalog::read(&stand_in).unwrap_or_else(|e| panic!("{e}"));
    let projects = corpus::projects(&root);
    assert!(!projects.is_empty(), "no history in {}", root.display());

    let mut catalogs = serde_json::Map::new();
    let mut comparison = Comparison::default();
    let mut compared = 0;
    let failures = replay(&cluster, &projects, |project, database| {
        let read = catalog::read(database)
            .unwrap_or_else(|e| panic!("{}: reading the catalog: {e}", project.name));
        let database_catalog = catalog::without(&read, &baseline);
        if let Some(engine) = engine_catalog(&project.request(Value::Null)) {
            let engine = catalog::without(&engine, &baseline);
            comparison.absorb(&project.name, compare(&engine, &database_catalog));
            compared += 1;
        }
        catalogs.insert(project.name.clone(), database_catalog);
    });

    let mut summary = replay::describe(
        catalogs.len(),
        projects.len(),
        &stand_in.sql("select version()").unwrap_or_default(),
        &failures,
    );
    match compared {
        0 => summary.push_str("the engine has no end-state catalog yet: nothing compared\n"),
        _ => {
            let _ = writeln!(summary, "agreement over {compared} histories:");
            for (section, agreement) in &comparison.agreement {
                let _ = writeln!(
                    summary,
                    "  {section:22} {:5} / {:5}",
                    agreement.matching, agreement.total
                );
            }
            let _ = writeln!(summary, "differences by kind:");
            for (kind, count) in &comparison.kinds {
                let _ = writeln!(summary, "  {count:5}  {kind}");
            }
        }
    }
    let _ = writeln!(
        summary,
        "{} differences; {:.1}s",
        comparison.differences.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{summary}");

    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    let report = json!({
        "catalogs": catalogs,
        "doesNotApply": failures
            .iter()
            .map(|(project, failure)| {
                (project.clone(), json!({ "file": failure.file, "error": failure.error }))
            })
            .collect::<serde_json::Map<_, _>>(),
    });
    std::fs::write(
        target.join("catalog-postgres.json"),
        serde_json::to_string_pretty(&report).expect("the report serialises"),
    )
    .expect("target/ is writable");
    std::fs::write(
        target.join("catalog-mismatches.txt"),
        format!("{summary}\n{}\n", comparison.differences.join("\n")),
    )
    .expect("target/ is writable");

    assert!(!catalogs.is_empty(), "no history of the corpus applies");
    let failing: Vec<String> = ASSERTED
        .iter()
        .filter_map(|section| {
            let agreement = comparison.agreement.get(*section)?;
            (agreement.matching < agreement.total).then(|| {
                format!(
                    "{section}: {} of {} agree",
                    agreement.matching, agreement.total
                )
            })
        })
        .collect();
    assert!(
        failing.is_empty(),
        "{}\n(see target/catalog-mismatches.txt)",
        failing.join("\n")
    );
}

#[test]
fn compare_lists_each_difference_and_counts_agreement() {
    let engine = json!({
        "tables": [
            {"name": "public.t", "rls": false, "forceRls": false,
             "columns": [{"name": "id", "type": "uuid"}, {"name": "owner", "type": "integer"}],
             "primaryKey": ["id"],
             "foreignKeys": [],
             "indexes": [{"columns": ["owner"], "unique": false}]},
            {"name": "public.gone", "rls": true, "forceRls": false,
             "columns": [], "primaryKey": [], "foreignKeys": [], "indexes": []}
        ],
        "policies": [
            {"table": "public.t", "name": "p", "command": "select", "permissive": true,
             "roles": ["authenticated", "anon"]}
        ],
        "tableGrants": [{"table": "public.t", "role": "anon", "privileges": ["select"]}],
        "functions": [
            {"name": "public.f", "args": ["integer"], "securityDefiner": true,
             "executableBy": ["service_role"]}
        ],
        "extensions": [{"name": "pgcrypto", "schema": "extensions"}]
    });
    let database = json!({
        "tables": [
            {"name": "public.t", "rls": true, "forceRls": false,
             "columns": [{"name": "owner", "type": "uuid"}, {"name": "id", "type": "uuid"}],
             "primaryKey": ["id"],
             "foreignKeys": [{"columns": ["owner"], "references": "auth.users",
                              "referencedColumns": ["id"]}],
             "indexes": [{"columns": ["owner"], "unique": false}]},
            {"name": "auth.hidden", "rls": true, "forceRls": false,
             "columns": [], "primaryKey": [], "foreignKeys": [], "indexes": []}
        ],
        "policies": [
            {"table": "public.t", "name": "p", "command": "select", "permissive": true,
             "roles": ["anon", "authenticated"]},
            {"table": "storage.objects", "name": "read own", "command": "select",
             "permissive": true, "roles": ["authenticated"]}
        ],
        "tableGrants": [{"table": "public.t", "role": "anon", "privileges": ["select"]}],
        "columnGrants": [
            {"table": "public.t", "column": "owner", "role": "authenticated",
             "privileges": ["update"]}
        ],
        "functions": [
            {"name": "public.f", "args": ["integer"], "securityDefiner": true,
             "executableBy": ["anon", "service_role"]}
        ],
        "views": [{"name": "public.v", "materialized": false, "securityInvoker": false}],
        "extensions": [{"name": "pgcrypto", "schema": "extensions"}]
    });
    let comparison = compare(&engine, &database);
    assert_eq!(
        comparison.differences,
        [
            "missing in database: table public.gone",
            "differs: table public.t column owner type engine=integer db=uuid",
            "missing in engine: table public.t foreign key (owner) → auth.users(id)",
            "differs: table public.t rls engine=false db=true",
            "missing in engine: policy storage.objects.read own",
            "differs: function public.f(integer) executableBy engine=[\"service_role\"] \
             db=[\"anon\",\"service_role\"]",
        ]
    );
    let agreement = |section: &str| {
        let a = comparison.agreement[section];
        (a.matching, a.total)
    };
    assert_eq!(comparison.kinds["differs: table column type"], 1);
    assert_eq!(comparison.kinds["missing in engine: table foreign key"], 1);
    assert_eq!(agreement("tables"), (0, 2));
    assert_eq!(agreement("tables.rls"), (0, 1));
    assert_eq!(agreement("tables.forceRls"), (1, 1));
    assert_eq!(agreement("tables.columns"), (0, 1));
    assert_eq!(agreement("tables.indexes"), (1, 1));
    assert_eq!(agreement("policies"), (1, 2));
    assert_eq!(agreement("tableGrants"), (1, 1));
    assert_eq!(agreement("functions"), (0, 1));
    assert_eq!(agreement("extensions"), (1, 1));
    // Not in the engine's catalog, so not claimed: neither compared nor counted.
    assert!(!comparison.agreement.contains_key("columnGrants"));
    assert!(!comparison.agreement.contains_key("views"));
}

#[test]
fn stand_in_objects_are_left_out_of_both_sides() {
    let baseline = json!({
        "extensions": [{"name": "pgcrypto", "schema": "extensions"}, {"name": "plpgsql", "schema": "pg_catalog"}]
    });
    let catalog = json!({
        "extensions": [{"name": "pgcrypto", "schema": "extensions"}, {"name": "vector", "schema": "extensions"}],
        "tables": [{"name": "realtime.x", "rls": false}]
    });
    assert_eq!(
        catalog::without(&catalog, &baseline),
        json!({ "extensions": [{"name": "vector", "schema": "extensions"}], "tables": [] })
    );
}
