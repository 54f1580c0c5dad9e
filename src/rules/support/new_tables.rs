//! Tables created earlier in the file being linted.
//!
//! The Supabase CLI runs each migration file in one transaction, so a table created earlier in
//! the same file is empty and invisible to every other session until the file commits: locks,
//! scans and rewrites on it cost nothing. Rules about locking existing tables skip it.

use std::collections::HashMap;

use crate::facts::{AlterTable, ObjectKind, ObjectName, Statement, StatementKind};
use crate::rules::RuleContext;

/// The tables, materialized views and indexes the file creates, with the index of the first
/// statement that creates each: read once per file, since rules ask for each statement (a
/// scan of the earlier statements per question was quadratic in a long file).
#[derive(Default)]
pub struct CreatedInFile<'a> {
    /// By name and schema (a missing schema read as `public`).
    relations: HashMap<(&'a str, &'a str), usize>,
    /// By name alone.
    indexes: HashMap<&'a str, usize>,
}

fn created_in_file<'c, 'a>(ctx: &'c RuleContext<'a>) -> &'c CreatedInFile<'a> {
    ctx.created.get_or_init(|| {
        let mut created = CreatedInFile::default();
        for statement in ctx.statements() {
            let StatementKind::Create(create) = &statement.kind else {
                continue;
            };
            let Some(name) = &create.name else {
                continue;
            };
            let first = match create.object {
                ObjectKind::Table | ObjectKind::MaterializedView => created
                    .relations
                    .entry((name.name.as_str(), name.schema_or("public"))),
                ObjectKind::Index => {
                    created
                        .indexes
                        .entry(name.name.as_str())
                        .or_insert(statement.index);
                    continue;
                }
                _ => continue,
            };
            first.or_insert(statement.index);
        }
        created
    })
}

/// Whether `table` is created by a statement of this file before statement `before`.
pub fn is_created_earlier_in_file(ctx: &RuleContext, table: &ObjectName, before: usize) -> bool {
    let key = (table.name.as_str(), table.schema_or("public"));
    created_in_file(ctx)
        .relations
        .get(&key)
        .is_some_and(|&first| first < before)
}

/// Each `ALTER TABLE` of this file on a table that no earlier statement of the file creates:
/// a table that may already hold rows, which is what the locking and rewriting rules judge.
pub fn alters_of_existing_tables<'c, 'a>(
    ctx: &'c RuleContext<'a>,
) -> impl Iterator<Item = (&'c Statement, &'c AlterTable, &'c ObjectName)> + use<'c, 'a> {
    ctx.statements().iter().filter_map(move |statement| {
        let StatementKind::AlterTable(alter) = &statement.kind else {
            return None;
        };
        let table = alter.table.as_ref()?;
        (!is_created_earlier_in_file(ctx, table, statement.index))
            .then_some((statement, alter, table))
    })
}

/// Whether an index named `index` is created by a statement of this file before `before`.
pub fn is_index_created_earlier_in_file(
    ctx: &RuleContext,
    index: &ObjectName,
    before: usize,
) -> bool {
    created_in_file(ctx)
        .indexes
        .get(index.name.as_str())
        .is_some_and(|&first| first < before)
}
