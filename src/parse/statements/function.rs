//! `CREATE FUNCTION` / `PROCEDURE` (the body is read with it), `CREATE TRIGGER`, `ALTER
//! FUNCTION`.

use std::ops::Range;

use crate::parse::ast::*;
use crate::parse::body::FunctionBody;
use crate::parse::cursor::{split_top_level_commas, Cursor};
use crate::parse::name::{identifier, literal_inner, normalize_type, string_literal};
use crate::source::{Span, Token, TokenKind};

pub(super) fn function_def(c: &mut Cursor) -> FunctionDef {
    let args = c.skip_group().unwrap_or(c.pos..c.pos);
    let arg_types = argument_types(c.source, c.tokens, args.clone());
    let mut def = FunctionDef {
        args,
        arg_types,
        returns: None,
        is_trigger: false,
        language: None,
        is_security_definer: false,
        search_path: None,
        search_path_span: None,
        volatility: Volatility::Volatile,
        body: None,
        options_insert_at: c.tokens.last().map(|t| t.span().end).unwrap_or_default(),
    };
    let mut body_span = None;
    while let Some(token) = c.peek() {
        let source = c.source;
        if c.eat_word("returns") {
            let start = c.pos;
            if c.eat_word("table") {
                c.skip_group();
            } else {
                c.eat_words(&["setof"]);
                c.name();
                c.skip_group();
                while c.eat_punct("[") || c.eat_punct("]") {}
            }
            let text = normalize_type(&c.text_from(start));
            let unquoted = text.trim_matches('"');
            def.is_trigger = unquoted == "trigger" || unquoted == "event_trigger";
            def.returns = Some(text);
        } else if c.eat_word("language") {
            def.language = c.advance().map(|t| {
                t.text(source)
                    .trim_matches(['\'', '"'])
                    .to_ascii_lowercase()
            });
        } else if c.eat_words(&["security", "definer"])
            || c.eat_words(&["external", "security", "definer"])
        {
            def.is_security_definer = true;
        } else if c.eat_words(&["security", "invoker"]) {
            def.is_security_definer = false;
        } else if c.eat_word("immutable") {
            def.volatility = Volatility::Immutable;
        } else if c.eat_word("stable") {
            def.volatility = Volatility::Stable;
        } else if c.eat_word("set") {
            let set_span = c.previous_span();
            if c.eat_identifier("search_path") {
                let (values, end) = setting_values(c);
                def.search_path = Some(values);
                def.search_path_span = Some(set_span.cover(end));
            }
        } else if c.is_word("as") {
            if body_span.is_none() {
                def.options_insert_at = token.span().start;
            }
            c.pos += 1;
            if let Some(body) = c.peek() {
                body_span = literal_inner(body, source);
                c.pos += 1;
            }
        } else if c.is_word("begin") && c.is_word_at(1, "atomic") {
            if body_span.is_none() {
                def.options_insert_at = token.span().start;
            }
            let start = token.span().start;
            let end = c.tokens.last().map(|t| t.span().end).unwrap_or(start);
            body_span = Some(Span::new(start, end));
            c.pos = c.tokens.len();
        } else if c.eat_word("return") {
            if body_span.is_none() {
                def.options_insert_at = token.span().start;
            }
            let end = c
                .tokens
                .last()
                .map(|t| t.span().end)
                .unwrap_or(token.span().end);
            body_span = Some(Span::new(token.span().start, end));
            c.pos = c.tokens.len();
        } else {
            c.pos += 1;
        }
    }
    def.body = body_span.map(|span| FunctionBody::read(c.source, span, def.language.as_deref()));
    def
}

/// Reads `= a, b` / `TO a, b` / `FROM CURRENT` after a setting name.
pub(super) fn setting_values(c: &mut Cursor) -> (Vec<String>, Span) {
    let mut end = c.previous_span();
    // `FROM CURRENT` keeps the session's path at creation time: a non-empty, mutable one.
    if c.eat_words(&["from", "current"]) {
        return (vec!["from current".to_string()], c.previous_span());
    }
    if !(c.eat_word("to") || c.peek().is_some_and(|t| t.is_operator(c.source, "="))) {
        return (Vec::new(), end);
    }
    if c.peek().is_some_and(|t| t.is_operator(c.source, "=")) {
        c.pos += 1;
    }
    let mut values = Vec::new();
    while let Some(token) = c.peek() {
        let value = match token.kind {
            TokenKind::String => string_literal(token, c.source).unwrap_or_default(),
            TokenKind::Word | TokenKind::QuotedIdent => {
                identifier(token, c.source).unwrap_or_default()
            }
            _ => break,
        };
        end = token.span();
        c.pos += 1;
        // `''` is the empty search_path; `'a, b'` in one literal lists several.
        values.extend(
            value
                .split(',')
                .map(|v| v.trim().trim_matches('"').to_string())
                .filter(|v| !v.is_empty()),
        );
        if !c.eat_punct(",") {
            break;
        }
    }
    (values, end)
}

/// Argument types from `(a int, out b text, c int default 1)`, lower case.
pub(super) fn argument_types(source: &str, tokens: &[Token], args: Range<usize>) -> Vec<String> {
    split_top_level_commas(source, tokens, args)
        .into_iter()
        .filter_map(|item| {
            let mut words: Vec<&Token> = tokens[item].iter().collect();
            if let Some(cut) = words
                .iter()
                .position(|t| t.is_word(source, "default") || t.is_operator(source, "="))
            {
                words.truncate(cut);
            }
            let mode = ["in", "out", "inout", "variadic"];
            if words
                .first()
                .is_some_and(|t| mode.iter().any(|m| t.is_word(source, m)))
            {
                words.remove(0);
            }
            if words.first().is_some_and(|t| t.is_word(source, "out")) {
                return None;
            }
            // `name type` or just `type`: a type never is followed by a bare word that is
            // itself a type name, so drop a leading name when more than one word is left
            // and the second is not a type modifier.
            if words.len() >= 2
                && matches!(words[1].kind, TokenKind::Word | TokenKind::QuotedIdent)
                && !["varying", "precision", "with", "without", "zone"]
                    .iter()
                    .any(|m| words[1].is_word(source, m))
            {
                words.remove(0);
            }
            let first = words.first()?;
            let last = words.last()?;
            Some(normalize_type(first.span().cover(last.span()).text(source)))
        })
        .collect()
}

pub(super) fn trigger_def(c: &mut Cursor) -> TriggerDef {
    // `name {BEFORE | AFTER | INSTEAD OF} event [OR event …] ON table`
    let timing_start = c.pos;
    let mut is_before = false;
    let mut events = Vec::new();
    while let Some(word) = c.word_text() {
        if word == "on" {
            break;
        }
        if word == "before" {
            is_before = true;
        } else if ["insert", "update", "delete", "truncate"].contains(&word.as_str()) {
            events.push(word);
        }
        c.pos += 1;
    }
    c.pos = timing_start;
    let table = if c.seek_word("on") {
        c.pos += 1;
        c.name()
    } else {
        None
    };
    let function = if c.seek_word("execute") {
        c.pos += 1;
        c.eat_any_word(&["function", "procedure"]);
        c.name()
    } else {
        None
    };
    TriggerDef {
        table,
        function,
        is_before,
        events,
    }
}

pub(super) fn alter_function(c: &mut Cursor) -> StatementKind {
    c.eat_words(&["if", "exists"]);
    let name = c.name();
    let arg_types = c
        .skip_group()
        .map(|args| argument_types(c.source, c.tokens, args));
    let mut is_security_definer = None;
    let mut search_path = None;
    while !c.at_end() {
        if c.eat_words(&["security", "definer"]) {
            is_security_definer = Some(true);
        } else if c.eat_words(&["security", "invoker"]) {
            is_security_definer = Some(false);
        } else if c.is_word("set") && c.is_identifier_at(1, "search_path") {
            c.pos += 2;
            search_path = Some(setting_values(c).0);
        } else {
            c.pos += 1;
        }
    }
    StatementKind::AlterFunction(AlterFunction {
        name,
        arg_types,
        is_security_definer,
        search_path,
    })
}
