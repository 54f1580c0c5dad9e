//! The rules that mirror splinter (Supabase's database linter) on real histories: the house
//! templates (`/work/shared/house`, or `SUPALINT_HOUSE`) draw no finding from them under the
//! default configuration, and an ignored report runs them over the corpus
//! (`cargo test --test corpus_splinter -- --ignored --nocapture`), writing every finding to
//! `target/corpus-splinter.txt` for reading by hand.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use supalint::rules;
use supalint::{lint, InputFile, LintRequest};
use support::corpus;

/// The ids of the rules whose sources name a splinter lint.
fn splinter_rules() -> Vec<&'static str> {
    rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.sources.iter().any(|s| s.starts_with("splinter:")))
        .map(|m| m.id)
        .collect()
}

fn house_root() -> Option<PathBuf> {
    let root = std::env::var_os("SUPALINT_HOUSE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/house"));
    if root.join("supabase/migrations").is_dir() {
        return Some(root);
    }
    let reason = format!(
        "no house templates at {} (set SUPALINT_HOUSE to the folder)",
        root.display()
    );
    assert!(std::env::var_os("CI").is_none(), "CI needs them: {reason}");
    println!("skipped: {reason}");
    None
}

#[test]
fn house_templates_draw_no_splinter_finding_by_default() {
    let Some(root) = house_root() else { return };
    let folder = root.join("supabase/migrations");
    let mut files: Vec<InputFile> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| InputFile {
            path: format!(
                "supabase/migrations/{}",
                p.file_name().unwrap().to_string_lossy()
            ),
            text: fs::read_to_string(&p).unwrap(),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(!files.is_empty(), "no migrations in {}", folder.display());
    let response = lint(&LintRequest::new(files));
    assert!(response.config_errors.is_empty());
    let ids = splinter_rules();
    let findings: Vec<String> = response
        .results
        .iter()
        .flat_map(|r| {
            r.diagnostics
                .iter()
                .filter(|d| ids.contains(&d.rule_id.as_str()))
                .map(move |d| format!("{}:{} {}: {}", r.path, d.line, d.rule_id, d.message))
        })
        .collect();
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
#[ignore = "needs the corpus outside the repository"]
fn splinter_rules_over_the_corpus() {
    let Some(root) = corpus::root_or_skip() else {
        return;
    };
    let ids = splinter_rules();
    let config = serde_json::json!({
        "extends": "none",
        "rules": ids.iter().map(|id| (id.to_string(), serde_json::json!("warn"))).collect::<serde_json::Map<_, _>>(),
    });
    let mut counts: BTreeMap<&str, usize> = ids.iter().map(|id| (*id, 0)).collect();
    let mut report = String::new();
    for project in corpus::projects(&root) {
        let request = project.request(config.clone());
        let texts: BTreeMap<String, String> = request
            .files
            .iter()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        let response = lint(&request);
        assert!(response.config_errors.is_empty());
        for result in response.results {
            let lines: Vec<&str> = texts[&result.path].lines().collect();
            for d in result.diagnostics {
                let Some(count) = counts.get_mut(d.rule_id.as_str()) else {
                    continue;
                };
                *count += 1;
                let line = lines.get(d.line - 1).copied().unwrap_or("").trim();
                report.push_str(&format!(
                    "{}\t{}/{}:{}:{}\n    {}\n    | {line}\n",
                    d.rule_id,
                    project.name,
                    result.path.trim_start_matches("supabase/migrations/"),
                    d.line,
                    d.column,
                    d.message
                ));
            }
        }
    }
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpus-splinter.txt");
    fs::write(&target, &report).unwrap();
    println!("findings per rule:");
    for (id, count) in &counts {
        println!("{count:6}  {id}");
    }
    println!("details: {}", target.display());
}
