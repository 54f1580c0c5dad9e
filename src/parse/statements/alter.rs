//! `DROP …`, and `ALTER TABLE` / `TYPE` / `VIEW` / `DOMAIN` with their actions.

use std::ops::Range;

use crate::parse::ast::*;
use crate::parse::cursor::{split_top_level_commas, Cursor};
use crate::parse::name::{normalize_type, string_literal};
use crate::source::{Span, Token};

use super::*;

pub(super) fn drop(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    let Some((object, mut object_span)) = object_kind(c) else {
        return StatementKind::Other {
            keyword: "drop".into(),
        };
    };
    let is_concurrently = c.eat_word("concurrently");
    if is_concurrently {
        object_span = object_span.cover(c.previous_span());
    }
    let if_exists = c.eat_words(&["if", "exists"]);
    let names = c.name_list();
    let on_table = if c.eat_word("on") { c.name() } else { None };
    let is_cascade = c.tokens.iter().any(|t| t.is_word(c.source, "cascade"));
    StatementKind::Drop(Drop {
        object,
        names,
        on_table,
        if_exists,
        is_concurrently,
        is_cascade,
        object_span,
    })
}

pub(super) fn alter(c: &mut Cursor) -> StatementKind {
    c.pos += 1;
    if c.eat_words(&["default", "privileges"]) {
        return grant(c, true);
    }
    let Some((object, _)) = object_kind(c) else {
        return StatementKind::Other {
            keyword: "alter".into(),
        };
    };
    match object {
        ObjectKind::Table => alter_table(c),
        ObjectKind::Type => alter_type(c),
        ObjectKind::Function | ObjectKind::Procedure => alter_function(c),
        ObjectKind::Domain => alter_domain(c),
        ObjectKind::Policy => alter_policy(c),
        ObjectKind::View => alter_view(c),
        _ => {
            c.eat_words(&["if", "exists"]);
            StatementKind::AlterOther {
                object,
                name: c.name(),
            }
        }
    }
}

pub(super) fn alter_table(c: &mut Cursor) -> StatementKind {
    let if_exists = c.eat_words(&["if", "exists"]);
    c.eat_word("only");
    let table = c.name();
    c.eat_operator("*");
    let start = c.pos;
    let actions = split_top_level_commas(c.source, c.tokens, start..c.tokens.len())
        .into_iter()
        .filter(|item| !item.is_empty())
        .map(|item| alter_table_action(c.source, c.tokens, item))
        .collect();
    StatementKind::AlterTable(AlterTable {
        table,
        if_exists,
        actions,
    })
}

pub(super) fn alter_table_action(
    source: &str,
    tokens: &[Token],
    item: Range<usize>,
) -> AlterTableAction {
    let span = tokens[item.start].span().cover(tokens[item.end - 1].span());
    let mut c = Cursor::new(source, &tokens[..item.end]);
    c.pos = item.start;
    let kind = alter_table_action_kind(&mut c, item.clone());
    AlterTableAction {
        kind,
        tokens: item,
        span,
    }
}

pub(super) fn alter_table_action_kind(c: &mut Cursor, item: Range<usize>) -> AlterTableActionKind {
    let source = c.source;
    let other = |c: &Cursor| AlterTableActionKind::Other {
        keyword: c.tokens[item.start].text(source).to_ascii_lowercase(),
    };
    if c.eat_word("add") {
        if TABLE_CONSTRAINT_WORDS.iter().any(|w| c.is_word(w)) {
            return AlterTableActionKind::AddConstraint(constraint_def(
                source,
                c.tokens,
                c.pos..item.end,
            ));
        }
        c.eat_word("column");
        let insert_at = c.previous_span().end;
        let if_not_exists = c.eat_words(&["if", "not", "exists"]);
        return match column_def(source, c.tokens, c.pos..item.end) {
            Some(column) => AlterTableActionKind::AddColumn {
                column,
                if_not_exists,
                insert_at,
            },
            None => other(c),
        };
    }
    if c.eat_word("drop") {
        if c.eat_word("constraint") {
            let insert_at = c.previous_span().end;
            let if_exists = c.eat_words(&["if", "exists"]);
            return match c.identifier() {
                Some((name, name_span)) => AlterTableActionKind::DropConstraint {
                    name,
                    name_span,
                    if_exists,
                    insert_at,
                },
                None => other(c),
            };
        }
        let explicit_column = c.eat_word("column");
        let insert_at = c.previous_span().end;
        let if_exists = c.eat_words(&["if", "exists"]);
        let reserved = ["default", "not", "identity", "expression"];
        if !explicit_column && reserved.iter().any(|w| c.is_word(w)) {
            return other(c);
        }
        return match c.identifier() {
            Some((name, name_span)) => AlterTableActionKind::DropColumn {
                name,
                name_span,
                if_exists,
                insert_at,
            },
            None => other(c),
        };
    }
    if c.eat_word("alter") {
        c.eat_word("column");
        let Some((column, _)) = c.identifier() else {
            return other(c);
        };
        if c.eat_word("type") || c.eat_words(&["set", "data", "type"]) {
            let start = c.pos;
            while !c.at_end() && !c.is_word("using") && !c.is_word("collate") {
                if c.skip_group().is_none() {
                    c.pos += 1;
                }
            }
            let type_span = if c.pos > start {
                c.tokens[start].span().cover(c.tokens[c.pos - 1].span())
            } else {
                Span::empty_at(c.previous_span().end)
            };
            return AlterTableActionKind::AlterColumnType {
                column,
                data_type: normalize_type(type_span.text(source)),
                type_span,
            };
        }
        if c.eat_words(&["set", "not", "null"]) {
            return AlterTableActionKind::SetNotNull { column };
        }
        if c.eat_words(&["drop", "not", "null"]) {
            return AlterTableActionKind::DropNotNull { column };
        }
        if c.eat_words(&["set", "default"]) {
            return AlterTableActionKind::SetDefault {
                column,
                default: c.pos..item.end,
            };
        }
        return other(c);
    }
    if c.eat_word("rename") {
        if c.eat_word("to") {
            return match c.identifier() {
                Some((to, _)) => AlterTableActionKind::RenameTable { to },
                None => other(c),
            };
        }
        if c.is_word("constraint") {
            return other(c);
        }
        c.eat_word("column");
        if let Some((from, _)) = c.identifier() {
            if c.eat_word("to") {
                if let Some((to, _)) = c.identifier() {
                    return AlterTableActionKind::RenameColumn { from, to };
                }
            }
        }
        return other(c);
    }
    if c.eat_words(&["set", "schema"]) {
        return match c.identifier() {
            Some((to, _)) => AlterTableActionKind::SetSchema { to },
            None => other(c),
        };
    }
    if c.eat_words(&["enable", "row", "level", "security"]) {
        return AlterTableActionKind::EnableRls;
    }
    if c.eat_words(&["disable", "row", "level", "security"]) {
        return AlterTableActionKind::DisableRls;
    }
    if c.eat_words(&["force", "row", "level", "security"]) {
        return AlterTableActionKind::ForceRls;
    }
    if c.eat_words(&["validate", "constraint"]) {
        if let Some((name, _)) = c.identifier() {
            return AlterTableActionKind::ValidateConstraint { name };
        }
    }
    if c.eat_words(&["detach", "partition"]) {
        c.name();
        return AlterTableActionKind::DetachPartition {
            is_concurrently: c.eat_word("concurrently"),
        };
    }
    other(c)
}

pub(super) fn alter_type(c: &mut Cursor) -> StatementKind {
    let name = c.name();
    let add_value = if c.eat_words(&["add", "value"]) {
        let insert_at = c.previous_span().end;
        let if_not_exists = c.eat_words(&["if", "not", "exists"]);
        let value = c
            .advance()
            .and_then(|t| string_literal(t, c.source))
            .unwrap_or_default();
        let has_position = c.is_word("before") || c.is_word("after");
        Some(AddEnumValue {
            value,
            if_not_exists,
            has_position,
            insert_at,
        })
    } else {
        None
    };
    let rename_to = if c.eat_words(&["rename", "to"]) {
        c.identifier().map(|(to, _)| to)
    } else {
        None
    };
    StatementKind::AlterType(AlterType {
        name,
        add_value,
        rename_to,
    })
}

pub(super) fn alter_view(c: &mut Cursor) -> StatementKind {
    c.eat_words(&["if", "exists"]);
    let name = c.name();
    let mut alter = AlterView {
        name,
        security_invoker: None,
        rename_to: None,
    };
    if c.eat_words(&["rename", "to"]) {
        alter.rename_to = c.identifier().map(|(name, _)| name);
    } else if c.eat_word("set") {
        if let Some(options) = c.skip_group() {
            alter.security_invoker = option_value(c.source, &c.tokens[options], "security_invoker");
        }
    } else if c.eat_word("reset") {
        if let Some(options) = c.skip_group() {
            if c.tokens[options]
                .iter()
                .any(|t| t.is_word(c.source, "security_invoker"))
            {
                alter.security_invoker = Some(false);
            }
        }
    }
    StatementKind::AlterView(alter)
}

pub(super) fn alter_domain(c: &mut Cursor) -> StatementKind {
    let name = c.name();
    let add_constraint = c.is_word("add").then(|| {
        let start = c.peek().map(|t| t.span()).unwrap_or_default();
        let end = c.tokens.last().map(|t| t.span()).unwrap_or(start);
        start.cover(end)
    });
    StatementKind::AlterDomain(AlterDomain {
        name,
        add_constraint,
    })
}
