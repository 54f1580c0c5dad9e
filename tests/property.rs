//! Bounded property test: the engine never panics and every position it reports is sane, for
//! random bytes, token soup, and truncated or spliced real statements (SPEC §2: no input may
//! crash the engine). Deterministic: a fixed-seed PRNG, inputs from the repository's rule
//! fixtures and, when it is there, `../shared/corpus`. The unbounded search is `scripts/fuzz`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use supalint::diagnostic::Diagnostic;
use supalint::fixer::fix;
use supalint::lint::MAX_FILE_BYTES;
use supalint::{lint, InputFile, LintRequest};

/// SplitMix64: small, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PATH: &str = "supabase/migrations/20240102000000_case.sql";

/// A history file before the case, so cross-file rules run too.
const HISTORY: &str =
    "create table if not exists public.notes (id bigint primary key, body text);\n\
alter table public.notes enable row level security;\n\
create or replace function public.f() returns int language sql stable as $$ select 1 $$;\n";

/// Pieces of SQL, whole and broken: quotes, dollar quotes, comments, nesting, psql lines,
/// multi-byte characters.
const SOUP: &[&str] = &[
    "create",
    "table",
    "if",
    "not",
    "exists",
    "public.notes",
    "(",
    ")",
    ",",
    ";",
    "\n",
    " ",
    "alter",
    "drop",
    "policy",
    "on",
    "using",
    "with",
    "check",
    "function",
    "returns",
    "trigger",
    "language",
    "plpgsql",
    "sql",
    "as",
    "$$",
    "$tag$",
    "$",
    "'",
    "''",
    "E'\\'",
    "\"",
    "\"\"",
    "--",
    "/*",
    "*/",
    "begin",
    "atomic",
    "end",
    "case",
    "when",
    "then",
    "do",
    "declare",
    "exception",
    "duplicate_object",
    "grant",
    "revoke",
    "all",
    "to",
    "anon",
    "authenticated",
    "select",
    "auth.uid()",
    "(select auth.uid())",
    "insert",
    "into",
    "storage.buckets",
    "values",
    "true",
    "false",
    "null",
    "::",
    "=",
    "<>",
    "->>",
    "@>",
    "\\set x 1\n",
    "é",
    "😀",
    "漢字",
    "\u{FEFF}",
    "\r\n",
    "\t",
    "0",
    "1e9",
    "index",
    "concurrently",
    "unique",
    "security",
    "definer",
    "set",
    "search_path",
    "=''",
    "row",
    "level",
    "enable",
    "view",
    "security_invoker",
    "type",
    "enum",
    "add",
    "value",
    "column",
    "constraint",
    "foreign",
    "key",
    "references",
    "not valid",
    "default",
    "now()",
    "serial",
    "primary",
    "varchar(10)",
    "timestamp",
    "int",
    "smallint",
    "char(2)",
    "truncate",
    "cascade",
    "rename",
    "domain",
    "-- supalint-disable-next-line",
    "-- supalint-disable",
    "-- supalint-enable",
    "-- supalint-disable-file require-if-not-exists",
    "/* supalint-disable */",
];

/// Every position of a diagnostic lies in the file, on character boundaries, in order.
fn check_positions(text: &str, diagnostic: &Diagnostic) -> Result<(), String> {
    let utf16_len = text.encode_utf16().count();
    let [start, end] = diagnostic.byte_range;
    let [start16, end16] = diagnostic.range;
    let problem = if start > end || end > text.len() {
        Some("byte range outside the file")
    } else if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        Some("byte range not on character boundaries")
    } else if start16 > end16 || end16 > utf16_len {
        Some("UTF-16 range outside the file")
    } else if diagnostic.line < 1 || diagnostic.column < 1 || diagnostic.end_line < 1 {
        Some("line or column below 1")
    } else if (diagnostic.end_line, diagnostic.end_column) < (diagnostic.line, diagnostic.column) {
        Some("end before start")
    } else if diagnostic.end_line > line_count(text) {
        Some("line past the end of the file")
    } else if diagnostic
        .fix
        .as_ref()
        .is_some_and(|fix| fix.range[0] > fix.range[1] || fix.range[1] > utf16_len)
    {
        Some("fix range outside the file")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(format!("{problem}: {diagnostic:?}")),
        None => Ok(()),
    }
}

/// Lines as ESLint counts them: `\n`, `\r\n` and a lone `\r` end one.
fn line_count(text: &str) -> usize {
    1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count()
}

fn request(text: &str) -> LintRequest {
    let mut request = LintRequest::new(vec![
        InputFile {
            path: "supabase/migrations/20240101000000_history.sql".into(),
            text: HISTORY.into(),
        },
        InputFile {
            path: PATH.into(),
            text: text.into(),
        },
    ]);
    request.now = Some("2026-01-01T00:00:00Z".into());
    request.config = serde_json::json!({ "extends": "all" });
    request
}

/// Lints `text` (and fixes it when `with_fix`); panics with the input on any failure.
fn check(text: &str, with_fix: bool) {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
        let response = lint(&request(text));
        for diagnostic in &response.results[1].diagnostics {
            check_positions(text, diagnostic)?;
        }
        if with_fix {
            let fixed = fix(&request(text));
            let output = &fixed.results[1].output;
            for diagnostic in &fixed.results[1].remaining {
                check_positions(output, diagnostic)?;
            }
            lint(&request(output));
        }
        Ok(())
    }));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(problem)) => panic!("{problem}\ninput: {text:?}"),
        Err(_) => panic!("the engine panicked\ninput: {text:?}"),
    }
}

/// Statements to cut up: the rule fixtures, plus the shared corpus when it is there.
fn statements() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect_sql(&root.join("tests/rules"), &mut files);
    let mut corpus = Vec::new();
    collect_sql(&root.join("../shared/corpus"), &mut corpus);
    files.extend(corpus.into_iter().step_by(7));
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|text| {
            text.split_inclusive(';')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn collect_sql(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_sql(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}

/// `text` cut at a character boundary at or before `at`.
fn cut(text: &str, at: usize) -> &str {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    &text[..at]
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(1);
    for _ in 0..300 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&String::from_utf8_lossy(&bytes), false);
    }
}

#[test]
fn token_soup_never_panics() {
    let mut rng = Rng(2);
    for case in 0..400 {
        let len = rng.below(80);
        let text: String = (0..len).map(|_| *rng.pick(SOUP)).collect();
        check(&text, case % 8 == 0);
    }
}

#[test]
fn truncated_and_spliced_statements_never_panic() {
    let statements = statements();
    assert!(statements.len() > 100, "too few statements to cut up");
    let mut rng = Rng(3);
    for case in 0..400 {
        let first = rng.pick(&statements[..]);
        let text = match case % 3 {
            // A statement cut anywhere.
            0 => cut(first, rng.below(first.len() + 1)).to_string(),
            // The head of one statement, the tail of another.
            1 => {
                let second = rng.pick(&statements[..]);
                let head = cut(first, rng.below(first.len() + 1));
                let tail_start = cut(second, rng.below(second.len() + 1)).len();
                format!("{head}{}", &second[tail_start..])
            }
            // A few whole statements, the last one cut.
            _ => {
                let mut text = String::new();
                for _ in 0..rng.below(4) {
                    let whole: &String = rng.pick(&statements[..]);
                    text.push_str(whole);
                }
                let last = rng.pick(&statements[..]);
                text.push_str(cut(last, rng.below(last.len() + 1)));
                text
            }
        };
        check(&text, case % 10 == 0);
    }
}

/// Fixed once, then again: the second fix must change nothing (issue 20: fixes that wrapped
/// their own output again on every run).
fn check_fix_settles(text: &str) {
    let once = fix(&request(text));
    let output = once.results[1].output.clone();
    let twice = fix(&request(&output));
    assert_eq!(
        twice.results[1].output, output,
        "a second --fix changed the output of the first\ninput: {text:?}"
    );
}

#[test]
fn fixes_settle_on_token_soup_and_spliced_statements() {
    let statements = statements();
    let mut rng = Rng(4);
    for case in 0..600 {
        let text = if case % 2 == 0 {
            let len = rng.below(60);
            (0..len).map(|_| *rng.pick(SOUP)).collect::<String>()
        } else {
            let mut text = String::new();
            for _ in 0..1 + rng.below(3) {
                let whole: &String = rng.pick(&statements[..]);
                text.push_str(whole);
            }
            let last = rng.pick(&statements[..]);
            text.push_str(cut(last, rng.below(last.len() + 1)));
            // Wrapped in `DO` blocks or brackets, the shapes that did not settle.
            match rng.below(4) {
                0 => format!("do $$ begin {text} end $$;"),
                1 => format!("select ({text});"),
                2 => text.replace('\n', "\r"),
                _ => text,
            }
        };
        check_fix_settles(&text);
    }
}

#[test]
fn deep_nesting_and_huge_statements_are_bounded() {
    let shapes = [
        format!("select {}1{};", "(".repeat(50_000), ")".repeat(50_000)),
        format!("select {}1;", "(".repeat(50_000)),
        format!("select {}true;", "not ".repeat(20_000)),
        format!("select {}1;", "-".repeat(20_000)),
        format!(
            "create policy p on public.notes for select to authenticated using ({}true{});",
            "(".repeat(20_000),
            ")".repeat(20_000)
        ),
        format!(
            "create policy p on public.notes for select to authenticated using ({});",
            "a = 1 and ".repeat(20_000) + "true"
        ),
        format!(
            "create view public.v with (security_invoker = true) as select {}1{};",
            "(select ".repeat(5_000),
            ")".repeat(5_000)
        ),
        format!(
            "do $$ begin {} end $$;",
            "if true then ".repeat(5_000) + &"end if; ".repeat(5_000)
        ),
        format!("select {}1{};", "array[".repeat(20_000), "]".repeat(20_000)),
        format!("select {}1;", "case when x then ".repeat(5_000)),
        format!("{};", "/*".repeat(20_000)),
        format!(
            "insert into storage.buckets (id) values {};",
            "('b'),".repeat(5_000) + "('c')"
        ),
        "create table public.t (id int);\n".repeat(1_000),
    ];
    for text in &shapes {
        check(text, false);
    }
}

/// Brackets nested past what the expression reader follows get one `parse-error` per
/// statement, at the first bracket too deep; the statement's other findings stay.
#[test]
fn too_deep_nesting_is_reported_once_per_statement() {
    let depth = supalint::facts::expr::MAX_DEPTH + 10;
    let text = format!(
        "create table public.t (id int);\nselect {}1{};\nselect ((1));\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let response = lint(&request(&text));
    let deep: Vec<_> = response.results[1]
        .diagnostics
        .iter()
        .filter(|d| d.message_id == "tooDeep")
        .collect();
    assert_eq!(deep.len(), 1, "{deep:?}");
    assert_eq!(deep[0].line, 2);
    assert_eq!(deep[0].column, 8 + supalint::facts::expr::MAX_DEPTH);
    assert!(response.results[1]
        .diagnostics
        .iter()
        .any(|d| d.rule_id == "require-if-not-exists"));
}

/// Past the size limit a file gets one `parse-error` saying so, and the other files are linted.
#[test]
fn a_file_past_the_size_limit_gets_one_diagnostic_and_the_others_are_linted() {
    let text = format!("-- {}\n", "x".repeat(MAX_FILE_BYTES));
    let mut request = request(&text);
    request.files.push(InputFile {
        path: "supabase/migrations/20240103000000_other.sql".into(),
        text: "create table public.other (id bigint primary key);\n".into(),
    });
    let response = lint(&request);
    let diagnostics = &response.results[1].diagnostics;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].rule_id, "parse-error");
    assert_eq!(diagnostics[0].message_id, "tooLarge");
    assert!(diagnostics[0].message.contains("not linted"));
    check_positions(&text, &diagnostics[0]).unwrap();
    assert!(!response.results[2].diagnostics.is_empty());
}
