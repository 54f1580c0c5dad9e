//! The lint driver: files in, diagnostics out, through the pipeline's stages (analysis,
//! history, access model, rules, report).

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use crate::access::AccessModel;
use crate::analysis_cache::AnalysisCache;
use crate::applied::{AppliedFile, AppliedMigrations, Frozen};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::facts::FileFacts;
use crate::history::History;
use crate::report::{self, DirectiveOptions, FileReport};
use crate::rules::{self, Findings, Registry, Rule, RuleContext, RunState};
use crate::source::SourceFile;

/// A larger file is not analysed (one diagnostic says so; the other files are still linted),
/// so no single file can make the engine's memory run away (it keeps about ten times the text).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone, Debug, Deserialize)]
pub struct InputFile {
    pub path: String,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LintRequest {
    pub files: Vec<InputFile>,
    #[serde(default)]
    pub config: serde_json::Value,
    /// ISO-8601 UTC.
    #[serde(default)]
    pub now: Option<String>,
    #[serde(default = "default_true")]
    pub inline_config: bool,
    #[serde(default)]
    pub report_unused_disable_directives: bool,
    /// Only these paths get diagnostics; the others are history.
    #[serde(default)]
    pub report_paths: Option<Vec<String>>,
    /// Versions that existed at the `--since` ref.
    #[serde(default)]
    pub since_versions: Option<Vec<String>>,
    /// Whether `eslint-disable…` comments naming `supalint/<rule>` count as directives, as
    /// `supalint-disable…` ones do (default); the ESLint plugin turns it off, as ESLint
    /// applies them itself.
    #[serde(default = "default_true")]
    pub eslint_directives: bool,
    /// Migrations that already ran (they existed at the `--since` ref, or the database lists
    /// them), with the text that ran when the host knows it.
    #[serde(default)]
    pub applied: Option<Vec<AppliedFile>>,
    /// Whether `--fix` may rewrite applied and frozen migrations (`--fix-applied`).
    #[serde(default)]
    pub fix_applied: bool,
    /// Whether sqlparser validates each statement up front, for the statistics `parsed` and
    /// `fallback`. Findings are the same without it: `syntax-error` then asks sqlparser about
    /// the statements it judges itself (which costs about what validating them all does).
    #[serde(default = "default_true")]
    pub validate: bool,
    /// The host clock, filled in by the WASM face when `now` is absent.
    #[serde(skip)]
    pub now_seconds: Option<i64>,
}

fn default_true() -> bool {
    true
}

impl LintRequest {
    pub fn new(files: Vec<InputFile>) -> Self {
        LintRequest {
            files,
            config: serde_json::Value::Null,
            now: None,
            inline_config: true,
            report_unused_disable_directives: false,
            report_paths: None,
            since_versions: None,
            eslint_directives: true,
            applied: None,
            fix_applied: false,
            validate: true,
            now_seconds: None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct FileResult {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Set for a migration that already ran: hosts do not apply its fixes unasked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frozen: Option<Frozen>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub files: usize,
    pub statements: usize,
    /// Statements sqlparser accepted; `None` when the request did not validate.
    pub parsed: Option<usize>,
    /// Statements read from their tokens alone; `None` when the request did not validate.
    pub fallback: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintResponse {
    pub results: Vec<FileResult>,
    pub stats: Stats,
    pub config_errors: Vec<ConfigError>,
}

/// A file prepared for linting.
pub struct Analyzed {
    pub source: SourceFile,
    pub facts: FileFacts,
    /// Set for input the engine cannot lint (binary data, past a limit): one finding, no
    /// rules. The message id of `parse-error` that says why.
    pub rejected: Option<&'static str>,
}

pub fn analyze(file: &InputFile) -> Analyzed {
    analyze_text(&file.path, file.text.clone(), true)
}

/// [`analyze`], taking the text (no copy of it); `is_validating`: see [`LintRequest::validate`].
pub fn analyze_text(path: &str, text: String, is_validating: bool) -> Analyzed {
    let path = path.replace('\\', "/");
    if text.len() > MAX_FILE_BYTES {
        // Kept for its length (the message gives it), neither lexed nor split.
        let source = SourceFile {
            path,
            text,
            line_index: crate::source::LineIndex::new(""),
            tokens: Default::default(),
            comments: Vec::new(),
            statements: Vec::new(),
            line_break: "\n",
        };
        return Analyzed {
            source,
            facts: FileFacts::default(),
            rejected: Some("tooLarge"),
        };
    }
    let source = SourceFile::new(path, text);
    if source.text.contains('\0') {
        let facts = FileFacts::default();
        return Analyzed {
            source,
            facts,
            rejected: Some("binary"),
        };
    }
    let facts = FileFacts::with_validation(&source, is_validating);
    Analyzed {
        source,
        facts,
        rejected: None,
    }
}

pub fn now_seconds(request: &LintRequest) -> i64 {
    if let Some(now) = request.now.as_deref().and_then(crate::time::parse_iso8601) {
        return now;
    }
    if let Some(now) = request.now_seconds {
        return now;
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
    #[cfg(target_arch = "wasm32")]
    {
        0
    }
}

pub fn lint(request: &LintRequest) -> LintResponse {
    let analyzed: Vec<Analyzed> = request
        .files
        .iter()
        .map(|file| analyze_text(&file.path, file.text.clone(), request.validate))
        .collect();
    lint_files(request, analyzed)
}

/// The request's configuration, naming the registered rules, with its errors.
pub fn read_config(value: &serde_json::Value) -> (Config, Vec<ConfigError>) {
    Config::from_json(value, &Registry)
}

/// The history of the request's files, analysed without validation, given to `read`.
fn with_history<T>(request: &LintRequest, read: impl FnOnce(&History) -> T) -> T {
    let analyzed: Vec<Analyzed> = request
        .files
        .iter()
        .map(|file| analyze_text(&file.path, file.text.clone(), false))
        .collect();
    let history = History::new(analyzed.iter().map(|a| (&a.source, &a.facts)).collect());
    read(&history)
}

/// The end-state catalog the request's files leave, as JSON ([`crate::history::snapshot`]).
pub fn catalog_snapshot(request: &LintRequest) -> serde_json::Value {
    with_history(request, |history| {
        crate::history::snapshot(&history.database)
    })
}

/// Who can do what in the end state, as JSON ([`crate::access::matrix`]), under the
/// request's configuration, with that configuration's errors (`configErrors`, as [`lint`]
/// reports them: a host refuses a matrix built on a configuration it rejects).
pub fn access_matrix(request: &LintRequest) -> serde_json::Value {
    let (config, config_errors) = read_config(&request.config);
    let mut matrix = with_history(request, |history| {
        let model = crate::access::AccessModel::new(&history.database, &config);
        crate::access::matrix(&model)
    });
    matrix["configErrors"] = serde_json::json!(config_errors);
    matrix
}

/// Statement counts summed over analysed files.
#[derive(Default)]
struct StatementCounts {
    files: usize,
    statements: usize,
    parsed: usize,
}

impl StatementCounts {
    fn add(&mut self, file: &Analyzed) {
        self.files += 1;
        self.statements += file.facts.statements.len();
        self.parsed += file.facts.parsed_count();
    }

    fn into_stats(self, is_validated: bool) -> Stats {
        Stats {
            files: self.files,
            statements: self.statements,
            parsed: is_validated.then_some(self.parsed),
            fallback: is_validated.then_some(self.statements - self.parsed),
        }
    }
}

/// [`lint`], taking the request (the texts move into the analysis instead of being copied: on
/// 20 MB of SQL that copy was 20 MB of memory) and reusing from `cache` the analysis of every
/// file unchanged since the last call (the WebAssembly face keeps one cache per instance).
pub fn lint_cached(cache: &mut AnalysisCache, mut request: LintRequest) -> LintResponse {
    let files = std::mem::take(&mut request.files);
    let analyzed = cache.analyze(files, request.validate);
    lint_files(&request, analyzed)
}

fn lint_files<A: Borrow<Analyzed>>(request: &LintRequest, analyzed: Vec<A>) -> LintResponse {
    let (config, config_errors) = read_config(&request.config);
    let results = lint_analyzed(request, &config, &analyzed);
    let mut counts = StatementCounts::default();
    for file in &analyzed {
        counts.add(file.borrow());
    }
    LintResponse {
        results,
        stats: counts.into_stats(request.validate),
        config_errors,
    }
}

pub fn lint_analyzed<A: Borrow<Analyzed>>(
    request: &LintRequest,
    config: &Config,
    analyzed: &[A],
) -> Vec<FileResult> {
    let history = History::new(
        analyzed
            .iter()
            .map(|a| (&a.borrow().source, &a.borrow().facts))
            .collect(),
    );
    let access = AccessModel::new(&history.database, config);
    let now = now_seconds(request);
    let state = RunState::default();
    let applied = AppliedMigrations::new(request.applied.as_deref(), config);
    // Found once, not once per file.
    let enabled_rules: Vec<&dyn Rule> = rules::all()
        .iter()
        .copied()
        .filter(|rule| config.severity(rule.meta().id) != Severity::Off)
        .collect();
    // Normalised once: a lookup per file, not a scan of every path (quadratic on big histories).
    let report_paths: Option<std::collections::HashSet<String>> = request
        .report_paths
        .as_ref()
        .map(|paths| paths.iter().map(|p| p.replace('\\', "/")).collect());
    // In history order, so that what rules carry from one file to the next (`RunState`) only
    // moves forward, whatever the request's order; results keep the request's order.
    let mut results: Vec<Option<FileResult>> = analyzed.iter().map(|_| None).collect();
    for index in history_order(&history, analyzed) {
        let file: &Analyzed = analyzed[index].borrow();
        let reported = report_paths
            .as_ref()
            .is_none_or(|paths| paths.contains(&file.source.path));
        let diagnostics = if reported {
            let run = FileRun {
                now,
                base_text: applied.base_text(&file.source.path),
                state: &state,
            };
            lint_file(
                request,
                config,
                &enabled_rules,
                &history,
                &access,
                file,
                &run,
            )
        } else {
            Vec::new()
        };
        results[index] = Some(FileResult {
            path: file.source.path.clone(),
            diagnostics,
            frozen: applied.frozen(&file.source.path),
        });
    }
    results.into_iter().flatten().collect()
}

/// The indexes of `analyzed` in the order of the history (by version, then name): the order
/// `RunState` needs to move only forward.
fn history_order<A: Borrow<Analyzed>>(history: &History, analyzed: &[A]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..analyzed.len()).collect();
    order.sort_by_key(|&i| history.index_of(&analyzed[i].borrow().source.path));
    order
}

/// What one file's lint takes from the run besides the history: the clock, the text that ran
/// (an applied migration's, when the host gave it) and what rules carry between files.
struct FileRun<'r> {
    now: i64,
    base_text: Option<&'r str>,
    state: &'r RunState,
}

// The run's parts are passed apart (not bundled in a struct) to keep each borrow's lifetime plain.
fn lint_file<'r>(
    request: &'r LintRequest,
    config: &'r Config,
    enabled_rules: &[&dyn Rule],
    history: &'r History<'r>,
    access: &'r AccessModel<'r, 'r>,
    file: &'r Analyzed,
    run: &FileRun<'r>,
) -> Vec<Diagnostic> {
    let source = &file.source;
    if let Some(reason) = file.rejected {
        return report::rejected_file(source, reason, MAX_FILE_BYTES);
    }
    let context = RuleContext {
        file: source,
        facts: &file.facts,
        file_index: history.index_of(&source.path).unwrap_or(0),
        history,
        access,
        config,
        now: run.now,
        since_versions: request.since_versions.as_deref(),
        base_text: run.base_text,
        policies: Default::default(),
        created: Default::default(),
        run: run.state,
    };
    let mut findings = Vec::new();
    for rule in enabled_rules {
        let mut collected = Findings::new(rule.meta());
        rule.check(&context, &mut collected);
        findings.extend(collected.items);
    }
    let file_report = FileReport {
        source,
        facts: &file.facts,
        config,
        directives: DirectiveOptions {
            is_enabled: request.inline_config,
            eslint_directives: request.eslint_directives,
            report_unused: request.report_unused_disable_directives,
        },
    };
    report::report(&file_report, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(files: &[(&str, &str)]) -> LintRequest {
        let mut request = LintRequest::new(
            files
                .iter()
                .map(|(path, text)| InputFile {
                    path: path.to_string(),
                    text: text.to_string(),
                })
                .collect(),
        );
        request.config = serde_json::json!({ "extends": "all" });
        request.now = Some("2026-01-01T00:00:00Z".into());
        request
    }

    #[test]
    fn files_are_linted_in_history_order_whatever_the_request_order() {
        let analyzed: Vec<Analyzed> = [
            "20240103000000_c.sql",
            "b_unversioned.sql",
            "20240101000000_a.sql",
        ]
        .iter()
        .map(|name| analyze_text(&format!("supabase/migrations/{name}"), String::new(), false))
        .collect();
        let history = History::new(analyzed.iter().map(|a| (&a.source, &a.facts)).collect());
        assert_eq!(history_order(&history, &analyzed), [2, 0, 1]);
    }

    #[test]
    fn files_in_any_request_order_get_the_findings_of_history_order() {
        let files = [
            (
                "supabase/migrations/20240101000000_a.sql",
                "create table items (id int);",
            ),
            (
                "supabase/migrations/20240102000000_b.sql",
                "set search_path = app; create index on items (id);",
            ),
            (
                "supabase/migrations/20240103000000_c.sql",
                "create index on items (id);",
            ),
        ];
        let in_order = lint(&request(&files));
        let reversed: Vec<_> = files.iter().rev().copied().collect();
        let out_of_order = lint(&request(&reversed));
        let paths = |response: &LintResponse| -> Vec<String> {
            response.results.iter().map(|r| r.path.clone()).collect()
        };
        assert_eq!(
            paths(&out_of_order),
            reversed
                .iter()
                .map(|(p, _)| p.to_string())
                .collect::<Vec<_>>(),
            "results keep the request's order"
        );
        for result in &out_of_order.results {
            let same = in_order.results.iter().find(|r| r.path == result.path);
            let json = |r: &FileResult| serde_json::to_string(r).expect("serialises");
            assert_eq!(same.map(json), Some(json(result)), "{}", result.path);
        }
        // The last file resolves `items` through the replay of the two before it.
        let last = &in_order.results[2];
        assert!(last
            .diagnostics
            .iter()
            .any(|d| d.message_id == "unqualified"
                && d.data.get("schema").map(String::as_str) == Some("public")));
    }
}
