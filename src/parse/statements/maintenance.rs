//! `REINDEX`, `VACUUM`, `CLUSTER`.

use crate::parse::ast::*;
use crate::parse::cursor::Cursor;

use super::*;

pub(super) fn reindex(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let mut is_concurrently = false;
    if let Some(options) = c.skip_group() {
        is_concurrently = has_enabled_option(c.source, c.tokens, options, "concurrently");
    }
    let object = c
        .eat_any_word(&["index", "table", "schema", "database", "system"])
        .map(str::to_ascii_uppercase)
        .unwrap_or_default();
    is_concurrently |= c.eat_word("concurrently");
    StatementKind::Reindex(Reindex {
        object,
        name: c.name(),
        is_concurrently,
    })
}

pub(super) fn vacuum(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let mut is_full = false;
    if let Some(options) = c.skip_group() {
        is_full = has_enabled_option(c.source, c.tokens, options, "full");
    }
    // The pre-9.0 form lists its options as bare words: `VACUUM FULL FREEZE VERBOSE ANALYZE`.
    while let Some(word) = c.eat_any_word(&["full", "freeze", "verbose", "analyze", "analyse"]) {
        is_full |= word == "full";
    }
    StatementKind::Vacuum(Vacuum {
        is_full,
        tables: c.name_list(),
    })
}

pub(super) fn cluster(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    c.skip_group();
    c.eat_word("verbose");
    let first = c.name();
    // The pre-8.3 form: `CLUSTER index ON table`.
    let table = if c.eat_word("on") { c.name() } else { first };
    StatementKind::Cluster(Cluster { table })
}
