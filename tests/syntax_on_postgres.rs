//! `syntax-error` against PostgreSQL's own parser: every statement of the corpus (and of the
//! rule fixtures) runs on a throwaway PostgreSQL 15 with the Supabase stand-in, in file
//! order after the statements before it, each rolled back on error; the statements that
//! fail with SQLSTATE 42601 (`syntax_error`) are the truth. The rule must report every one
//! it can decide and never a statement PostgreSQL parses.

mod support;

use std::collections::BTreeSet;

use supalint::facts::FileFacts;
use supalint::source::SourceFile;
use support::postgres::{cluster_or_skip, Cluster};

/// One top-level statement as the engine splits it: its file, 0-based line and text.
struct Piece {
    file: String,
    line: usize,
    text: String,
}

/// A history: its name and its files (name, text) in migration order.
type History = (String, Vec<(String, String)>);

fn pieces(files: &[&(String, String)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (name, text) in files {
        let source = SourceFile::new(format!("supabase/migrations/{name}"), text.as_str());
        let facts = FileFacts::new(&source);
        // Statements inside `DO` bodies run with their block.
        for statement in facts.statements.iter().filter(|s| !s.in_do_block) {
            pieces.push(Piece {
                file: name.clone(),
                line: source.line_index.line_of(statement.span.start),
                text: statement.span.text(&source.text).to_string(),
            });
        }
    }
    pieces
}

/// The pieces PostgreSQL rejects with 42601, by position in `pieces`. Each runs through
/// `EXECUTE` in a `DO` block whose handler rolls it back on error (a savepoint) and names its
/// SQLSTATE, so psql's own statement splitting (which an unbalanced parenthesis derails) has
/// no say, and each statement runs after the ones before it.
fn syntax_errors(cluster: &Cluster, database: &str, pieces: &[Piece]) -> BTreeSet<usize> {
    let db = cluster
        .create_supabase_database(database)
        .expect("a database with the stand-in");
    let mut script = String::new();
    for (k, piece) in pieces.iter().enumerate() {
        let tag = (0..)
            .map(|n| format!("$supalint_statement_{n}$"))
            .find(|tag| !piece.text.contains(tag.as_str()))
            .expect("a free dollar-quote tag");
        script.push_str(&format!(
            "do $supalint_probe$ begin execute {tag}{}{tag}; \
             exception when others then raise warning 'supalint-probe % %', {k}, sqlstate; \
             end $supalint_probe$;\n",
            piece.text
        ));
    }
    let output = db.run_script(&script).expect("psql runs");
    cluster.drop_database(db).expect("drop");
    output
        .lines()
        .filter_map(|line| {
            let rest = &line[line.find("supalint-probe ")? + "supalint-probe ".len()..];
            let (k, state) = rest.split_once(' ')?;
            (state.trim() == "42601").then(|| k.parse().ok()).flatten()
        })
        .collect()
}

/// The histories to check: every corpus project, then every rule fixture (one history).
fn histories() -> Option<Vec<History>> {
    let root = support::corpus::root_or_skip()?;
    let mut histories: Vec<History> = support::corpus::projects(&root)
        .iter()
        .map(|p| {
            let files = p.files_in_migration_order().into_iter().cloned().collect();
            (p.name.clone(), files)
        })
        .collect();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut files = Vec::new();
    let mut stack = vec![fixtures.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "sql") && !path.ends_with("truth.sql") {
                let name = path
                    .strip_prefix(&fixtures)
                    .unwrap()
                    .to_string_lossy()
                    .replace('/', "__");
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    histories.push(("rule fixtures".into(), files));
    Some(histories)
}

#[test]
fn syntax_error_agrees_with_postgres() {
    let Some(histories) = histories() else {
        return;
    };
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let config = serde_json::json!({"extends": "none", "rules": {"syntax-error": "error"}});
    let (mut total, mut rejected, mut found) = (0, 0, 0);
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    for (n, (name, files)) in histories.iter().enumerate() {
        let ordered: Vec<&(String, String)> = files.iter().collect();
        let pieces = pieces(&ordered);
        let failed = syntax_errors(&cluster, &format!("syntax_{n}"), &pieces);
        let inputs: Vec<(String, String)> = files
            .iter()
            .map(|(file, text)| (format!("supabase/migrations/{file}"), text.clone()))
            .collect();
        let flagged: Vec<(String, usize)> =
            support::findings_of("syntax-error", inputs, config.clone())
                .into_iter()
                .map(|(path, line, _)| {
                    (
                        path.trim_start_matches("supabase/migrations/").to_string(),
                        line - 1,
                    )
                })
                .collect();
        total += pieces.len();
        for (k, piece) in pieces.iter().enumerate() {
            let lines = piece.line..=piece.line + piece.text.matches('\n').count();
            let is_flagged = flagged
                .iter()
                .any(|(file, line)| *file == piece.file && lines.contains(line));
            let where_ = format!(
                "{name}/{}:{} {}",
                piece.file,
                piece.line + 1,
                piece.text.lines().next().unwrap_or("")
            );
            match (failed.contains(&k), is_flagged) {
                (true, true) => {
                    rejected += 1;
                    found += 1;
                }
                (true, false) => {
                    rejected += 1;
                    missed.push(where_);
                }
                (false, true) => wrong.push(where_),
                (false, false) => {}
            }
        }
    }
    println!(
        "{total} statements; PostgreSQL rejects {rejected} with 42601; syntax-error reports {found} of them and {} others",
        wrong.len()
    );
    for statement in &missed {
        println!("  not decided: {statement}");
    }
    assert!(
        wrong.is_empty(),
        "syntax-error on statements PostgreSQL parses:\n{}",
        wrong.join("\n")
    );
    assert!(found > 0, "no syntax error found: the fixtures hold some");
}
