use std::collections::HashMap;

use crate::declare_rule;
use crate::facts::{ConstraintKind, CreateDetail, StatementKind};
use crate::history::{At, Database, IndexRecord, TableRecord};
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};
use crate::source::{Span, Token, TokenKind};

declare_rule! {
    /// Disallows two live indexes on a table that index the same thing the same way.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Two live indexes of a table are
    /// duplicates when they have the same access method, the same elements (columns or
    /// expressions, with their operator classes and ordering), the same uniqueness and the same
    /// `INCLUDE`, options and `WHERE` condition. The indexes behind primary keys and unique
    /// constraints count: `unique (email)` and `create unique index on t (email)` are one index
    /// twice. The later of the two is flagged, at its `CREATE INDEX` or constraint; dropping
    /// either in a later migration silences it. Splinter's check `0009_duplicate_index`
    /// reports the same, on the live database.
    ///
    /// Tables in Supabase's own schemas (`auth`, `storage`, `extensions`, …) and indexes of
    /// materialized views are not checked.
    ///
    /// ## Why is this bad?
    /// Every `INSERT`, every `UPDATE` of an indexed column and every `DELETE` maintains both
    /// copies, and both take disk and cache space, while the planner only ever uses one.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.profiles (id uuid primary key, email text not null unique);
    /// create unique index profiles_email_idx on public.profiles (email);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.profiles (id uuid primary key, email text not null unique);
    /// create index profiles_email_lower_idx on public.profiles (lower(email));
    /// ```
    ///
    /// ## References
    /// - [Supabase database linter: 0009 duplicate index](https://supabase.com/docs/guides/database/database-linter?lint=0009_duplicate_index)
    /// - [PostgreSQL: Unique Indexes](https://www.postgresql.org/docs/current/indexes-unique.html)
    pub DuplicateIndex {
        id: "duplicate-index",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["splinter:0009_duplicate_index"],
        messages: {
            duplicate: {
                message: "Index `{index}` on `{table}` duplicates `{original}`.",
                help: "Drop one of them: every write to `{table}` updates both.",
            },
        },
    }
}

/// Schemas Supabase and its extensions own, as splinter leaves them out.
const PLATFORM_SCHEMAS: &[&str] = &[
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
    "pgsodium",
    "pgsodium_masks",
    "pgtle",
    "realtime",
    "storage",
    "supabase_functions",
    "supabase_migrations",
    "vault",
];

/// An index as Postgres would print its definition, without its name and table.
#[derive(PartialEq, Eq, Hash)]
struct Shape {
    method: String,
    elements: Vec<String>,
    is_unique: bool,
    /// `INCLUDE`, `NULLS NOT DISTINCT`, `WITH`, `WHERE`, normalised.
    tail: String,
}

/// A live index of the table: a `CREATE INDEX` or the index of a key constraint.
struct TableIndex<'a> {
    name: String,
    is_primary_key: bool,
    at: At<'a>,
    span: Span,
    shape: Shape,
}

impl Rule for DuplicateIndex {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for (id, table) in db.tables.all().iter().enumerate() {
        let name = table.current_name();
        if table.dropped.is_some() || PLATFORM_SCHEMAS.contains(&name.schema.as_str()) {
            continue;
        }
        let mut indexes = table_indexes(db, id, table);
        // Of two made by one statement, the primary key is the one to keep.
        indexes.sort_by_key(|index| (index.at.point, !index.is_primary_key));
        // The first index of each shape: a table's indexes are compared by lookup, not each
        // with every earlier one.
        let mut originals: HashMap<&Shape, &str> = HashMap::new();
        for index in &indexes {
            let Some(original) = originals.get(&index.shape) else {
                originals.insert(&index.shape, &index.name);
                continue;
            };
            findings.report(
                index.at.point.file,
                "duplicate",
                index.span,
                vec![
                    ("index", index.name.clone()),
                    ("table", name.to_string()),
                    ("original", original.to_string()),
                ],
            );
        }
    }
}

fn table_indexes<'a>(db: &Database<'a>, id: usize, table: &TableRecord<'a>) -> Vec<TableIndex<'a>> {
    let mut indexes: Vec<TableIndex<'a>> = table
        .keys
        .iter()
        .filter(|k| matches!(k.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique))
        .map(|key| TableIndex {
            name: key.name.clone(),
            is_primary_key: key.kind == ConstraintKind::PrimaryKey,
            at: key.at,
            span: key.span,
            shape: Shape {
                method: "btree".into(),
                elements: key.columns.clone(),
                is_unique: true,
                tail: String::new(),
            },
        })
        .collect();
    indexes.extend(db.live_indexes_of(id).filter_map(created_index));
    indexes
}

/// The shape of an index from its `CREATE INDEX`, with its columns under their current names.
fn created_index<'a>(record: &IndexRecord<'a>) -> Option<TableIndex<'a>> {
    let at = record.created;
    let StatementKind::Create(create) = &at.statement.kind else {
        return None;
    };
    let CreateDetail::Index(def) = &create.detail else {
        return None;
    };
    let tokens: &[Token] = &at.statement.tokens;
    let elements = def
        .elements
        .iter()
        .zip(&record.columns)
        .map(|(range, column)| {
            let element = tokens.get(range.clone()).unwrap_or_default();
            if column == "(expr)" {
                normalized(at.source, element)
            } else {
                // The column under its current name, then its collation, class and order.
                let options = normalized(at.source, element.get(1..).unwrap_or_default());
                // Ascending with nulls last is what an element without options means.
                let options = ["asc nulls last", "nulls last", "asc"]
                    .iter()
                    .filter(|_| !options.contains("desc"))
                    .find_map(|default| options.strip_suffix(default))
                    .unwrap_or(&options)
                    .trim_end();
                format!("{column} {options}").trim_end().to_string()
            }
        })
        .collect();
    let tail = normalized(at.source, tokens.get(def.tail.clone()).unwrap_or_default());
    Some(TableIndex {
        name: record.name.name.clone(),
        is_primary_key: false,
        at,
        span: create
            .name
            .as_ref()
            .map_or(at.statement.head_span(), |n| n.span),
        shape: Shape {
            method: def.method.clone(),
            elements,
            is_unique: def.is_unique,
            tail,
        },
    })
}

/// Tokens as text, unquoted words folded to lower case, separated by single spaces.
fn normalized(source: &str, tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Word => t.text(source).to_lowercase(),
            _ => t.text(source).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
