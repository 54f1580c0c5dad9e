//! Type-replacement fixes must produce SQL PostgreSQL accepts: each fixable type rule's
//! `invalid.sql` fixture is applied to a throwaway PostgreSQL cluster before and after `--fix`.
//! Skips, saying why, when no PostgreSQL is installed (fails then under `CI`).

mod support;

use std::path::Path;

use support::fix_and_check;
use support::postgres::{cluster_or_skip, Cluster};

const RULES: &[&str] = &[
    "ban-char-field",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-timestamptz",
    "schema-qualified-names",
];

#[test]
fn type_fixes_produce_sql_postgres_accepts() {
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    for (index, rule) in RULES.iter().enumerate() {
        let path = root.join(rule).join("invalid.sql");
        let original = std::fs::read_to_string(&path).unwrap();
        let file = format!(
            "supabase/migrations/20240101000000_{}.sql",
            rule.replace('-', "_")
        );
        apply(&cluster, &format!("before_{index}"), &original)
            .unwrap_or_else(|e| panic!("{rule}: the fixture itself does not apply: {e}"));
        let fixed = fix_and_check(
            vec![(file, original.clone())],
            serde_json::json!({ "extends": "none", "rules": { *rule: "error" } }),
        );
        assert_ne!(fixed[0], original, "{rule}: the fix changed nothing");
        apply(&cluster, &format!("after_{index}"), &fixed[0])
            .unwrap_or_else(|e| panic!("{rule}: the fixed SQL does not apply: {e}\n{}", fixed[0]));
    }
}

/// Applies `sql` to a new Supabase database `name`, with the `app` schema fixtures name.
fn apply(cluster: &Cluster, name: &str, sql: &str) -> Result<(), String> {
    cluster
        .create_supabase_database(name)?
        .apply(&format!("create schema if not exists app;\n{sql}"))
}
