//! Input no migration should contain: each gives a diagnostic or a clean result with exact
//! positions, never a panic, and the other files of the run are still reported.

use std::time::{Duration, Instant};

use supalint::diagnostic::Diagnostic;
use supalint::{lint, FileResult, InputFile, LintRequest};

/// A well-formed migration linted alongside each bad input: it must still get its finding.
const NEIGHBOUR: &str = "create table public.notes (id bigint primary key);\n";

/// Lints `text` as one file next to a normal one; returns the bad file's result.
fn lint_beside_neighbour(text: &str) -> FileResult {
    let mut request = LintRequest::new(vec![
        InputFile {
            path: "supabase/migrations/20240101000000_bad.sql".into(),
            text: text.to_string(),
        },
        InputFile {
            path: "supabase/migrations/20240102000000_neighbour.sql".into(),
            text: NEIGHBOUR.into(),
        },
    ]);
    request.now = Some("2026-01-01T00:00:00.000Z".into());
    // The rules these cases are about; the others have their own fixtures.
    request.config = serde_json::json!({
        "extends": "none",
        "rules": {
            "parse-error": "error",
            "require-if-not-exists": "error",
            "require-if-exists": "error",
            "insert-on-conflict": "error",
        }
    });
    let response = lint(&request);
    assert_eq!(response.results.len(), 2, "every file gets a result");
    let neighbour = &response.results[1];
    assert!(
        neighbour
            .diagnostics
            .iter()
            .any(|d| d.rule_id == "require-if-not-exists" && d.line == 1 && d.column == 14),
        "the neighbour file is still linted: {:?}",
        neighbour.diagnostics
    );
    let result = response.results[0].clone();
    for d in &result.diagnostics {
        assert_in_bounds(text, d);
    }
    result
}

fn assert_in_bounds(text: &str, d: &Diagnostic) {
    let [start, end] = d.byte_range;
    assert!(
        start <= end && end <= text.len(),
        "{d:?} is outside the text"
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{d:?} splits a character"
    );
    assert!(d.line >= 1 && d.column >= 1 && (d.end_line, d.end_column) >= (d.line, d.column));
}

/// `(rule, line, column)` of every diagnostic.
fn positions(result: &FileResult) -> Vec<(&str, usize, usize)> {
    result
        .diagnostics
        .iter()
        .map(|d| (d.rule_id.as_str(), d.line, d.column))
        .collect()
}

/// Runs `run`, failing only when it takes longer than `limit`: a hang guard set far above what
/// a debug build needs on a loaded two-core machine (speed itself is measured by `pnpm bench`).
fn timed<T>(limit: Duration, what: &str, run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = run();
    let elapsed = start.elapsed();
    assert!(elapsed < limit, "{what} took {elapsed:?}");
    value
}

#[test]
fn binary_input_is_one_diagnostic() {
    let result = lint_beside_neighbour("create table\0\u{1}\u{2} garbage \0");
    assert_eq!(positions(&result), vec![("parse-error", 1, 1)]);
    assert_eq!(result.diagnostics[0].message_id, "binary");
}

#[test]
fn invalid_utf8_read_lossily_keeps_exact_positions() {
    let bytes = b"-- \xff\xfe\ncreate table public.t (body text default '\xc3'); \xe2\x82 select\n\xc3 'abc";
    let text = String::from_utf8_lossy(bytes).into_owned();
    let result = lint_beside_neighbour(&text);
    // Each invalid sequence became one U+FFFD, one UTF-16 unit wide.
    assert_eq!(
        positions(&result),
        vec![("require-if-not-exists", 2, 14), ("parse-error", 3, 3)]
    );
}

#[test]
fn empty_and_blank_files_are_clean() {
    for text in ["", "\n\n", "   ", "-- only a comment", ";;;", "\u{feff}"] {
        let result = lint_beside_neighbour(text);
        assert!(
            result.diagnostics.is_empty(),
            "{text:?}: {:?}",
            result.diagnostics
        );
    }
}

#[test]
fn ten_megabyte_file_is_linted_in_time() {
    let statement = "insert into public.events (id, body) values (1, 'a row of seed data');\n";
    let mut text =
        String::from("create table if not exists public.events (id bigint, body text);\n");
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(statement);
    }
    let result = timed(Duration::from_secs(120), "a 10 MB file", || {
        lint_beside_neighbour(&text)
    });
    assert!(result.diagnostics.is_empty(), "{:?}", positions(&result));
}

#[test]
fn ten_megabyte_file_is_linted_in_time_by_every_rule() {
    // Every rule, not only the bad-input ones: a rule that scans the whole file for each
    // column it reads is quadratic, and took minutes here.
    let statement =
        "create table if not exists public.events (id bigint primary key, body text not null);\n";
    let text = statement.repeat(10 * 1024 * 1024 / statement.len() + 1);
    let mut request = LintRequest::new(vec![InputFile {
        path: "supabase/migrations/20240101000000_huge.sql".into(),
        text,
    }]);
    request.now = Some("2026-01-01T00:00:00.000Z".into());
    request.config = serde_json::json!({ "extends": "all" });
    let response = timed(Duration::from_secs(120), "a 10 MB file, every rule", || {
        lint(&request)
    });
    let result = &response.results[0];
    assert!(
        positions(result).contains(&("rls-enabled", 1, 28)),
        "{:?}",
        positions(result)
    );
}

#[test]
fn one_ten_megabyte_statement_is_linted_in_time() {
    let mut text = String::from("insert into storage.buckets (id, name) values\n");
    let mut row = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!("('bucket-{row}', 'bucket {row}'),\n"));
        row += 1;
    }
    text.push_str("('last', 'last');\n");
    let result = timed(Duration::from_secs(120), "a 10 MB statement", || {
        lint_beside_neighbour(&text)
    });
    assert_eq!(positions(&result), vec![("insert-on-conflict", 1, 1)]);
}

#[test]
fn deep_nesting_does_not_recurse() {
    let depth = 10_000;
    let text = format!(
        "select {}1{};\ncreate table public.t (id bigint);\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let result = timed(Duration::from_secs(120), "10,000 parentheses", || {
        lint_beside_neighbour(&text)
    });
    // Past the depth the expression reader follows, one finding says so (at the first
    // bracket too deep) and the statement's other findings stay.
    assert_eq!(
        positions(&result),
        vec![("parse-error", 1, 72), ("require-if-not-exists", 2, 14)]
    );
    let unbalanced = format!("create table public.t ({};\n", "(".repeat(depth));
    lint_beside_neighbour(&unbalanced);
    let comments = format!("{} x", "/*".repeat(depth));
    let result = lint_beside_neighbour(&comments);
    assert_eq!(positions(&result), vec![("parse-error", 1, 1)]);
}

#[test]
fn unterminated_tokens_point_at_their_opening() {
    let cases = [
        (
            "select 1;\nselect 'abc;\n",
            ("parse-error", 2, 8),
            "unterminatedString",
        ),
        (
            "select \"abc;\n",
            ("parse-error", 1, 8),
            "unterminatedQuotedIdent",
        ),
        (
            "select 1;\n  /* never closed\nselect 2;",
            ("parse-error", 2, 3),
            "unterminatedComment",
        ),
        (
            "create function f() returns int as $body$ select 1;\n",
            ("parse-error", 1, 36),
            "unterminatedDollarString",
        ),
        (
            "select E'abc\\';\n",
            ("parse-error", 1, 8),
            "unterminatedString",
        ),
    ];
    for (text, position, message_id) in cases {
        let result = lint_beside_neighbour(text);
        let errors: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.rule_id == "parse-error")
            .collect();
        assert_eq!(errors.len(), 1, "{text:?}: {:?}", positions(&result));
        assert_eq!(
            (errors[0].rule_id.as_str(), errors[0].line, errors[0].column),
            position,
            "{text:?}"
        );
        assert_eq!(errors[0].message_id, message_id, "{text:?}");
    }
}

#[test]
fn crlf_with_bom_keeps_lines_and_columns() {
    let text = "\u{feff}-- notes\r\ncreate table public.notes (id bigint);\r\ncreate table public.tags (id bigint);\r\n";
    let result = lint_beside_neighbour(text);
    assert_eq!(
        positions(&result),
        vec![
            ("require-if-not-exists", 2, 14),
            ("require-if-not-exists", 3, 14)
        ]
    );
    // The BOM is not part of the first keyword: a statement on line 1 is read too.
    let text = "\u{feff}create table public.notes (id bigint);\r\n";
    let result = lint_beside_neighbour(text);
    // Columns count the BOM as the one UTF-16 unit it is in the text.
    assert_eq!(positions(&result), vec![("require-if-not-exists", 1, 15)]);
    let d = &result.diagnostics[0];
    assert_eq!(&text[d.byte_range[0]..d.byte_range[1]], "public.notes");
}

#[test]
fn thousands_of_findings_are_capped_and_linear() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!(
            "drop policy if exists \"p{i}\" on public.t;\ncreate policy \"p{i}\" on public.t for select using (true);\ndrop table public.t{i};\n"
        ));
    }
    let result = timed(Duration::from_secs(120), "60,000 statements", || {
        lint_beside_neighbour(&text)
    });
    assert_eq!(
        result.diagnostics.len(),
        1001,
        "1000 findings and one saying so"
    );
    assert_eq!(
        result.diagnostics.last().map(|d| d.message_id.as_str()),
        Some("tooManyDiagnostics")
    );
    assert!(result.diagnostics[..1000]
        .iter()
        .all(|d| d.rule_id == "require-if-exists"));
}
