//! Validating from our tokens must agree with validating the text, on every corpus statement.

use std::path::{Path, PathBuf};

use super::FileFacts;
use crate::parse::validation::is_valid_sql_text;
use crate::parse::validation::tokens::tests::{converted, reference};
use crate::source::{tokenize, SourceFile};

fn sql_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sql_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}

/// Every statement the engine validates, DO-block statements included: the engine's verdict
/// (from our tokens where they convert) equals sqlparser's verdict on the text, and every
/// converted token stream equals sqlparser's own tokens.
#[test]
fn corpus_statements_validate_alike_from_tokens_and_from_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    sql_files(&root, &mut files);
    if files.is_empty() {
        eprintln!("skipped: no corpus at {}", root.display());
        return;
    }
    files.sort();
    let (mut statements, mut from_tokens, mut parsed) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let file = SourceFile::new(path.display().to_string(), text);
        for statement in FileFacts::new(&file).statements {
            statements += 1;
            let statement_text = statement.span.text(&file.text);
            let nested_tokens;
            let lexed = if statement.in_do_block {
                nested_tokens = tokenize(statement_text, statement.span.start);
                &nested_tokens[..]
            } else {
                &file.tokens[..]
            };
            if let Some(ours) = converted(&file.text, statement.span, lexed) {
                from_tokens += 1;
                assert_eq!(
                    Some(ours),
                    reference(statement_text),
                    "{}: {statement_text}",
                    path.display()
                );
            }
            parsed += usize::from(statement.parsed);
            if statement.parsed != is_valid_sql_text(statement_text) {
                mismatches.push(format!("{}: {statement_text}", path.display()));
            }
        }
    }
    eprintln!(
        "{} files, {statements} statements, {from_tokens} validated from our tokens, \
         {parsed} parsed, {} mismatches",
        files.len(),
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
