//! Runs every rule over a corpus of real migrations and prints the findings per rule, for
//! reading by hand. Ignored by default: `SUPALINT_CORPUS=/path cargo test --test corpus --
//! --ignored --nocapture`. Each project folder (a folder holding `.sql` files) is linted as one
//! history; findings go to `target/corpus-findings.txt`.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use supalint::lint;
use support::request;

fn projects(root: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let mut files = Vec::new();
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "sql") {
                files.push(path);
            }
        }
        if !files.is_empty() {
            files.sort();
            found.push((dir, files));
        }
    }
    found.sort();
    found
}

#[test]
#[ignore = "needs a corpus folder in SUPALINT_CORPUS"]
fn corpus_findings_per_rule() {
    let Ok(root) = std::env::var("SUPALINT_CORPUS") else {
        println!("SUPALINT_CORPUS is not set; nothing to run");
        return;
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut report = String::new();
    for (dir, files) in projects(Path::new(&root)) {
        let inputs: Vec<(String, String)> = files
            .iter()
            .map(|file| {
                let name = file.file_name().unwrap().to_string_lossy().to_string();
                let text = String::from_utf8_lossy(&fs::read(file).unwrap()).to_string();
                (format!("supabase/migrations/{name}"), text)
            })
            .collect();
        let response = lint(&request(
            inputs.clone(),
            serde_json::json!({ "extends": "all" }),
        ));
        for (result, (_, text)) in response.results.iter().zip(&inputs) {
            for d in &result.diagnostics {
                *counts.entry(d.rule_id.clone()).or_default() += 1;
                let line = text.lines().nth(d.line - 1).unwrap_or("").trim();
                report.push_str(&format!(
                    "{}\t{}/{}:{}\t{}\n\t| {}\n",
                    d.rule_id,
                    dir.strip_prefix(&root).unwrap_or(&dir).display(),
                    result.path.rsplit('/').next().unwrap_or(""),
                    d.line,
                    d.message,
                    line.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpus-findings.txt");
    fs::write(&out, &report).unwrap();
    for (rule, count) in &counts {
        println!("{count:6}  {rule}");
    }
    println!("findings written to {}", out.display());
}
