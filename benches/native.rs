//! The engine as a native binary, for comparison with the WebAssembly build (`pnpm bench`).
//!
//! ```text
//! cargo bench --bench native -- <migrations-dir> [--root DIR] [--config FILE] [--runs N]
//!     [--dump-statements FILE] [--one-file FILE] [--dump-diagnostics FILE]
//! ```
//!
//! Lints every `*.sql` under the folder in one engine call, as the CLI does, `--runs` times,
//! and prints one JSON object: the median wall time of each phase, the throughput, and the
//! time per statement kind (each statement of the folder's first copy linted on its own).
//! `--dump-statements` writes those statements with their kind, for the Node half of the
//! benchmark to time the same ones in WebAssembly; `--one-file` times one file alone.
//! `--dump-diagnostics` writes the last run's statistics and every diagnostic as JSON lines,
//! so that a change to the engine can be checked to leave its output byte-identical.
//! `--rule-times` lints the folder once per rule with only that rule on and reports the CPU
//! time each rule adds to a run with none on, slowest first: the profile that finds a rule
//! that grows faster than its input (`bench/scaling.js` writes such inputs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use supalint::diagnostic::Severity;
use supalint::lint::{analyze, lint_analyzed, read_config, Analyzed};
use supalint::rules::Registry;
use supalint::source::{split_statements, tokenize};
use supalint::{FileResult, InputFile, LintRequest};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to `System` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            let grown = new_size - layout.size();
            let now = IN_USE.fetch_add(grown, Ordering::Relaxed) + grown;
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated now and at the peak since the last reset, in MB.
fn heap_mb() -> (f64, f64) {
    let mb = |bytes: usize| bytes as f64 / 1e6;
    (
        mb(IN_USE.load(Ordering::Relaxed)),
        mb(PEAK.load(Ordering::Relaxed)),
    )
}

struct Options {
    dir: PathBuf,
    root: PathBuf,
    config: serde_json::Value,
    runs: usize,
    dump_statements: Option<PathBuf>,
    one_file: Option<PathBuf>,
    dump_diagnostics: Option<PathBuf>,
    rule_times: bool,
}

fn main() {
    let options = match parse_args(std::env::args().skip(1).collect()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bench_native: {message}");
            std::process::exit(2);
        }
    };
    let files = read_files(&options.dir, &options.root);
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let mut request = LintRequest::new(files);
    request.config = options.config.clone();
    request.now = Some("2026-01-01T00:00:00Z".into());

    let mut analyze_times = Vec::new();
    let mut rule_times = Vec::new();
    let mut totals = Vec::new();
    let mut diagnostics = 0;
    let mut statements = 0;
    let (input_mb, _) = heap_mb();
    let mut heap = serde_json::Value::Null;
    for _ in 0..options.runs {
        PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
        let started = Instant::now();
        let (config, _) = read_config(&request.config);
        let analyzed: Vec<_> = request.files.iter().map(analyze).collect();
        let analyzed_at = Instant::now();
        let (analyzed_mb, _) = heap_mb();
        let results = lint_analyzed(&request, &config, &analyzed);
        let done = Instant::now();
        let (_, peak_mb) = heap_mb();
        heap = serde_json::json!({
            "inputMb": input_mb,
            "afterAnalysisMb": analyzed_mb,
            "peakMb": peak_mb,
        });
        analyze_times.push(analyzed_at - started);
        rule_times.push(done - analyzed_at);
        totals.push(done - started);
        diagnostics = results.iter().map(|r| r.diagnostics.len()).sum();
        statements = analyzed.iter().map(|a| a.facts.statements.len()).sum();
        if let Some(path) = &options.dump_diagnostics {
            write_or_exit(path, &diagnostics_dump(&analyzed, &results));
        }
    }
    let total = median(&mut totals);
    let per_kind = statement_kinds(&request.files, &request.config);
    if let Some(path) = &options.dump_statements {
        let samples: Vec<_> = per_kind
            .samples
            .iter()
            .map(|(kind, text)| serde_json::json!({ "kind": kind, "text": text }))
            .collect();
        write_or_exit(path, &serde_json::to_string(&samples).unwrap_or_default());
    }
    let one_file = options
        .one_file
        .as_ref()
        .map(|path| time_one_file(path, &request.config, options.runs.max(20)));
    let per_rule = options
        .rule_times
        .then(|| time_each_rule(&request, options.runs));
    let report = serde_json::json!({
        "files": request.files.len(),
        "bytes": bytes,
        "statements": statements,
        "diagnostics": diagnostics,
        "runs": options.runs,
        "analyzeMs": ms(median(&mut analyze_times)),
        "rulesMs": ms(median(&mut rule_times)),
        "totalMs": ms(total),
        "mbPerSecond": bytes as f64 / 1e6 / total.as_secs_f64(),
        "filesPerSecond": request.files.len() as f64 / total.as_secs_f64(),
        "heap": heap,
        "statementKinds": per_kind.table,
        "oneFile": one_file,
        "ruleTimes": per_rule,
    });
    println!("{report}");
}

fn parse_args(args: Vec<String>) -> Result<Options, String> {
    let mut dir = None;
    let mut root = None;
    let mut config = serde_json::Value::Null;
    let mut runs = 3;
    let mut dump_statements = None;
    let mut one_file = None;
    let mut dump_diagnostics = None;
    let mut rule_times = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(value()?)),
            "--config" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                config = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            }
            "--runs" => runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--dump-statements" => dump_statements = Some(PathBuf::from(value()?)),
            "--one-file" => one_file = Some(PathBuf::from(value()?)),
            "--dump-diagnostics" => dump_diagnostics = Some(PathBuf::from(value()?)),
            "--rule-times" => rule_times = true,
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let dir = dir.ok_or("usage: native <migrations-dir> [options]")?;
    let root = root.unwrap_or_else(|| dir.clone());
    Ok(Options {
        dir,
        root,
        config,
        runs: runs.max(1),
        dump_statements,
        one_file,
        dump_diagnostics,
        rule_times,
    })
}

fn write_or_exit(path: &Path, text: &str) {
    if let Err(error) = std::fs::write(path, text) {
        eprintln!("bench_native: cannot write {}: {error}", path.display());
        std::process::exit(2);
    }
}

/// One line of statistics (statements, parsed, fallback), then one line per file with its
/// path and its diagnostics (all of their fields, fixes and suggestions included).
fn diagnostics_dump(analyzed: &[Analyzed], results: &[FileResult]) -> String {
    let statements: usize = analyzed.iter().map(|a| a.facts.statements.len()).sum();
    let parsed: usize = analyzed.iter().map(|a| a.facts.parsed_count()).sum();
    let mut lines = vec![serde_json::json!({
        "statements": statements,
        "parsed": parsed,
        "fallback": statements - parsed,
    })
    .to_string()];
    lines.extend(
        results
            .iter()
            .map(|result| serde_json::to_string(result).unwrap_or_default()),
    );
    lines.join("\n") + "\n"
}

/// Every `*.sql` file under `dir`, sorted, with its path relative to `root`.
fn read_files(dir: &Path, root: &Path) -> Vec<InputFile> {
    let mut paths = Vec::new();
    collect(dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let relative = path.strip_prefix(root).unwrap_or(&path);
            Some(InputFile {
                path: relative.to_string_lossy().replace('\\', "/"),
                text,
            })
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}

struct KindTimes {
    /// `[{ kind, count, totalMs, meanUs }]`, slowest total first.
    table: serde_json::Value,
    /// One `(kind, text)` per statement timed.
    samples: Vec<(String, String)>,
}

/// Lints each statement of the distinct files on its own and sums the time by kind.
fn statement_kinds(files: &[InputFile], config: &serde_json::Value) -> KindTimes {
    let mut seen = std::collections::HashSet::new();
    let mut samples = Vec::new();
    for file in files {
        if !seen.insert(file.text.as_str()) {
            continue;
        }
        let tokens = tokenize(&file.text, 0);
        for raw in split_statements(&tokens, &file.text) {
            let text = raw.span.text(&file.text);
            samples.push((statement_kind(text), format!("{text};\n")));
        }
    }
    let mut by_kind: std::collections::BTreeMap<String, (usize, Duration)> = Default::default();
    for (kind, text) in &samples {
        let mut request = LintRequest::new(vec![InputFile {
            path: "supabase/migrations/20240101000000_statement.sql".into(),
            text: text.clone(),
        }]);
        request.config = config.clone();
        request.now = Some("2026-01-01T00:00:00Z".into());
        let started = Instant::now();
        std::hint::black_box(supalint::lint(&request));
        let entry = by_kind.entry(kind.clone()).or_default();
        entry.0 += 1;
        entry.1 += started.elapsed();
    }
    let mut rows: Vec<_> = by_kind.into_iter().collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1 .1));
    let table = rows
        .into_iter()
        .map(|(kind, (count, total))| {
            serde_json::json!({
                "kind": kind,
                "count": count,
                "totalMs": ms(total),
                "meanUs": total.as_secs_f64() * 1e6 / count as f64,
            })
        })
        .collect();
    KindTimes { table, samples }
}

/// `CREATE TABLE`, `ALTER TABLE`, `INSERT`, … from the leading keywords; the same rule as
/// nothing in JS: `bench/engine-in-node.js` times the statements this binary dumps.
fn statement_kind(text: &str) -> String {
    const MODIFIERS: &[&str] = &[
        "or",
        "replace",
        "unique",
        "temp",
        "temporary",
        "unlogged",
        "global",
        "local",
        "constraint",
        "recursive",
        "trusted",
        "procedural",
        "default",
        "if",
        "exists",
        "not",
    ];
    let words: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let Some(first) = words.first() else {
        return "(empty)".into();
    };
    let mut kind = first.to_ascii_uppercase();
    if matches!(first.as_str(), "create" | "alter" | "drop" | "comment") {
        let mut rest = words[1..]
            .iter()
            .filter(|w| !MODIFIERS.contains(&w.as_str()));
        match rest.next().map(String::as_str) {
            Some("materialized") => kind.push_str(" MATERIALIZED VIEW"),
            Some("on") if first == "comment" => {
                kind.push_str(" ON ");
                kind.push_str(
                    &rest
                        .next()
                        .cloned()
                        .unwrap_or_default()
                        .to_ascii_uppercase(),
                );
            }
            Some(object) => {
                kind.push(' ');
                kind.push_str(&object.to_ascii_uppercase());
            }
            None => {}
        }
    }
    kind
}

/// The median time of linting one file alone (the "1,000-line migration" figure).
fn time_one_file(path: &Path, config: &serde_json::Value, runs: usize) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut request = LintRequest::new(vec![InputFile {
        path: "supabase/migrations/20240101000000_one_file.sql".into(),
        text: text.clone(),
    }]);
    request.config = config.clone();
    request.now = Some("2026-01-01T00:00:00Z".into());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(supalint::lint(&request));
            started.elapsed()
        })
        .collect();
    serde_json::json!({
        "lines": text.lines().count(),
        "bytes": text.len(),
        "medianMs": ms(median(&mut times)),
    })
}

/// The CPU time each rule adds to a run with every rule off (the history, the access model's
/// parts a rule asks for and the report are in the rule's figure), the least of `runs` runs,
/// slowest rule first; with the run without rules as `baseMs`.
fn time_each_rule(request: &LintRequest, runs: usize) -> serde_json::Value {
    let (config, _) = read_config(&request.config);
    let analyzed: Vec<_> = request.files.iter().map(analyze).collect();
    let time_with = |rule: Option<&'static str>| {
        let mut only = config.clone();
        only.severities = supalint::config::preset("none", &Registry);
        if let Some(id) = rule {
            only.severities.insert(id, Severity::Warn);
        }
        (0..runs.max(1))
            .map(|_| {
                let started = cpu_time();
                std::hint::black_box(lint_analyzed(request, &only, &analyzed));
                cpu_time() - started
            })
            .min()
            .unwrap_or_default()
    };
    let base = time_with(None);
    let mut rows: Vec<(&str, Duration)> = supalint::rules::all()
        .iter()
        .map(|rule| {
            let id = rule.meta().id;
            (id, time_with(Some(id)).saturating_sub(base))
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    let rules: Vec<_> = rows
        .into_iter()
        .map(|(rule, time)| serde_json::json!({ "rule": rule, "cpuMs": ms(time) }))
        .collect();
    serde_json::json!({ "baseMs": ms(base), "rules": rules })
}

/// The CPU time this thread has used (Linux's scheduler statistics, in nanoseconds); the wall
/// time since the first call where they cannot be read. The machine `pnpm bench` runs on is
/// shared, so wall time would charge a rule for other processes.
fn cpu_time() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
