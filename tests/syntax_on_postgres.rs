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

/// One statement as the engine splits it: (history file index, statement index, text).
struct Piece {
    file: String,
    index: usize,
    line: usize,
    text: String,
    parsed: bool,
}

fn pieces(files: &[&(String, String)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (name, text) in files {
        let source = SourceFile::new(format!("supabase/migrations/{name}"), text.as_str());
        let facts = FileFacts::new(&source);
        for statement in &facts.statements {
            pieces.push(Piece {
                file: name.clone(),
                index: statement.index,
                line: source.line_index.line_of(statement.span.start),
                text: statement.span.text(&source.text).to_string(),
                parsed: statement.parsed,
            });
        }
    }
    pieces
}

/// The pieces PostgreSQL rejects with 42601, by position in `pieces`.
fn syntax_errors(cluster: &Cluster, database: &str, pieces: &[Piece]) -> BTreeSet<usize> {
    let db = cluster
        .create_supabase_database(database)
        .expect("a database with the stand-in");
    let mut script = String::from("\\set ON_ERROR_ROLLBACK on\n");
    for (k, piece) in pieces.iter().enumerate() {
        script.push_str(&piece.text);
        script.push_str("\n;\n");
        script.push_str(&format!("\\warn @@{k}\n"));
    }
    let output = db.run_script(&script).expect("psql runs");
    cluster.drop_database(db).expect("drop");
    let mut failed = BTreeSet::new();
    let mut pending = false;
    for line in output.lines() {
        if let Some(k) = line.strip_prefix("@@") {
            if pending {
                failed.insert(k.trim().parse::<usize>().expect("a marker"));
            }
            pending = false;
        } else if line.contains("ERROR:  42601:") {
            pending = true;
        }
    }
    failed
}

#[test]
fn syntax_error_agrees_with_postgres_on_the_corpus() {
    let Some(root) = support::corpus::root_or_skip() else {
        return;
    };
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let mut total = 0;
    let mut report = String::new();
    for (n, project) in support::corpus::projects(&root).iter().enumerate() {
        let files = project.files_in_migration_order();
        let pieces = pieces(&files);
        let failed = syntax_errors(&cluster, &format!("syntax_{n}"), &pieces);
        total += pieces.len();
        for (k, piece) in pieces.iter().enumerate() {
            let pg = failed.contains(&k);
            if pg || !piece.parsed {
                report.push_str(&format!(
                    "{}\tpg42601={pg}\tsqlparser={}\t{}/{}:{} #{}\n    {}\n",
                    if pg { "SYNTAX" } else { "valid" },
                    piece.parsed,
                    project.name,
                    piece.file,
                    piece.line,
                    piece.index,
                    piece.text.lines().next().unwrap_or("")
                ));
            }
        }
    }
    std::fs::write(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/syntax-truth.txt"),
        &report,
    )
    .unwrap();
    println!("{total} statements");
}
