//! Splits a token stream into statements, tolerating anything the lexer produced.

use std::ops::Range;

use super::{Span, Token, TokenKind};

/// One statement: its significant tokens and the text they cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawStatement {
    /// Indices into the tokens split, from the first significant token up to and including
    /// the terminating `;` when there is one ([`super::SourceFile`] moves them to its
    /// significant tokens, which hold no `;`).
    pub tokens: Range<usize>,
    /// From the first significant token to the end of the last one (the `;` excluded).
    pub span: Span,
    /// The `;` that ends it, if one does.
    pub terminator: Option<Span>,
}

/// Splits on `;`, as psql does: outside the `BEGIN … END` body of a
/// `CREATE [OR REPLACE] FUNCTION|PROCEDURE` (psql's heuristic, which counts `BEGIN`, `CASE`
/// inside it, and `END` at parenthesis depth 0 of such a statement only: a `begin atomic` in
/// any other statement ends nothing, and psql runs what follows its `;`). psql meta-commands
/// end the statement before them and are not statements themselves.
pub fn split_statements(tokens: &[Token], source: &str) -> Vec<RawStatement> {
    let mut statements = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_significant = 0;
    let mut head = RoutineHead::default();
    let mut begin_depth = 0usize;
    let mut paren_depth = 0usize;

    let mut close = |start: &mut Option<usize>, end: usize, last: usize, terminator| {
        if let Some(first) = start.take() {
            statements.push(RawStatement {
                tokens: first..end,
                span: Span::new(tokens[first].span().start, tokens[last].span().end),
                terminator,
            });
        }
    };

    for (index, token) in tokens.iter().enumerate() {
        if token.is_trivia() {
            continue;
        }
        let is_semicolon = token.kind == TokenKind::Punct && token.text(source) == ";";
        let ends = token.kind == TokenKind::MetaCommand || (is_semicolon && begin_depth == 0);
        if ends {
            if token.kind == TokenKind::MetaCommand {
                close(&mut start, index, last_significant, None);
            } else if start.is_some() {
                close(&mut start, index + 1, last_significant, Some(token.span()));
            }
            head = RoutineHead::default();
            begin_depth = 0;
            paren_depth = 0;
            continue;
        }
        if start.is_none() {
            start = Some(index);
        }
        match token.kind {
            TokenKind::Punct => match token.text(source) {
                "(" => paren_depth += 1,
                ")" => paren_depth = paren_depth.saturating_sub(1),
                _ => {}
            },
            TokenKind::Word => {
                let word = token.text(source);
                head.push(word);
                if head.is_routine() && paren_depth == 0 {
                    // `CASE` also ends with `END`; psql counts it inside a body only.
                    let opens = word.eq_ignore_ascii_case("begin")
                        || (word.eq_ignore_ascii_case("case") && begin_depth > 0);
                    if opens {
                        begin_depth += 1;
                    } else if word.eq_ignore_ascii_case("end") {
                        begin_depth = begin_depth.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
        last_significant = index;
    }
    close(&mut start, tokens.len(), last_significant, None);
    statements
}

/// The first words of a statement, enough to tell `CREATE [OR REPLACE] FUNCTION|PROCEDURE`.
#[derive(Default)]
struct RoutineHead {
    words: [u8; 4],
    count: usize,
}

impl RoutineHead {
    fn push(&mut self, word: &str) {
        if self.count < self.words.len() {
            // psql keeps the first letter of these five words and a blank for any other.
            let is_head_word = ["create", "function", "procedure", "or", "replace"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w));
            self.words[self.count] = if is_head_word {
                word.as_bytes()[0].to_ascii_lowercase()
            } else {
                0
            };
        }
        self.count += 1;
    }

    fn is_routine(&self) -> bool {
        matches!(
            self.words,
            [b'c', b'f' | b'p', ..] | [b'c', b'o', b'r', b'f' | b'p']
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text, 0);
        split_statements(&tokens, text)
            .into_iter()
            .map(|s| s.span.text(text))
            .collect()
    }

    #[test]
    fn splits_on_semicolons_outside_quotes() {
        assert_eq!(
            split("select ';'; -- a;\nselect $$;$$;select 1"),
            vec!["select ';'", "select $$;$$", "select 1"]
        );
    }

    #[test]
    fn keeps_begin_atomic_bodies_whole() {
        let text = "create function f() returns int begin atomic select 1; select case when true then 1 end; end; select 2;";
        assert_eq!(
            split(text),
            vec![
                "create function f() returns int begin atomic select 1; select case when true then 1 end; end",
                "select 2"
            ]
        );
    }

    #[test]
    fn begin_atomic_only_holds_a_routine_body_together() {
        assert_eq!(
            split("create table t (id int, begin atomic x int); grant all on t to anon;"),
            vec![
                "create table t (id int, begin atomic x int)",
                "grant all on t to anon"
            ]
        );
        assert_eq!(
            split("create or replace procedure p() begin atomic insert into t values (1); end; select 2;"),
            vec!["create or replace procedure p() begin atomic insert into t values (1); end", "select 2"]
        );
    }

    #[test]
    fn meta_commands_end_statements() {
        assert_eq!(
            split("select 1\n\\echo hi\nselect 2;"),
            vec!["select 1", "select 2"]
        );
    }

    #[test]
    fn transaction_begin_is_its_own_statement() {
        assert_eq!(
            split("begin; select 1; commit;"),
            vec!["begin", "select 1", "commit"]
        );
    }
}
