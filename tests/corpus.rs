//! Lints the real-world corpus in `../shared/corpus` (one project per folder; the folders of
//! `supabase__supabase` are projects of their own) and checks the engine holds up: no
//! panic, a result for every file, every diagnostic inside its file on char boundaries.
//! Prints the fallback share and the findings per rule. Set `SUPALINT_CORPUS_SHOW=<rule-id>`
//! to print every finding of one rule, `SUPALINT_CORPUS_DUMP=<file>` to write each project's
//! statistics and diagnostics as JSON lines (to check that an engine change leaves them
//! byte-identical).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use supalint::lint::parse_stats;
use supalint::{lint, InputFile, LintRequest};

/// A project: its name and its migration files, as `(file name, text)`.
struct Project {
    name: String,
    files: Vec<(String, String)>,
}

/// One project's migrations as a lint request with every rule on.
fn project_request(project: &Project) -> LintRequest {
    let inputs = project
        .files
        .iter()
        .map(|(name, text)| InputFile {
            path: format!("supabase/migrations/{name}"),
            text: text.clone(),
        })
        .collect();
    let mut request = LintRequest::new(inputs);
    // An empty bucket list keeps `storage-bucket-registered` active: every bucket is
    // unregistered.
    request.config = serde_json::json!({ "extends": "all", "registeredBuckets": [] });
    request
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn sql_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sql"))
                .map(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy().into();
                    let bytes = fs::read(&p).unwrap_or_default();
                    (name, String::from_utf8_lossy(&bytes).into_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn projects(root: &Path) -> Vec<Project> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut projects = Vec::new();
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let files = sql_files(&dir);
        if !files.is_empty() {
            projects.push(Project {
                name: name.clone(),
                files,
            });
        }
        let mut subdirs: Vec<PathBuf> = fs::read_dir(&dir)
            .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        subdirs.sort();
        for sub in subdirs.into_iter().filter(|d| d.is_dir()) {
            let files = sql_files(&sub);
            if !files.is_empty() {
                projects.push(Project {
                    name: format!(
                        "{name}/{}",
                        sub.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    files,
                });
            }
        }
    }
    projects
}

#[test]
fn corpus_lints_without_engine_failures() {
    let root = corpus_root();
    if !root.is_dir() {
        eprintln!("skipped: no corpus at {}", root.display());
        return;
    }
    let show = std::env::var("SUPALINT_CORPUS_SHOW").ok();
    let mut dump = std::env::var("SUPALINT_CORPUS_DUMP")
        .ok()
        .map(|path| (path, String::new()));
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let (mut statements, mut fallback, mut file_count) = (0usize, 0usize, 0usize);
    for project in projects(&root) {
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

/// The Node CLI lints without validation and validates on a worker (`parse_stats`): together
/// they must give what one validating lint gives.
#[test]
fn lint_without_validation_plus_parse_stats_equals_lint() {
    let root = corpus_root();
    if !root.is_dir() {
        eprintln!("skipped: no corpus at {}", root.display());
        return;
    }
    for project in projects(&root) {
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
        assert_eq!(parse_stats(request), validated.stats, "{}", project.name);
    }
}
