//! Statement reading: what a statement does, from its tokens. It works the same whether or not
//! sqlparser accepted the statement, and gives exact spans. This file dispatches on the first
//! words; each statement family has its own file.

mod alter;
mod dml;
mod do_block;
mod function;
mod grant;
mod maintenance;
mod policy;
#[cfg(test)]
mod safety_tests;
mod table;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::parse::ast::*;
use crate::parse::cursor::{split_top_level_commas, Cursor};
use crate::parse::name::identifier;
use crate::source::{Span, Token};

use alter::*;
use dml::*;
use do_block::*;
use function::*;
use grant::*;
use maintenance::*;
use policy::*;
use table::*;

/// Reads what the statement `tokens` (its significant tokens) does.
pub fn parse_statement(source: &str, tokens: &[Token]) -> StatementKind {
    let mut c = Cursor::new(source, tokens);
    let Some(first) = c.word_text() else {
        return StatementKind::Other {
            keyword: String::new(),
        };
    };
    match first.as_str() {
        "create" => create(&mut c),
        "drop" => drop(&mut c),
        "alter" => alter(&mut c),
        "insert" => insert(&mut c),
        "grant" | "revoke" => grant(&mut c, false),
        "do" => do_block(&mut c),
        "begin" | "start" => StatementKind::Transaction(TransactionKind::Begin),
        "commit" | "end" => StatementKind::Transaction(TransactionKind::Commit),
        "rollback" | "abort" => {
            if c.tokens.iter().any(|t| t.is_word(source, "to")) {
                StatementKind::Other { keyword: first }
            } else {
                StatementKind::Transaction(TransactionKind::Rollback)
            }
        }
        "savepoint" => StatementKind::Transaction(TransactionKind::Savepoint),
        "truncate" => truncate(&mut c),
        "delete" => delete(&mut c),
        "comment" => StatementKind::Comment,
        "set" => set(&mut c),
        "update" => update(&mut c),
        "reindex" => reindex(&mut c),
        "vacuum" => vacuum(&mut c),
        "cluster" => cluster(&mut c),
        _ => StatementKind::Other { keyword: first },
    }
}

fn object_kind(c: &mut Cursor) -> Option<(ObjectKind, Span)> {
    let start = c.peek()?.span();
    let kind = if c.eat_words(&["materialized", "view"]) {
        ObjectKind::MaterializedView
    } else if c.eat_words(&["foreign", "table"]) {
        ObjectKind::ForeignTable
    } else {
        let word = c.word_text()?;
        let kind = match word.as_str() {
            "table" => ObjectKind::Table,
            "view" => ObjectKind::View,
            "index" => ObjectKind::Index,
            "sequence" => ObjectKind::Sequence,
            "schema" => ObjectKind::Schema,
            "extension" => ObjectKind::Extension,
            "function" => ObjectKind::Function,
            "procedure" => ObjectKind::Procedure,
            "trigger" => ObjectKind::Trigger,
            "policy" => ObjectKind::Policy,
            "type" => ObjectKind::Type,
            "domain" => ObjectKind::Domain,
            "publication" => ObjectKind::Publication,
            "role" | "user" => ObjectKind::Role,
            "database" => ObjectKind::Database,
            _ => ObjectKind::Other,
        };
        c.pos += 1;
        kind
    };
    Some((kind, start.cover(c.previous_span())))
}

fn create(c: &mut Cursor) -> StatementKind {
    let create_span = c.advance().map(|t| t.span()).unwrap_or_default();
    let or_replace = c.eat_words(&["or", "replace"]);
    let mut is_unique = false;
    let mut is_temporary = false;
    // Modifiers that may stand between CREATE and the object keyword.
    loop {
        if c.eat_word("unique") {
            is_unique = true;
        } else if c.eat_any_word(&["temp", "temporary"]).is_some() {
            is_temporary = true;
        } else if c
            .eat_any_word(&[
                "unlogged",
                "global",
                "local",
                "recursive",
                "trusted",
                "procedural",
                "constraint",
                "default",
            ])
            .is_none()
        {
            break;
        }
    }
    let Some((object, mut object_span)) = object_kind(c) else {
        return StatementKind::Other {
            keyword: "create".into(),
        };
    };
    let mut is_concurrently = false;
    if object == ObjectKind::Index && c.eat_word("concurrently") {
        is_concurrently = true;
        object_span = object_span.cover(c.previous_span());
    }
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let name = match object {
        // `CREATE INDEX ON t (…)` has no name.
        ObjectKind::Index if c.is_word("on") => None,
        // `CREATE SCHEMA AUTHORIZATION role` names the schema after the role.
        ObjectKind::Schema if c.is_word("authorization") => {
            c.pos += 1;
            c.name()
        }
        _ => c.name(),
    };
    let detail = match object {
        ObjectKind::Table | ObjectKind::ForeignTable => CreateDetail::Table(table_def(c)),
        ObjectKind::Index => CreateDetail::Index(index_def(c, is_unique, is_concurrently)),
        ObjectKind::View | ObjectKind::MaterializedView => CreateDetail::View(view_def(c)),
        ObjectKind::Function | ObjectKind::Procedure => {
            CreateDetail::Function(Box::new(function_def(c)))
        }
        ObjectKind::Trigger => CreateDetail::Trigger(Box::new(trigger_def(c))),
        ObjectKind::Policy => CreateDetail::Policy(Box::new(policy_def(c))),
        ObjectKind::Domain => CreateDetail::Domain(DomainDef {
            has_constraint: c
                .tokens
                .iter()
                .any(|t| t.is_word(c.source, "check") || t.is_word(c.source, "constraint")),
        }),
        _ => CreateDetail::None,
    };
    StatementKind::Create(Create {
        object,
        name,
        or_replace,
        if_not_exists,
        is_temporary,
        create_span,
        object_span,
        detail,
    })
}

/// The boolean value an option list (`a = true, b`) gives `option`, when it names it.
pub(super) fn option_value(source: &str, tokens: &[Token], option: &str) -> Option<bool> {
    tokens
        .iter()
        .any(|t| identifier(t, source).as_deref() == Some(option))
        .then(|| has_true_option(source, tokens, option))
}

/// Whether an option list (`a = true, b`) sets `option` on.
pub(super) fn has_true_option(source: &str, tokens: &[Token], option: &str) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        // Option names may be quoted: `WITH ("security_invoker"='on')`.
        if identifier(t, source).as_deref() != Some(option) {
            return false;
        }
        match (tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(eq), Some(value)) if eq.is_operator(source, "=") => {
                let value = value.text(source).trim_matches('\'').to_ascii_lowercase();
                matches!(value.as_str(), "true" | "on" | "1" | "yes")
            }
            (None, _) => true,
            (Some(next), _) => next.is_punct(source, ","),
        }
    })
}

/// Whether an option list has `option` switched on: `option`, `option true|on|1`.
pub(super) fn has_enabled_option(
    source: &str,
    tokens: &[Token],
    range: Range<usize>,
    option: &str,
) -> bool {
    split_top_level_commas(source, tokens, range)
        .into_iter()
        .any(|item| match &tokens[item.clone()] {
            [name] => name.is_word(source, option),
            [name, value, ..] => {
                name.is_word(source, option)
                    && !["false", "off", "0"].iter().any(|off| {
                        value
                            .text(source)
                            .trim_matches('\'')
                            .eq_ignore_ascii_case(off)
                    })
            }
            [] => false,
        })
}
