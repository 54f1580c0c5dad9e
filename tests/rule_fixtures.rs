//! Fixtures in `tests/rules/<rule-id>/`: each line marked `-- expect: <rule-id>` must get a
//! finding of that rule and no other line may. A folder inside is a multi-file history case:
//! its files are linted together. Messages and fixes are snapshotted next to the fixture.
//! `truth.sql` is not a fixture: it holds the PostgreSQL query `splinter_on_postgres` runs.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use supalint::applied::AppliedFile;
use supalint::lint;
use support::{config_enabling, fix_and_check, request};

/// The script `tests/access_truth_on_postgres.rs` runs on a real database: not a case.
const TRUTH_SCRIPT: &str = "truth.sql";

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

/// A case: the files linted together, each with its path in the migrations folder. A folder
/// case may hold a `case.json`: `{ "config": {…}, "sinceVersions": […] }`, config keys added
/// to the rule's config and the versions that existed at a `--since` ref; and beside a file
/// `<name>.sql` a `<name>.sql.base`, which makes it an applied migration whose text at the
/// `--since` ref was that file's.
struct Case {
    name: String,
    files: Vec<(String, String)>,
    config: serde_json::Map<String, serde_json::Value>,
    since_versions: Option<Vec<String>>,
    applied: Vec<AppliedFile>,
}

fn case_settings(
    dir: &Path,
) -> (
    serde_json::Map<String, serde_json::Value>,
    Option<Vec<String>>,
) {
    let Ok(text) = fs::read_to_string(dir.join("case.json")) else {
        return (serde_json::Map::new(), None);
    };
    let value: serde_json::Value = serde_json::from_str(&text).expect("case.json is JSON");
    let config = value
        .get("config")
        .and_then(|c| c.as_object())
        .cloned()
        .unwrap_or_default();
    let since = value.get("sinceVersions").and_then(|v| {
        v.as_array().map(|versions| {
            versions
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
    });
    (config, since)
}

/// `base` with the case's config keys added (a case's `rules` are merged in).
fn with_case_config(
    mut base: serde_json::Value,
    extra: &serde_json::Map<String, serde_json::Value>,
) -> serde_json::Value {
    if let Some(object) = base.as_object_mut() {
        for (key, value) in extra {
            match (object.get_mut(key), value) {
                (Some(serde_json::Value::Object(rules)), serde_json::Value::Object(more)) => {
                    rules.extend(more.clone());
                }
                _ => {
                    object.insert(key.clone(), value.clone());
                }
            }
        }
    }
    base
}

fn cases(rule_dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(rule_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry.file_name().unwrap().to_string_lossy().to_string();
        if entry.is_dir() && name != "snapshots" {
            let mut applied = Vec::new();
            let mut files: Vec<_> = walk(&entry)
                .into_iter()
                .map(|file| {
                    let relative = file
                        .strip_prefix(&entry)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    let path =
                        if relative.starts_with("supabase/") || relative.contains("/supabase/") {
                            relative
                        } else {
                            format!("supabase/migrations/{relative}")
                        };
                    if let Ok(base_text) = fs::read_to_string(file.with_extension("sql.base")) {
                        applied.push(AppliedFile {
                            path: path.clone(),
                            base_text: Some(base_text),
                        });
                    }
                    (path, fs::read_to_string(&file).unwrap())
                })
                .collect();
            files.sort();
            let (config, since_versions) = case_settings(&entry);
            cases.push(Case {
                name,
                files,
                config,
                since_versions,
                applied,
            });
        } else if name.ends_with(".sql") && name != TRUTH_SCRIPT {
            let path = if name.starts_with(|c: char| c.is_ascii_digit()) {
                format!("supabase/migrations/{name}")
            } else {
                format!(
                    "supabase/migrations/20240101000000_{}",
                    name.replace('-', "_")
                )
            };
            cases.push(Case {
                name: name.trim_end_matches(".sql").to_string(),
                files: vec![(path, fs::read_to_string(&entry).unwrap())],
                config: serde_json::Map::new(),
                since_versions: None,
                applied: Vec::new(),
            });
        }
    }
    cases
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "sql") {
            files.push(path);
        }
    }
    files
}

/// Lines (1-based) marked `-- expect: rule-id` for this rule.
fn expected_lines(text: &str, rule_id: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.split("-- expect:")
                .skip(1)
                .any(|ids| ids.split(',').any(|id| id.trim() == rule_id))
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// One test per rule folder (`cargo test --test rule_fixtures -- <rule-id>` runs one rule's):
/// libtest-mimic gives a custom harness the standard one's filtering and output.
fn main() {
    let arguments = libtest_mimic::Arguments::from_args();
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixture_root())
        .expect("tests/rules is readable")
        .map(|e| e.expect("tests/rules is readable").path())
        .filter(|d| d.is_dir())
        .collect();
    dirs.sort();
    let trials = dirs
        .into_iter()
        .map(|rule_dir| {
            let rule_id = rule_dir
                .file_name()
                .expect("a folder has a name")
                .to_string_lossy()
                .to_string();
            libtest_mimic::Trial::test(rule_id.clone(), move || {
                check_rule_folder(&rule_id, &rule_dir).map_err(Into::into)
            })
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit();
}

/// Every case of one rule's folder: its expect markers, then its snapshot.
fn check_rule_folder(rule_id: &str, rule_dir: &Path) -> Result<(), String> {
    if supalint::rules::find(rule_id).is_none() {
        return Err(format!("tests/rules/{rule_id} names no rule"));
    }
    let mut failures = Vec::new();
    for case in cases(rule_dir) {
        let config = with_case_config(config_enabling(rule_id), &case.config);
        let mut lint_request = request(case.files.clone(), config.clone());
        lint_request.since_versions = case.since_versions.clone();
        lint_request.applied = Some(case.applied.clone());
        let response = lint(&lint_request);
        if !response.config_errors.is_empty() {
            return Err(format!(
                "{rule_id}/{}: {:?}",
                case.name, response.config_errors
            ));
        }
        let mut snapshot = String::new();
        for (result, (path, text)) in response.results.iter().zip(&case.files) {
            let mut found: Vec<usize> = result
                .diagnostics
                .iter()
                .filter(|d| d.rule_id == rule_id)
                .map(|d| d.line)
                .collect();
            found.sort();
            found.dedup();
            let expected = expected_lines(text, rule_id);
            if found != expected {
                failures.push(format!(
                    "{rule_id}/{} {path}: expected findings on lines {expected:?}, got {found:?}",
                    case.name
                ));
            }
            for d in result.diagnostics.iter().filter(|d| d.rule_id == rule_id) {
                snapshot.push_str(&format!(
                    "{path}:{}:{}-{}:{} {}\n    help: {}\n",
                    d.line, d.column, d.end_line, d.end_column, d.message, d.help
                ));
            }
        }
        let has_fix = response.results.iter().any(|r| {
            r.diagnostics
                .iter()
                .any(|d| d.rule_id == rule_id && d.fix.is_some())
        });
        if has_fix {
            let fixed = fix_and_check(
                case.files.clone(),
                with_case_config(
                    serde_json::json!({ "extends": "none", "rules": { rule_id: "error" } }),
                    &case.config,
                ),
            );
            for ((path, _), output) in case.files.iter().zip(fixed) {
                snapshot.push_str(&format!("\n--- fixed {path}\n{output}"));
            }
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(rule_dir.join("snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(case.name.clone(), snapshot));
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
