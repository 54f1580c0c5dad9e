//! sqlparser's place: the only module that talks to it, and only to ask whether a statement
//! is valid PostgreSQL (and, when not, where), for the `syntax-error` rule.
//!
//! Its verdict is used only where it can be trusted: each statement is validated on its own
//! (no error recovery is needed that way), and a statement nested past the recursion limit is
//! not judged at all ([`syntax_error_at`] answers `None`) rather than judged wrongly.
//! Structure and positions come from our own parser (the rest of [`crate::parse`]), because
//! sqlparser rejects statements migrations use every day (`DO` blocks, publications, `COMMENT
//! ON FUNCTION f(args)`, `ALTER SEQUENCE`) and its spans are often empty.
//!
//! The statement was already lexed by `source`, so it is handed to sqlparser as tokens
//! ([`tokens`]) instead of being lexed a second time; a statement holding a token that does not
//! map exactly onto what sqlparser's own tokenizer would produce goes through that tokenizer.

pub(crate) mod tokens;

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::{Parser, ParserError};

use crate::source::{Span, Token};

/// sqlparser returns an error past this depth instead of overflowing the stack. Its frames
/// are large (nested derived tables cost ~200 KB per level in a debug build), so the limit
/// is what fits a 2 MB test thread in debug and a 1 MB WebAssembly stack in release with room
/// to spare (measured on PostgreSQL 15-style nesting of subqueries, CASE, NOT, calls, joins).
/// No statement of the 456-file corpus nests deeper; deeper ones are left to our parser.
const RECURSION_LIMIT: usize = 16;

/// Whether sqlparser's PostgreSQL dialect accepts the text `span` of `source` as exactly one
/// statement. `tokens` are our lexer's tokens of that text, in order; tokens outside `span` and
/// whitespace tokens are ignored, so a statement's slice of the file's tokens will do.
pub fn is_valid_sql(source: &str, span: Span, tokens: &[Token]) -> bool {
    match tokens::to_sqlparser(source, span, tokens) {
        Some(converted) => {
            let dialect = PostgreSqlDialect {};
            let mut parser = Parser::new(&dialect)
                .with_recursion_limit(RECURSION_LIMIT)
                .with_tokens_with_locations(converted);
            parser.parse_statements().is_ok_and(|s| s.len() == 1)
        }
        None => is_valid_sql_text(span.text(source)),
    }
}

/// Why sqlparser's PostgreSQL dialect rejects a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// At the token starting at this byte offset (the statement's end: at the end of input).
    At(usize),
    /// For a reason that carries no place.
    Unplaced,
}

/// Whether sqlparser's PostgreSQL dialect rejects the statement `span` of `source`, and
/// where; `None` when it accepts it or gives up for depth.
pub fn syntax_error_at(source: &str, span: Span, tokens: &[Token]) -> Option<Rejection> {
    let dialect = PostgreSqlDialect {};
    let parser = Parser::new(&dialect).with_recursion_limit(RECURSION_LIMIT);
    // Our tokens carry their byte offset as the column (line 1); sqlparser's own tokenizer
    // gives real lines and columns within the statement's text.
    let converted = tokens::to_sqlparser(source, span, tokens);
    let is_converted = converted.is_some();
    let mut parser = match converted {
        Some(converted) => parser.with_tokens_with_locations(converted),
        None => parser.try_with_sql(span.text(source)).ok()?,
    };
    let offset_of = |line: u64, column: usize| -> Option<usize> {
        if is_converted {
            return (line == 1).then(|| column - 1);
        }
        let text = span.text(source);
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize - 1)
            .map(str::len)
            .sum();
        let in_line = text
            .get(start..)?
            .char_indices()
            .nth(column - 1)
            .map_or(text.len() - start, |(i, _)| i);
        Some(span.start + start + in_line)
    };
    match parser.parse_statements() {
        Ok(statements) if statements.len() == 1 => None,
        // Two statements where one was expected.
        Ok(_) => Some(Rejection::Unplaced),
        Err(ParserError::RecursionLimitExceeded) => None,
        // `vendor/sqlparser` carries the place of an unexpected token as `line:column`; the
        // end of input has none (`0:0`); other errors carry no text at all.
        Err(ParserError::ParserError(place)) => Some(match place.split_once(':') {
            None => Rejection::Unplaced,
            Some((line, column)) => {
                let place = line.parse::<u64>().ok().zip(column.parse::<usize>().ok());
                let offset = place
                    .filter(|&(line, column)| line > 0 && column > 0)
                    .and_then(|(line, column)| offset_of(line, column));
                Rejection::At(offset.unwrap_or(span.end))
            }
        }),
        Err(ParserError::TokenizerError(_)) => Some(Rejection::Unplaced),
    }
}

/// Whether sqlparser's PostgreSQL dialect accepts `text` as exactly one statement, lexed by
/// sqlparser's own tokenizer.
pub fn is_valid_sql_text(text: &str) -> bool {
    let dialect = PostgreSqlDialect {};
    let parser = Parser::new(&dialect).with_recursion_limit(RECURSION_LIMIT);
    match parser.try_with_sql(text) {
        Ok(mut parser) => parser.parse_statements().is_ok_and(|s| s.len() == 1),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tokenize;

    fn is_valid(text: &str) -> bool {
        let from_tokens = is_valid_sql(text, Span::new(0, text.len()), &tokenize(text, 0));
        assert_eq!(from_tokens, is_valid_sql_text(text), "{text}");
        from_tokens
    }

    #[test]
    fn deep_nesting_is_left_to_our_parser() {
        for shape in [
            format!("select {}1{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("select {}1", "(".repeat(10_000)),
            format!("select {}1{}", "(select ".repeat(200), ")".repeat(200)),
            format!("select {}true", "not ".repeat(10_000)),
            format!("select {}1", "-".repeat(10_000)),
            format!(
                "select {}1{}",
                "case when x then ".repeat(2_000),
                " end".repeat(2_000)
            ),
            format!("select {}1{}", "array[".repeat(10_000), "]".repeat(10_000)),
        ] {
            is_valid(&shape);
        }
        assert!(is_valid("select ((1))"));
    }

    /// `vendor/sqlparser` writes a keyword from the keyword table instead of one `write!` each.
    #[test]
    fn keywords_display_as_their_table_text() {
        use sqlparser::keywords::{ALL_KEYWORDS, ALL_KEYWORDS_INDEX};
        for (keyword, text) in ALL_KEYWORDS_INDEX.iter().zip(ALL_KEYWORDS) {
            assert_eq!(keyword.to_string(), *text);
        }
        assert_eq!(ALL_KEYWORDS_INDEX.len(), ALL_KEYWORDS.len());
    }

    #[test]
    fn tokens_and_text_agree_on_validity() {
        for text in [
            "select 1",
            "select 1; select 2",
            "select 'it''s', E'a''b', N'x', B'101', X'ff', $$a$$, $t$b$t$",
            "select \"Quoted \"\"name\"\"\" from t",
            "select a::text, b[1], c -> 'k', d ->> 'k', e #>> '{a}' from t where f @> g",
            "select 1.5, 2., 10 from t -- trailing comment",
            "select /* a /* nested */ comment */ 1",
            "insert into t values ($1, $2)",
            "select :name",
            "select x := 1",
            "select 1e5, 0x1f, 1_000, .5",
            "select t._x from t",
            "select b\"x\"",
            "select U&'\\0041'",
            "select E'a\\nb'",
            "select a ||/ b, a !~~* b, a |&> b",
            "select a >-- comment\n b",
            "select $1abc",
            "select \u{feff}1",
            "create table t (id bigint generated always as identity primary key)",
        ] {
            is_valid(text);
        }
    }
}

#[cfg(test)]
mod syntax_tests {
    use super::*;
    use crate::source::tokenize;

    /// The word where sqlparser stops ("" for the end of input).
    fn stop(text: &str, tokens: &[Token]) -> Option<String> {
        let Rejection::At(at) = syntax_error_at(text, Span::new(0, text.len()), tokens)? else {
            return Some("?".into());
        };
        Some(
            text[at..]
                .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .next()
                .unwrap_or("")
                .to_string(),
        )
    }

    #[test]
    fn errors_point_where_postgresql_points() {
        // What PostgreSQL 15 answers `syntax error at or near …` with ("" for end of input).
        for (text, near) in [
            ("create tabel public.x (id int)", "tabel"),
            ("create table public.x (id int,)", ")"),
            ("alter table public.t add colum nickname text", "text"),
            ("create table t (id int) tablespace", ""),
            ("insert into t (a) valuez (1)", "valuez"),
            ("select 1 from", ""),
            ("create index on t (a", ""),
        ] {
            let tokens: Vec<Token> = tokenize(text, 0)
                .into_iter()
                .filter(|t| !t.is_trivia())
                .collect();
            assert_eq!(stop(text, &tokens).as_deref(), Some(near), "{text}");
            // The same through sqlparser's own tokenizer (a comment in the statement).
            let with_comment = format!("/* c */ {text}");
            let all = tokenize(&with_comment, 0);
            let significant: Vec<Token> = all.into_iter().filter(|t| !t.is_trivia()).collect();
            assert_eq!(
                stop(&with_comment, &significant).as_deref(),
                Some(near),
                "{with_comment}"
            );
        }
        for valid in [
            "create table t (id int)",
            "select 1",
            "alter table t add column c text",
        ] {
            assert_eq!(stop(valid, &tokenize(valid, 0)), None, "{valid}");
        }
    }
}
