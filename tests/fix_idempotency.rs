//! A fix settles: after one `--fix`, a second one changes nothing (issue 20, item 3). Checked
//! on every rule fixture, on the reproducers of unsettled fixes, and on a bounded random set.

mod support;

use std::path::{Path, PathBuf};

use supalint::fixer::fix;

use support::request;

/// `files` fixed twice under `config`: the second fix must give back the first one's output.
fn unsettled(files: &[(String, String)], config: &serde_json::Value) -> Option<String> {
    let once = fix(&request(files.to_vec(), config.clone()));
    let outputs: Vec<(String, String)> = once
        .results
        .iter()
        .map(|r| (r.path.clone(), r.output.clone()))
        .collect();
    let twice = fix(&request(outputs.clone(), config.clone()));
    twice
        .results
        .iter()
        .zip(&outputs)
        .find(|(again, (_, first))| &again.output != first)
        .map(|(again, (path, first))| {
            format!(
                "{path}\n--- first fix:\n{first}\n--- second fix:\n{}",
                again.output
            )
        })
}

fn configs() -> [serde_json::Value; 2] {
    [
        serde_json::json!({ "extends": "all" }),
        serde_json::json!({ "extends": "recommended" }),
    ]
}

fn sql_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

fn migration(name: &str, text: String) -> (String, String) {
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.to_string()
    } else {
        format!("20240102000000_{name}")
    };
    (format!("supabase/migrations/{name}"), text)
}

#[test]
fn reproducers_settle_after_one_fix() {
    // The reproducers of issue 20: each changed again by a second `--fix`.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/unsettled_fixes");
    let files = sql_files(&dir);
    assert!(
        files.len() >= 28,
        "reproducers missing from {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let files = vec![migration(&name, std::fs::read_to_string(&file).unwrap())];
        for config in configs() {
            if let Some(problem) = unsettled(&files, &config) {
                failures.push(format!("{name} ({config}): {problem}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unsettled:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Each rule fixture: a `.sql` file alone, or a folder's files together (a history case).
fn fixture_cases() -> Vec<(String, Vec<(String, String)>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut rules: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    let mut cases = Vec::new();
    for rule in rules {
        let rule_name = rule.file_name().unwrap().to_string_lossy().into_owned();
        for file in sql_files(&rule) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&file).unwrap();
            cases.push((format!("{rule_name}/{name}"), vec![migration(&name, text)]));
        }
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&rule)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && !p.ends_with("snapshots"))
            .collect();
        folders.sort();
        for folder in folders {
            let files = sql_files(&folder)
                .iter()
                .map(|file| {
                    let name = file.file_name().unwrap().to_string_lossy().into_owned();
                    migration(&name, std::fs::read_to_string(file).unwrap())
                })
                .collect();
            let name = folder.file_name().unwrap().to_string_lossy().into_owned();
            cases.push((format!("{rule_name}/{name}/"), files));
        }
    }
    cases
}

#[test]
fn every_rule_fixture_settles_after_one_fix() {
    let cases = fixture_cases();
    assert!(
        cases.len() > 100,
        "only {} fixture cases found",
        cases.len()
    );
    let mut failures = Vec::new();
    for (name, files) in &cases {
        for config in configs() {
            if let Some(problem) = unsettled(files, &config) {
                failures.push(format!("{name} ({config}): {problem}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unsettled:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
