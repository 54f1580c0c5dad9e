//! `GRANT` / `REVOKE`, and `ALTER DEFAULT PRIVILEGES`.

use crate::parse::ast::*;
use crate::parse::cursor::Cursor;
use crate::parse::name::identifier;

use super::*;

pub(super) fn grant(c: &mut Cursor, is_default_privileges: bool) -> StatementKind {
    let mut default_schemas = Vec::new();
    let mut default_for_roles = Vec::new();
    if is_default_privileges {
        // `ALTER DEFAULT PRIVILEGES [FOR ROLE r, …] [IN SCHEMA s, …] GRANT|REVOKE …`
        while !c.at_end() && !c.is_word("grant") && !c.is_word("revoke") {
            let list = if c.eat_words(&["for", "role"]) || c.eat_words(&["for", "user"]) {
                &mut default_for_roles
            } else if c.eat_words(&["in", "schema"]) {
                &mut default_schemas
            } else {
                c.pos += 1;
                continue;
            };
            while let Some((name, _)) = c.identifier() {
                list.push(name);
                if !c.eat_punct(",") {
                    break;
                }
            }
        }
    }
    let is_revoke = c.is_word("revoke");
    c.pos += 1;
    c.eat_words(&["grant", "option", "for"]);
    let mut privileges = Vec::new();
    let mut privilege_columns = Vec::new();
    while let Some(word) = c.word_text() {
        if word == "on" || word == "to" || word == "from" {
            break;
        }
        c.pos += 1;
        let columns = c
            .skip_group()
            .map(|list| identifier_list(c.source, c.tokens, list))
            .unwrap_or_default();
        if word != "privileges" {
            privileges.push(word);
            privilege_columns.push(columns);
        } else if let Some(last) = privilege_columns.last_mut() {
            // `ALL PRIVILEGES (a, b)`
            *last = columns;
        }
        c.eat_punct(",");
    }
    let mut object_kind = GrantObjectKind::Table;
    let mut objects = Vec::new();
    let mut object_arg_types = Vec::new();
    if c.eat_word("on") {
        object_kind = if c.eat_words(&["all", "tables", "in", "schema"]) {
            GrantObjectKind::AllTablesInSchema
        } else if c.eat_words(&["all", "functions", "in", "schema"])
            || c.eat_words(&["all", "routines", "in", "schema"])
            || c.eat_words(&["all", "procedures", "in", "schema"])
        {
            GrantObjectKind::AllFunctionsInSchema
        } else if c.eat_words(&["all", "sequences", "in", "schema"]) {
            GrantObjectKind::AllSequencesInSchema
        } else if c.eat_word("table") {
            GrantObjectKind::Table
        } else if c.eat_word("function") || c.eat_word("routine") {
            GrantObjectKind::Function
        } else if c.eat_word("procedure") {
            GrantObjectKind::Procedure
        } else if c.eat_word("sequence") {
            GrantObjectKind::Sequence
        } else if c.eat_word("schema") {
            GrantObjectKind::Schema
        } else if c.eat_word("tables") {
            GrantObjectKind::FutureTables
        } else if c.eat_any_word(&["functions", "routines"]).is_some() {
            GrantObjectKind::FutureFunctions
        } else if c.eat_any_word(&["sequences", "types", "schemas"]).is_some() {
            GrantObjectKind::FutureOther
        } else if c
            .eat_any_word(&[
                "database",
                "language",
                "type",
                "domain",
                "foreign",
                "large",
                "tablespace",
                "parameter",
            ])
            .is_some()
        {
            GrantObjectKind::Other
        } else {
            GrantObjectKind::Table
        };
        // `ALTER DEFAULT PRIVILEGES … ON TABLES` names no objects.
        let names_objects = !matches!(
            object_kind,
            GrantObjectKind::FutureTables
                | GrantObjectKind::FutureFunctions
                | GrantObjectKind::FutureOther
        );
        while let Some(name) = names_objects.then(|| c.name()).flatten() {
            objects.push(name);
            object_arg_types.push(
                c.skip_group()
                    .map(|args| argument_types(c.source, c.tokens, args)),
            );
            if !c.eat_punct(",") {
                break;
            }
        }
    }
    let mut roles = Vec::new();
    let mut role_spans = Vec::new();
    if c.eat_word("to") || c.eat_word("from") {
        while let Some(token) = c.peek() {
            c.eat_word("group");
            let Some(token) = c.peek().or(Some(token)) else {
                break;
            };
            if let Some(role) = identifier(token, c.source) {
                if role == "with" || role == "granted" || role == "cascade" || role == "restrict" {
                    break;
                }
                roles.push(role);
                role_spans.push(token.span());
            }
            c.pos += 1;
            if !c.eat_punct(",") {
                break;
            }
        }
    }
    StatementKind::Grant(Grant {
        is_revoke,
        privileges,
        privilege_columns,
        object_kind,
        objects,
        object_arg_types,
        roles,
        is_default_privileges,
        default_schemas,
        default_for_roles,
        role_spans,
    })
}
