//! `CREATE POLICY` and `ALTER POLICY`: roles, command, and the `USING` / `WITH CHECK` clauses
//! parsed as expressions.

use crate::parse::ast::*;
use crate::parse::cursor::Cursor;
use crate::parse::expr::parse_expr;
use crate::parse::name::identifier;

pub(super) fn policy_def(c: &mut Cursor) -> PolicyDef {
    let mut def = PolicyDef {
        table: None,
        is_permissive: true,
        command: PolicyCommand::All,
        roles: Vec::new(),
        has_to_clause: false,
        using: None,
        with_check: None,
        using_keyword: None,
        with_check_keyword: None,
    };
    if c.eat_word("on") {
        def.table = c.name();
    }
    while !c.at_end() {
        if c.eat_word("as") {
            if c.eat_word("restrictive") {
                def.is_permissive = false;
            } else {
                c.eat_word("permissive");
            }
        } else if c.eat_word("for") {
            def.command = match c.word_text().as_deref() {
                Some("select") => PolicyCommand::Select,
                Some("insert") => PolicyCommand::Insert,
                Some("update") => PolicyCommand::Update,
                Some("delete") => PolicyCommand::Delete,
                _ => PolicyCommand::All,
            };
            c.pos += 1;
        } else if c.eat_word("to") {
            def.has_to_clause = true;
            while let Some(token) = c.peek() {
                if let Some(role) = identifier(token, c.source) {
                    if role == "using" || role == "with" {
                        break;
                    }
                    def.roles.push(role);
                }
                c.pos += 1;
                if !c.eat_punct(",") {
                    break;
                }
            }
        } else if c.eat_word("using") {
            def.using_keyword = Some(c.previous_span());
            def.using = policy_clause(c);
        } else if c.eat_words(&["with", "check"]) {
            def.with_check_keyword = Some(c.tokens[c.pos - 2].span().cover(c.previous_span()));
            def.with_check = policy_clause(c);
        } else {
            c.pos += 1;
        }
    }
    def
}

pub(super) fn alter_policy(c: &mut Cursor) -> StatementKind {
    c.eat_words(&["if", "exists"]);
    let Some((name, name_span)) = c.identifier() else {
        return StatementKind::AlterOther {
            object: ObjectKind::Policy,
            name: None,
        };
    };
    let table = if c.eat_word("on") { c.name() } else { None };
    let mut alter = AlterPolicy {
        name,
        name_span,
        table,
        rename_to: None,
        roles: None,
        using: None,
        with_check: None,
        using_keyword: None,
        with_check_keyword: None,
    };
    while !c.at_end() {
        if c.eat_words(&["rename", "to"]) {
            alter.rename_to = c.identifier().map(|(name, _)| name);
        } else if c.eat_word("to") {
            alter.roles = Some(role_list(c));
        } else if c.eat_word("using") {
            alter.using_keyword = Some(c.previous_span());
            alter.using = policy_clause(c);
        } else if c.eat_words(&["with", "check"]) {
            alter.with_check_keyword = Some(c.tokens[c.pos - 2].span().cover(c.previous_span()));
            alter.with_check = policy_clause(c);
        } else {
            c.pos += 1;
        }
    }
    StatementKind::AlterPolicy(Box::new(alter))
}

/// The parenthesised clause at the cursor, parsed.
pub(super) fn policy_clause(c: &mut Cursor) -> Option<PolicyClause> {
    let tokens = c.skip_group()?;
    let expr = parse_expr(c.source, &c.tokens[tokens.clone()]);
    Some(PolicyClause { tokens, expr })
}

/// Reads `role, role …` up to `USING`/`WITH` or the end, lower case.
pub(super) fn role_list(c: &mut Cursor) -> Vec<String> {
    let mut roles = Vec::new();
    while let Some(token) = c.peek() {
        if let Some(role) = identifier(token, c.source) {
            if role == "using" || role == "with" {
                break;
            }
            roles.push(role);
        }
        c.pos += 1;
        if !c.eat_punct(",") {
            break;
        }
    }
    roles
}
