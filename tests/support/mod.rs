//! Shared helpers for the integration tests. Every helper asserts something.

#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

pub mod access;
pub mod catalog;
pub mod corpus;
pub mod postgres;
pub mod replay;

use supalint::fixer::fix;
use supalint::{lint, InputFile, LintRequest};

/// The default path examples are linted as: a well-named migration in the default folder.
pub const DEFAULT_PATH: &str = "supabase/migrations/20240101000000_example.sql";

/// A fixed clock for time-based rules: 2026-01-01T00:00:00Z.
pub const NOW: &str = "2026-01-01T00:00:00.000Z";

pub fn request(files: Vec<(String, String)>, config: serde_json::Value) -> LintRequest {
    let mut request = LintRequest::new(
        files
            .into_iter()
            .map(|(path, text)| InputFile { path, text })
            .collect(),
    );
    request.config = config;
    request.now = Some(NOW.into());
    request
}

/// Every finding of `rule_id` per file, as `(path, line, message)`.
pub fn findings_of(
    rule_id: &str,
    files: Vec<(String, String)>,
    config: serde_json::Value,
) -> Vec<(String, usize, String)> {
    findings_in(rule_id, &request(files, config))
}

/// Every finding of `rule_id` in the response to `request`, as [`findings_of`] gives them.
pub fn findings_in(rule_id: &str, request: &LintRequest) -> Vec<(String, usize, String)> {
    let response = lint(request);
    assert!(
        response.config_errors.is_empty(),
        "config errors: {:?}",
        response.config_errors
    );
    response
        .results
        .into_iter()
        .flat_map(|r| {
            let path = r.path.clone();
            r.diagnostics
                .into_iter()
                .filter(|d| d.rule_id == rule_id)
                .map(move |d| (path.clone(), d.line, d.message))
        })
        .collect()
}

/// Config that turns `rule_id` on (at least as a warning) on top of `recommended`.
pub fn config_enabling(rule_id: &str) -> serde_json::Value {
    serde_json::json!({ "rules": { rule_id: "warn" } })
}

/// Fixes the files, then checks the fix is stable: a second fix changes nothing, the
/// output has no parse error, and a file with only CRLF line breaks keeps only CRLF ones.
/// Returns the fixed texts.
pub fn fix_and_check(files: Vec<(String, String)>, config: serde_json::Value) -> Vec<String> {
    let first = fix(&request(files.clone(), config.clone()));
    let outputs: Vec<(String, String)> = first
        .results
        .iter()
        .map(|r| (r.path.clone(), r.output.clone()))
        .collect();
    for (result, (_, input)) in first.results.iter().zip(&files) {
        let has_bare_lf = |text: &str| text.replace("\r\n", "").contains('\n');
        assert!(
            !input.contains("\r\n") || has_bare_lf(input) || !has_bare_lf(&result.output),
            "fixed {} mixes `\\n` into CRLF line breaks:\n{:?}",
            result.path,
            result.output
        );
        assert!(
            result.refused.is_none(),
            "fix refused for {}: {:?}",
            result.path,
            result.refused
        );
        assert!(
            result.remaining.iter().all(|d| d.rule_id != "parse-error"),
            "fixed {} does not lex:\n{}",
            result.path,
            result.output
        );
    }
    let second = fix(&request(outputs.clone(), config));
    for (result, (_, before)) in second.results.iter().zip(&outputs) {
        assert_eq!(
            &result.output, before,
            "a second --fix changed {}",
            result.path
        );
    }
    outputs.into_iter().map(|(_, text)| text).collect()
}

/// The rules whose `tests/rules/<id>/truth.sql` counts the problems in their fixture files
/// (`tests/splinter_on_postgres.rs`); the other rules' truth scripts run on their documented
/// examples (`tests/access_truth_on_postgres.rs`). Each script belongs to one harness.
pub const FIXTURE_TRUTH_RULES: &[&str] = &[
    "duplicate-index",
    "extension-in-public",
    "fkey-to-auth-unique",
    "foreign-table-in-api",
    "materialized-view-in-api",
    "require-primary-key",
    "sensitive-columns-exposed",
    "unindexed-foreign-key",
];
