//! Shared by the access rules: exposed schemas, history positions, inserting a statement
//! after another one.

use crate::config::Config;
use crate::diagnostic::Edit;
use crate::facts::{ObjectKind, ObjectName, Statement, StatementKind};
use crate::history::{Point, TableRecord};
use crate::rules::RuleContext;
use crate::source::Span;

/// Whether the Data API serves `schema` (`exposedSchemas`).
pub fn is_exposed(config: &Config, schema: &str) -> bool {
    config.is_exposed(schema)
}

/// Whether the platform owns `schema` (Supabase's own schemas, extensions' schemas and
/// Postgres' catalogs): Supabase's database linter skips these, and the tables in them are
/// not the project's to change.
pub fn is_platform_schema(schema: &str) -> bool {
    const PLATFORM: &[&str] = &[
        "auth",
        "cron",
        "extensions",
        "graphql",
        "graphql_public",
        "information_schema",
        "net",
        "pg_catalog",
        "pg_temp",
        "pgbouncer",
        "pgmq",
        "pgroonga",
        "pgsodium",
        "pgsodium_masks",
        "pgtle",
        "realtime",
        "repack",
        "storage",
        "supabase_functions",
        "supabase_migrations",
        "tiger",
        "topology",
        "vault",
    ];
    PLATFORM.contains(&schema) || schema.starts_with("_timescaledb_")
}

/// Roles row-level security never applies to on Supabase (`BYPASSRLS`), so policies
/// written for them change nothing.
pub fn bypasses_rls(role: &str) -> bool {
    matches!(role, "service_role" | "postgres" | "supabase_admin")
        || role.starts_with("pg_")
        || (role.starts_with("supabase_") && role.ends_with("admin"))
}

/// Where a statement of the current file sits in the history.
pub fn point_of(ctx: &RuleContext, statement: &Statement) -> Point {
    Point {
        file: ctx.file_index,
        statement: statement.index,
    }
}

/// The tables this file creates (not `TEMPORARY` ones) that still exist at the end of the
/// history in a schema the Data API serves: each with its `CREATE TABLE`, the name as written
/// there and the table's record.
pub fn exposed_tables_created<'c, 'a>(
    ctx: &'c RuleContext<'a>,
) -> impl Iterator<Item = (&'a Statement, &'a ObjectName, &'a TableRecord<'a>)> + 'c {
    let db = &ctx.history.database;
    ctx.statements().iter().filter_map(move |statement| {
        let StatementKind::Create(create) = &statement.kind else {
            return None;
        };
        if create.object != ObjectKind::Table || create.is_temporary {
            return None;
        }
        let name = create.name.as_ref()?;
        let table = db.table_created_at(point_of(ctx, statement))?;
        if table.dropped.is_some() || !is_exposed(ctx.config, &table.current_name().schema) {
            return None;
        }
        Some((statement, name, table))
    })
}

/// An edit that adds `new_statement` (with its `;`) on its own line after `statement`: after
/// the line holding the statement's `;` (and any trailing `--` comment), adding the `;` the
/// statement lacks when it has none. `None` inside a `DO` block.
pub fn append_statement(
    ctx: &RuleContext,
    statement: &Statement,
    new_statement: &str,
) -> Option<Edit> {
    if statement.in_do_block {
        return None;
    }
    let file = ctx.file;
    let raw = file.statement_at(statement.span)?;
    let (end, semicolon) = match raw.terminator {
        Some(terminator) => (terminator.end, ""),
        None => (statement.span.end, ";"),
    };
    // Stay on the line the statement ends on when only blanks and a line comment follow. The
    // line index gives where that line ends, so a file of one long line is not scanned per fix.
    let line = file.line_index.line_of(end);
    let line_end = if line + 1 < file.line_index.line_count() {
        let next = file.line_index.line_start(line + 1);
        let text = &file.text[..next];
        next - text.strip_suffix("\r\n").map_or(1, |_| 2)
    } else {
        file.text.len()
    };
    let line_rest = &file.text[end..line_end.max(end)];
    let keeps_line = line_rest.trim().is_empty() || line_rest.trim_start().starts_with("--");
    let (replace_end, kept) = if keeps_line {
        (end + line_rest.len(), line_rest)
    } else {
        (end, "")
    };
    let nl = file.line_break;
    Some(Edit::replace(
        Span::new(end, replace_end),
        format!("{semicolon}{kept}{nl}{nl}{new_statement}"),
    ))
}

/// The source text of the statement's first keyword, for matching keyword case in fixes.
pub fn first_keyword<'a>(ctx: &RuleContext<'a>, statement: &Statement) -> &'a str {
    statement
        .tokens
        .first()
        .map(|t| t.text(ctx.text()))
        .unwrap_or("")
}

/// `a`, `a and b`, `a, b and c`, each in backticks.
pub fn quoted_list(items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{}`", i.as_ref())).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The statement of the current file at `point`, when it is in this file.
pub fn statement_at<'a>(ctx: &RuleContext<'a>, point: Point) -> Option<&'a Statement> {
    if point.file != ctx.file_index {
        return None;
    }
    ctx.statements().iter().find(|s| s.index == point.statement)
}
