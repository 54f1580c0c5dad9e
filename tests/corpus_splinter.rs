//! The rules that mirror splinter (Supabase's database linter) over the real-world corpus:
//! ignored by default (the corpus lives outside the repository),
//! `cargo test --test corpus_splinter -- --ignored --nocapture` prints the findings per rule
//! and writes every finding to `target/corpus-splinter.txt` for reading by hand.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use supalint::lint;
use supalint::rules;
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
