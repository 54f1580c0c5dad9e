//! Tables created earlier in the file being linted.
//!
//! The Supabase CLI runs each migration file in one transaction, so a table created earlier in
//! the same file is empty and invisible to every other session until the file commits: locks,
//! scans and rewrites on it cost nothing. Rules about locking existing tables skip it.

use crate::facts::{ObjectKind, ObjectName, StatementKind};
use crate::rules::RuleContext;

/// Whether `table` is created by a statement of this file before statement `before`.
pub fn is_created_earlier_in_file(ctx: &RuleContext, table: &ObjectName, before: usize) -> bool {
    ctx.statements()
        .iter()
        .take_while(|s| s.index < before)
        .any(|s| match &s.kind {
            StatementKind::Create(create) => {
                matches!(
                    create.object,
                    ObjectKind::Table | ObjectKind::MaterializedView
                ) && create
                    .name
                    .as_ref()
                    .is_some_and(|name| name.same_object(table))
            }
            _ => false,
        })
}

/// Whether an index named `index` is created by a statement of this file before `before`.
pub fn is_index_created_earlier_in_file(
    ctx: &RuleContext,
    index: &ObjectName,
    before: usize,
) -> bool {
    ctx.statements()
        .iter()
        .take_while(|s| s.index < before)
        .any(|s| match &s.kind {
            StatementKind::Create(create) => {
                create.object == ObjectKind::Index
                    && create
                        .name
                        .as_ref()
                        .is_some_and(|name| name.name == index.name)
            }
            _ => false,
        })
}
