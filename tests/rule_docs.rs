//! Every rule's documentation: examples run as tests, sections present and in order,
//! every rule file registered under its own id.

mod support;

use supalint::rules::{self, FixKind};

use supalint::applied::AppliedFile;

use support::{config_enabling, findings_in, request, DEFAULT_PATH};

#[test]
fn docs_examples_behave_as_documented() {
    let mut failures = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        // Directive rules are reported only where directives are read, which is here too.
        for example in rules::examples(meta.docs) {
            let files = example
                .files()
                .into_iter()
                .map(|(name, text)| {
                    let path = match name {
                        Some(name) if name.contains('/') => name,
                        Some(name) => format!("supabase/migrations/{name}"),
                        None => DEFAULT_PATH.to_string(),
                    };
                    (path, text)
                })
                .collect();
            let mut config = config_enabling(meta.id);
            if let Some(ids) = &example.registered_buckets {
                config["registeredBuckets"] = serde_json::json!(ids);
            }
            let mut request = request(files, config);
            request.since_versions = example.since.clone();
            let applied: Vec<AppliedFile> = example
                .base_files()
                .into_iter()
                .map(|(name, text)| AppliedFile {
                    path: format!("supabase/migrations/{name}"),
                    base_text: Some(text),
                })
                .collect();
            request.applied = (!applied.is_empty()).then_some(applied);
            let found = findings_in(meta.id, &request);
            let expected = usize::from(!example.valid);
            if found.len() != expected {
                failures.push(format!(
                    "{}: {} example should give {expected} finding(s), gave {}: {found:?}\n{}",
                    meta.id,
                    if example.valid { "valid" } else { "invalid" },
                    found.len(),
                    example.code
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_documents_valid_and_invalid_examples() {
    for rule in rules::all() {
        let meta = rule.meta();
        let examples = rules::examples(meta.docs);
        assert!(
            examples.iter().any(|e| !e.valid),
            "{} has no invalid example",
            meta.id
        );
        assert!(
            examples.iter().any(|e| e.valid),
            "{} has no valid example",
            meta.id
        );
    }
}

#[test]
fn docs_sections_are_present_and_ordered() {
    const ORDER: &[&str] = &[
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Fix safety",
        "## Options",
        "## References",
    ];
    for rule in rules::all() {
        let meta = rule.meta();
        let positions: Vec<(usize, &str)> = ORDER
            .iter()
            .filter_map(|section| meta.docs.find(section).map(|p| (p, *section)))
            .collect();
        for required in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(
                meta.docs.contains(required),
                "{} lacks `{required}`",
                meta.id
            );
        }
        if meta.fix != FixKind::None {
            assert!(
                meta.docs.contains("## Fix safety"),
                "{} is fixable but lacks `## Fix safety`",
                meta.id
            );
        }
        if !meta.options.is_empty() {
            assert!(
                meta.docs.contains("## Options"),
                "{} reads options but lacks `## Options`",
                meta.id
            );
        }
        let mut sorted = positions.clone();
        sorted.sort();
        assert_eq!(positions, sorted, "{}: doc sections out of order", meta.id);
        assert!(!meta.summary().is_empty(), "{} has no summary", meta.id);
    }
}

#[test]
fn rule_files_are_registered_under_their_ids() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut files = Vec::new();
    for group in std::fs::read_dir(&root).unwrap() {
        let group = group.unwrap().path();
        let name = group.file_name().unwrap().to_string_lossy().to_string();
        if !group.is_dir() || name == "support" {
            continue;
        }
        for file in std::fs::read_dir(&group).unwrap() {
            let stem = file
                .unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .to_string();
            if stem != "mod" {
                files.push((name.clone(), stem.replace('_', "-")));
            }
        }
    }
    for (group, id) in &files {
        let rule = rules::find(id)
            .unwrap_or_else(|| panic!("src/rules/{group}/{id} is not registered under id `{id}`"));
        assert_eq!(
            format!("{:?}", rule.meta().category).to_lowercase(),
            *group,
            "{id} is in the wrong folder"
        );
    }
    assert_eq!(
        files.len(),
        rules::all().len(),
        "registered rules without a file of their own"
    );
    let ids: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(
        ids, sorted,
        "src/rules/mod.rs must list rules alphabetically by id"
    );
}
