//! Runs the access and storage rules over the real-world corpus (`/work/shared/corpus`, or
//! `SUPALINT_CORPUS`): no crash on any file, and a report of every finding per rule in
//! `target/corpus-access.txt` for reading by hand. Ignored by default (the corpus lives
//! outside the repository): `cargo test --test corpus_access -- --ignored --nocapture`.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use supalint::lint;
use supalint::rules::{self, Category};
use support::corpus;

#[test]
#[ignore = "needs the corpus outside the repository"]
fn access_rules_over_the_corpus() {
    let root = corpus::root();
    let access: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| matches!(m.category, Category::Access | Category::Storage))
        .map(|m| m.id)
        .collect();
    let config = serde_json::json!({
        "extends": "none",
        "rules": access.iter().map(|id| (id.to_string(), serde_json::json!("warn"))).collect::<serde_json::Map<_, _>>(),
    });
    let mut counts: BTreeMap<&str, usize> = access.iter().map(|id| (*id, 0)).collect();
    let mut report = String::new();
    let mut file_count = 0;
    let (mut statements, mut parsed) = (0, 0);
    for project in corpus::projects(&root) {
        let request = project.request(config.clone());
        file_count += request.files.len();
        let texts: BTreeMap<String, String> = request
            .files
            .iter()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        let project = project.name;
        let response = lint(&request);
        assert!(response.config_errors.is_empty());
        statements += response.stats.statements;
        parsed += response.stats.parsed.expect("lint validates by default");
        for result in response.results {
            let lines: Vec<&str> = texts[&result.path].lines().collect();
            for d in result.diagnostics {
                if let Some(count) = counts.get_mut(d.rule_id.as_str()) {
                    *count += 1;
                }
                let line = lines.get(d.line - 1).copied().unwrap_or("").trim();
                report.push_str(&format!(
                    "{}\t{project}/{}:{}:{}\n    {}\n    | {line}\n",
                    d.rule_id,
                    result.path.trim_start_matches("supabase/migrations/"),
                    d.line,
                    d.column,
                    d.message
                ));
            }
        }
    }
    assert!(file_count > 0, "no corpus at {}", root.display());
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpus-access.txt");
    fs::write(&target, &report).unwrap();
    println!("{file_count} files, {statements} statements, {parsed} parsed by sqlparser; findings per rule:");
    for (id, count) in &counts {
        println!("{count:6}  {id}");
    }
    println!("details: {}", target.display());
}

/// Every object an access or storage finding names (a backticked `schema.name`, or
/// `schema.name()` for a function) is alive at the end of its history: the end-state
/// judgement never reports what a later migration dropped, renamed or moved. Objects the
/// platform owns (`auth`, `storage`, `extensions`, …) are not the history's to end.
#[test]
fn access_findings_name_only_live_objects() {
    let Some(root) = corpus::root_or_skip() else {
        return;
    };
    let rule_ids: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| matches!(m.category, Category::Access | Category::Storage))
        .map(|m| m.id)
        .collect();
    let config = serde_json::json!({
        "extends": "none",
        "rules": rule_ids.iter().map(|id| (id.to_string(), serde_json::json!("warn"))).collect::<serde_json::Map<_, _>>(),
    });
    let platform = [
        "auth",
        "storage",
        "extensions",
        "pg_catalog",
        "cron",
        "vault",
        "net",
        "realtime",
    ];
    let mut dead = Vec::new();
    let mut checked = 0;
    for project in corpus::projects(&root) {
        let request = project.request(config.clone());
        let catalog = supalint::catalog_snapshot(&request);
        let mut live: std::collections::HashSet<String> = std::collections::HashSet::new();
        for section in ["tables", "views", "foreignTables", "functions"] {
            for object in catalog[section].as_array().into_iter().flatten() {
                live.insert(object["name"].as_str().unwrap_or_default().to_string());
            }
        }
        for result in lint(&request).results {
            for diagnostic in result.diagnostics {
                for name in diagnostic.message.split('`').skip(1).step_by(2) {
                    let name = name.trim_end_matches("()");
                    let Some((schema, object)) = name.split_once('.') else {
                        continue;
                    };
                    let is_plain = [schema, object].iter().all(|part| {
                        !part.is_empty()
                            && part
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    });
                    if !is_plain || platform.contains(&schema) {
                        continue;
                    }
                    checked += 1;
                    if !live.contains(name) {
                        dead.push(format!(
                            "{}: {}:{} {} names `{name}`",
                            project.name, result.path, diagnostic.line, diagnostic.rule_id
                        ));
                    }
                }
            }
        }
    }
    println!("{checked} names checked in access and storage findings");
    assert!(checked > 100, "too few names checked: {checked}");
    assert!(dead.is_empty(), "{}", dead.join("\n"));
}
