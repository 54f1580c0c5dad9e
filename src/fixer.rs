//! Applies fixes in passes: non-overlapping edits per pass, re-lint between passes.

use serde::Serialize;

use crate::analysis_cache::AnalysisCache;
use crate::applied::{AppliedMigrations, Frozen};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Edit};
use crate::lint::{lint_analyzed, read_config, InputFile, LintRequest};
use crate::rules::naming::NoAppliedMigrationEdit;

pub const MAX_PASSES: usize = 10;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixedFile {
    pub path: String,
    pub output: String,
    pub changed: bool,
    /// How many problems the fixes resolved: the findings before, less those that remain
    /// (a finding a fix brings and a later pass fixes again does not count).
    pub fixed_count: usize,
    pub remaining: Vec<Diagnostic>,
    /// Why the fixed text was not kept, when it was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// Why fixes that were available were not applied: the migration already ran, and the
    /// request did not say `fixApplied`. Its `remaining` diagnostics keep their fixes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Frozen>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixResponse {
    pub results: Vec<FixedFile>,
    pub config_errors: Vec<ConfigError>,
}

pub fn fix(request: &LintRequest) -> FixResponse {
    fix_cached(&mut AnalysisCache::default(), request)
}

/// [`fix`], reusing from `cache` the analysis of every file no pass changed (and, across
/// calls, of every file unchanged since the last call).
pub fn fix_cached(cache: &mut AnalysisCache, request: &LintRequest) -> FixResponse {
    let (config, config_errors) = read_config(&request.config);
    let original: Vec<InputFile> = request.files.clone();
    let applied_migrations = AppliedMigrations::new(request.applied.as_deref(), &config);
    // The migrations whose fixes are held back: rewriting one that already ran makes a fresh
    // database differ from the ones it ran on.
    let held: Vec<Option<Frozen>> = original
        .iter()
        .map(|file| {
            let path = file.path.replace('\\', "/");
            applied_migrations
                .frozen(&path)
                .filter(|_| !request.fix_applied)
        })
        .collect();
    let first = lint_with(cache, request, &config, &original);
    let mut current = original.clone();
    let mut diagnostics = first.clone();
    for _ in 0..MAX_PASSES {
        let mut changed_any = false;
        for (index, file) in current.iter_mut().enumerate() {
            if held[index].is_some() {
                continue;
            }
            let (text, applied) = apply_edits(&file.text, &diagnostics[index]);
            if applied > 0 && text != file.text {
                file.text = text;
                changed_any = true;
            }
        }
        if !changed_any {
            break;
        }
        diagnostics = lint_with(cache, request, &config, &current);
    }
    let results = current
        .into_iter()
        .enumerate()
        .map(|(index, file)| {
            let before = &first[index];
            let after = &diagnostics[index];
            // A held-back file was not fixed: its fixes are still there, which is no refusal.
            let refused = held[index]
                .is_none()
                .then(|| refusal(before, after).or_else(|| unsettled(&file.text, after)))
                .flatten();
            let changed = file.text != original[index].text && refused.is_none();
            FixedFile {
                path: file.path,
                output: if refused.is_some() {
                    original[index].text.clone()
                } else {
                    file.text
                },
                changed,
                fixed_count: if changed {
                    judged(before).saturating_sub(judged(after))
                } else {
                    0
                },
                remaining: if refused.is_some() {
                    before.clone()
                } else {
                    after.clone()
                },
                refused,
                withheld: held[index].filter(|_| before.iter().any(is_fixable)),
            }
        })
        .collect();
    FixResponse {
        results,
        config_errors,
    }
}

fn lint_with(
    cache: &mut AnalysisCache,
    request: &LintRequest,
    config: &Config,
    files: &[InputFile],
) -> Vec<Vec<Diagnostic>> {
    // A fix reports no statistics, so sqlparser's validation is skipped.
    let analyzed = cache.analyze(files.to_vec(), false);
    lint_analyzed(request, config, &analyzed)
        .into_iter()
        .map(|result| result.diagnostics)
        .collect()
}

/// A fixed text that parses worse or reports more than the original is not kept.
fn refusal(before: &[Diagnostic], after: &[Diagnostic]) -> Option<String> {
    let parse_errors = |d: &[Diagnostic]| d.iter().filter(|d| d.rule_id == "parse-error").count();
    if parse_errors(after) > parse_errors(before) {
        return Some("the fixed text would not parse".into());
    }
    if judged(after) > judged(before) {
        return Some(format!(
            "the fixed text would have more problems ({} instead of {})",
            judged(after),
            judged(before)
        ));
    }
    None
}

/// The problems of a text, leaving out the finding that an applied migration was edited:
/// with `fixApplied` every fix is such an edit, which the user asked for.
fn judged(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.rule_id != NoAppliedMigrationEdit::META.id)
        .count()
}

/// Whether `--fix` would apply this diagnostic's fix (as [`apply_edits`] picks them).
fn is_fixable(diagnostic: &Diagnostic) -> bool {
    diagnostic.severity > 0 && diagnostic.fix_edit.is_some()
}

/// Fixes still changing the text after the last pass would change it again on the next
/// `--fix`, and the one after: the text they leave is refused rather than written, so a
/// second `--fix` finds the file as the first one left it.
fn unsettled(text: &str, after: &[Diagnostic]) -> Option<String> {
    let (again, applied) = apply_edits(text, after);
    (applied > 0 && again != text)
        .then(|| format!("its fixes do not settle: they still change it after {MAX_PASSES} passes"))
}

/// Applies the fixes of `diagnostics` that do not overlap an earlier one.
fn apply_edits(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut edits: Vec<&Edit> = diagnostics
        .iter()
        .filter(|d| is_fixable(d))
        .filter_map(|d| d.fix_edit.as_ref())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut output = String::with_capacity(text.len() + 64);
    let mut cursor = 0;
    let mut applied = 0;
    for edit in edits {
        let valid = edit.span.start >= cursor
            && edit.span.end <= text.len()
            && text.is_char_boundary(edit.span.start)
            && text.is_char_boundary(edit.span.end);
        // Two insertions at one point would interleave; keep the first.
        let touches_previous = applied > 0 && edit.span.start == cursor && edit.span.is_empty();
        if !valid || touches_previous {
            continue;
        }
        output.push_str(&text[cursor..edit.span.start]);
        output.push_str(&edit.text);
        cursor = edit.span.end;
        applied += 1;
    }
    output.push_str(&text[cursor..]);
    (output, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix_one(text: &str, rules: &[&str]) -> FixedFile {
        let mut request = LintRequest::new(vec![InputFile {
            path: "supabase/migrations/20240101000000_a.sql".into(),
            text: text.into(),
        }]);
        let rules: serde_json::Map<String, serde_json::Value> = rules
            .iter()
            .map(|id| (id.to_string(), "error".into()))
            .collect();
        request.config = serde_json::json!({ "extends": "none", "rules": rules });
        fix(&request).results.remove(0)
    }

    /// Fixes `prefer-timestamptz` in a migration that `frozenBefore` freezes or the host says
    /// is applied (with the text that ran), with or without `fixApplied`.
    fn fix_applied_migration(
        frozen_before: Option<&str>,
        applied: bool,
        fix_applied: bool,
    ) -> FixedFile {
        let path = "supabase/migrations/20240101000000_a.sql";
        let text = "create table if not exists public.t (at timestamp);\n";
        let mut request = LintRequest::new(vec![InputFile {
            path: path.into(),
            text: text.into(),
        }]);
        request.config = serde_json::json!({
            "extends": "none",
            "frozenBefore": frozen_before,
            "rules": { "prefer-timestamptz": "warn", "no-applied-migration-edit": "error" },
        });
        request.applied = applied.then(|| {
            vec![crate::applied::AppliedFile {
                path: path.into(),
                base_text: Some(text.into()),
            }]
        });
        request.fix_applied = fix_applied;
        fix(&request).results.remove(0)
    }

    #[test]
    fn a_frozen_or_applied_migration_keeps_its_text_and_its_fixes() {
        for (frozen_before, applied, reason) in [
            (Some("20240101000000"), false, Frozen::FrozenBefore),
            (None, true, Frozen::Applied),
        ] {
            let fixed = fix_applied_migration(frozen_before, applied, false);
            assert!(!fixed.changed);
            assert_eq!(
                fixed.output,
                "create table if not exists public.t (at timestamp);\n"
            );
            assert_eq!(fixed.withheld, Some(reason));
            assert_eq!(fixed.refused, None, "holding back is no refusal");
            assert_eq!(fixed.remaining.len(), 1);
            assert!(
                fixed.remaining[0].fix_edit.is_some(),
                "the fix stays available"
            );
        }
        let later = fix_applied_migration(Some("20231231235959"), false, false);
        assert!(later.changed);
        assert_eq!(later.withheld, None);
    }

    #[test]
    fn fix_applied_rewrites_an_applied_migration_and_reports_the_edit() {
        let fixed = fix_applied_migration(Some("20240101000000"), true, true);
        assert!(fixed.changed);
        assert_eq!(fixed.refused, None);
        assert_eq!(fixed.withheld, None);
        assert_eq!(fixed.fixed_count, 1);
        assert!(fixed.output.contains("timestamptz"));
        let remaining: Vec<&str> = fixed.remaining.iter().map(|d| d.rule_id.as_str()).collect();
        assert_eq!(remaining, ["no-applied-migration-edit"]);
    }

    #[test]
    fn no_fix_touches_a_statement_with_a_lexical_error() {
        // Wrapped in a `DO` block, the unterminated identifier would vanish into its body, and
        // the next `--fix` would wrap it again.
        let text = "create table if not exists public.a (id int);\nalter table public.t add constraint \"c check (x > 0);\n";
        let fixed = fix_one(text, &["drop-before-create", "require-if-not-exists"]);
        assert_eq!(fixed.output, text);
        assert!(fixed
            .remaining
            .iter()
            .any(|d| d.rule_id == "drop-before-create"));
        let fixed = fix_one(
            "create table public.a (id int);\nselect 'open;\n",
            &["require-if-not-exists"],
        );
        assert!(fixed
            .output
            .starts_with("create table if not exists public.a"));
    }

    #[test]
    fn no_fix_touches_a_statement_with_a_syntax_error() {
        // `add colum nickname text` is no column: guarding it would keep the typo.
        let text = "alter table public.t add colum nickname text;\n";
        let fixed = fix_one(text, &["require-if-not-exists"]);
        assert_eq!(fixed.output, text);
        assert!(!fixed.changed);
    }

    #[test]
    fn findings_sharing_one_fix_all_count_as_fixed() {
        let fixed = fix_one(
            "alter table public.t add constraint a check (x > 0), add constraint b check (x < 9);\n",
            &["drop-before-create"],
        );
        assert!(fixed.changed);
        assert_eq!(fixed.fixed_count, 2);
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining);
    }

    #[test]
    fn a_finding_a_fix_brings_is_not_counted_as_fixed() {
        // Pass 1 qualifies the table and appends `alter table notes enable row level
        // security;`, whose unqualified name pass 2 qualifies.
        let fixed = fix_one(
            "create table notes (id bigint primary key);\n",
            &["rls-enabled", "schema-qualified-names"],
        );
        assert!(fixed
            .output
            .contains("alter table public.notes enable row level security;"));
        assert_eq!(fixed.fixed_count, 2);
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining);
    }
}
