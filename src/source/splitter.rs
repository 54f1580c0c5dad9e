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

/// Splits on `;` outside `BEGIN ATOMIC … END` bodies. psql meta-command lines end the
/// statement before them and are not statements themselves.
pub fn split_statements(tokens: &[Token], source: &str) -> Vec<RawStatement> {
    let mut statements = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_significant = 0;
    let mut atomic_depth = 0usize;
    let mut previous_word_was_begin = false;

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
        if token.kind == TokenKind::MetaCommand {
            close(&mut start, index, last_significant, None);
            atomic_depth = 0;
            continue;
        }
        if token.kind == TokenKind::Punct && token.text(source) == ";" && atomic_depth == 0 {
            if start.is_some() {
                close(&mut start, index + 1, last_significant, Some(token.span()));
            }
            previous_word_was_begin = false;
            continue;
        }
        if start.is_none() {
            start = Some(index);
        }
        if token.kind == TokenKind::Word {
            let word = token.text(source);
            let opens = (previous_word_was_begin && word.eq_ignore_ascii_case("atomic"))
                || (atomic_depth > 0 && word.eq_ignore_ascii_case("case"));
            if opens {
                atomic_depth += 1;
            } else if atomic_depth > 0 && word.eq_ignore_ascii_case("end") {
                atomic_depth -= 1;
            }
            previous_word_was_begin = word.eq_ignore_ascii_case("begin");
        } else {
            previous_word_was_begin = false;
        }
        last_significant = index;
    }
    close(&mut start, tokens.len(), last_significant, None);
    statements
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
