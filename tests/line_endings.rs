//! Where a line or a `--` comment ends decides which statements exist: PostgreSQL's lexer ends
//! them at `\n`, `\r` and `\r\n` alike, and psql ends a meta-command at the `\n` (or at `\\`).
//! The same migration, written with each line-ending style, is applied by psql to a throwaway
//! cluster; the tables it created must be the tables supalint sees created.
//!
//! Needs `initdb`, `pg_ctl` and `psql`. Without them the PostgreSQL test fails when `CI` is
//! set, and is skipped, saying why, anywhere else.

#[path = "support/psql_cluster.rs"]
mod psql_cluster;
mod support;

use std::collections::BTreeSet;

use supalint::facts::{FileFacts, ObjectKind, StatementKind};
use supalint::source::SourceFile;

use psql_cluster::Cluster;
use support::{request, DEFAULT_PATH};

/// A migration exercising every construct a line break ends or does not end. `{nl}` is the line
/// break. Tables named `hidden_…` must not be created, the others must.
const MIGRATION: &str = concat!(
    "-- header comment; create table public.hidden_in_comment (id int);{nl}",
    "create table public.after_comment (id int);{nl}",
    "create table public.after_statement (id int); -- trailing; create table public.hidden_trailing (id int);{nl}",
    "/* block{nl}-- not a line comment in a block /* nested */ create table public.hidden_in_block (id int); */{nl}",
    "create table public.after_block (id int);{nl}",
    "create table public.with_default (note text default $$ -- no comment{nl}$$, e text default E'a\\{nl}b');{nl}",
    "create table public.before_comment_semicolon (id int) -- comment{nl};{nl}",
    "create domain public.atomic as int;{nl}",
    "create table public.begin_atomic_column (id int, begin atomic);{nl}",
    "create table public.after_begin_atomic_column (id int);{nl}",
    "create function public.f() returns int language sql{nl}begin atomic select 1; select 2; end;{nl}",
    "create table public.after_function (id int);{nl}",
    "\\echo meta -- no comment \\\\ create table public.after_meta_separator (id int);{nl}",
    "\\set ON_ERROR_STOP on{nl}",
    "create table public.after_meta (id int);{nl}",
);

const STYLES: [(&str, &str); 3] = [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")];

/// The tables supalint sees created, top-level statements only.
fn created_by_supalint(text: &str) -> BTreeSet<String> {
    let file = SourceFile::new(DEFAULT_PATH, text);
    FileFacts::new(&file)
        .statements
        .iter()
        .filter(|s| !s.in_do_block)
        .filter_map(|s| match &s.kind {
            StatementKind::Create(create) if create.object == ObjectKind::Table => {
                create.name.as_ref().map(|n| n.name.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn supalint_sees_the_statements_of_every_line_ending_style() {
    let lf = created_by_supalint(&MIGRATION.replace("{nl}", "\n"));
    assert!(lf.contains("after_meta") && !lf.iter().any(|t| t.starts_with("hidden_")));
    for (style, nl) in STYLES {
        let text = MIGRATION.replace("{nl}", nl);
        let mut expected = lf.clone();
        if style == "cr" {
            // psql reads the rest of the file as the `\set` line: nothing after it runs.
            expected.remove("after_meta");
        }
        assert_eq!(created_by_supalint(&text), expected, "{style}");
    }
}

/// The repro of issue 20: a GRANT behind a comment that a lone `\r` ends.
#[test]
fn a_lone_carriage_return_file_gets_the_findings_of_its_line_feed_twin() {
    let findings = |text: &str| {
        let response = supalint::lint(&request(
            vec![(DEFAULT_PATH.to_string(), text.to_string())],
            serde_json::json!({}),
        ));
        response.results[0]
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule_id.clone(),
                    d.line,
                    d.column,
                    d.end_line,
                    d.end_column,
                )
            })
            .collect::<Vec<_>>()
    };
    let text = "-- harmless header\ngrant all on all tables in schema public to anon;\ncreate table public.secret (id int);\n";
    let lf = findings(text);
    assert!(lf.iter().any(|f| f.0 == "anon-write-grant"), "{lf:?}");
    assert_eq!(findings(&text.replace('\n', "\r")), lf);
    assert_eq!(findings(&text.replace('\n', "\r\n")), lf);
}

#[test]
fn psql_runs_what_supalint_sees_for_every_line_ending_style() {
    let Some(cluster) = Cluster::start_or_skip() else {
        return;
    };
    for (style, nl) in STYLES {
        let text = MIGRATION.replace("{nl}", nl);
        let database = format!("line_endings_{style}");
        cluster
            .psql("postgres", &["-c", &format!("create database {database}")])
            .unwrap();
        let file = cluster.dir.join(format!("{style}.sql"));
        std::fs::write(&file, &text).unwrap();
        // Without ON_ERROR_STOP, as a plain `psql -f` runs a migration.
        cluster
            .psql(&database, &["-f", &file.display().to_string()])
            .unwrap_or_else(|e| panic!("{style}: psql failed: {e}"));
        let ran: BTreeSet<String> = cluster
            .psql(
                &database,
                &[
                    "-tAc",
                    "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'",
                ],
            )
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert!(!ran.is_empty(), "{style}: nothing ran");
        assert_eq!(created_by_supalint(&text), ran, "{style}");
    }
}

#[test]
fn fixes_break_lines_as_a_lone_carriage_return_file_does() {
    let text =
        "-- notes\rcreate table public.notes (id bigint primary key); -- the table\rselect 1;\r";
    let fixed = support::fix_and_check(
        vec![(DEFAULT_PATH.to_string(), text.to_string())],
        serde_json::json!({ "extends": "none", "rules": { "rls-enabled": "error" } }),
    );
    assert!(
        fixed[0].contains("enable row level security"),
        "{:?}",
        fixed[0]
    );
    assert!(!fixed[0].contains('\n'), "{:?}", fixed[0]);
}
