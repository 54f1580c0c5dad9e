//! Lints the real-world corpus (`support::corpus`: one project per folder; the folders of
//! `supabase__supabase` are projects of their own) and checks the engine holds up: no
//! panic, a result for every file, every diagnostic inside its file on char boundaries.
//! Prints the fallback share and the findings per rule. Set `SUPALINT_CORPUS_SHOW=<rule-id>`
//! to print every finding of one rule, `SUPALINT_CORPUS_DUMP=<file>` to write each project's
//! statistics and diagnostics as JSON lines (to check that an engine change leaves them
//! byte-identical).

mod support;

use std::collections::BTreeMap;
use std::fs;

use supalint::{lint, LintRequest};
use support::corpus::{self, Project};

/// One project's migrations as a lint request with every rule on.
fn project_request(project: &Project) -> LintRequest {
    // An empty bucket list keeps `storage-bucket-registered` active: every bucket is
    // unregistered.
    project.request(serde_json::json!({ "extends": "all", "registeredBuckets": [] }))
}

#[test]
fn corpus_lints_without_engine_failures() {
    let Some(root) = corpus::root_or_skip() else {
        return;
    };
    let show = std::env::var("SUPALINT_CORPUS_SHOW").ok();
    let mut dump = std::env::var("SUPALINT_CORPUS_DUMP")
        .ok()
        .map(|path| (path, String::new()));
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let (mut statements, mut fallback, mut file_count) = (0usize, 0usize, 0usize);
    for project in corpus::projects(&root) {
        let request = project_request(&project);
        let inputs = &request.files;
        let response = lint(&request);
        assert_eq!(
            response.results.len(),
            inputs.len(),
            "{}: a file got no result",
            project.name
        );
        if let Some((_, lines)) = &mut dump {
            let stats = serde_json::json!({ "project": project.name, "stats": response.stats });
            lines.push_str(&format!("{stats}\n"));
            for result in &response.results {
                lines.push_str(&serde_json::to_string(result).expect("a result serialises"));
                lines.push('\n');
            }
        }
        statements += response.stats.statements;
        fallback += response.stats.fallback.expect("lint validates by default");
        file_count += inputs.len();
        for (result, input) in response.results.iter().zip(inputs) {
            assert_eq!(result.path, input.path);
            let text = &input.text;
            for d in &result.diagnostics {
                let [start, end] = d.byte_range;
                assert!(
                    start <= end && end <= text.len(),
                    "{}: range {start}..{end} outside the file",
                    input.path
                );
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "{}: range {start}..{end} splits a character",
                    input.path
                );
                assert!(d.line >= 1 && d.column >= 1 && d.end_line >= d.line);
                *per_rule.entry(d.rule_id.clone()).or_default() += 1;
                if show.as_deref() == Some(d.rule_id.as_str()) {
                    println!(
                        "{}/{}:{}:{} {}",
                        project.name,
                        input.path.trim_start_matches("supabase/migrations/"),
                        d.line,
                        d.column,
                        d.message
                    );
                }
            }
        }
    }
    println!(
        "corpus: {file_count} files, {statements} statements, fallback {fallback} ({:.1}%)",
        100.0 * fallback as f64 / statements.max(1) as f64
    );
    for (rule, count) in &per_rule {
        println!("  {rule:45} {count}");
    }
    assert!(file_count > 0, "the corpus folder holds no .sql file");
    if let Some((path, lines)) = dump {
        fs::write(&path, lines).expect("the dump file is writable");
    }
}

/// Validation only fills the statistics: `syntax-error` asks sqlparser itself about a statement
/// not validated up front, so the findings are the same with `validate: false`.
#[test]
fn lint_without_validation_gives_the_same_findings() {
    let Some(root) = corpus::root_or_skip() else {
        return;
    };
    for project in corpus::projects(&root) {
        let mut request = project_request(&project);
        let validated = lint(&request);
        request.validate = false;
        let unvalidated = lint(&request);
        assert_eq!(
            serde_json::to_string(&unvalidated.results).expect("results serialise"),
            serde_json::to_string(&validated.results).expect("results serialise"),
            "{}: validation changed the diagnostics",
            project.name
        );
        assert_eq!(unvalidated.stats.parsed, None);
        assert_eq!(unvalidated.stats.fallback, None);
        assert_eq!(
            unvalidated.stats.statements, validated.stats.statements,
            "{}",
            project.name
        );
    }
}
