//! The only module that talks to sqlparser.
//!
//! sqlparser validates each statement on its own (no error recovery is needed that way);
//! structure and positions come from the token extractor in `facts`, because sqlparser's
//! spans are often empty and it rejects statements migrations use every day (`DO` blocks,
//! publications, `COMMENT ON FUNCTION f(args)`, `ALTER SEQUENCE`).
//!
//! The statement was already lexed by `source`, so it is handed to sqlparser as tokens
//! ([`tokens`]) instead of being lexed a second time; a statement holding a token that does not
//! map exactly onto what sqlparser's own tokenizer would produce goes through that tokenizer.

#[cfg(test)]
mod corpus_tests;
mod tokens;

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use crate::source::{Span, Token};

/// sqlparser returns an error past this depth instead of overflowing the stack. Its frames
/// are large (nested derived tables cost ~200 KB per level in a debug build), so the limit
/// is what fits a 2 MB test thread in debug and a 1 MB WebAssembly stack in release with room
/// to spare (measured on PostgreSQL 15-style nesting of subqueries, CASE, NOT, calls, joins).
/// No statement of the 456-file corpus nests deeper; deeper ones go to the token fallback.
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
    fn deep_nesting_is_left_to_the_token_extractor() {
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
