//! Runs the access rules over the real-world corpus (`/work/shared/corpus`, or
//! `SUPALINT_CORPUS`): no crash on any file, and a report of every finding per rule in
//! `target/corpus-access.txt` for reading by hand. Ignored by default (the corpus lives
//! outside the repository): `cargo test --test corpus_access -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use supalint::rules::{self, Category};
use supalint::{lint, InputFile, LintRequest};

fn corpus_root() -> PathBuf {
    std::env::var("SUPALINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/work/shared/corpus"))
}

/// Each project: a folder whose `.sql` files form one migration history. A folder of
/// folders (one per example project) gives one project per subfolder.
fn projects(root: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let mut projects = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        let mut files = Vec::new();
        let mut subdirs = Vec::new();
        for entry in fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                subdirs.push(path);
            } else if path.extension().is_some_and(|e| e == "sql") {
                files.push(path);
            }
        }
        if !files.is_empty() {
            projects.push((dir.file_name().unwrap().to_string_lossy().into(), files));
        }
        subdirs.sort();
        for sub in subdirs {
            let files: Vec<PathBuf> = fs::read_dir(&sub)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "sql"))
                .collect();
            if !files.is_empty() {
                let name = format!(
                    "{}/{}",
                    dir.file_name().unwrap().to_string_lossy(),
                    sub.file_name().unwrap().to_string_lossy()
                );
                projects.push((name, files));
            }
        }
    }
    projects
}

#[test]
#[ignore = "needs the corpus outside the repository"]
fn access_rules_over_the_corpus() {
    let root = corpus_root();
    let access: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.category == Category::Access)
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
    for (project, files) in projects(&root) {
        let inputs: Vec<InputFile> = files
            .iter()
            .map(|path| InputFile {
                path: format!(
                    "supabase/migrations/{}",
                    path.file_name().unwrap().to_string_lossy()
                ),
                text: String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned(),
            })
            .collect();
        file_count += inputs.len();
        let texts: BTreeMap<String, String> = inputs
            .iter()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        let mut request = LintRequest::new(inputs);
        request.config = config.clone();
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
