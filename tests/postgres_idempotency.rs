//! The idempotency fixes are correct on a real database: the fixed output of every
//! idempotency fixture applies twice to a throwaway PostgreSQL cluster, each file in one
//! transaction as the Supabase CLI runs it, on the Supabase stand-in, while the unfixed
//! `invalid` fixtures fail. Skips (saying why) when no PostgreSQL server binaries are
//! installed, and fails then under `CI`.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use supalint::fixer::fix;
use support::postgres::{cluster_or_skip, Cluster};

/// The rules whose fixtures must survive being applied twice once fixed.
const RULES: &[&str] = &[
    "drop-before-create",
    "insert-on-conflict",
    "require-if-exists",
    "require-or-replace",
];

/// A fixture case: its name, its files in migration order, and extra config keys.
struct Case {
    name: String,
    files: Vec<(String, String)>,
    config: serde_json::Value,
}

fn cases(rule: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/rules")
        .join(rule);
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    let mut cases = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if entry.is_dir() && name != "snapshots" {
            let mut files: Vec<(String, String)> = fs::read_dir(&entry)
                .map(|e| {
                    e.filter_map(Result::ok)
                        .map(|e| e.path())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "sql"))
                .map(|p| {
                    let file = p.file_name().unwrap_or_default().to_string_lossy();
                    (
                        format!("supabase/migrations/{file}"),
                        fs::read_to_string(&p).unwrap_or_default(),
                    )
                })
                .collect();
            files.sort();
            let config = fs::read_to_string(entry.join("case.json"))
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| v.get("config").cloned())
                .unwrap_or(serde_json::Value::Null);
            cases.push(Case {
                name: format!("{rule}/{name}"),
                files,
                config,
            });
        } else if name.ends_with(".sql") {
            cases.push(Case {
                name: format!("{rule}/{name}"),
                files: vec![(
                    format!("supabase/migrations/20240101000000_{name}"),
                    fs::read_to_string(&entry).unwrap_or_default(),
                )],
                config: serde_json::Value::Null,
            });
        }
    }
    cases
}

/// The case's files after `--fix` with only `rule` on, or `None` when a finding has no fix.
fn fixed(rule: &str, case: &Case) -> Option<Vec<String>> {
    let mut config = serde_json::json!({ "extends": "none", "rules": { rule: "error" } });
    if let (Some(object), Some(extra)) = (config.as_object_mut(), case.config.as_object()) {
        for (key, value) in extra {
            object.insert(key.clone(), value.clone());
        }
    }
    let response = fix(&support::request(case.files.clone(), config));
    let is_complete = response
        .results
        .iter()
        .all(|r| r.refused.is_none() && r.remaining.iter().all(|d| d.rule_id != rule));
    is_complete.then(|| response.results.into_iter().map(|r| r.output).collect())
}

fn apply_twice(cluster: &Cluster, database: &str, files: &[String]) -> Result<(), String> {
    let database = cluster.create_supabase_database(database)?;
    for round in 1..=2 {
        for (index, text) in files.iter().enumerate() {
            database
                .apply(text)
                .map_err(|e| format!("run {round}, file {}: {e}", index + 1))?;
        }
    }
    Ok(())
}

#[test]
fn fixed_idempotency_fixtures_apply_twice_on_postgres() {
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let mut failures = Vec::new();
    let mut applied = 0;
    for (rule_index, rule) in RULES.iter().enumerate() {
        for (case_index, case) in cases(rule).iter().enumerate() {
            let database = format!("case_{rule_index}_{case_index}");
            let runs_concurrently = case
                .files
                .iter()
                .any(|(_, text)| text.to_lowercase().contains(" concurrently "));
            if runs_concurrently {
                eprintln!(
                    "{}: not applied, CONCURRENTLY cannot run in a migration's transaction",
                    case.name
                );
                continue;
            }
            let Some(fixed) = fixed(rule, case) else {
                eprintln!("{}: not applied, some findings have no fix", case.name);
                continue;
            };
            if let Err(error) = apply_twice(&cluster, &database, &fixed) {
                failures.push(format!(
                    "{} (fixed) does not apply twice: {error}\n{}",
                    case.name,
                    fixed.join("\n-- next file\n")
                ));
            }
            applied += 1;
            let is_invalid = case.name.ends_with("/invalid.sql");
            let original: Vec<String> = case.files.iter().map(|(_, t)| t.clone()).collect();
            if is_invalid && apply_twice(&cluster, &format!("{database}_orig"), &original).is_ok() {
                failures.push(format!(
                    "{}: the unfixed fixture applies twice, so it shows no problem",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(applied > 0, "no fixture was applied");
}
