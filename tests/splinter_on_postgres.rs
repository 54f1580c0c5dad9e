//! The rules that mirror splinter's lints, checked against a real PostgreSQL: each fixture
//! case of a rule folder holding a `truth.sql` (`tests/rules/<id>/*.sql` and its history
//! folders) is applied to a fresh database with the Supabase stand-in, one transaction per
//! file, and `truth.sql` (a catalog query returning one row per problem the rule names) must
//! return exactly as many rows as the case has `-- expect: <id>` markers: some for
//! `invalid.sql`, none for `valid.sql` and for histories where a later file fixes the problem.
//!
//! Skipped, with the reason printed, only when no PostgreSQL is installed (failed under `CI`).

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use supalint::rules;
use support::postgres::cluster_or_skip;

/// A fixture case: its name and its files' texts, in migration order.
struct Case {
    name: String,
    files: Vec<String>,
}

fn rules_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

fn sql_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

/// The cases of a rule folder: each `.sql` file but `truth.sql`, and each history folder.
fn cases(rule_dir: &Path) -> Vec<Case> {
    let mut cases: Vec<Case> = sql_files(rule_dir)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "truth.sql"))
        .map(|p| Case {
            name: p.file_stem().unwrap().to_string_lossy().into_owned(),
            files: vec![fs::read_to_string(&p).unwrap()],
        })
        .collect();
    let mut folders: Vec<PathBuf> = fs::read_dir(rule_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "snapshots"))
        .collect();
    folders.sort();
    for folder in folders {
        cases.push(Case {
            name: folder.file_name().unwrap().to_string_lossy().into_owned(),
            files: sql_files(&folder)
                .iter()
                .map(|p| fs::read_to_string(p).unwrap())
                .collect(),
        });
    }
    cases
}

fn expected_rows(case: &Case, rule_id: &str) -> usize {
    case.files
        .iter()
        .flat_map(|text| text.lines())
        .filter(|line| {
            line.split("-- expect:")
                .skip(1)
                .any(|ids| ids.split(',').any(|id| id.trim() == rule_id))
        })
        .count()
}

/// The rule folders holding a `truth.sql` that counts their fixtures' problems, by rule id.
fn rules_with_truth() -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(rules_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("truth.sql").is_file())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                support::FIXTURE_TRUTH_RULES.contains(&n.to_string_lossy().as_ref())
            })
        })
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn splinter_rules_have_a_truth_query_and_name_their_lint() {
    let with_truth = rules_with_truth();
    for id in support::FIXTURE_TRUTH_RULES {
        assert!(
            with_truth.iter().any(|t| t == id),
            "no tests/rules/{id}/truth.sql"
        );
        let rule = rules::find(id).unwrap_or_else(|| panic!("no rule {id}"));
        assert!(
            rule.meta()
                .sources
                .iter()
                .any(|s| s.starts_with("splinter:")),
            "{id} names no splinter lint in its sources"
        );
    }
    for id in &with_truth {
        assert!(rules::find(id).is_some(), "tests/rules/{id} names no rule");
    }
}

#[test]
fn truth_queries_find_the_problems_the_fixtures_mark() {
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule_id in rules_with_truth() {
        let rule_id = rule_id.as_str();
        let rule_dir = rules_root().join(rule_id);
        let truth = fs::read_to_string(rule_dir.join("truth.sql")).unwrap();
        for case in cases(&rule_dir) {
            let expected = expected_rows(&case, rule_id);
            let database = match cluster.create_supabase_database(&format!("truth_{checked}")) {
                Ok(database) => database,
                Err(error) => panic!("{error}"),
            };
            checked += 1;
            let applied = case.files.iter().enumerate().try_for_each(|(i, text)| {
                database.apply(text).map_err(|e| format!("file {i}: {e}"))
            });
            let outcome = applied.and_then(|()| database.sql(&truth));
            match outcome {
                Ok(rows) => {
                    let found = rows.lines().filter(|l| !l.trim().is_empty()).count();
                    if found != expected {
                        failures.push(format!(
                            "{rule_id}/{}: truth.sql returned {found} row(s), the fixture marks {expected}:\n{rows}",
                            case.name
                        ));
                    }
                }
                Err(error) => failures.push(format!(
                    "{rule_id}/{}: does not apply on PostgreSQL: {error}",
                    case.name
                )),
            }
            if let Err(error) = cluster.drop_database(database) {
                panic!("{error}");
            }
        }
    }
    assert!(checked > 0, "no truth.sql under tests/rules");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
